"""A child's journey on one page: strategy meeting → review → ICPC → reviews → discharge,
with each clock: when it was due, when it was held and whether it was met.

Clocks: the review is due on the 5th working day after the strategy discussion
that started the section 47 enquiry, the ICPC on the 15th (or the later date
agreed at the review, with its reason), the first review conference on the
date the ICPC set (at most 3 months on) and each later one on the date the
previous review set (at most 6 months on); core groups as the rules count them
(the first within 10 working days of the ICPC, then at the area's frequency); and a
"Pre-proceedings" line for each clock of the latest pre-proceedings episode (the
letter, the first meeting, the decision to step up or down); a line for the first
review after a pre-birth conference's baby is born, and for a transfer-in conference. A step still to come whose date has
passed shows as not met: it is overdue. Which clocks are still open (and so
which step comes next) is app.workflow.clocks's answer, as on Home.
"""

from __future__ import annotations

import dataclasses
import datetime as dt

from sqlalchemy import select
from sqlalchemy.orm import Session

from app import clock
from app.errors import NotFound
from app.models import (
    CaseEpisode,
    ChildProtectionPlan,
    IcpcTimeframe,
    IcpcTimeframeDecision,
    Meeting,
    MeetingStatus,
    MeetingType,
)
from app.services.clocks import case_facts
from app.services.journey import arrival_steps
from app.services.journey import plan as plans
from app.services.journey._shared import add_months, strategy_meeting_for, strategy_timescales
from app.services.journey.discharge import REASON_LABELS
from app.services.journey.preproceedings_steps import STAGE_LABELS as PP_LABELS
from app.services.journey.preproceedings_steps import describe, pre_proceedings_clocks
from app.storage.workspace import Workspace
from app.workdays import long_date
from app.workflow.clocks import ClockKind, TimeframeFact, is_held, journey_state
from app.workflow.enquiries import enquiry_courses, icpc_due, icpc_timeframe
from app.workflow.journey_facts import CaseFacts

STAGE_LABELS = {
    "strategy": "Strategy meeting",
    "review": "Five-day review",
    "icpc": "Initial child protection conference",
    "rcpc": "Review child protection conference",
    "core-group": "Core group meeting",
    "legal-planning": "Legal planning meeting",
    "discharge": "Child protection plan ended",
    **PP_LABELS,
    **arrival_steps.STAGE_LABELS,
}


@dataclasses.dataclass(frozen=True)
class TimelineStep:
    stage: str
    meeting_id: str | None
    scheduled_for: dt.date | None
    held_on: dt.date | None
    status: str
    due_date: dt.date | None = None
    met: bool | None = None
    note: str = ""

    @property
    def label(self) -> str:
        return STAGE_LABELS[self.stage]

    def as_json(self) -> dict[str, object]:
        return {
            "stage": self.stage,
            "meeting_id": self.meeting_id,
            "scheduled_for": self.scheduled_for.isoformat() if self.scheduled_for else None,
            "held_on": self.held_on.isoformat() if self.held_on else None,
            "status": self.status,
            "due": self.due_date.isoformat() if self.due_date else None,
            "met": self.met,
            "note": self.note,
        }


@dataclasses.dataclass(frozen=True)
class CaseTimeline:
    case_id: str
    la_child_ref: str
    steps: tuple[TimelineStep, ...]

    def as_json(self) -> dict[str, object]:
        """The shape ``macpt timeline --json`` promises."""
        return {
            "case_id": self.case_id,
            "child": self.la_child_ref,
            "steps": [s.as_json() for s in self.steps],
        }


def _met(due: dt.date | None, held: dt.date | None, today: dt.date) -> bool | None:
    if due is None:
        return None
    if held is None:
        return False if today > due else None
    return held <= due


def _step(meeting: Meeting, due: dt.date | None, today: dt.date, note: str = "") -> TimelineStep:
    held = meeting.scheduled_date if is_held(meeting.status) else None
    return TimelineStep(
        stage=meeting.meeting_type.value,
        meeting_id=meeting.id,
        scheduled_for=meeting.scheduled_date,
        held_on=held,
        status=meeting.status.value,
        due_date=due,
        met=_met(due, held, today),
        note=note,
    )


