"""What stops a meeting closing, judged from a plain snapshot of what was recorded.

The rules are the law's and the consultation's: the threshold decision and its
rationale are mandatory (including for a decision to take no action), the four
statutory agencies must be represented or their absence acknowledged with a
reason, every action needs an owner and a date, and a strategy meeting or
conference says whether the child is thought to pose a risk to others. A review or conference also
has the journey's own gaps (``app.services.journey.gaps``: the conference
timeframe, the interim safety plan, the conference's decision); they are judged
there and carried here as they are, each with the step where it is put right.

Messages never quote what was typed (an action's wording may name the child):
they point at the thing to fix by its number or its agency.
"""

from __future__ import annotations

import dataclasses
import enum

from app.models import MeetingType
from app.models.agency import StatutoryRole
from app.workflow.risk_to_others import MISSING as RISK_MISSING
from app.workflow.steps import CONFERENCES, StepKind


class BlockerCode(enum.StrEnum):
    NO_THRESHOLD = "no-threshold"
    NO_OUTCOME = "no-outcome"
    NO_RATIONALE = "no-rationale"
    UNREPRESENTED_AGENCY = "unrepresented-agency"
    ACTION_WITHOUT_OWNER = "action-without-owner"
    ACTION_WITHOUT_DUE_DATE = "action-without-due-date"
    JOURNEY_GAP = "journey-gap"
    EMPTY_SECTION = "empty-section"
    NO_RISK_TO_OTHERS = "no-risk-to-others"
    NO_LEGAL_DECISION = "no-legal-decision"


@dataclasses.dataclass(frozen=True)
class StatutoryPresence:
    """Whether one statutory agency is represented (attended or sent information)."""

    role: StatutoryRole
    agency_name: str
    represented: bool
    acknowledged: bool = False


@dataclasses.dataclass(frozen=True)
class ActionFacts:
    """One action agreed at this meeting (cancelled ones are left out)."""

    action_id: str
    number: int
    has_owner: bool
    has_due_date: bool


@dataclasses.dataclass(frozen=True)
class JourneyGap:
    """One of the journey's gaps (its sentence) and the step where it is put right."""

    step_kind: StepKind
    message: str


def journey_gap(meeting_type: MeetingType, message: str) -> JourneyGap:
    """Place one sentence from ``journey_gaps`` at its step.

    At a review the gaps are the conference timeframe and the safety plan; at a
    conference, its decision (and the outline plan that goes with it).
    """
    if meeting_type in CONFERENCES:
        return JourneyGap(StepKind.CONFERENCE_DECISION, message)
    if "safety plan" in message.casefold():
        return JourneyGap(StepKind.SAFETY_PLAN, message)
    return JourneyGap(StepKind.ICPC_TIMEFRAME, message)


@dataclasses.dataclass(frozen=True)
class MeetingFacts:
    """What the blockers look at. Built by ``app.services.conduct.closing``."""

    decision_required: bool = True
    threshold_met: bool | None = None
    has_outcome: bool = False
    has_rationale: bool = False
    statutory: tuple[StatutoryPresence, ...] = ()
    actions: tuple[ActionFacts, ...] = ()
    journey_gaps: tuple[JourneyGap, ...] = ()
    # Sentences from app.workflow.sections: required parts of the minutes left empty.
    empty_sections: tuple[str, ...] = ()
    # A strategy meeting or conference that has not said whether the child is
    # thought to pose a risk of harm to others (app.workflow.risk_to_others).
    risk_to_others_missing: bool = False
    # A legal planning meeting that has not recorded its decision.
    legal_decision_missing: bool = False


@dataclasses.dataclass(frozen=True)
class Blocker:
    """One thing that must be put right before the meeting can close."""

    code: BlockerCode
    message: str
    # The step where it is put right, so the UI can jump there.
    step_kind: StepKind
    # The action's id or the statutory role, where the blocker is about one.
    subject: str = ""


def find_blockers(facts: MeetingFacts) -> list[Blocker]:
    """Everything that stops the meeting closing, in the order the chair meets it."""
    found: list[Blocker] = []
    if facts.decision_required:
        if facts.threshold_met is None:
            found.append(
                Blocker(
                    BlockerCode.NO_THRESHOLD,
                    "Say whether the significant-harm threshold is met.",
                    StepKind.DECISION,
                )
            )
        if not facts.has_outcome:
            found.append(
                Blocker(
                    BlockerCode.NO_OUTCOME,
                    "Choose the outcome of the threshold decision.",
                    StepKind.DECISION,
                )
            )
        if not facts.has_rationale:
            found.append(
                Blocker(
                    BlockerCode.NO_RATIONALE,
                    "Record the rationale for the decision. It is required for every "
                    "outcome, including no further action.",
                    StepKind.DECISION,
                )
            )
    if facts.legal_decision_missing:
        found.append(
            Blocker(
                BlockerCode.NO_LEGAL_DECISION,
                "Record the decision: start pre-proceedings, issue care proceedings or "
                "neither, with the reasons.",
                StepKind.LEGAL_DECISION,
            )
        )
    if facts.risk_to_others_missing:
        found.append(Blocker(BlockerCode.NO_RISK_TO_OTHERS, RISK_MISSING, StepKind.RISK_TO_OTHERS))
    for gap in facts.journey_gaps:
        found.append(Blocker(BlockerCode.JOURNEY_GAP, gap.message, gap.step_kind))
    for presence in facts.statutory:
        if not presence.represented and not presence.acknowledged:
            found.append(
                Blocker(
                    BlockerCode.UNREPRESENTED_AGENCY,
                    f"{presence.agency_name} is not represented. Acknowledge its absence "
                    "with a reason, or record who attended or sent information.",
                    StepKind.DECISION,
                    presence.role.value,
                )
            )
    for action in facts.actions:
        if not action.has_owner:
            found.append(
                Blocker(
                    BlockerCode.ACTION_WITHOUT_OWNER,
                    f"Action {action.number} has no owner. Say who will do it.",
                    StepKind.ACTIONS,
                    action.action_id,
                )
            )
        if not action.has_due_date:
            found.append(
                Blocker(
                    BlockerCode.ACTION_WITHOUT_DUE_DATE,
                    f"Action {action.number} has no date. Say by when it will be done.",
                    StepKind.ACTIONS,
                    action.action_id,
                )
            )
    for message in facts.empty_sections:
        found.append(Blocker(BlockerCode.EMPTY_SECTION, message, StepKind.NOTES))
    return found
