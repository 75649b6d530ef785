"""A legal planning meeting's decision, as the meeting step, the minutes and the
closing rules read it. Plain Python: no database, no Qt."""

from __future__ import annotations

import dataclasses
import datetime as dt

from app.models import LegalDecision, MeetingType, PreProceedingsOutcome
from app.workdays import long_date
from app.workflow.preproceedings import OUTCOME_WORDS


def needs_statutory_agencies(meeting_type: MeetingType) -> bool:
    """Whether the four statutory agencies are expected: at every meeting but a legal
    planning meeting, which is the local authority's own (closing and minutes ask)."""
    return meeting_type is not MeetingType.LEGAL_PLANNING


DECISION_WORDS = {
    LegalDecision.START_PRE_PROCEEDINGS: "Start pre-proceedings",
    LegalDecision.CONTINUE_PRE_PROCEEDINGS: "Continue pre-proceedings",
    LegalDecision.STEP_UP_OR_DOWN: "Step up or down from pre-proceedings",
    LegalDecision.CARE_PROCEEDINGS: "Issue care proceedings",
    LegalDecision.NEITHER: "Neither: no legal proceedings",
}
# What the chair may decide, with and without pre-proceedings already open.
WHEN_OPEN = (
    LegalDecision.CONTINUE_PRE_PROCEEDINGS,
    LegalDecision.STEP_UP_OR_DOWN,
    LegalDecision.CARE_PROCEEDINGS,
)
WHEN_NOT_OPEN = (
    LegalDecision.START_PRE_PROCEEDINGS,
    LegalDecision.CARE_PROCEEDINGS,
    LegalDecision.NEITHER,
)


@dataclasses.dataclass(frozen=True)
class LegalPlanningRow:
    """The decision as recorded, with the pre-proceedings it started or ended."""

    meeting_id: str
    decision: LegalDecision
    reasons: str
    decided_by: str
    decided_at: dt.datetime
    started_on: dt.date | None = None
    letter_sent_on: dt.date | None = None
    fgdm_offered: bool | None = None
    step_decided_on: dt.date | None = None
    outcome: PreProceedingsOutcome | None = None

    @property
    def label(self) -> str:
        return DECISION_WORDS[self.decision]


@dataclasses.dataclass(frozen=True)
class LegalPlanningState:
    """What the decision step shows: the decision (if any) and whether the case is
    already in pre-proceedings (and since when)."""

    decision: LegalPlanningRow | None
    open_since: dt.date | None

    @property
    def choices(self) -> tuple[LegalDecision, ...]:
        return WHEN_OPEN if self.open_since is not None else WHEN_NOT_OPEN


def decision_pairs(row: LegalPlanningRow) -> list[tuple[str, str]]:
    """The minutes' rows for the decision: what, why, and the pre-proceedings dates."""
    pairs = [("Decision", row.label), ("Reasons", row.reasons)]
    if row.started_on is not None and row.decision is LegalDecision.START_PRE_PROCEEDINGS:
        pairs.append(("Pre-proceedings started", long_date(row.started_on)))
        letter = long_date(row.letter_sent_on) if row.letter_sent_on else "Not sent yet"
        pairs.append(("Letter before proceedings", letter))
        offered = {True: "Yes", False: "No", None: "Not recorded"}[row.fgdm_offered]
        pairs.append(("Family group decision making offered", offered))
    if row.step_decided_on is not None:
        pairs.append(("Decision to step up or down", long_date(row.step_decided_on)))
    if row.outcome is not None:
        pairs.append(("Outcome", OUTCOME_WORDS[row.outcome]))
    pairs.append(("Decided by", row.decided_by))
    return pairs
