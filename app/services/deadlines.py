"""What is overdue, due today and due in the coming week: the home screen's list.

Five kinds of deadline are followed:

- ``review``: the five-day review after a strategy discussion that started a
  section 47 enquiry, due on the date its timescales set, until a review
  meeting has been held;
- ``icpc``: the initial child protection conference, due on the 15th working
  day after that strategy discussion (or the later date the review agreed),
  until a conference has been held or the review decided none is needed;
- ``rcpc``: the next review conference of an open child protection plan;
- ``action``: an open action with a date;
- ``notification``: letters about a closed meeting not yet marked sent, due the
  working day after the meeting closed.

"This week" is the seven days after today (tomorrow up to and including a week
today), not Monday to Sunday: on a Friday the chair still sees the next week.
Only open cases count for meetings; an open action or an unsent letter is
shown whatever became of its case, because someone still owes it.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import enum

from sqlalchemy import Exists, and_, exists, select
from sqlalchemy.orm import Session, aliased

from app.models import (
    ActionStatus,
    CaseEpisode,
    CaseStatus,
    Child,
    ChildProtectionPlan,
    ClosureDay,
    IcpcTimeframe,
    IcpcTimeframeDecision,
    Meeting,
    MeetingAction,
    MeetingStatus,
    MeetingTimescales,
    MeetingType,
    Notification,
    ThresholdDecision,
    ThresholdOutcome,
)
from app.storage.workspace import Workspace
from app.workdays import WorkingCalendar, long_date

WEEK = 7
# A meeting that has started has been held, even if its minutes are not closed yet.
HELD = (MeetingStatus.IN_PROGRESS, MeetingStatus.CLOSED, MeetingStatus.SIGNED_OFF)
S47_OUTCOMES = tuple(o for o in ThresholdOutcome if o.starts_s47)


class DeadlineKind(enum.StrEnum):
    REVIEW = "review"
    ICPC = "icpc"
    RCPC = "rcpc"
    ACTION = "action"
    NOTIFICATION = "notification"

    @property
    def label(self) -> str:
        return KIND_LABELS[self]


KIND_LABELS = {
    DeadlineKind.REVIEW: "Five-day review",
    DeadlineKind.ICPC: "Initial conference",
    DeadlineKind.RCPC: "Review conference",
    DeadlineKind.ACTION: "Action",
    DeadlineKind.NOTIFICATION: "Letters to send",
}


@dataclasses.dataclass(frozen=True)
class DeadlineItem:
    kind: DeadlineKind
    due: dt.date
    la_child_ref: str
    child_name: str
    description: str
    case_id: str
    meeting_id: str | None

    def as_json(self) -> dict[str, object]:
        return {
            "kind": self.kind.value,
            "due": self.due.isoformat(),
            "child": self.la_child_ref,
            "description": self.description,
            "case_id": self.case_id,
            "meeting_id": self.meeting_id,
        }


@dataclasses.dataclass(frozen=True)
class Deadlines:
    today: dt.date
    overdue: tuple[DeadlineItem, ...]
    due_today: tuple[DeadlineItem, ...]
    due_this_week: tuple[DeadlineItem, ...]

    @property
    def week_end(self) -> dt.date:
        return self.today + dt.timedelta(days=WEEK)

    @property
    def is_empty(self) -> bool:
        return not (self.overdue or self.due_today or self.due_this_week)


def deadlines(workspace: Workspace, *, today: dt.date) -> Deadlines:
    """Every deadline due on or before a week today, sorted into overdue, today and
    the week ahead, each list in date order then by child reference."""
    horizon = today + dt.timedelta(days=WEEK)
    with workspace.reading() as session:
        calendar = WorkingCalendar(session.scalars(select(ClosureDay.day)))
        items = [
            *_s47_deadlines(session, horizon),
            *_review_conferences(session, horizon),
            *_actions(session, horizon),
            *_notifications(session, horizon, calendar),
        ]
    items.sort(key=lambda i: (i.due, i.la_child_ref, i.kind.value, i.description))
    return Deadlines(
        today=today,
        overdue=tuple(i for i in items if i.due < today),
        due_today=tuple(i for i in items if i.due == today),
        due_this_week=tuple(i for i in items if today < i.due <= horizon),
    )


def _next_scheduled(
    session: Session, case_id: str, kind: MeetingType, after: dt.date
) -> Meeting | None:
    return session.scalars(
        select(Meeting)
        .where(
            Meeting.case_id == case_id,
            Meeting.meeting_type == kind,
            Meeting.status == MeetingStatus.SCHEDULED,
            Meeting.scheduled_date >= after,
        )
        .order_by(Meeting.scheduled_date)
        .limit(1)
    ).first()


def _held_since(case_id: str, kind: MeetingType, since: dt.date) -> Exists:
    other = aliased(Meeting)
    return exists().where(
        other.case_id == case_id,
        other.meeting_type == kind,
        other.status.in_(HELD),
        other.scheduled_date >= since,
    )


def _scheduled_note(meeting: Meeting | None) -> str:
    return f"; booked for {long_date(meeting.scheduled_date)}" if meeting else ""


def _s47_deadlines(session: Session, horizon: dt.date) -> list[DeadlineItem]:
    rows = session.execute(
        select(Meeting, MeetingTimescales, Child)
        .join(ThresholdDecision, ThresholdDecision.meeting_id == Meeting.id)
        .join(MeetingTimescales, MeetingTimescales.meeting_id == Meeting.id)
        .join(CaseEpisode, CaseEpisode.id == Meeting.case_id)
        .join(Child, Child.id == CaseEpisode.child_id)
        .where(
            Meeting.meeting_type == MeetingType.STRATEGY,
            ThresholdDecision.outcome.in_(S47_OUTCOMES),
            CaseEpisode.status == CaseStatus.OPEN,
        )
        .order_by(Meeting.scheduled_date)
    ).all()
    # Only the latest enquiry on a case is live: a later strategy discussion replaces it.
    latest = {meeting.case_id: (meeting, scales, child) for meeting, scales, child in rows}
    items: list[DeadlineItem] = []
    for meeting, scales, child in latest.values():
        started = scales.strategy_date
        since = f"the strategy meeting on {long_date(started)}"
        if scales.review_due <= horizon and not session.scalar(
            select(_held_since(meeting.case_id, MeetingType.REVIEW, started))
        ):
            booked = _next_scheduled(session, meeting.case_id, MeetingType.REVIEW, started)
            items.append(
                _item(
                    DeadlineKind.REVIEW,
                    scales.review_due,
                    child,
                    meeting.case_id,
                    booked.id if booked else meeting.id,
                    f"Five-day review after {since}{_scheduled_note(booked)}",
                )
            )
        icpc = _icpc_deadline(session, meeting, scales, child, horizon)
        if icpc is not None:
            items.append(icpc)
    return items


def _icpc_deadline(
    session: Session,
    meeting: Meeting,
    scales: MeetingTimescales,
    child: Child,
    horizon: dt.date,
) -> DeadlineItem | None:
    started = scales.strategy_date
    if session.scalar(select(_held_since(meeting.case_id, MeetingType.ICPC, started))):
        return None
    decision = session.scalars(
        select(IcpcTimeframeDecision)
        .join(Meeting, Meeting.id == IcpcTimeframeDecision.meeting_id)
        .where(
            Meeting.case_id == meeting.case_id,
            Meeting.scheduled_date >= started,
        )
        .order_by(Meeting.scheduled_date.desc())
        .limit(1)
    ).first()
    due, note = scales.icpc_due, ""
    if decision is not None:
        if decision.timeframe is IcpcTimeframe.NOT_NEEDED:
            return None
        if decision.timeframe is IcpcTimeframe.EXTENDED and decision.target_date:
            due, note = decision.target_date, " (extended by the review)"
    if due > horizon:
        return None
    booked = _next_scheduled(session, meeting.case_id, MeetingType.ICPC, started)
    return _item(
        DeadlineKind.ICPC,
        due,
        child,
        meeting.case_id,
        booked.id if booked else meeting.id,
        f"Initial child protection conference{note}{_scheduled_note(booked)}",
    )


def _review_conferences(session: Session, horizon: dt.date) -> list[DeadlineItem]:
    rows = session.execute(
        select(ChildProtectionPlan, Child)
        .join(CaseEpisode, CaseEpisode.id == ChildProtectionPlan.case_id)
        .join(Child, Child.id == CaseEpisode.child_id)
        .where(
            ChildProtectionPlan.end_date.is_(None),
            ChildProtectionPlan.next_review_due.is_not(None),
            ChildProtectionPlan.next_review_due <= horizon,
            CaseEpisode.status == CaseStatus.OPEN,
        )
    ).all()
    items = []
    for plan, child in rows:
        assert plan.next_review_due is not None
        booked = _next_scheduled(session, plan.case_id, MeetingType.RCPC, plan.start_date)
        items.append(
            _item(
                DeadlineKind.RCPC,
                plan.next_review_due,
                child,
                plan.case_id,
                booked.id if booked else plan.icpc_meeting_id,
                f"Review conference ({plan.latest_category.label.lower()} plan since "
                f"{long_date(plan.start_date)}){_scheduled_note(booked)}",
            )
        )
    return items


def _actions(session: Session, horizon: dt.date) -> list[DeadlineItem]:
    rows = session.execute(
        select(MeetingAction, Child)
        .join(CaseEpisode, CaseEpisode.id == MeetingAction.case_id)
        .join(Child, Child.id == CaseEpisode.child_id)
        .where(
            MeetingAction.status == ActionStatus.OPEN,
            MeetingAction.due_date.is_not(None),
            MeetingAction.due_date <= horizon,
        )
    ).all()
    items = []
    for action, child in rows:
        assert action.due_date is not None
        what = " ".join(action.description.split()) or "Action with no description"
        if len(what) > 140:
            what = what[:139].rstrip() + "…"
        who = f" ({action.owner_name})" if action.owner_name else ""
        items.append(
            _item(
                DeadlineKind.ACTION,
                action.due_date,
                child,
                action.case_id,
                action.meeting_id,
                what + who,
            )
        )
    return items


def _notifications(
    session: Session, horizon: dt.date, calendar: WorkingCalendar
) -> list[DeadlineItem]:
    unsent = and_(Notification.meeting_id == Meeting.id, Notification.sent_at.is_(None))
    rows = session.execute(
        select(Meeting, Child)
        .join(CaseEpisode, CaseEpisode.id == Meeting.case_id)
        .join(Child, Child.id == CaseEpisode.child_id)
        .where(exists().where(unsent))
    ).all()
    items = []
    for meeting, child in rows:
        count = len(
            session.scalars(
                select(Notification.id).where(
                    Notification.meeting_id == meeting.id, Notification.sent_at.is_(None)
                )
            ).all()
        )
        closed = meeting.closed_at.date() if meeting.closed_at else meeting.scheduled_date
        due = calendar.add_working_days(closed, 1)
        if due > horizon:
            continue
        letters = "1 letter" if count == 1 else f"{count} letters"
        items.append(
            _item(
                DeadlineKind.NOTIFICATION,
                due,
                child,
                meeting.case_id,
                meeting.id,
                f"{letters} about the {meeting.meeting_type.label.lower()} on "
                f"{long_date(meeting.scheduled_date)} not yet marked sent",
            )
        )
    return items


def _item(
    kind: DeadlineKind,
    due: dt.date,
    child: Child,
    case_id: str,
    meeting_id: str | None,
    description: str,
) -> DeadlineItem:
    return DeadlineItem(
        kind, due, child.la_child_ref, child.full_name, description, case_id, meeting_id
    )
