"""The clocks a strategy discussion starts, counted in working days (see app.workdays).

While a meeting runs they are computed live from its date and the area's
closure days; when the decision is recorded, and again when the meeting
closes, they are stored with it, so that later changes to closure days never
move the dates in minutes already written. The assessment counts 45 working
days from the case's referral date when it records one (as Working Together
does), else from the strategy discussion; which one is stored with the dates.
"""

from __future__ import annotations

import dataclasses
import datetime as dt

from sqlalchemy import bindparam, select
from sqlalchemy.orm import Session

from app.models import ClosureDay, Meeting, MeetingStatus, MeetingTimescales, MeetingType
from app.services.conduct._common import get_meeting
from app.storage.workspace import Workspace
from app.workdays import Timescales, WorkingCalendar

_SETTLED = frozenset({MeetingStatus.CLOSED, MeetingStatus.SIGNED_OFF})


@dataclasses.dataclass(frozen=True)
class TimescalesRow:
    meeting_id: str
    strategy_date: dt.date
    review_due: dt.date
    icpc_due: dt.date
    assessment_due: dt.date
    # True when these are the dates stored with the meeting, not computed now.
    stored: bool
    assessment_from: str = "strategy"  # or "referral"

    def as_timescales(self) -> Timescales:
        return Timescales(
            self.strategy_date,
            self.review_due,
            self.icpc_due,
            self.assessment_due,
            self.assessment_from,
        )


_CLOSURE_DAYS = select(ClosureDay.day)
_STORED = select(MeetingTimescales).where(MeetingTimescales.meeting_id == bindparam("meeting"))


def calendar_for(session: Session) -> WorkingCalendar:
    return WorkingCalendar(session.scalars(_CLOSURE_DAYS))


def working_calendar(workspace: Workspace) -> WorkingCalendar:
    """England's working days less this workspace's closure days."""
    with workspace.reading() as session:
        return calendar_for(session)


def _live(session: Session, meeting: Meeting) -> Timescales:
    """Counted now; the assessment from the case's referral date when it has one."""
    return Timescales.from_strategy_date(
        meeting.scheduled_date, calendar_for(session), referral_date=meeting.case.referral_date
    )


def store_timescales(session: Session, meeting: Meeting) -> MeetingTimescales | None:
    """Compute and store a strategy meeting's timescales now (None for other meetings)."""
    if meeting.meeting_type is not MeetingType.STRATEGY:
        return None
    due = _live(session, meeting)
    row = session.scalar(_STORED, {"meeting": meeting.id})
    if row is None:
        row = MeetingTimescales(meeting_id=meeting.id)
        session.add(row)
    for field in ("strategy_date", "review_due", "icpc_due", "assessment_due", "assessment_from"):
        if getattr(row, field, None) != getattr(due, field):
            setattr(row, field, getattr(due, field))
    return row


def timescales_row(session: Session, meeting: Meeting) -> TimescalesRow | None:
    """Stored dates for a closed meeting; live ones for a meeting still running."""
    if meeting.meeting_type is not MeetingType.STRATEGY:
        return None
    stored = session.scalar(_STORED, {"meeting": meeting.id})
    if stored is not None and meeting.status in _SETTLED:
        return TimescalesRow(
            meeting.id,
            stored.strategy_date,
            stored.review_due,
            stored.icpc_due,
            stored.assessment_due,
            stored=True,
            assessment_from=stored.assessment_from,
        )
    due = _live(session, meeting)
    return TimescalesRow(
        meeting.id,
        due.strategy_date,
        due.review_due,
        due.icpc_due,
        due.assessment_due,
        stored=False,
        assessment_from=due.assessment_from,
    )


def meeting_timescales(workspace: Workspace, *, meeting_id: str) -> TimescalesRow | None:
    """The review, ICPC and assessment dates for a strategy meeting (None for others)."""
    with workspace.reading() as session:
        return timescales_row(session, get_meeting(session, meeting_id))
