"""The closing summary's lines for what a review or conference decides (no Qt here).

The conduct services summarise attendance, notes, information and actions; a
five-day review also records the conference timeframe and the interim safety
plan, and a conference its decision. These lines say what was recorded; what
is missing is the step model's to say (its blockers).
"""

from __future__ import annotations

from app.models import MeetingType
from app.services.conduct.closing import SummaryLine
from app.services.journey import conference, review
from app.services.journey.safety_plan import safety_plan_for_case
from app.storage.workspace import Workspace
from app.workdays import long_date


def _count(n: int, one: str) -> str:
    return f"{n} {one}{'' if n == 1 else 's'}"


def review_lines(workspace: Workspace, meeting_id: str, case_id: str) -> list[SummaryLine]:
    timeframe = review.icpc_timeframe(workspace, meeting_id=meeting_id)
    if timeframe is None:
        when = SummaryLine("Conference timeframe", "Not recorded.", False)
    else:
        by = f" Conference by {long_date(timeframe.target_date)}." if timeframe.target_date else ""
        why = " Reason recorded." if timeframe.reason else ""
        when = SummaryLine("Conference timeframe", f"{timeframe.label}.{by}{why}")
    plan = safety_plan_for_case(workspace, case_id=case_id)
    if plan is None:
        safety = SummaryLine("Interim safety plan", "None agreed yet.", False)
    else:
        safety = SummaryLine(
            "Interim safety plan",
            f"Version {plan.version}: {_count(len(plan.items), 'item')}, agreed by "
            f"{plan.agreed_by}."
            + (f" {_count(len(plan.gaps), 'detail')} still to add." if plan.gaps else ""),
        )
    return [when, safety]


def conference_lines(workspace: Workspace, meeting_id: str) -> list[SummaryLine]:
    decision = conference.conference_decision(workspace, meeting_id=meeting_id)
    if decision is None or decision.outcome is None:
        return [SummaryLine("Conference decision", "Not recorded.", False)]
    parts = [f"{decision.outcome_label}."]
    if decision.category is not None:
        parts.append(f"Category: {decision.category.label.lower()} ({decision.census_code}).")
    if decision.next_review_due is not None:
        parts.append(f"Next review by {long_date(decision.next_review_due)}.")
    if decision.discharge_reason is not None:
        parts.append("Reason for ending recorded.")
    return [SummaryLine("Conference decision", " ".join(parts))]


def journey_lines(
    workspace: Workspace, *, meeting_id: str, case_id: str, meeting_type: MeetingType
) -> list[SummaryLine]:
    """The lines for this meeting's own decisions (none for a strategy meeting)."""
    if meeting_type is MeetingType.REVIEW:
        return review_lines(workspace, meeting_id, case_id)
    if meeting_type in (MeetingType.ICPC, MeetingType.RCPC):
        return conference_lines(workspace, meeting_id)
    return []
