"""Workspace commands: init, demo, verify, meetings, change-passphrase, backup."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from app.cli import common
from app.errors import MacptError


def register(commands: Any) -> None:
    init = commands.add_parser("init", help="create a new, empty workspace")
    common.add_workspace_arguments(init)
    init.set_defaults(handler=_init)

    demo = commands.add_parser("demo", help="fill a workspace with fictional demo data")
    common.add_workspace_arguments(demo)
    demo.add_argument(
        "--children",
        type=int,
        default=None,
        metavar="N",
        help="add N more fictional children with whole journeys (a progress bar goes to stderr)",
    )
    demo.add_argument(
        "--jobs",
        type=int,
        default=None,
        metavar="J",
        help="with --children, how many processes build them (default: one per core)",
    )
    demo.set_defaults(handler=_demo)

    verify = commands.add_parser("verify", help="check the workspace's integrity and audit log")
    common.add_workspace_arguments(verify)
    verify.add_argument(
        "--accept-restored-copy",
        action="store_true",
        help="after putting back a backup on purpose: make its audit log the one to check against",
    )
    verify.set_defaults(handler=_verify)

    meetings = commands.add_parser("meetings", help="list meetings")
    common.add_workspace_arguments(meetings)
    meetings.add_argument("--json", action="store_true", help="print JSON")
    meetings.set_defaults(handler=_meetings)

    change = commands.add_parser(
        "change-passphrase",
        help="change the passphrase (with --passphrase-stdin: old on line 1, new on line 2)",
    )
    common.add_workspace_arguments(change)
    change.set_defaults(handler=_change_passphrase)

    backup = commands.add_parser("backup", help="write an encrypted, consistent copy")
    common.add_workspace_arguments(backup)
    backup.add_argument("--out", type=common.workspace_path, required=True, metavar="FILE")
    backup.set_defaults(handler=_backup)


def _init(args: argparse.Namespace) -> int:
    from app.services.passphrase import POLICY_TEXT, check_new_passphrase
    from app.services.workspace import create_workspace

    path = common.resolve_workspace(args)
    if args.passphrase_stdin:
        (passphrase,) = common.read_passphrases(args, ["Passphrase"])
        confirmation = passphrase
    else:
        print(POLICY_TEXT)
        passphrase, confirmation = common.read_passphrases(
            args, ["New passphrase", "Type it again"]
        )
    check_new_passphrase(passphrase, confirmation)
    create_workspace(path, passphrase).close()
    common.say(f"Created a new workspace at {path}.")
    return common.EXIT_OK


def _progress(done: int, total: int) -> None:
    width = 40
    filled = width * done // max(total, 1)
    end = "\n" if done == total else ""
    print(
        f"\r[{'#' * filled}{'.' * (width - filled)}] {done}/{total} children",
        end=end,
        file=sys.stderr,
        flush=True,
    )


def _demo(args: argparse.Namespace) -> int:
    from app.services.demo import add_demo_children, add_demo_data
    from app.services.demo.cores import default_jobs
    from app.storage import cipher

    if args.children is not None and args.children < 1:
        raise common.UsageError("--children needs a number of children, 1 or more.")
    if args.jobs is not None and (args.jobs < 1 or args.children is None):
        raise common.UsageError("--jobs goes with --children, and needs a number, 1 or more.")
    # Demo data is fictional and goes only into a workspace with no real children
    # (the services refuse any other), so SQLCipher's costly memory locking is left off.
    cipher.fictional_data_only()
    with common.unlock(args) as workspace:
        if args.children is not None:
            counts = add_demo_children(
                workspace,
                count=args.children,
                progress=_progress,
                jobs=args.jobs or default_jobs(),
            )
        else:
            counts = add_demo_data(workspace)
    common.say(
        f"Added demo data: {counts['children']} fictional children and {counts['meetings']} meetings."
    )
    return common.EXIT_OK


def _verify(args: argparse.Namespace) -> int:
    with common.unlock(args, upgrade=False) as workspace:
        if args.accept_restored_copy:
            workspace.update_anchor(accept=True)
        problems = workspace.integrity_problems()
    if problems:
        more = f" (and {len(problems) - 5} more)" if len(problems) > 5 else ""
        advice = "Restore it from a backup and contact your IT service desk."
        if all("computer" in problem for problem in problems):
            advice = (
                "If you put back a backup on purpose, run macpt verify with "
                "--accept-restored-copy; otherwise contact your IT service desk."
            )
        raise MacptError(
            "The workspace failed its checks: " + "; ".join(problems[:5]) + f"{more}. {advice}"
        )
    common.say("The workspace is intact: encryption, structure and audit log all check out.")
    return common.EXIT_OK


def _meetings(args: argparse.Namespace) -> int:
    from app.services.meeting_list import list_meetings

    with common.unlock(args) as workspace:
        meetings = list_meetings(workspace)
    if args.json:
        common.print_json([m.as_json() for m in meetings])
        return common.EXIT_OK
    if not meetings:
        common.say("No meetings yet.")
    for m in meetings:
        common.say(
            f"{m.scheduled_date.isoformat()}  {m.meeting_type.value:<8} {m.status.value:<11} "
            f"{m.la_child_ref:<12} {m.id}"
        )
    return common.EXIT_OK


def _change_passphrase(args: argparse.Namespace) -> int:
    from app.services.passphrase import check_new_passphrase
    from app.services.workspace import change_passphrase

    if args.passphrase_stdin:
        old, new = common.read_passphrases(args, ["Current passphrase", "New passphrase"])
        confirmation = new
    else:
        old, new, confirmation = common.read_passphrases(
            args, ["Current passphrase", "New passphrase", "Type the new one again"]
        )
    check_new_passphrase(new, confirmation)
    change_passphrase(common.resolve_workspace(args), old, new)
    common.say("The passphrase has been changed. Use the new one from now on.")
    return common.EXIT_OK


def _backup(args: argparse.Namespace) -> int:
    with common.unlock(args, upgrade=False) as workspace:
        workspace.backup_to(args.out)
    common.say(f"Wrote an encrypted backup to {args.out}. It opens with the same passphrase.")
    return common.EXIT_OK
