"""``macpt export KIND …``: write a record to a file the user names.

``export`` is a group: each kind of export is a subcommand with its own
arguments. A later export (notifications, invitations, the census) adds a
function ``add(kinds)`` in its own module and appends it to EXPORT_KINDS; it
uses :func:`add_export_arguments` so every export takes the same --workspace,
--passphrase-stdin and --out.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from typing import Any

from app.cli import common


def add_export_arguments(parser: argparse.ArgumentParser, *, example: str) -> None:
    """The arguments every export shares: the workspace, the passphrase, --out."""
    common.add_workspace_arguments(parser)
    parser.add_argument(
        "--out",
        type=common.workspace_path,
        required=True,
        metavar="FILE",
        help=f"the file to write, for example {example}; its folder must exist",
    )


def _add_minutes(kinds: Any) -> None:
    minutes = kinds.add_parser(
        "minutes",
        help="the minutes of a meeting as a Word document",
        description="Write the minutes of a meeting as a Word document (.docx). "
        "Until the chair signs them off they are marked DRAFT.",
    )
    minutes.add_argument("meeting_id", metavar="MEETING_ID", help="from `macpt meetings`")
    add_export_arguments(minutes, example="minutes.docx")
    minutes.add_argument(
        "--family-copy",
        "--without-restricted",
        dest="family_copy",
        action="store_true",
        help="the family copy: everything restricted is taken out (conference minutes "
        "only; strategy meeting and review minutes are for professionals)",
    )
    minutes.add_argument(
        "--for",
        dest="recipient",
        default="",
        metavar="NAME",
        help="who the copy is for: an agency, a family member or a person; "
        "it goes on the minutes' distribution list",
    )
    minutes.set_defaults(handler=_export_minutes)


def _export_minutes(args: argparse.Namespace) -> int:
    from app.exporters.docx_base import check_target
    from app.exporters.minutes import export_minutes
    from app.services.conduct.distribution import find_recipient

    # A folder that cannot be written is reported before the passphrase is asked for.
    target = check_target(args.out)
    with common.unlock(args) as workspace:
        recipient = find_recipient(workspace, meeting_id=args.meeting_id, name=args.recipient)
        written = export_minutes(
            workspace,
            meeting_id=args.meeting_id,
            target=target,
            family_copy=args.family_copy,
            recipient=recipient,
        )
    state = "draft minutes" if written.draft else f"minutes (version {written.version})"
    if args.family_copy:
        state = f"family copy of the {state}"
    common.say(f"Wrote the {state} to {written.path}.")
    return common.EXIT_OK


# Each function adds one `macpt export KIND` subcommand.
EXPORT_KINDS: list[Callable[[Any], None]] = [_add_minutes]


def register(commands: Any) -> None:
    export = commands.add_parser("export", help="write minutes and other records to files you name")
    kinds = export.add_subparsers(dest="kind", metavar="KIND", required=True)
    for add in EXPORT_KINDS:
        add(kinds)
