"""``macpt looked-after show|record --child REF``: a looked-after child's care planning.

The child is named by the local authority reference (``--child``; the child's
newest case) or the case by its id (``--case``). ``record`` changes only what its
options give and keeps the rest; ``none`` clears a value. ``--review DATE`` gives
a looked-after review date and may be given more than once (all the dates given
replace those recorded); ``--conference DATE`` with ``show`` says how a
conference on that date sits beside the next looked-after review.
"""

from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
from typing import Any

from app.cli import common

CLEAR = "none"
ANSWERS = {"yes": True, "no": False}
PLACEMENTS = (
    "foster-family-or-friends",
    "foster-other",
    "with-parents",
    "placed-for-adoption",
    "childrens-home",
    "secure-childrens-home",
    "supported-accommodation",
    "independent-living",
    "residential-school",
    "health-or-family-centre",
    "youth-custody",
    "other",
)


def _date(text: str) -> dt.date | str:
    return CLEAR if text == CLEAR else common.iso_date(text)


def _which(parser: argparse.ArgumentParser) -> None:
    which = parser.add_mutually_exclusive_group(required=True)
    which.add_argument("--child", metavar="REF", help="the child's local authority reference")
    which.add_argument("--case", metavar="CASE_ID", help="from `macpt cases`")


def register(commands: Any) -> None:
    parser = commands.add_parser(
        "looked-after",
        help="show or record a looked-after child's IRO, placement and reviews",
        description=__doc__,
    )
    actions = parser.add_subparsers(dest="action", metavar="ACTION", required=True)
    show = actions.add_parser("show", help="show what the case records about the child's care")
    _which(show)
    show.add_argument(
        "--conference", type=common.iso_date, metavar="DATE", help="a conference date to align"
    )
    show.add_argument("--json", action="store_true", help="print JSON")
    common.add_workspace_arguments(show)
    show.set_defaults(handler=_show)

    record = actions.add_parser("record", help="record or change the child's care planning")
    _which(record)
    record.add_argument("--looked-after", choices=sorted(ANSWERS), help="is the child looked after")
    record.add_argument("--kinship-care", choices=sorted(ANSWERS), help="is it kinship care")
    record.add_argument("--iro", metavar="NAME", help="the IRO's name")
    record.add_argument("--iro-contact", metavar="TEXT", help="how to reach the IRO")
    record.add_argument("--placement", choices=[*PLACEMENTS, CLEAR], help="the placement type")
    record.add_argument("--since", type=_date, metavar="DATE", help="looked after since")
    record.add_argument(
        "--review", type=_date, action="append", default=None, metavar="DATE",
        help=f"a looked-after review date (repeat for each; {CLEAR} clears them)",
    )  # fmt: skip
    common.add_workspace_arguments(record)
    record.set_defaults(handler=_record)


def _case_id(workspace: Any, args: argparse.Namespace) -> str:
    from app.services.consultations import case_for_reference

    if args.case:
        return str(args.case)
    found = case_for_reference(workspace, la_child_ref=args.child)
    if found is None:
        raise common.UsageError(f"No child has the reference {args.child!r}.")
    return found


def _describe(record: Any, alignment: Any) -> list[str]:
    from app.workdays import long_date

    def day(value: dt.date | None) -> str:
        return long_date(value) if value else "not recorded"

    placement = record.placement_type
    lines = [
        f"Looked after:    {'yes' if record.looked_after else 'no'}",
        f"Kinship care:    {'yes' if record.kinship_care else 'no'}",
    ]
    if record.looked_after:
        lines += [
            f"Since:           {day(record.looked_after_since)}",
            f"IRO:             {record.iro_name or 'not recorded'}",
            f"IRO's contact:   {record.iro_contact or 'not recorded'}",
            "Placement:       "
            + (f"{placement.label} (SSDA903 {placement.ssda903_codes})" if placement else "not recorded"),
            "Reviews:         "
            + (", ".join(long_date(d) for d in record.review_dates) or "none recorded"),
        ]  # fmt: skip
    if alignment is not None:
        lines.append(alignment.message)
    return lines


def _show(args: argparse.Namespace) -> int:
    from app.services.looked_after import conference_alignment, looked_after

    with common.unlock(args) as workspace:
        case_id = _case_id(workspace, args)
        record = looked_after(workspace, case_id=case_id)
        alignment = None
        if args.conference is not None:
            alignment = conference_alignment(
                workspace, case_id=case_id, conference_on=args.conference
            )
    if args.json:
        found = record.as_json()
        if alignment is not None:
            found["alignment"] = {
                "conference_on": alignment.conference_on.isoformat(),
                "review_on": alignment.review_on.isoformat(),
                "working_days_apart": alignment.working_days_apart,
                "aligned": alignment.aligned,
            }
        common.print_json(found)
    else:
        common.say("\n".join(_describe(record, alignment)))
    return common.EXIT_OK


def _given(args: argparse.Namespace) -> dict[str, Any]:
    given: dict[str, Any] = {}
    if args.looked_after is not None:
        given["looked_after"] = ANSWERS[args.looked_after]
    if args.kinship_care is not None:
        given["kinship_care"] = ANSWERS[args.kinship_care]
    if args.iro is not None:
        given["iro_name"] = args.iro
    if args.iro_contact is not None:
        given["iro_contact"] = args.iro_contact
    if args.placement is not None:
        given["placement_type"] = None if args.placement == CLEAR else args.placement
    if args.since is not None:
        given["looked_after_since"] = None if args.since == CLEAR else args.since
    if args.review is not None:
        given["review_dates"] = [d for d in args.review if d != CLEAR]
    return given


def _record(args: argparse.Namespace) -> int:
    from app.services.looked_after import looked_after, record_looked_after

    given = _given(args)
    with common.unlock(args) as workspace:
        case_id = _case_id(workspace, args)
        values = {**dataclasses.asdict(looked_after(workspace, case_id=case_id)), **given}
        record = record_looked_after(workspace, **values)
    common.say("\n".join(_describe(record, None)))
    return common.EXIT_OK
