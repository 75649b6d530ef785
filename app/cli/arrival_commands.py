"""``macpt birth`` and ``macpt transfer-in``: how a child arrived other than by a referral.

``macpt birth --case ID --born DATE [--first-name NAME] [--last-name NAME]``
records that a baby first known unborn has been born: the same child record
carries on, under the name when one is given. ``macpt transfer-in --case ID
--received DATE --from AREA`` records (or corrects) the notification that a
child on a plan moved in from another area. Each says when the conference
it starts is due. Dates are YYYY-MM-DD; the checks are the app's.
"""

from __future__ import annotations

import argparse
from typing import Any

from app.cli import common


def register(commands: Any) -> None:
    birth = commands.add_parser(
        "birth", help="record the birth of a child first known unborn", description=__doc__
    )
    birth.add_argument("--case", required=True, metavar="CASE_ID", help="from `macpt cases`")
    birth.add_argument("--born", required=True, type=common.iso_date, metavar="DATE")
    birth.add_argument("--first-name", default="", metavar="NAME", help="the child's first name")
    birth.add_argument("--last-name", default="", metavar="NAME", help="the child's last name")
    common.add_workspace_arguments(birth)
    birth.set_defaults(handler=_birth)
    moved = commands.add_parser(
        "transfer-in",
        help="record that a child on a plan moved in from another area",
        description=__doc__,
    )
    moved.add_argument("--case", required=True, metavar="CASE_ID", help="from `macpt cases`")
    moved.add_argument(
        "--received",
        required=True,
        type=common.iso_date,
        metavar="DATE",
        help="when the other area's notification was received",
    )
    moved.add_argument(
        "--from", dest="from_area", required=True, metavar="AREA", help="the other area's name"
    )
    moved.add_argument("--notes", default="", help="anything else to record")
    common.add_workspace_arguments(moved)
    moved.set_defaults(handler=_transfer_in)


def _due(workspace: Any, case_id: str, kind: str) -> str:
    from app.services.clocks import journey
    from app.workdays import long_date
    from app.workflow.clocks import ClockKind

    found = journey(workspace, case_id=case_id).clock(ClockKind(kind))
    return long_date(found.due) if found is not None else ""


def _birth(args: argparse.Namespace) -> int:
    from app.services.arrivals import record_birth
    from app.workdays import long_date

    with common.unlock(args) as workspace:
        row = record_birth(
            workspace,
            case_id=args.case,
            born_on=args.born,
            first_name=args.first_name,
            last_name=args.last_name,
        )
        due = _due(workspace, args.case, "birth-review")
    common.say(f"Birth recorded: born on {long_date(row.born_on)}.")
    if due:
        common.say(f"The first review conference after the birth is due by {due}.")
    return common.EXIT_OK


def _transfer_in(args: argparse.Namespace) -> int:
    from app.services.arrivals import record_transfer_in
    from app.workdays import long_date

    with common.unlock(args) as workspace:
        row = record_transfer_in(
            workspace,
            case_id=args.case,
            received_on=args.received,
            from_area=args.from_area,
            notes=args.notes,
        )
        due = _due(workspace, args.case, "transfer-in")
    common.say(
        f"Transfer in from {row.from_area} recorded: notified on {long_date(row.received_on)}."
    )
    if due:
        common.say(f"The transfer-in conference is due by {due}.")
    return common.EXIT_OK
