"""Home's journey clocks as the journey rules give them, asked one case at a time.

``app.services.due_clocks`` picks the due clocks with one SQL statement; this is
what it is held equal to: each child's newest open case read on its own
(``case_facts`` for that case alone), put through ``app.workflow.clocks``, each
open clock due within the week turned into the same :class:`DueClock` (with the
meeting booked for it, looked up in Python as Home once did).
"""

from __future__ import annotations

import dataclasses
import datetime as dt

from sqlalchemy import select

from app.models import CaseEpisode, CaseStatus, Child, Meeting, MeetingStatus, MeetingType
from app.services.clocks import case_facts
from app.services.due_clocks import DueClock
from app.storage.workspace import Workspace
from app.workflow.clocks import (
    Clock,
    ClockKind,
    JourneyState,
    journey_state,
    newest_open_cases,
)

ENQUIRY_KINDS = (ClockKind.REVIEW, ClockKind.ICPC, ClockKind.ASSESSMENT)
PLAN_KINDS = (ClockKind.RCPC, ClockKind.CORE_GROUP)
ARRIVAL_KINDS = (ClockKind.BIRTH_REVIEW, ClockKind.TRANSFER_IN)
# The meeting that meets each clock, when one can be booked for it.
BOOKED_AS = {
    ClockKind.REVIEW: MeetingType.REVIEW,
    ClockKind.ICPC: MeetingType.ICPC,
    ClockKind.RCPC: MeetingType.RCPC,
    ClockKind.CORE_GROUP: MeetingType.CORE_GROUP,
    ClockKind.BIRTH_REVIEW: MeetingType.RCPC,
    ClockKind.TRANSFER_IN: MeetingType.ICPC,
}

Booked = dict[tuple[str, MeetingType], list[tuple[dt.date, str]]]


@dataclasses.dataclass(frozen=True)
class RulesAnswer:
    """Every open case's journey by the rules, with what Home shows beside a clock."""

    journeys: list[JourneyState]
    names: dict[str, str]  # by case id
    booked: Booked

    def due(self, today: dt.date) -> list[DueClock]:
        """The open clocks due on or before a week today, sorted."""
        found = [
            _due_clock(journey, clock, self.names[journey.case_id], self.booked)
            for journey in self.journeys
            for clock in journey.clocks
            if clock.urgency(today) is not None
        ]
        return sorted(found, key=sort_key)


def sort_key(clock: DueClock) -> tuple[str, str, str]:
    return (clock.child_ref, clock.kind.value, clock.case_id)


def rules_answer(workspace: Workspace) -> RulesAnswer:
    """Each child's newest open case, every case's facts read on their own."""
    with workspace.reading() as session:
        rows = session.execute(
            select(
                CaseEpisode.id, CaseEpisode.child_id, CaseEpisode.opened_on, CaseEpisode.created_at
            ).where(CaseEpisode.status == CaseStatus.OPEN)
        ).all()
        facts = {case_id: case_facts(session, [case_id])[case_id] for case_id, *_ in rows}
        names = {
            case_id: " ".join(p for p in (first, last) if p)
            for case_id, first, last in session.execute(
                select(CaseEpisode.id, Child.first_name, Child.last_name).join(
                    Child, Child.id == CaseEpisode.child_id
                )
            ).all()
        }
        booked: Booked = {}
        for case_id, kind, day, meeting_id in session.execute(
            select(Meeting.case_id, Meeting.meeting_type, Meeting.scheduled_date, Meeting.id)
            .where(Meeting.status == MeetingStatus.SCHEDULED)
            .order_by(Meeting.scheduled_date, Meeting.created_at)
        ).all():
            booked.setdefault((case_id, kind), []).append((day, meeting_id))
    newest = newest_open_cases(
        (child, opened, created, facts[case_id]) for case_id, child, opened, created in rows
    )
    return RulesAnswer([journey_state(f) for f in newest], names, booked)


def _due_clock(journey: JourneyState, clock: Clock, name: str, booked: Booked) -> DueClock:
    enquiry_on = plan_start = since = None
    if clock.kind in ENQUIRY_KINDS:
        assert journey.enquiry is not None
        enquiry_on = since = journey.enquiry.day
    if clock.kind in PLAN_KINDS:
        assert journey.plan is not None
        plan_start = since = journey.plan.start
    if clock.kind in ARRIVAL_KINDS:
        since = clock.since or clock.due
    slot = None
    if clock.kind in BOOKED_AS:
        assert since is not None
        slot = next(
            (m for m in booked.get((clock.case_id, BOOKED_AS[clock.kind]), []) if m[0] >= since),
            None,
        )
    plan = journey.plan
    return DueClock(
        kind=clock.kind,
        due=clock.due,
        case_id=clock.case_id,
        child_ref=clock.child_ref,
        child_name=name,
        meeting_id=clock.meeting_id,
        enquiry_on=enquiry_on,
        extended=clock.extended,
        assessment_from=clock.assessment_from,
        plan_start=plan_start,
        category=plan.category if clock.kind is ClockKind.RCPC and plan is not None else None,
        held_on=clock.held_on,
        since=clock.since,
        booked_on=slot[0] if slot else None,
        booked_id=slot[1] if slot else None,
    )
