"""``macpt s47 show|record --case ID``: the course of a case's section 47 enquiry.

The enquiry is the case's latest: the one the latest held strategy meeting's
decision started. ``record`` changes only what its options give and keeps the
rest; ``none`` clears a value. Dates are YYYY-MM-DD; the checks are the app's.
``--interview DATE:WHO`` (``DATE:WHO:abe`` for an ABE interview) adds an
interview and may be given more than once.
"""

from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
from typing import Any

from app.cli import common

CLEAR = "none"
ANSWERS = {"yes": True, "no": False, CLEAR: None}
AGENCIES = ("joint", "single")
SEEN_ALONE = ("yes", "no", "not-applicable")
OUTCOMES = ("continuing-risk", "not-at-continuing-risk", "not-substantiated")
NOT_NEEDED = "not-needed"


def _date(text: str) -> dt.date | str:
    return CLEAR if text == CLEAR else common.iso_date(text)


def _medical(text: str) -> dt.date | str:
    return NOT_NEEDED if text == NOT_NEEDED else _date(text)


def _interview(text: str) -> tuple[dt.date, str, bool]:
    day, _, rest = text.partition(":")
    who, _, abe = rest.rpartition(":") if rest.endswith(":abe") else (rest, "", "")
    if not who.strip():
        raise argparse.ArgumentTypeError(f"{text!r} is not DATE:WHO or DATE:WHO:abe")
    return common.iso_date(day), who.strip(), abe == "abe"


def register(commands: Any) -> None:
    parser = commands.add_parser(
        "s47", help="show or record the course of a case's section 47 enquiry", description=__doc__
    )
    actions = parser.add_subparsers(dest="action", metavar="ACTION", required=True)
    show = actions.add_parser("show", help="show the course of the case's latest enquiry")
    show.add_argument("--case", required=True, metavar="CASE_ID", help="from `macpt cases`")
    show.add_argument("--json", action="store_true", help="print JSON")
    common.add_workspace_arguments(show)
    show.set_defaults(handler=_show)

    record = actions.add_parser("record", help="record or change the enquiry's course")
    record.add_argument("--case", required=True, metavar="CASE_ID", help="from `macpt cases`")
    record.add_argument("--agencies", choices=[*AGENCIES, CLEAR], help="joint or single agency")
    record.add_argument("--visited", type=_date, metavar="DATE", help="the date of the visit")
    record.add_argument("--child-seen", choices=sorted(ANSWERS), help="was the child seen")
    record.add_argument("--seen-alone", choices=[*SEEN_ALONE, CLEAR], help="seen alone")
    record.add_argument("--not-seen-reason", metavar="TEXT", help="why the child was not seen")
    record.add_argument(
        "--medical", type=_medical, metavar="DATE", help=f"the medical's date, or {NOT_NEEDED}"
    )
    record.add_argument("--findings", metavar="TEXT", help="the enquiry's findings")
    record.add_argument("--outcome", choices=[*OUTCOMES, CLEAR], help="the enquiry's outcome")
    record.add_argument("--ended", type=_date, metavar="DATE", help="the date it ended")
    record.add_argument(
        "--interview", type=_interview, action="append", default=[], metavar="DATE:WHO[:abe]"
    )
    common.add_workspace_arguments(record)
    record.set_defaults(handler=_record)


def _describe(course: Any) -> list[str]:
    from app.workdays import long_date

    v = course.values

    def day(value: dt.date | None) -> str:
        return long_date(value) if value else "not recorded"

    seen = {None: "not recorded", True: "yes", False: "no"}[v.child_seen]
    medical = "not needed" if v.medical_not_needed else day(v.medical_on)
    lines = [
        f"Section 47 enquiry started {long_date(course.started_on)} "
        f"(strategy meeting {course.strategy_meeting_id})",
        f"  Joint or single agency:  {v.agencies.label if v.agencies else 'not recorded'}",
        f"  Visit:                   {day(v.visited_on)}",
        f"  Child seen:              {seen}",
        f"  Seen alone:              {v.seen_alone.label if v.seen_alone else 'not recorded'}",
    ]
    if v.not_seen_reason:
        lines.append(f"  Why not seen:            {v.not_seen_reason}")
    lines += [
        f"  Medical:                 {medical}",
        f"  Findings:                {v.findings or 'not recorded'}",
        f"  Outcome:                 {v.outcome.label if v.outcome else 'not recorded'}",
        f"  Ended:                   {day(v.ended_on)}",
    ]
    for i in course.interviews:
        lines.append(
            f"  Interview {long_date(i.held_on)}: {i.interviewee}{' (ABE)' if i.abe else ''}"
        )
    return lines


def _course(workspace: Any, case_id: str) -> Any:
    from app.services.s47_enquiry import s47_course

    course = s47_course(workspace, case_id=case_id)
    if course is None:
        raise common.UsageError(
            "No section 47 enquiry has started on this case: a held strategy meeting's "
            "decision starts one."
        )
    return course


def _show(args: argparse.Namespace) -> int:
    with common.unlock(args) as workspace:
        course = _course(workspace, args.case)
    if args.json:
        common.print_json(course.as_json())
    else:
        common.say("\n".join(_describe(course)))
    return common.EXIT_OK


def _given(args: argparse.Namespace) -> dict[str, Any]:
    """The values the options set; ``none`` becomes None (cleared)."""
    given: dict[str, Any] = {}
    for name, value in (
        ("agencies", args.agencies),
        ("visited_on", args.visited),
        ("seen_alone", args.seen_alone),
        ("outcome", args.outcome),
        ("ended_on", args.ended),
    ):
        if value is not None:
            given[name] = None if value == CLEAR else value
    if args.child_seen is not None:
        given["child_seen"] = ANSWERS[args.child_seen]
    for name in ("not_seen_reason", "findings"):
        if getattr(args, name) is not None:
            given[name] = getattr(args, name)
    if args.medical is not None:
        given["medical_not_needed"] = args.medical == NOT_NEEDED
        given["medical_on"] = args.medical if isinstance(args.medical, dt.date) else None
    return given


def _record(args: argparse.Namespace) -> int:
    from app.services.s47_enquiry import add_s47_interview, record_s47_enquiry

    given = _given(args)
    with common.unlock(args) as workspace:
        course = _course(workspace, args.case)
        if given or not args.interview:
            values = {**dataclasses.asdict(course.values), **given}
            course = record_s47_enquiry(
                workspace, strategy_meeting_id=course.strategy_meeting_id, **values
            )
        for held_on, who, abe in args.interview:
            course = add_s47_interview(
                workspace,
                strategy_meeting_id=course.strategy_meeting_id,
                held_on=held_on,
                interviewee=who,
                abe=abe,
            )
    common.say("\n".join(_describe(course)))
    return common.EXIT_OK