def _pending(stage: str, due: dt.date | None, today: dt.date, note: str = "") -> TimelineStep:
    return TimelineStep(stage, None, None, None, "not scheduled", due, _met(due, None, today), note)


def _timeframe(
    session: Session, strategy: Meeting, facts: CaseFacts
) -> IcpcTimeframeDecision | None:
    """The review's decision on the ICPC for ``strategy``, as the journey rules pick it
    (``app.workflow.enquiries``)."""
    fact = facts.meeting(strategy.id)
    if fact is None:
        return None
    course = next((c for c in enquiry_courses(facts) if c.enquiry.id == strategy.id), None)
    decision = course.timeframe if course else icpc_timeframe(facts, fact)
    if decision is None:
        return None
    return session.scalar(
        select(IcpcTimeframeDecision).where(
            IcpcTimeframeDecision.meeting_id == decision.review_meeting_id
        )
    )


def _icpc_due(session: Session, strategy: Meeting, facts: CaseFacts) -> tuple[dt.date, str, bool]:
    """When the ICPC is due after ``strategy`` (the journey rules' date), a note on any
    agreed change, and whether the review decided no conference is needed."""
    stated = strategy_timescales(session, strategy).icpc_due
    decision = _timeframe(session, strategy, facts)
    if decision is None:
        return stated, "", False
    if decision.timeframe is IcpcTimeframe.NOT_NEEDED:
        return stated, f"No conference needed: {decision.reason}", True
    due, extended = icpc_due(
        None,
        TimeframeFact(
            decision.meeting_id,
            decision.strategy_meeting_id,
            decision.timeframe,
            decision.target_date,
            stated,
        ),
    )
    if extended and due is not None:
        return (
            due,
            f"Extended from {long_date(stated)} (exceptional circumstances agreed by the "
            f"MACPT): {decision.reason}",
            False,
        )
    return stated, "", False


def _conference_steps(
    session: Session, meeting: Meeting, previous_due: dt.date | None, today: dt.date
) -> tuple[TimelineStep, dt.date | None]:
    """A review conference's step, and the date the next review is due after it."""
    decision = plans.decision_for(session, meeting.id)
    step = _step(meeting, previous_due, today)
    if decision is not None and decision.next_review_due is not None:
        return step, decision.next_review_due
    return step, add_months(meeting.scheduled_date, plans.LATER_REVIEW_MONTHS)


def case_timeline(workspace: Workspace, *, case_id: str) -> CaseTimeline:
    """The case's meetings in order with their clocks, and the steps still due."""
    today = clock.today()
    with workspace.reading() as session:
        case = session.get(CaseEpisode, case_id)
        if case is None:
            raise NotFound("That case no longer exists.")
        facts = case_facts(session, [case_id]).get(case_id)
        assert facts is not None, "every case has facts"
        meetings = list(
            session.scalars(
                select(Meeting)
                .where(Meeting.case_id == case_id)
                .order_by(Meeting.scheduled_date, Meeting.scheduled_time, Meeting.created_at)
            )
        )
        steps: list[TimelineStep] = []
        next_review: dt.date | None = None
        for meeting in meetings:
            strategy = strategy_meeting_for(session, case_id, meeting.scheduled_date, facts=facts)
            kind = meeting.meeting_type
            if kind in (MeetingType.STRATEGY, MeetingType.LEGAL_PLANNING):  # no clock of its own
                steps.append(_step(meeting, None, today))
            elif kind is MeetingType.REVIEW:
                due = strategy_timescales(session, strategy).review_due if strategy else None
                steps.append(_step(meeting, due, today))
            elif kind is MeetingType.ICPC:
                due, note, _ = (
                    _icpc_due(session, strategy, facts)
                    if strategy
                    else arrival_steps.conference_due(facts, meeting.id)
                )
                note = note or arrival_steps.pre_birth_note(facts, meeting.id)
                steps.append(_step(meeting, due, today, note))
                decision = plans.decision_for(session, meeting.id)
                next_review = decision.next_review_due if decision else None
                next_review = next_review or add_months(
                    meeting.scheduled_date, plans.FIRST_REVIEW_MONTHS
                )
            elif kind is MeetingType.CORE_GROUP:
                steps.append(_step(meeting, _core_group_due(meeting, facts), today))
            else:
                step, next_review = _conference_steps(session, meeting, next_review, today)
                birth = arrival_steps.after_birth(facts, step.scheduled_for, step.held_on, today)
                if birth is not None:
                    due, met, note = birth
                    step = dataclasses.replace(step, due_date=due, met=met, note=note)
                steps.append(step)
            steps += _discharge_step(session, meeting)
        steps += _pre_proceedings(facts, today)
        steps += _arrivals(facts, today)
        steps += _still_due(session, facts, meetings, today)
        return CaseTimeline(case.id, case.child.la_child_ref, tuple(steps))


