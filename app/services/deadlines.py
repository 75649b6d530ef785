"""What is overdue, due today and due in the coming week: the home screen's list.

What each clock means (when it is due, held, superseded or closed) is defined
once, in ``app.workflow.clocks``; this module lists the open ones:

- ``review``, ``icpc`` and ``assessment``: the clocks of a child's open section
  47 enquiry (the ICPC at the later date the review agreed, if it did; the
  assessment from the referral when the case records one);
- ``rcpc``: the next review conference of an open child protection plan;
- ``core-group``: the next core group of an open plan;
- ``pp-letter``, ``pp-meeting`` and ``pp-review``: the letter before
  proceedings, the first pre-proceedings meeting and the decision to step up
  or down, of the open case's latest pre-proceedings episode (listed whether or
  not the child is in the register, which follows enquiries and plans);
- ``birth-review``: the first review conference after a pre-birth conference's
  baby is born; ``transfer-in``: the conference for a child who moved in from
  another area on a plan (listed whether or not the child is in the register);
- ``action``: an open action with a date;
- ``notification``: letters about a meeting not yet marked sent, due the
  working day after the meeting closed (its date in England).

"This week" is the seven days after today (tomorrow up to and including a week
today), not Monday to Sunday: on a Friday the chair still sees the next week.
Only each child's newest open case counts for meetings, as in the register; an
open action or an unsent letter is shown whatever became of its case, because
someone still owes it.

The list is read set-based, in a fixed number of statements whatever the size
of the workspace: the journey clocks due by a week today in one
(``app.services.due_clocks``, the journey rules repeated in SQL, which
``tests/test_deadlines_parity.py`` holds equal to the rules asked one case at a
time), then the open actions and the unsent letters in one each, and Python
words only the rows returned. ``macpt deadlines`` reads the same function.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import enum

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app import clock
from app.models import (
    ActionStatus,
    AuditEntry,
    CaseEpisode,
    Child,
    ClosureDay,
    Meeting,
    MeetingAction,
    Notification,
)
from app.services.due_clocks import DueClock, due_clocks
from app.storage.workspace import Workspace
from app.workdays import WorkingCalendar, long_date
from app.workflow.clocks import (
    HELD_STATUSES,
    WEEK,
    ClockKind,
    Urgency,
    urgency_of,
)

# A meeting that has started has been held, even if its minutes are not closed yet.
HELD = HELD_STATUSES


class DeadlineKind(enum.StrEnum):
    REVIEW = "review"
    ICPC = "icpc"
    RCPC = "rcpc"
    ASSESSMENT = "assessment"
    CORE_GROUP = "core-group"
    PP_LETTER = "pp-letter"
    PP_MEETING = "pp-meeting"
    PP_REVIEW = "pp-review"
    BIRTH_REVIEW = "birth-review"
    TRANSFER_IN = "transfer-in"
    ACTION = "action"
    NOTIFICATION = "notification"

    @property
    def label(self) -> str:
        return KIND_LABELS[self]


KIND_LABELS = {
    DeadlineKind.REVIEW: "Five-day review",
    DeadlineKind.ICPC: "Initial conference",
    DeadlineKind.RCPC: "Review conference",
    DeadlineKind.ASSESSMENT: "Section 47 assessment",
    DeadlineKind.CORE_GROUP: "Core group",
    DeadlineKind.PP_LETTER: "Letter before proceedings",
    DeadlineKind.PP_MEETING: "First pre-proceedings meeting",
    DeadlineKind.PP_REVIEW: "Decision to step up or down",
    DeadlineKind.BIRTH_REVIEW: "First review after the birth",
    DeadlineKind.TRANSFER_IN: "Transfer-in conference",
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

    def state(self, today: dt.date) -> Urgency:
        """The journey rules' urgency: every item listed is due within the week."""
        found = urgency_of(self.due, today)
        assert found is not None, "deadlines lists nothing due beyond the week"
        return found

    def as_json(self, today: dt.date | None = None) -> dict[str, object]:
        """The shape ``macpt deadlines --json`` promises. No names and no free text
        (an action's words may name anyone): JSON ends up in files."""
        found: dict[str, object] = {
            "child": self.la_child_ref,
            "kind": self.kind.value,
            "due": self.due.isoformat(),
        }
        if today is not None:
            found["state"] = self.state(today).value
        found.update(case_id=self.case_id, meeting_id=self.meeting_id)
        return found


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

    @property
    def items(self) -> tuple[DeadlineItem, ...]:
        return self.overdue + self.due_today + self.due_this_week

    def as_json(self) -> list[dict[str, object]]:
        return [item.as_json(self.today) for item in self.items]


def deadlines(workspace: Workspace, *, today: dt.date) -> Deadlines:
    """Every deadline due on or before a week today, sorted into overdue, today and
    the week ahead, each list in date order then by child reference."""
    horizon = today + dt.timedelta(days=WEEK)
    with workspace.reading() as session:
        calendar = WorkingCalendar(session.scalars(select(ClosureDay.day)))
        items = [
            *(_journey_item(due) for due in due_clocks(session, today=today, calendar=calendar)),
            *_actions(session, horizon),
            *_notifications(session, horizon, calendar),
        ]
    items.sort(key=lambda i: (i.due, i.la_child_ref, i.kind.value, i.description))
    return Deadlines(
        today=today,
        overdue=tuple(i for i in items if i.state(today) is Urgency.OVERDUE),
        due_today=tuple(i for i in items if i.state(today) is Urgency.DUE_TODAY),
        due_this_week=tuple(i for i in items if i.state(today) is Urgency.DUE_THIS_WEEK),
    )


