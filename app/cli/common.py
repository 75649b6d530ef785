"""What every ``macpt`` command shares: paths, passphrases, output and errors."""

from __future__ import annotations

import argparse
import datetime as dt
import getpass
import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from app import paths, validation
from app.errors import MacptError

if TYPE_CHECKING:
    from app.storage.workspace import Workspace

EXIT_OK, EXIT_FAILURE, EXIT_USAGE = 0, 1, 2


class UsageError(MacptError):
    """Wrong use of the command line (exit status 2)."""


def workspace_path(text: str) -> Path:
    return Path(text).expanduser()


def iso_date(text: str) -> dt.date:
    try:
        day = dt.date.fromisoformat(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(
            f"{text!r} is not a date; write it as YYYY-MM-DD, for example 2026-12-14"
        ) from exc
    if not validation.FIRST_YEAR <= day.year <= validation.LAST_YEAR:
        raise argparse.ArgumentTypeError(
            f"{text!r} is outside the years {validation.FIRST_YEAR} to {validation.LAST_YEAR}"
        )
    return day


def add_workspace_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--workspace",
        type=workspace_path,
        default=None,
        metavar="PATH",
        help="the workspace file (default: the one in your user data folder)",
    )
    parser.add_argument(
        "--passphrase-stdin",
        action="store_true",
        help="read the passphrase from the first line of standard input",
    )


def resolve_workspace(args: argparse.Namespace) -> Path:
    return args.workspace or paths.default_workspace()


def _stdin_lines() -> list[str]:
    from app.storage import secrets

    raw = sys.stdin.readlines()
    lines = [line.rstrip("\r\n") for line in raw]
    for line in raw:
        if line.endswith("\n"):  # rstrip made a new string; this one held a passphrase
            secrets.wipe_immutable(line)
    return lines


def read_passphrases(args: argparse.Namespace, prompts: list[str]) -> list[str]:
    """One passphrase per prompt: from standard input lines, or asked for in turn."""
    if args.passphrase_stdin:
        lines = _stdin_lines()
        if len(lines) < len(prompts) or any(not lines[i] for i in range(len(prompts))):
            raise MacptError(
                f"Standard input must hold {len(prompts)} passphrase line(s): "
                + "; ".join(prompts)
                + "."
            )
        return lines[: len(prompts)]
    if not sys.stdin.isatty():
        raise MacptError(
            "No terminal to ask for the passphrase. Use --passphrase-stdin and pipe it in."
        )
    return [getpass.getpass(f"{prompt}: ") for prompt in prompts]


def unlock(args: argparse.Namespace, *, upgrade: bool = True) -> Workspace:
    from app.services.workspace import open_workspace
    from app.storage import secrets

    (passphrase,) = read_passphrases(args, ["Passphrase"])
    try:
        workspace = open_workspace(resolve_workspace(args), passphrase, upgrade=upgrade)
    finally:
        secrets.wipe_immutable(passphrase)  # read here, used once
    workspace.actor = f"macpt ({getpass.getuser()})"
    return workspace


def print_json(value: Any) -> None:
    json.dump(value, sys.stdout, indent=2, ensure_ascii=False, default=str)
    sys.stdout.write("\n")


def say(message: str) -> None:
    print(message)


def run_handler(args: argparse.Namespace) -> int:
    handler: Callable[[argparse.Namespace], int] | None = getattr(args, "handler", None)
    if handler is None:
        from app.cli import build_parser

        build_parser().print_usage(sys.stderr)
        return EXIT_USAGE
    paths.private_umask()
    try:
        return handler(args)
    except UsageError as exc:
        print(f"macpt: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except MacptError as exc:
        print(f"macpt: {exc}", file=sys.stderr)
        return EXIT_FAILURE
    except BrokenPipeError:
        return EXIT_OK  # the reader (``head``, say) stopped listening
    except KeyboardInterrupt:
        print("macpt: stopped; nothing half-written was kept.", file=sys.stderr)
        return 130
    except Exception as exc:
        # No traceback: it could carry personal data from the workspace.
        print(
            f"macpt: an unexpected error stopped the command ({type(exc).__name__}). "
            "Nothing half-written was kept. Please report this to your IT service desk.",
            file=sys.stderr,
        )
        return EXIT_FAILURE
