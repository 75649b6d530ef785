"""The child protection plan, kept in step with the conferences that decide about it.

A plan's current category, next review and end are worked out again from the
conference decisions every time one is recorded, so changing a decision before
sign-off never leaves the plan out of step.
"""

from __future__ import annotations

import dataclasses
import datetime as dt

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.models import (
    ChildProtectionPlan,
    ConferenceDecision,
    ConferenceOutcome,
    DischargeReason,
    Meeting,
    MeetingType,
    PlanCategory,
)
from app.services.journey._shared import latest_plan
from app.storage.workspace import Workspace
from app.workflow import plan_timing

# The rules' own months (app.workflow.plan_timing owns them), named here as before.
FIRST_REVIEW_MONTHS = plan_timing.FIRST_REVIEW_MONTHS
LATER_REVIEW_MONTHS = plan_timing.LATER_REVIEW_MONTHS


@dataclasses.dataclass(frozen=True)
class ChildProtectionPlanView:
    id: str
    case_id: str
    start_date: dt.date
    icpc_meeting_id: str | None
    initial_category: PlanCategory
    latest_category: PlanCategory
    lcpp_name: str
    next_review_due: dt.date | None
    end_date: dt.date | None
    end_meeting_id: str | None
    end_reason: DischargeReason | None

    @property
    def is_open(self) -> bool:
        return self.end_date is None


def plan_view(plan: ChildProtectionPlan) -> ChildProtectionPlanView:
    return ChildProtectionPlanView(
        plan.id,
        plan.case_id,
        plan.start_date,
        plan.icpc_meeting_id,
        plan.initial_category,
        plan.latest_category,
        plan.lcpp_name,
        plan.next_review_due,
        plan.end_date,
        plan.end_meeting_id,
        plan.end_reason,
    )


def review_conferences(session: Session, plan: ChildProtectionPlan) -> list[Meeting]:
    """The review conferences held under ``plan``, by date (up to the next plan's start)."""
    later_start = session.scalar(
        select(ChildProtectionPlan.start_date)
        .where(
            ChildProtectionPlan.case_id == plan.case_id,
            ChildProtectionPlan.start_date > plan.start_date,
        )
        .order_by(ChildProtectionPlan.start_date)
        .limit(1)
    )
    query = select(Meeting).where(
        Meeting.case_id == plan.case_id,
        Meeting.meeting_type == MeetingType.RCPC,
        Meeting.scheduled_date >= plan.start_date,
    )
    if later_start is not None:
        query = query.where(Meeting.scheduled_date < later_start)
    return list(session.scalars(query.order_by(Meeting.scheduled_date, Meeting.created_at)))


def decision_for(session: Session, meeting_id: str) -> ConferenceDecision | None:
    return session.scalar(
        select(ConferenceDecision).where(ConferenceDecision.meeting_id == meeting_id)
    )


def category_before(
    session: Session, plan: ChildProtectionPlan, meeting: Meeting | None
) -> PlanCategory:
    """The plan's category going into ``meeting`` (or now, when ``meeting`` is None)."""
    category = plan.initial_category
    for conference in review_conferences(session, plan):
        if meeting is not None and conference.id == meeting.id:
            break
        decision = decision_for(session, conference.id)
        if (
            decision is not None
            and decision.outcome is ConferenceOutcome.CHANGE_CATEGORY
            and decision.category is not None
        ):
            category = decision.category
    return category


def refresh_plan(session: Session, plan: ChildProtectionPlan) -> None:
    """Work out the plan's category, next review and end from its conferences' decisions."""
    icpc = decision_for(session, plan.icpc_meeting_id) if plan.icpc_meeting_id else None
    plan.latest_category = category_before(session, plan, None)
    plan.next_review_due = icpc.next_review_due if icpc else plan.next_review_due
    plan.end_date = plan.end_meeting_id = plan.end_reason = None
    for conference in review_conferences(session, plan):
        decision = decision_for(session, conference.id)
        if decision is None or decision.outcome is None:
            continue
        if decision.outcome is ConferenceOutcome.END_PLAN:
            plan.end_date = conference.scheduled_date
            plan.end_meeting_id = conference.id
            plan.end_reason = decision.discharge_reason
            plan.next_review_due = None
            break
        plan.next_review_due = decision.next_review_due


def icpc_chair(session: Session, meeting: Meeting) -> tuple[str, str | None]:
    """Who chaired the initial conference that started the plan ``meeting`` reviews:
    the name, and the practitioner's id where the chair is in the directory."""
    plan = latest_plan(session, meeting.case_id, meeting.scheduled_date)
    if plan is not None and plan.icpc_meeting_id:
        icpc = session.get(Meeting, plan.icpc_meeting_id)
        if icpc is not None and icpc.chair_name:
            return icpc.chair_name, icpc.chair_id
    if plan is not None and plan.lcpp_name:
        return plan.lcpp_name, None
    icpc = session.scalar(
        select(Meeting)
        .where(
            Meeting.case_id == meeting.case_id,
            Meeting.meeting_type == MeetingType.ICPC,
            Meeting.scheduled_date <= meeting.scheduled_date,
        )
        .order_by(Meeting.scheduled_date.desc())
        .limit(1)
    )
    return (icpc.chair_name, icpc.chair_id) if icpc is not None else ("", None)


def chair_warning_for(session: Session, meeting: Meeting) -> str | None:
    """A warning when a review conference's chair is not the LCPP who chaired the ICPC."""
    if meeting.meeting_type is not MeetingType.RCPC:
        return None
    first, first_id = icpc_chair(session, meeting)
    if first_id and meeting.chair_id:
        same = first_id == meeting.chair_id
    else:
        # A chair who is not in the directory is known only by the name recorded.
        same = first.strip() == meeting.chair_name.strip()
    if not first or same:
        return None
    chair = meeting.chair_name.strip() or "nobody yet"
    return (
        f"The initial conference was chaired by {first}; this review's chair is {chair}. "
        "Where possible the same LCPP chairs the review conferences: if that cannot "
        "happen, say why in the minutes."
    )


def chair_warning(workspace: Workspace, *, meeting_id: str) -> str | None:
    """The chair consistency check for a conference (None when all is well). Never an error."""
    with workspace.reading() as session:
        meeting = session.get(Meeting, meeting_id)
        return chair_warning_for(session, meeting) if meeting is not None else None


def plan_for_case(workspace: Workspace, *, case_id: str) -> ChildProtectionPlanView | None:
    """The case's latest child protection plan (running or ended), or None."""
    with workspace.reading() as session:
        plan = session.scalar(
            select(ChildProtectionPlan)
            .where(ChildProtectionPlan.case_id == case_id)
            .order_by(ChildProtectionPlan.start_date.desc(), ChildProtectionPlan.created_at.desc())
            .limit(1)
        )
        return plan_view(plan) if plan is not None else None
