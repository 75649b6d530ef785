"""``macpt consultation record|list|outcome``: practitioners' consultations with the MACPT.

A consultation about a child the workspace knows names the case (``--case``);
otherwise ``--child-ref`` keeps a short reference such as initials, and nothing
more. The agency is one in the directory, by name or id.
"""

from __future__ import annotations

import argparse
from typing import Any

from app.cli import common

# The values of app.models.ThresholdView and ConsultationOutcome (kept here so that
# building the parser loads no database code; a test holds them equal).
THRESHOLD_VIEWS = ("below", "met", "unclear")
OUTCOMES = ("no-further-involvement", "strategy-meeting", "other")


def register(commands: Any) -> None:
    parser = commands.add_parser(
        "consultation",
        help="record and follow up practitioners' consultations with the MACPT",
        description=__doc__,
    )
    actions = parser.add_subparsers(dest="action", metavar="ACTION", required=True)

    record = actions.add_parser("record", help="record a consultation")
    record.add_argument("--asked-by", required=True, metavar="NAME", help="who asked")
    record.add_argument("--agency", required=True, help="their agency, by name or id")
    record.add_argument("--question", required=True, help="what they asked")
    record.add_argument("--advice", default="", help="the advice given")
    record.add_argument(
        "--threshold", required=True, choices=THRESHOLD_VIEWS, help="the LCPP's view"
    )
    record.add_argument("--date", type=common.iso_date, help="when asked (default today)")
    child = record.add_mutually_exclusive_group()
    child.add_argument("--case", metavar="CASE_ID", help="a known child's case")
    child.add_argument("--child-ref", default="", help="otherwise initials only")
    _outcome_arguments(record, required=False)
    common.add_workspace_arguments(record)
    record.set_defaults(handler=_record)

    listing = actions.add_parser("list", help="list consultations, newest first")
    listing.add_argument("--awaiting", action="store_true", help="only those awaiting follow-up")
    listing.add_argument("--json", action="store_true", help="print JSON")
    common.add_workspace_arguments(listing)
    listing.set_defaults(handler=_list)

    outcome = actions.add_parser("outcome", help="record what happened after a consultation")
    outcome.add_argument("consultation", metavar="CONSULTATION_ID", help="from `list`")
    _outcome_arguments(outcome, required=True)
    common.add_workspace_arguments(outcome)
    outcome.set_defaults(handler=_outcome)


def _outcome_arguments(parser: argparse.ArgumentParser, *, required: bool) -> None:
    parser.add_argument("--outcome", required=required, choices=OUTCOMES, help="what happened")
    parser.add_argument("--meeting", metavar="MEETING_ID", help="the strategy meeting convened")
    parser.add_argument("--note", default="", help="what happened, for `other`")


def _agency_id(workspace: Any, given: str) -> str:
    from app.services.agencies import list_agencies

    for agency in list_agencies(workspace):
        if given in (agency.id, agency.name) or given.casefold() == agency.name.casefold():
            return agency.id
    raise common.UsageError(
        f"No agency in the directory is called {given!r}; the app's directory lists them."
    )


def _record(args: argparse.Namespace) -> int:
    from app.services.consultations import record_consultation

    with common.unlock(args) as workspace:
        consultation_id = record_consultation(
            workspace,
            asked_by_name=args.asked_by,
            agency_id=_agency_id(workspace, args.agency),
            question=args.question,
            advice=args.advice,
            threshold_view=args.threshold,
            asked_on=args.date,
            case_id=args.case,
            child_reference=args.child_ref,
            outcome=args.outcome,
            meeting_id=args.meeting,
            notes=args.note,
        )
    common.say(f"Consultation recorded: {consultation_id}")
    return common.EXIT_OK


def _list(args: argparse.Namespace) -> int:
    from app.services.consultations import list_consultations
    from app.workdays import long_date

    with common.unlock(args) as workspace:
        rows = list_consultations(workspace, awaiting_only=args.awaiting)
    if args.json:
        common.print_json([row.as_json() for row in rows])
    elif not rows:
        common.say("No consultations to list.")
    else:
        for row in rows:
            status = row.outcome.label if row.outcome else "Awaiting follow-up"
            child = f" · about {row.child}" if row.child else ""
            common.say(
                f"{row.id}  {long_date(row.asked_on)} · {row.asked_by_name} "
                f"({row.agency_name}){child} · {row.threshold_view.label} · {status}"
            )
    return common.EXIT_OK


def _outcome(args: argparse.Namespace) -> int:
    from app.services.consultations import set_outcome

    with common.unlock(args) as workspace:
        set_outcome(
            workspace,
            consultation_id=args.consultation,
            outcome=args.outcome,
            meeting_id=args.meeting,
            notes=args.note,
        )
    common.say("Outcome recorded.")
    return common.EXIT_OK
