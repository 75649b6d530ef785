"""Gathers the facts the journey's clocks need, in a few queries, for app.workflow.clocks.

Callers pass an open session (a read transaction they already hold), so that
Home, the register's checks, the timeline and the letters each read one
consistent snapshot.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from typing import Any

from sqlalchemy import ColumnElement, select, true
from sqlalchemy.orm import Session

from app.errors import NotFound
from app.models import (
    CaseEpisode,
    CaseStatus,
    Child,
    ChildProtectionPlan,
    IcpcTimeframeDecision,
    Meeting,
    MeetingTimescales,
    ThresholdDecision,
)
from app.storage.workspace import Workspace
from app.workflow.clocks import (
    CaseFacts,
    JourneyState,
    MeetingFact,
    PlanFact,
    TimeframeFact,
    TimescalesFact,
    journey_state,
    newest_open_cases,
)


def case_facts(session: Session, case_ids: Iterable[str] | None = None) -> dict[str, CaseFacts]:
    """The facts of the given cases (every case when ``None``), by case id."""
    cases_q = select(CaseEpisode, Child.la_child_ref).join(Child, Child.id == CaseEpisode.child_id)
    if case_ids is not None:
        wanted = list(case_ids)
        cases_q = cases_q.where(CaseEpisode.id.in_(wanted))
    cases = session.execute(cases_q).all()
    if not cases:
        return {}
    ids = [case.id for case, _ in cases] if case_ids is not None else None

    def only(column: Any) -> ColumnElement[bool]:
        return column.in_(ids) if ids is not None else true()

    meetings: dict[str, list[MeetingFact]] = defaultdict(list)
    for meeting, outcome in session.execute(
        select(Meeting, ThresholdDecision.outcome)
        .outerjoin(ThresholdDecision, ThresholdDecision.meeting_id == Meeting.id)
        .where(only(Meeting.case_id))
    ).all():
        meetings[meeting.case_id].append(
            MeetingFact(
                meeting.id,
                meeting.meeting_type,
                meeting.scheduled_date,
                meeting.status,
                meeting.created_at,
                outcome,
            )
        )
    scales: dict[str, dict[str, TimescalesFact]] = defaultdict(dict)
    for case_id, row in session.execute(
        select(Meeting.case_id, MeetingTimescales)
        .join(Meeting, Meeting.id == MeetingTimescales.meeting_id)
        .where(only(Meeting.case_id))
    ).all():
        scales[case_id][row.meeting_id] = TimescalesFact(
            row.review_due, row.icpc_due, row.assessment_due, row.assessment_from
        )
    frames: dict[str, list[TimeframeFact]] = defaultdict(list)
    for case_id, frame in session.execute(
        select(Meeting.case_id, IcpcTimeframeDecision)
        .join(Meeting, Meeting.id == IcpcTimeframeDecision.meeting_id)
        .where(only(Meeting.case_id))
    ).all():
        frames[case_id].append(
            TimeframeFact(
                frame.meeting_id,
                frame.strategy_meeting_id,
                frame.timeframe,
                frame.target_date,
                frame.default_due,
            )
        )
    plans: dict[str, list[PlanFact]] = defaultdict(list)
    for plan in session.scalars(
        select(ChildProtectionPlan).where(only(ChildProtectionPlan.case_id))
    ).all():
        plans[plan.case_id].append(
            PlanFact(
                plan.id,
                plan.start_date,
                plan.end_date,
                plan.next_review_due,
                plan.icpc_meeting_id,
                plan.created_at,
                plan.latest_category,
            )
        )
    return {
        case.id: CaseFacts(
            case_id=case.id,
            child_ref=ref,
            is_open=case.status is CaseStatus.OPEN,
            referral_date=case.referral_date,
            meetings=tuple(meetings[case.id]),
            timescales=scales[case.id],
            timeframes=tuple(frames[case.id]),
            plans=tuple(plans[case.id]),
        )
        for case, ref in cases
    }


def journey(workspace: Workspace, *, case_id: str) -> JourneyState:
    """Where a case's journey stands (open enquiry, no further action, open plan, each
    clock with its state): for screens, closing and letters."""
    with workspace.reading() as session:
        state = case_journey(session, case_id)
    if state is None:
        raise NotFound("That case no longer exists.")
    return state


def case_journey(session: Session, case_id: str) -> JourneyState | None:
    """Where one case's journey stands (None if there is no such case)."""
    facts = case_facts(session, [case_id]).get(case_id)
    return journey_state(facts) if facts is not None else None


def current_journeys(session: Session) -> list[JourneyState]:
    """Each child's newest open case, with its clocks: what Home and the register follow."""
    facts = case_facts(session)
    rows: list[tuple[str, dt.date, dt.datetime, CaseFacts]] = [
        (child_id, opened_on, created_at, facts[case_id])
        for case_id, child_id, opened_on, created_at in session.execute(
            select(
                CaseEpisode.id, CaseEpisode.child_id, CaseEpisode.opened_on, CaseEpisode.created_at
            ).where(CaseEpisode.status == CaseStatus.OPEN)
        ).all()
    ]
    return [journey_state(case) for case in newest_open_cases(rows)]