def changes_recorded(workspace: Workspace) -> int:
    """A number that moves whenever anything is written to the workspace (the audit
    log's newest entry): Home reads its deadlines again only when it has moved, or the
    day has."""
    with workspace.reading() as session:
        return int(session.scalar(select(func.max(AuditEntry.seq))) or 0)


def _journey_item(due: DueClock) -> DeadlineItem:
    meeting_id, note = due.meeting_id, ""
    if due.booked_id is not None and due.booked_on is not None:
        meeting_id, note = due.booked_id, f"; booked for {long_date(due.booked_on)}"
    return DeadlineItem(
        DeadlineKind(due.kind.value),
        due.due,
        due.child_ref,
        due.child_name,
        _describe(due) + note,
        due.case_id,
        meeting_id,
    )


_PRE_PROCEEDINGS = {
    ClockKind.PP_LETTER: "Pre-proceedings: letter before proceedings (5 working days)",
    ClockKind.PP_MEETING: "Pre-proceedings: first meeting (10 working days from the letter)",
    ClockKind.PP_REVIEW: "Pre-proceedings: decision to step up or down (16 weeks)",
}


_ARRIVALS = {
    ClockKind.BIRTH_REVIEW: "First review conference after the birth on {since}",
    ClockKind.TRANSFER_IN: "Transfer-in conference (notified of the move on {since})",
}


def _describe(due: DueClock) -> str:
    if due.kind in _ARRIVALS:
        since = long_date(due.since) if due.since else "an unrecorded date"
        return _ARRIVALS[due.kind].format(since=since)
    if due.kind is ClockKind.RCPC:
        assert due.plan_start is not None
        category = f"{due.category.label.lower()} " if due.category else ""
        return f"Review conference ({category}plan since {long_date(due.plan_start)})"
    if due.kind is ClockKind.CORE_GROUP:
        assert due.plan_start is not None
        if due.held_on is None:
            return f"First core group (plan since {long_date(due.plan_start)})"
        return f"Core group (the last met on {long_date(due.held_on)})"
    if due.kind in _PRE_PROCEEDINGS:
        return _PRE_PROCEEDINGS[due.kind]
    assert due.enquiry_on is not None
    since = f"the strategy meeting on {long_date(due.enquiry_on)}"
    if due.kind is ClockKind.REVIEW:
        return f"Five-day review after {since}"
    if due.kind is ClockKind.ICPC:
        extended = " (extended by the review)" if due.extended else ""
        return f"Initial child protection conference{extended}"
    counted = "the referral" if due.assessment_from == "referral" else since
    return f"Section 47 assessment (45 working days from {counted})"


def _actions(session: Session, horizon: dt.date) -> list[DeadlineItem]:
    rows = session.execute(
        select(
            MeetingAction.due_date,
            MeetingAction.description,
            MeetingAction.owner_name,
            MeetingAction.case_id,
            MeetingAction.meeting_id,
            Child.la_child_ref,
            Child.first_name,
            Child.last_name,
        )
        .join(CaseEpisode, CaseEpisode.id == MeetingAction.case_id)
        .join(Child, Child.id == CaseEpisode.child_id)
        .where(
            MeetingAction.status == ActionStatus.OPEN,
            MeetingAction.due_date.is_not(None),
            MeetingAction.due_date <= horizon,
        )
    ).all()
    items = []
    for due, description, owner, case_id, meeting_id, ref, first, last in rows:
        assert due is not None
        what = " ".join(description.split()) or "Action with no description"
        if len(what) > 140:
            what = what[:139].rstrip() + "…"
        who = f" ({owner})" if owner else ""
        items.append(
            DeadlineItem(
                DeadlineKind.ACTION, due, ref, _name(first, last), what + who, case_id, meeting_id
            )
        )
    return items


def _notifications(
    session: Session, horizon: dt.date, calendar: WorkingCalendar
) -> list[DeadlineItem]:
    # Each meeting with unsent letters, and how many, in one grouped query.
    rows = session.execute(
        select(
            Meeting.id,
            Meeting.case_id,
            Meeting.meeting_type,
            Meeting.scheduled_date,
            Meeting.closed_at,
            Child.la_child_ref,
            Child.first_name,
            Child.last_name,
            func.count(Notification.id),
        )
        .join(Notification, Notification.meeting_id == Meeting.id)
        .join(CaseEpisode, CaseEpisode.id == Meeting.case_id)
        .join(Child, Child.id == CaseEpisode.child_id)
        .where(Notification.sent_at.is_(None))
        .group_by(Meeting.id)
    ).all()
    items = []
    for meeting_id, case_id, kind, day, closed_at, ref, first, last, count in rows:
        closed = clock.local_date(closed_at) if closed_at else day
        due = calendar.add_working_days(closed, 1)
        if due > horizon:
            continue
        letters = "1 letter" if count == 1 else f"{count} letters"
        items.append(
            DeadlineItem(
                DeadlineKind.NOTIFICATION,
                due,
                ref,
                _name(first, last),
                f"{letters} about the {kind.label.lower()} on {long_date(day)} not yet marked sent",
                case_id,
                meeting_id,
            )
        )
    return items


def _name(first: str | None, last: str | None) -> str:
    return " ".join(p for p in (first, last) if p)