def _pre_proceedings(facts: CaseFacts, today: dt.date) -> list[TimelineStep]:
    steps = []
    for found in pre_proceedings_clocks(journey_state(facts).clocks):
        status, met, note = describe(found, facts, today)
        steps.append(
            TimelineStep(found.kind.value, None, None, found.held_on, status, found.due, met, note)
        )
    return steps


def _arrivals(facts: CaseFacts, today: dt.date) -> list[TimelineStep]:
    steps = []
    for found in arrival_steps.arrival_clocks(journey_state(facts).clocks):
        status, met, note = arrival_steps.describe(found, facts, today)
        steps.append(
            TimelineStep(found.kind.value, None, None, found.held_on, status, found.due, met, note)
        )
    return steps


def _core_group_due(meeting: Meeting, facts: CaseFacts) -> dt.date | None:
    """When this core group was due: the rules' answer as the records stood the day before."""
    journey = journey_state(facts.as_of(meeting.scheduled_date - dt.timedelta(1)))
    found = journey.clock(ClockKind.CORE_GROUP)
    return found.due if found is not None else None


def _discharge_step(session: Session, meeting: Meeting) -> list[TimelineStep]:
    plan = session.scalar(
        select(ChildProtectionPlan).where(ChildProtectionPlan.end_meeting_id == meeting.id)
    )
    if plan is None or plan.end_date is None:
        return []
    note = REASON_LABELS[plan.end_reason] if plan.end_reason else ""
    return [TimelineStep("discharge", meeting.id, plan.end_date, plan.end_date, "ended", note=note)]


_PENDING = {
    ClockKind.REVIEW: MeetingType.REVIEW,
    ClockKind.ICPC: MeetingType.ICPC,
    ClockKind.RCPC: MeetingType.RCPC,
    ClockKind.CORE_GROUP: MeetingType.CORE_GROUP,
}


def _still_due(
    session: Session, facts: CaseFacts, meetings: list[Meeting], today: dt.date
) -> list[TimelineStep]:
    """The next step the journey's open clocks call for, when no meeting for it is
    booked yet (app.workflow.clocks says which clocks are open)."""
    if not meetings:
        return []
    journey = journey_state(facts)
    steps: list[TimelineStep] = []
    for open_clock in journey.clocks:
        kind = _PENDING.get(open_clock.kind)
        if kind is None or not open_clock.is_open:
            continue
        if open_clock.kind in (ClockKind.RCPC, ClockKind.CORE_GROUP):
            booked = any(
                m.meeting_type is kind and m.status is MeetingStatus.SCHEDULED for m in meetings
            )
            note = ""
        else:
            assert journey.enquiry is not None
            since = journey.enquiry.day
            booked = any(m.meeting_type is kind and m.scheduled_date >= since for m in meetings)
            strategy = session.get(Meeting, journey.enquiry.id)
            assert strategy is not None
            note = _icpc_due(session, strategy, facts)[1] if kind is MeetingType.ICPC else ""
        if not booked:
            steps.append(_pending(kind.value, open_clock.due, today, note))
    # The next meeting of the enquiry or the plan, after the next core group (which
    # falls every few weeks, so nearly always first).
    core = [st for st in steps if st.stage == MeetingType.CORE_GROUP.value]
    return core + [st for st in steps if st.stage != MeetingType.CORE_GROUP.value][:1]
