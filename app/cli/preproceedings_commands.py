"""``macpt preproceedings show|record --case ID``: a case's pre-proceedings (the PLO).

``record`` without ``--episode`` starts an episode (``--started`` is needed);
with it, the options given change that episode and the rest keep what it holds.
``none`` clears a value. Dates are YYYY-MM-DD; the checks are the app's.
"""

from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
from typing import Any

from app.cli import common

CLEAR = "none"
# (option, the service's argument, what it is)
DATES = (
    ("--started", "decided_on", "the legal planning meeting's decision to start pre-proceedings"),
    ("--letter-sent", "letter_sent_on", "the letter before proceedings was sent"),
    ("--first-meeting", "first_meeting_on", "the first pre-proceedings meeting"),
    ("--step-decision", "step_decided_on", "the decision to step up or down"),
    ("--court-application", "court_application_on", "the application to court"),
    (
        "--proceedings-letter",
        "proceedings_letter_on",
        "the letter to parents starting care proceedings",
    ),
)
ANSWERS = {"yes": True, "no": False, CLEAR: None}


def _date(text: str) -> dt.date | str:
    return CLEAR if text == CLEAR else common.iso_date(text)


def _count(text: str) -> int | str:
    if text == CLEAR:
        return CLEAR
    if not text.isdigit():
        raise argparse.ArgumentTypeError(f"{text!r} is not a number of meetings (0 or more)")
    return int(text)


def register(commands: Any) -> None:
    parser = commands.add_parser(
        "preproceedings",
        help="show or record a case's pre-proceedings (the Public Law Outline)",
        description=__doc__,
    )
    actions = parser.add_subparsers(dest="action", metavar="ACTION", required=True)
    show = actions.add_parser("show", help="list the case's pre-proceedings episodes")
    show.add_argument("--case", required=True, metavar="CASE_ID", help="from `macpt cases`")
    show.add_argument("--json", action="store_true", help="print JSON")
    common.add_workspace_arguments(show)
    show.set_defaults(handler=_show)

    record = actions.add_parser("record", help="start an episode, or change one")
    record.add_argument("--case", required=True, metavar="CASE_ID", help="from `macpt cases`")
    record.add_argument("--episode", metavar="EPISODE_ID", help="from `show`; omit to start one")
    for option, _, words in DATES:
        record.add_argument(option, type=_date, metavar="DATE", help=f"the date of {words}")
    record.add_argument(
        "--fgdm-offered", choices=sorted(ANSWERS), help="did the letter offer an FGDM meeting"
    )
    record.add_argument(
        "--fgdm-facilitated", choices=sorted(ANSWERS), help="was an FGDM meeting facilitated"
    )
    record.add_argument(
        "--review-meetings", type=_count, metavar="N", help="review meetings held so far"
    )
    record.add_argument(
        "--outcome", choices=["A", "B", "C", CLEAR], help="the outcome (census codeset CS131)"
    )
    common.add_workspace_arguments(record)
    record.set_defaults(handler=_record)


def _describe(row: Any) -> list[str]:
    from app.workdays import long_date
    from app.workflow.preproceedings import OUTCOME_WORDS

    values = row.values

    def day(value: dt.date | None) -> str:
        return long_date(value) if value else "not recorded"

    def answer(value: bool | None) -> str:
        return "not recorded" if value is None else ("yes" if value else "no")

    reviews = "not recorded" if values.review_meetings is None else str(values.review_meetings)
    outcome = OUTCOME_WORDS[values.outcome] if values.outcome else "not recorded"
    return [
        f"Pre-proceedings {row.id} ({'open' if values.is_open else 'ended'})",
        f"  Decision to start:            {day(values.decided_on)}",
        f"  Letter before proceedings:    {day(values.letter_sent_on)}",
        f"  FGDM meeting offered:         {answer(values.fgdm_offered)}",
        f"  FGDM meeting facilitated:     {answer(values.fgdm_facilitated)}",
        f"  First meeting:                {day(values.first_meeting_on)}",
        f"  Review meetings:              {reviews}",
        f"  Decision to step up or down:  {day(values.step_decided_on)}",
        f"  Outcome:                      {outcome}",
        f"  Court application:            {day(values.court_application_on)}",
        f"  Letter starting proceedings:  {day(values.proceedings_letter_on)}",
    ]


def _show(args: argparse.Namespace) -> int:
    from app.services.preproceedings import list_pre_proceedings

    with common.unlock(args) as workspace:
        rows = list_pre_proceedings(workspace, case_id=args.case)
    if args.json:
        common.print_json([row.as_json() for row in rows])
    elif not rows:
        common.say("No pre-proceedings are recorded on this case.")
    else:
        for row in rows:
            common.say("\n".join(_describe(row)))
    return common.EXIT_OK


def _given(args: argparse.Namespace) -> dict[str, Any]:
    """The values the options set; ``none`` becomes None (cleared)."""
    given: dict[str, Any] = {}
    for option, name, _ in DATES:
        value = getattr(args, option.removeprefix("--").replace("-", "_"))
        if value is not None:
            given[name] = None if value == CLEAR else value
    for option, name in (
        ("fgdm_offered", "fgdm_offered"),
        ("fgdm_facilitated", "fgdm_facilitated"),
    ):
        if getattr(args, option) is not None:
            given[name] = ANSWERS[getattr(args, option)]
    if args.review_meetings is not None:
        given["review_meetings"] = None if args.review_meetings == CLEAR else args.review_meetings
    if args.outcome is not None:
        given["outcome"] = None if args.outcome == CLEAR else args.outcome
    return given


def _record(args: argparse.Namespace) -> int:
    from app.services.preproceedings import list_pre_proceedings, record_pre_proceedings

    given = _given(args)
    with common.unlock(args) as workspace:
        if args.episode is None:
            if given.get("decided_on") is None:
                raise common.UsageError(
                    "Give --started DATE: the date of the decision to start pre-proceedings."
                )
            values: dict[str, Any] = given
        else:
            rows = list_pre_proceedings(workspace, case_id=args.case)
            current = next((r for r in rows if r.id == args.episode), None)
            if current is None:
                raise common.UsageError(
                    "That case has no pre-proceedings episode with that id; "
                    "`macpt preproceedings show --case ID` lists them."
                )
            values = {**dataclasses.asdict(current.values), **given}
            if values["decided_on"] is None:
                raise common.UsageError("The decision to start pre-proceedings cannot be cleared.")
        row = record_pre_proceedings(
            workspace, case_id=args.case, episode_id=args.episode, **values
        )
    common.say("\n".join(_describe(row)))
    return common.EXIT_OK
