"""What a review or conference still lacks before it closes: for the closing summary.

The conduct services judge the strategy meeting's gaps; these are the journey's
own. Each is a sentence that says what is missing and what to do.
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.models import (
    ConferenceOutcome,
    IcpcTimeframeDecision,
    InterimSafetyPlan,
    Meeting,
    MeetingType,
)
from app.services.journey import plan as plans
from app.services.journey._shared import meeting_of_type
from app.storage.workspace import Workspace


def journey_gaps(workspace: Workspace, *, meeting_id: str) -> list[str]:
    """The journey's gaps for a meeting (none for a strategy meeting)."""
    with workspace.reading() as session:
        return gaps_for(session, meeting_of_type(session, meeting_id))


def gaps_for(session: Session, meeting: Meeting) -> list[str]:
    """:func:`journey_gaps` inside a transaction the caller already holds."""
    gaps: list[str] = []
    if meeting.meeting_type is MeetingType.REVIEW:
        if (
            session.scalar(
                select(IcpcTimeframeDecision.id).where(
                    IcpcTimeframeDecision.meeting_id == meeting.id
                )
            )
            is None
        ):
            gaps.append(
                "The timeframe for the initial child protection conference is not "
                "recorded. Record it, with the reason for any extension."
            )
        if (
            session.scalar(
                select(InterimSafetyPlan.id).where(InterimSafetyPlan.case_id == meeting.case_id)
            )
            is None
        ):
            gaps.append("There is no interim safety plan. Agree one and record it.")
    elif meeting.meeting_type in (MeetingType.ICPC, MeetingType.RCPC):
        decision = plans.decision_for(session, meeting.id)
        if decision is None or decision.outcome is None:
            gaps.append("The conference's decision is not recorded. Record it and its reasons.")
        elif decision.outcome is ConferenceOutcome.PLAN_NEEDED and not decision.outline_plan:
            gaps.append("The outline plan is not recorded. Add it to the decision.")
    return gaps
