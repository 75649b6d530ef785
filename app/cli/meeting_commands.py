"""Meeting commands: ``macpt timescales`` (no workspace needed), ``macpt meeting show``
and ``macpt meeting schedule``."""

from __future__ import annotations

import argparse
import datetime as dt
from typing import Any

from app.cli import common
from app.errors import ValidationError
from app.workdays import (
    ASSESSMENT_WORKING_DAYS,
    ICPC_WORKING_DAYS,
    REVIEW_WORKING_DAYS,
    Timescales,
    WorkingCalendar,
    long_date,
)

# MeetingType's values, named here so that ``--help`` needs no database layer (a test
# holds the two together).
MEETING_TYPES = ("strategy", "review", "icpc", "rcpc", "core-group", "legal-planning")


def register(commands: Any) -> None:
    timescales = commands.add_parser(
        "timescales",
        help="the review, ICPC and assessment dates after a strategy discussion",
        description=(
            "Counts working days from the strategy discussion (day 0): the review is due on "
            f"the {REVIEW_WORKING_DAYS}th working day, the initial child protection conference "
            f"on the {ICPC_WORKING_DAYS}th and the section 47 assessment on the "
            f"{ASSESSMENT_WORKING_DAYS}th, counted from the referral when --referral-date "
            "gives one (as Working Together counts it). Weekends and bank holidays in England and Wales "
            "(substitute days included) are not working days; with --workspace, nor are "
            "that workspace's local closure days."
        ),
    )
    timescales.add_argument(
        "--strategy-date",
        type=common.iso_date,
        required=True,
        metavar="YYYY-MM-DD",
        help="the date of the strategy discussion",
    )
    timescales.add_argument(
        "--referral-date",
        type=common.iso_date,
        default=None,
        metavar="YYYY-MM-DD",
        help="the date of the referral, if known: the assessment counts from it",
    )
    timescales.add_argument(
        "--json",
        action="store_true",
        help="print JSON with ISO dates and assessment_from (referral or strategy)",
    )
    timescales.add_argument(
        "--workspace",
        type=common.workspace_path,
        default=None,
        metavar="PATH",
        help="also leave out this workspace's local closure days (asks for its passphrase)",
    )
    timescales.add_argument(
        "--passphrase-stdin",
        action="store_true",
        help="with --workspace: read the passphrase from standard input",
    )
    timescales.set_defaults(handler=_timescales)

    meeting = commands.add_parser("meeting", help="look at one meeting")
    actions = meeting.add_subparsers(dest="action", metavar="ACTION", required=True)
    show = actions.add_parser(
        "show",
        help="the whole record of one meeting",
        description="Print the whole record of one meeting. With --json, every free-text "
        'value is an object {"text": ..., "restricted": true|false}.',
    )
    show.add_argument("meeting_id", metavar="MEETING_ID", help="from `macpt meetings`")
    common.add_workspace_arguments(show)
    show.add_argument("--json", action="store_true", help="print JSON")
    show.set_defaults(handler=_show)

    schedule = actions.add_parser(
        "schedule",
        help="schedule a meeting for a case, as the app's Schedule dialog does",
        description="Schedule a meeting for a case with its own copy of the agenda; the "
        "statutory agencies (and for a conference or core group, the family members to be "
        "invited) are invited. An initial conference for a child still unborn is the "
        "pre-birth conference; one after a transfer-in notification is the transfer-in "
        "conference. Prints the new meeting's id (or, with --json, the meeting).",
    )
    schedule.add_argument("--case", required=True, metavar="CASE_ID", help="from `macpt cases`")
    schedule.add_argument(
        "--type",
        required=True,
        dest="meeting_type",
        choices=MEETING_TYPES,
        help="the kind of meeting",
    )
    schedule.add_argument("--date", required=True, type=common.iso_date, metavar="YYYY-MM-DD")
    schedule.add_argument("--time", type=_time, default=None, metavar="HH:MM")
    schedule.add_argument("--place", default="", help="a neutral place name (no home address)")
    schedule.add_argument("--chair", default="", metavar="NAME", help="the chair's name")
    schedule.add_argument("--minute-taker", default="", metavar="NAME")
    schedule.add_argument("--minutes-long", type=int, default=90, metavar="N")
    common.add_workspace_arguments(schedule)
    schedule.add_argument("--json", action="store_true", help="print the meeting as JSON")
    schedule.set_defaults(handler=_schedule)


def _time(text: str) -> dt.time:
    try:
        return dt.time.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a time: use HH:MM, e.g. 10:00") from None


def _schedule(args: argparse.Namespace) -> int:
    from app.models.meeting import MeetingType
    from app.services.meetings import schedule_meeting

    with common.unlock(args) as workspace:
        meeting = schedule_meeting(
            workspace,
            case_id=args.case,
            meeting_type=MeetingType(args.meeting_type),
            scheduled_date=args.date,
            scheduled_time=args.time,
            location=args.place,
            chair_name=args.chair,
            minute_taker_name=args.minute_taker,
            duration_minutes=args.minutes_long,
        )
    if args.json:
        common.print_json(meeting.as_json())
        return common.EXIT_OK
    at = f" at {meeting.scheduled_time.strftime('%H:%M')}" if meeting.scheduled_time else ""
    common.say(
        f"Scheduled the {meeting.meeting_type.label[0].lower()}{meeting.meeting_type.label[1:]} "
        f"for {meeting.la_child_ref} on {long_date(meeting.scheduled_date)}{at}: {meeting.id}"
    )
    return common.EXIT_OK


def _show(args: argparse.Namespace) -> int:
    from app.cli.meeting_show import meeting_json

    with common.unlock(args) as workspace:
        found = meeting_json(workspace, meeting_id=args.meeting_id)
    if args.json:
        common.print_json(found)
        return common.EXIT_OK
    common.say(
        f"{found['type']} meeting on {found['date']} for {found['child']}: {found['status']}"
    )
    for item in found["agenda"]:
        common.say(f"- {item['title']}: {item['notes']['text'] or '(no notes)'}")
    return common.EXIT_OK


def _calendar(args: argparse.Namespace) -> tuple[WorkingCalendar, int]:
    if args.workspace is None:
        return WorkingCalendar(), 0
    from app.services.conduct.timescales import working_calendar

    with common.unlock(args) as workspace:
        calendar = working_calendar(workspace)
    return calendar, len(calendar.closure_days)


def _timescales(args: argparse.Namespace) -> int:
    calendar, closures = _calendar(args)
    if args.referral_date is not None and args.referral_date > args.strategy_date:
        raise ValidationError("The referral comes before the strategy discussion, not after it.")
    due = Timescales.from_strategy_date(
        args.strategy_date, calendar, referral_date=args.referral_date
    )
    if args.json:
        common.print_json(due.as_json())
        return common.EXIT_OK
    rows = [
        ("Strategy discussion (day 0)", due.strategy_date),
        (f"Review meeting ({REVIEW_WORKING_DAYS}th working day)", due.review_due),
        (f"Initial child protection conference ({ICPC_WORKING_DAYS}th)", due.icpc_due),
        (
            f"Section 47 assessment ({ASSESSMENT_WORKING_DAYS}th, {due.assessment_counted_from})",
            due.assessment_due,
        ),
    ]
    width = max(len(label) for label, _ in rows)
    for label, day in rows:
        common.say(f"{label:<{width}}  {long_date(day)}")
    common.say(
        "Working days leave out weekends and bank holidays in England and Wales"
        + (f", and {closures} local closure days." if closures else ".")
    )
    return common.EXIT_OK
