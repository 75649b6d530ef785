"""``macpt legal-decision show|record MEETING_ID``: a legal planning meeting's decision.

The same service as meeting mode's decision step, with the same rules: the
meeting must have started and have a chair; the decision is recorded once,
with its reasons; a case not in pre-proceedings may start them, issue care
proceedings or take neither, and a case already in them may continue, step
up or down (``--outcome`` A, B or C, the census's codes) or issue care
proceedings. Starting pre-proceedings may give the letter's date and whether a
family group decision making meeting is offered in it.
"""

from __future__ import annotations

import argparse
from typing import Any

from app.cli import common

DECISIONS = (
    "start-pre-proceedings",
    "continue-pre-proceedings",
    "step-up-or-down",
    "care-proceedings",
    "neither",
)
OUTCOMES = ("A", "B", "C")
ANSWERS = {"yes": True, "no": False}


def register(commands: Any) -> None:
    parser = commands.add_parser(
        "legal-decision",
        help="show or record a legal planning meeting's decision",
        description=__doc__,
    )
    actions = parser.add_subparsers(dest="action", metavar="ACTION", required=True)
    show = actions.add_parser("show", help="show the decision and what may be decided")
    show.add_argument("meeting_id", metavar="MEETING_ID", help="from `macpt meetings`")
    show.add_argument("--json", action="store_true", help="print JSON")
    common.add_workspace_arguments(show)
    show.set_defaults(handler=_show)

    record = actions.add_parser("record", help="record the decision (once)")
    record.add_argument("meeting_id", metavar="MEETING_ID", help="from `macpt meetings`")
    record.add_argument("--decision", required=True, choices=DECISIONS)
    record.add_argument("--reasons", required=True, metavar="TEXT", help="why")
    record.add_argument(
        "--letter-sent",
        type=common.iso_date,
        metavar="YYYY-MM-DD",
        help="starting pre-proceedings: the letter before proceedings was sent on",
    )
    record.add_argument(
        "--fgdm-offered",
        choices=sorted(ANSWERS),
        help="starting pre-proceedings: a family group decision making meeting is offered",
    )
    record.add_argument(
        "--outcome", choices=OUTCOMES, help="stepping up or down: the outcome (CS131)"
    )
    common.add_workspace_arguments(record)
    record.set_defaults(handler=_record)


def _json(state: Any) -> dict[str, Any]:
    from app.cli.meeting_show import text

    row = state.decision
    return {
        "in_pre_proceedings_since": state.open_since.isoformat() if state.open_since else None,
        "choices": [c.value for c in state.choices],
        "decision": None
        if row is None
        else {
            "decision": row.decision.value,
            "reasons": text(row.reasons),
            "decided_by": row.decided_by,
            "decided_at": row.decided_at.isoformat(),
            "started_on": row.started_on.isoformat() if row.started_on else None,
            "letter_sent_on": row.letter_sent_on.isoformat() if row.letter_sent_on else None,
            "fgdm_offered": row.fgdm_offered,
            "step_decided_on": row.step_decided_on.isoformat() if row.step_decided_on else None,
            "outcome": row.outcome.value if row.outcome else None,
        },
    }


def _describe(state: Any) -> list[str]:
    from app.workdays import long_date
    from app.workflow.legal_planning import DECISION_WORDS, decision_pairs

    since = state.open_since
    lines = [
        f"In pre-proceedings since {long_date(since)}."
        if since is not None
        else "Not in pre-proceedings."
    ]
    if state.decision is None:
        lines.append("Decision: not recorded yet. The meeting cannot close until it is.")
        lines.append("May decide: " + "; ".join(DECISION_WORDS[c] for c in state.choices))
    else:
        lines += [f"{label}: {value}" for label, value in decision_pairs(state.decision)]
    return lines


def _show(args: argparse.Namespace) -> int:
    from app.services.conduct.legal_planning import legal_planning_state

    with common.unlock(args) as workspace:
        state = legal_planning_state(workspace, meeting_id=args.meeting_id)
    if args.json:
        common.print_json(_json(state))
    else:
        common.say("\n".join(_describe(state)))
    return common.EXIT_OK


def _record(args: argparse.Namespace) -> int:
    from app.errors import ValidationError
    from app.models import LegalDecision, PreProceedingsOutcome
    from app.services.conduct.legal_planning import legal_planning_state, record_legal_decision

    decision = LegalDecision(args.decision)
    starts = decision is LegalDecision.START_PRE_PROCEEDINGS
    if not starts and (args.letter_sent or args.fgdm_offered):
        raise ValidationError(
            "--letter-sent and --fgdm-offered belong to a decision to start pre-proceedings."
        )
    if args.outcome and decision is not LegalDecision.STEP_UP_OR_DOWN:
        raise ValidationError("--outcome belongs to a decision to step up or down.")
    with common.unlock(args) as workspace:
        record_legal_decision(
            workspace,
            meeting_id=args.meeting_id,
            decision=decision,
            reasons=args.reasons,
            letter_sent_on=args.letter_sent,
            fgdm_offered=ANSWERS[args.fgdm_offered] if args.fgdm_offered else None,
            outcome=PreProceedingsOutcome(args.outcome) if args.outcome else None,
        )
        state = legal_planning_state(workspace, meeting_id=args.meeting_id)
    common.say("\n".join(_describe(state)))
    return common.EXIT_OK
