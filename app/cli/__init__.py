"""``macpt``: the same work as the app, headless, for administrators and tests.

Exit status: 0 on success; 1 on failure with one line on stderr; 2 on wrong usage.
Passphrases come from ``--passphrase-stdin`` (standard input) or a prompt, never
from an argument or an environment variable.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence

from app import APP_NAME, __version__

# Each module adds its subcommands with register(commands); a later feature adds
# its module's name here. The modules are imported only to build the parser, and
# each imports what its commands need (services, exporters, Qt) inside the command
# that needs it, so `macpt --version` and every command load no more than they use.
COMMAND_MODULES = [
    "workspace_commands",
    "case_commands",
    "meeting_commands",
    "export_commands",
    "report_commands",
    "register_commands",
    "journey_commands",
    "settings_commands",
    "preproceedings_commands",
    "consultation_commands",
    "chronology_commands",
    "s47_commands",
    "risk_commands",
    "legal_decision_commands",
    "looked_after_commands",
    "arrival_commands",
    "context_commands",
]


def build_parser() -> argparse.ArgumentParser:
    from app.cli import common

    parser = argparse.ArgumentParser(
        prog="macpt",
        description=f"{APP_NAME}: chair MACPT meetings and export their records.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    gui = commands.add_parser("gui", help="start the desktop application (the default)")
    gui.add_argument("--workspace", type=common.workspace_path, default=None, metavar="PATH")
    gui.set_defaults(handler=_run_gui)
    # All imported before any registers: some add kinds to `macpt export` as they load.
    modules = [importlib.import_module(f"app.cli.{name}") for name in COMMAND_MODULES]
    for module in modules:
        module.register(commands)
    return parser


def _run_gui(args: argparse.Namespace) -> int:
    from app.ui.application import run

    return run(workspace=args.workspace)


def main(argv: Sequence[str] | None = None) -> int:
    import multiprocessing

    from app.hardening import harden

    # In the PyInstaller bundle, a process that `macpt demo --children` starts runs
    # this executable again: this hands it to multiprocessing (elsewhere a no-op).
    multiprocessing.freeze_support()
    harden()  # before any passphrase is read or workspace opened
    argv = list(sys.argv[1:] if argv is None else argv)
    if not argv:
        argv = ["gui"]
    if argv == ["--version"]:
        # Answered before any command is loaded: installers and scripts ask it often.
        print(f"macpt {__version__}")
        return 0
    from app.cli import common

    args = build_parser().parse_args(argv)
    return common.run_handler(args)


if __name__ == "__main__":
    sys.exit(main())
