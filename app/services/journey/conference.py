"""Conference decisions: the ICPC (plan or not) and review conferences (continue or change).

Ending a plan is recorded through :mod:`app.services.journey.discharge`, which
also asks for the reason, the ongoing support and every practitioner's input.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Sequence
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app import clock
from app.errors import NotFound, ValidationError
from app.models import (
    Agency,
    ChildProtectionPlan,
    ConferenceDecision,
    ConferenceOutcome,
    DischargeReason,
    Meeting,
    MeetingType,
    OngoingSupport,
    PlanCategory,
)
from app.services.clocks import case_journey
from app.services.conduct.decision import deciding_chair
from app.services.conduct.timescales import calendar_for
from app.services.journey import plan as plans
from app.services.journey._shared import (
    add_months,
    check_decidable,
    latest_plan,
    meeting_of_type,
    required_text,
)
from app.storage.workspace import Workspace
from app.validation import validated
from app.workdays import long_date
from app.workflow.clocks import core_group_due

OUTCOME_LABELS = {
    ConferenceOutcome.PLAN_NEEDED: "The child needs a child protection plan",
    ConferenceOutcome.NO_PLAN: "No child protection plan is needed",
    ConferenceOutcome.CONTINUE_PLAN: "The child protection plan continues",
    ConferenceOutcome.CHANGE_CATEGORY: "The plan continues under a different category",
    ConferenceOutcome.END_PLAN: "The child protection plan ends",
}


@dataclasses.dataclass(frozen=True)
class CoreGroupMember:
    name: str
    agency_id: str | None = None
    role: str = ""


@dataclasses.dataclass(frozen=True)
class ConferenceDecisionView:
    meeting_id: str
    meeting_type: MeetingType
    outcome: ConferenceOutcome | None
    category: PlanCategory | None
    rationale: str
    progress: str
    lead_practitioner: str
    core_group: tuple[CoreGroupMember, ...]
    outline_plan: str
    dissent: str
    next_review_due: dt.date | None
    discharge_reason: DischargeReason | None
    ongoing_support: tuple[OngoingSupport, ...]
    ongoing_support_detail: str
    decided_by: str | None
    decided_at: dt.datetime | None
    plan_id: str | None
    warnings: tuple[str, ...] = ()

    @property
    def outcome_label(self) -> str:
        return OUTCOME_LABELS[self.outcome] if self.outcome else ""

    @property
    def census_code(self) -> str | None:
        return self.category.census_code if self.category else None


@dataclasses.dataclass(frozen=True)
class ConferenceContext:
    """What the decision step shows before anything is decided."""

    meeting_id: str
    meeting_type: MeetingType
    meeting_date: dt.date
    plan: plans.ChildProtectionPlanView | None
    category_going_in: PlanCategory | None
    latest_next_review: dt.date
    chair_warning: str | None


def _view(
    session: Session, decision: ConferenceDecision, meeting: Meeting
) -> ConferenceDecisionView:
    plan = latest_plan(session, meeting.case_id, meeting.scheduled_date)
    warning = plans.chair_warning_for(session, meeting)
    return ConferenceDecisionView(
        meeting_id=decision.meeting_id,
        meeting_type=meeting.meeting_type,
        outcome=decision.outcome,
        category=decision.category,
        rationale=decision.rationale,
        progress=decision.progress,
        lead_practitioner=decision.lead_practitioner,
        core_group=tuple(
            CoreGroupMember(m.get("name", ""), m.get("agency_id"), m.get("role", ""))
            for m in decision.core_group or []
        ),
        outline_plan=decision.outline_plan,
        dissent=decision.dissent,
        next_review_due=decision.next_review_due,
        discharge_reason=decision.discharge_reason,
        ongoing_support=tuple(OngoingSupport(s) for s in decision.ongoing_support or []),
        ongoing_support_detail=decision.ongoing_support_detail,
        decided_by=decision.decided_by,
        decided_at=decision.decided_at,
        plan_id=plan.id if plan is not None else None,
        warnings=(warning,) if warning else (),
    )


def next_review_latest(meeting: Meeting) -> dt.date:
    """The latest date the next review may be: 3 months after an ICPC, 6 after a review."""
    months = (
        plans.FIRST_REVIEW_MONTHS
        if meeting.meeting_type is MeetingType.ICPC
        else plans.LATER_REVIEW_MONTHS
    )
    return add_months(meeting.scheduled_date, months)


def _next_review(session: Session, meeting: Meeting, wanted: dt.date | None) -> dt.date:
    latest = next_review_latest(meeting)
    if wanted is None:
        # The last working day allowed: a family is never told to expect a
        # conference "by Saturday".
        calendar = calendar_for(session)
        while not calendar.is_working_day(latest):
            latest -= dt.timedelta(days=1)
        return latest
    if wanted > latest:
        within = "3 months" if meeting.meeting_type is MeetingType.ICPC else "6 months"
        raise ValidationError(
            f"The next review conference must be within {within}: on or before "
            f"{long_date(latest)}. Choose an earlier date."
        )
    if wanted <= meeting.scheduled_date:
        raise ValidationError("The next review must be after this conference. Choose a later date.")
    return wanted


def _core_group(session: Session, members: Sequence[CoreGroupMember]) -> list[dict[str, Any]]:
    group: list[dict[str, Any]] = []
    for member in members:
        name = member.name.strip()
        if not name:
            raise ValidationError("Give the name of each member of the core group.")
        if member.agency_id and session.get(Agency, member.agency_id) is None:
            raise NotFound(f"The agency for {name} is not in the directory. Choose another.")
        group.append({"name": name, "agency_id": member.agency_id, "role": member.role.strip()})
    return group


def _decision_row(session: Session, meeting: Meeting) -> ConferenceDecision:
    decision = plans.decision_for(session, meeting.id)
    if decision is None:
        decision = ConferenceDecision(meeting_id=meeting.id)
        session.add(decision)
    return decision


def conference_context(workspace: Workspace, *, meeting_id: str) -> ConferenceContext:
    """The plan under review (if any), its category, the review deadline and the chair check."""
    with workspace.reading() as session:
        meeting = meeting_of_type(session, meeting_id, MeetingType.ICPC, MeetingType.RCPC)
        plan = latest_plan(session, meeting.case_id, meeting.scheduled_date)
        if meeting.meeting_type is MeetingType.ICPC and (
            plan is None or plan.icpc_meeting_id != meeting.id
        ):
            plan = None
        return ConferenceContext(
            meeting.id,
            meeting.meeting_type,
            meeting.scheduled_date,
            plans.plan_view(plan) if plan is not None else None,
            plans.category_before(session, plan, meeting) if plan is not None else None,
            next_review_latest(meeting),
            plans.chair_warning_for(session, meeting),
        )


def conference_decision(workspace: Workspace, *, meeting_id: str) -> ConferenceDecisionView | None:
    """What the conference decided, or None if nothing has been recorded."""
    with workspace.reading() as session:
        meeting = meeting_of_type(session, meeting_id, MeetingType.ICPC, MeetingType.RCPC)
        decision = plans.decision_for(session, meeting.id)
        return _view(session, decision, meeting) if decision is not None else None


@validated
def record_icpc_decision(
    workspace: Workspace,
    *,
    meeting_id: str,
    plan_needed: bool,
    rationale: str,
    category: PlanCategory | None = None,
    lead_practitioner: str = "",
    core_group: Sequence[CoreGroupMember] = (),
    outline_plan: str = "",
    dissent: str = "",
    next_review_due: dt.date | None = None,
) -> ConferenceDecisionView:
    """Record (or change, until sign-off) whether the child needs a child protection plan.

    A plan needs a category (``PlanCategory.MULTIPLE`` for more than one) and a
    lead practitioner; the first review is due within 3 months (by default on
    the last day allowed). A plan is created (or updated) for the case.
    """
    why = required_text(rationale, "Give the reasons for the conference's decision.")
    with workspace.transaction() as session:
        meeting = meeting_of_type(session, meeting_id, MeetingType.ICPC)
        check_decidable(meeting)
        existing = session.scalar(
            select(ChildProtectionPlan).where(ChildProtectionPlan.icpc_meeting_id == meeting.id)
        )
        decision = _decision_row(session, meeting)
        decision.rationale = why
        decision.dissent = dissent.strip()
        decision.decided_by = deciding_chair(meeting)
        decision.decided_at = clock.utcnow()
        if not plan_needed:
            if existing is not None:
                if plans.review_conferences(session, existing):
                    raise ValidationError(
                        "Review conferences have already been held under the plan this "
                        "conference started, so the plan cannot be undone here."
                    )
                session.delete(existing)
            decision.outcome = ConferenceOutcome.NO_PLAN
            decision.category = None
            decision.lead_practitioner = lead_practitioner.strip()
            decision.core_group = _core_group(session, core_group)
            decision.outline_plan = outline_plan.strip()
            decision.next_review_due = None
            session.flush()
            return _view(session, decision, meeting)
        if category is None:
            raise ValidationError(
                "Choose the category of the plan: neglect, physical abuse, sexual abuse, "
                "emotional abuse, or multiple."
            )
        lead = required_text(lead_practitioner, "Name the lead practitioner for the plan.")
        # Already on a plan on the conference's date, by the journey rules' reckoning.
        state = case_journey(session, meeting.case_id, on=meeting.scheduled_date)
        running = state.plan if state is not None else None
        if running is not None and running.icpc_meeting_id != meeting.id:
            raise ValidationError(
                f"This child has been on a child protection plan since "
                f"{long_date(running.start)}. Hold a review conference instead."
            )
        decision.outcome = ConferenceOutcome.PLAN_NEEDED
        decision.category = category
        decision.lead_practitioner = lead
        decision.core_group = _core_group(session, core_group)
        decision.outline_plan = outline_plan.strip()
        decision.next_review_due = _next_review(session, meeting, next_review_due)
        plan = existing or ChildProtectionPlan(case_id=meeting.case_id, icpc_meeting_id=meeting.id)
        plan.start_date = meeting.scheduled_date
        # Counted now, with today's closure days, and kept: the rules follow the plan's date.
        plan.core_group_first_due = core_group_due(meeting.scheduled_date, calendar_for(session))
        plan.initial_category = category
        plan.lcpp_name = meeting.chair_name
        if existing is None:
            plan.latest_category = category
            session.add(plan)
        session.flush()
        plans.refresh_plan(session, plan)
        session.flush()
        return _view(session, decision, meeting)


def running_plan(session: Session, meeting: Meeting) -> ChildProtectionPlan:
    """The plan a review conference reviews; a message if the child has none."""
    plan = latest_plan(session, meeting.case_id, meeting.scheduled_date)
    if plan is None or (plan.end_date is not None and plan.end_meeting_id != meeting.id):
        raise ValidationError(
            f"This child is not on a child protection plan on {long_date(meeting.scheduled_date)}. "
            "An initial child protection conference starts a plan."
        )
    return plan


@validated
def record_rcpc_decision(
    workspace: Workspace,
    *,
    meeting_id: str,
    outcome: ConferenceOutcome,
    progress: str,
    rationale: str,
    category: PlanCategory | None = None,
    lead_practitioner: str = "",
    core_group: Sequence[CoreGroupMember] = (),
    outline_plan: str = "",
    dissent: str = "",
    next_review_due: dt.date | None = None,
) -> ConferenceDecisionView:
    """Record a review conference's decision to continue the plan or change its category.

    ``progress`` against the plan and the ``rationale`` are required; a change of
    category needs the new ``category`` (the plan's latest category follows it).
    The next review is due within 6 months. To end the plan, use
    :func:`app.services.journey.discharge.record_discharge`.
    """
    if outcome is ConferenceOutcome.END_PLAN:
        raise ValidationError(
            "To end the plan, record the discharge: its reason, the ongoing support and "
            "what each practitioner said."
        )
    if outcome not in (ConferenceOutcome.CONTINUE_PLAN, ConferenceOutcome.CHANGE_CATEGORY):
        raise ValidationError(
            "A review conference continues the plan, changes its category or ends it. Choose one."
        )
    said = required_text(progress, "Describe the progress made against the plan.")
    why = required_text(rationale, "Give the reasons for the conference's decision.")
    with workspace.transaction() as session:
        meeting = meeting_of_type(session, meeting_id, MeetingType.RCPC)
        check_decidable(meeting)
        plan = running_plan(session, meeting)
        if outcome is ConferenceOutcome.CHANGE_CATEGORY:
            before = plans.category_before(session, plan, meeting)
            if category is None:
                raise ValidationError("Choose the plan's new category.")
            if category is before:
                raise ValidationError(
                    f"The plan is already under {before.label.lower()}. Choose another "
                    "category, or continue the plan as it is."
                )
        decision = _decision_row(session, meeting)
        decision.outcome = outcome
        decision.category = category if outcome is ConferenceOutcome.CHANGE_CATEGORY else None
        decision.progress = said
        decision.rationale = why
        decision.lead_practitioner = lead_practitioner.strip()
        decision.core_group = _core_group(session, core_group)
        decision.outline_plan = outline_plan.strip()
        decision.dissent = dissent.strip()
        decision.next_review_due = _next_review(session, meeting, next_review_due)
        decision.discharge_reason = None
        decision.ongoing_support = []
        decision.ongoing_support_detail = ""
        decision.decided_by = deciding_chair(meeting)
        decision.decided_at = clock.utcnow()
        session.flush()
        plans.refresh_plan(session, plan)
        session.flush()
        return _view(session, decision, meeting)
