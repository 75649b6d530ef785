"""Meetings: schedule, list and search.

A meeting's status moves only through the chair's own steps (start, close,
sign off, in ``app.services.conduct``), each with its rules.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Sequence
from typing import Any, TypeVar

from sqlalchemy import ColumnElement, Select, String, and_, bindparam, cast, func, or_, select
from sqlalchemy.orm import Session

from app.errors import NotFound, ValidationError
from app.models import (
    AgendaItem,
    AgendaTemplateItem,
    CaseEpisode,
    Child,
    Meeting,
    MeetingStatus,
    MeetingType,
)
from app.services.clocks import case_journey
from app.services.conduct.carry_over import carry_invitations
from app.services.conduct.invitations import default_invitations
from app.services.meeting_words import meeting_types_matching
from app.services.people import practitioner_named
from app.storage import meeting_search
from app.storage.workspace import Workspace
from app.validation import validated
from app.workflow.sections import missing_items


@dataclasses.dataclass(frozen=True)
class MeetingSummary:
    id: str
    case_id: str
    meeting_type: MeetingType
    scheduled_date: dt.date
    scheduled_time: dt.time | None
    status: MeetingStatus
    la_child_ref: str
    child_name: str
    location: str
    chair_name: str

    def as_json(self) -> dict[str, object]:
        """The shape ``macpt meetings --json`` promises."""
        return {
            "id": self.id,
            "type": self.meeting_type.value,
            "date": self.scheduled_date.isoformat(),
            "time": self.scheduled_time.strftime("%H:%M") if self.scheduled_time else None,
            "status": self.status.value,
            "child": self.la_child_ref,
            "case_id": self.case_id,
        }


def _summary(meeting: Meeting) -> MeetingSummary:
    child = meeting.case.child
    return MeetingSummary(
        meeting.id,
        meeting.case_id,
        meeting.meeting_type,
        meeting.scheduled_date,
        meeting.scheduled_time,
        meeting.status,
        child.la_child_ref,
        child.full_name,
        meeting.location,
        meeting.chair_name,
    )


_SUMMARY_COLUMNS = (
    Meeting.id,
    Meeting.case_id,
    Meeting.meeting_type,
    Meeting.scheduled_date,
    Meeting.scheduled_time,
    Meeting.status,
    Child.la_child_ref,
    Child.first_name,
    Child.last_name,
    Meeting.location,
    Meeting.chair_name,
)


def _summary_from_row(row: Any) -> MeetingSummary:
    (id_, case_id, kind, day, time, status, ref, first, last, location, chair) = row
    name = " ".join(part for part in (first, last) if part)  # as Child.full_name
    return MeetingSummary(id_, case_id, kind, day, time, status, ref, name, location, chair)


_TEMPLATE = (
    select(AgendaTemplateItem)
    .where(AgendaTemplateItem.meeting_type == bindparam("kind"))
    .order_by(AgendaTemplateItem.position)
)


@validated
def schedule_meeting(
    workspace: Workspace,
    *,
    case_id: str,
    meeting_type: MeetingType,
    scheduled_date: dt.date,
    scheduled_time: dt.time | None = None,
    location: str = "",
    online_link: str | None = None,
    chair_name: str = "",
    minute_taker_name: str = "",
    duration_minutes: int = 90,
    carry_attendance_ids: Sequence[str] | None = None,
) -> MeetingSummary:
    """A new scheduled meeting with its own copy of the area's agenda template.

    The four statutory agencies are invited (and, to a conference or a core
    group, the family members to be invited), see
    ``conduct.invitations.default_invitations``. A core group is refused
    for a case with no open child protection plan. With ``carry_attendance_ids``
    (the chair's choice from ``previous_invitees``) those people of the child's
    last meeting are invited again and the others left off.
    """
    with workspace.transaction() as session:
        meeting = schedule_in(
            session,
            case_id=case_id,
            meeting_type=meeting_type,
            scheduled_date=scheduled_date,
            scheduled_time=scheduled_time,
            location=location,
            online_link=online_link,
            chair_name=chair_name,
            minute_taker_name=minute_taker_name,
            duration_minutes=duration_minutes,
            carry_attendance_ids=carry_attendance_ids,
        )
        return _summary(meeting)


def schedule_in(
    session: Session,
    *,
    case_id: str,
    meeting_type: MeetingType,
    scheduled_date: dt.date,
    scheduled_time: dt.time | None = None,
    location: str = "",
    online_link: str | None = None,
    chair_name: str = "",
    minute_taker_name: str = "",
    duration_minutes: int = 90,
    carry_attendance_ids: Sequence[str] | None = None,
) -> Meeting:
    """:func:`schedule_meeting`'s work in a caller's transaction (a contextual
    meeting schedules one meeting per child in one)."""
    if duration_minutes <= 0:
        raise ValidationError("The meeting must last at least a minute.")
    case = session.get(CaseEpisode, case_id)
    if case is None:
        raise NotFound("That case no longer exists.")
    if meeting_type is MeetingType.CORE_GROUP:
        _check_plan_open(session, case_id)
    template = [
        (i.title, i.guidance, i.kind) for i in session.scalars(_TEMPLATE, {"kind": meeting_type})
    ]
    meeting = Meeting(
        case_id=case_id,
        meeting_type=meeting_type,
        scheduled_date=scheduled_date,
        scheduled_time=scheduled_time,
        location=location.strip(),
        online_link=(online_link or "").strip() or None,
        chair_name=chair_name.strip(),
        chair_id=practitioner_named(session, chair_name),
        minute_taker_name=minute_taker_name.strip(),
        duration_minutes=duration_minutes,
    )
    session.add(meeting)
    # The meeting is written first: its agenda and invitations refer to it. Everything
    # they need is read before they are added, so that both are written (and their
    # audit entries made) in one go.
    session.flush()
    invitations = default_invitations(session, meeting, case)
    items = list(template)
    # A section the minutes must fill is never missing from the agenda. The
    # reason for the meeting comes after the introductions, where a reader
    # looks for it; any other goes before the last item (any other business).
    missing = missing_items(
        meeting_type,
        [title for title, _, _ in items],
        looked_after=case.looked_after,
    )
    for section in missing:
        at = min(1, len(items)) if section.key == "reason" else max(len(items) - 1, 0)
        items.insert(at, (section.title, section.guidance, "notes"))
    for position, (title, guidance, kind) in enumerate(items):
        session.add(
            AgendaItem(
                meeting_id=meeting.id,
                position=position,
                title=title,
                guidance=guidance,
                kind=kind,
            )
        )
    session.add_all(invitations)
    session.flush()
    if carry_attendance_ids is not None:
        carry_invitations(session, meeting, frozenset(carry_attendance_ids))
    session.flush()
    return meeting


def _check_plan_open(session: Session, case_id: str) -> None:
    """A core group works on a child protection plan: the case must have one open."""
    state = case_journey(session, case_id)
    if state is None or not state.has_open_plan:
        raise ValidationError(
            "A core group meeting can only be scheduled for a child on a child protection "
            "plan, and this case has no open plan. An initial child protection conference "
            "starts a plan."
        )


def search_clause(search: str, *, indexed: bool = True) -> ColumnElement[bool] | None:
    """What a search of the meetings list matches: the child's name or reference, the
    place, the chair or the meeting's type (by the words chairs use for it). None when there is nothing to search for.

    Unless ``indexed`` is False, text of three characters or more is looked up in the
    full-text index first (``app.storage.meeting_search``), and only the meetings it
    finds are compared.
    """
    term = search.strip()
    if not term:
        return None
    like = f"%{term}%"
    in_text: ColumnElement[bool] = or_(
        Child.la_child_ref.ilike(like),
        Child.first_name.ilike(like),
        Child.last_name.ilike(like),
        Meeting.location.ilike(like),
        Meeting.chair_name.ilike(like),
    )
    if not indexed or not meeting_search.usable(term):
        return or_(
            in_text,
            cast(Meeting.meeting_type, String).ilike(like),
            Meeting.meeting_type.in_(meeting_types_matching(term)),
        )
    # The index may find more (it folds every letter's case, LIKE only A to Z): the
    # comparison keeps what the search has always matched.
    in_text = and_(Meeting.id.in_(meeting_search.matching_ids(term)), in_text)
    folded = "".join(c.lower() if c.isascii() else c for c in term)  # as SQLite's lower()
    kinds = {kind for kind in MeetingType if folded in kind.value}
    kinds.update(meeting_types_matching(term))
    if not kinds:
        return in_text
    return or_(in_text, Meeting.meeting_type.in_(sorted(kinds, key=lambda k: k.value)))


_Query = TypeVar("_Query", bound=Select[*tuple[Any, ...]])


def _matching(
    query: _Query,
    *,
    search: str = "",
    case_id: str | None = None,
    from_date: dt.date | None = None,
    to_date: dt.date | None = None,
    statuses: tuple[MeetingStatus, ...] = (),
    indexed: bool = True,
) -> _Query:
    query = query.join(Meeting.case).join(CaseEpisode.child)
    if case_id:
        query = query.where(Meeting.case_id == case_id)
    if from_date:
        query = query.where(Meeting.scheduled_date >= from_date)
    if to_date:
        query = query.where(Meeting.scheduled_date <= to_date)
    if statuses:
        query = query.where(Meeting.status.in_(statuses))
    clause = search_clause(search, indexed=indexed)
    if clause is not None:
        query = query.where(clause)
    return query


def _narrow(session: Session, search: str) -> bool:
    """Whether the search is best looked up in the index (see ``meeting_search.narrow``)."""
    return meeting_search.narrow(session, search.strip())


# By date, then time; the id keeps meetings at the same moment in one order from page
# to page.
_ORDER = (Meeting.scheduled_date, Meeting.scheduled_time, Meeting.id)


def list_meetings(
    workspace: Workspace,
    *,
    search: str = "",
    case_id: str | None = None,
    limit: int | None = None,
    from_date: dt.date | None = None,
    to_date: dt.date | None = None,
    statuses: tuple[MeetingStatus, ...] = (),
) -> list[MeetingSummary]:
    """Meetings by date, matching the child's name or reference, the place, the chair or
    the kind of meeting in the words chairs use ("five day review", "RCPC")."""
    with workspace.reading() as session:
        # Plain rows with the child's columns, in one query: a team's workspace holds tens
        # of thousands of meetings, and loading each as objects (or its child one query
        # at a time) kept the chair waiting.
        query = _matching(
            select(*_SUMMARY_COLUMNS),
            search=search,
            case_id=case_id,
            from_date=from_date,
            to_date=to_date,
            statuses=statuses,
            indexed=_narrow(session, search),
        ).order_by(*_ORDER)
        if limit:
            query = query.limit(limit)
        return [_summary_from_row(row) for row in session.execute(query)]


@dataclasses.dataclass(frozen=True)
class MeetingsPageRows:
    """One page of the meetings list, and where it sits in the whole list."""

    rows: list[MeetingSummary]
    offset: int
    total: int  # meetings matching the search, on every page
    before: int  # of those, how many are dated before ``today``: where what is next begins


def meetings_page(
    workspace: Workspace,
    *,
    search: str = "",
    offset: int = 0,
    limit: int,
    today: dt.date,
    lead: int | None = None,
) -> MeetingsPageRows:
    """``limit`` meetings from ``offset`` in the list's order, in three queries whatever
    the workspace's size: one weighs the search (``_narrow``), one counts, one reads the
    page.

    With ``lead``, the page instead begins ``lead`` meetings before the first one dated
    ``today`` or later (or ends with the list, if that comes sooner), where the chair looks.
    """
    with workspace.reading() as session:
        indexed = _narrow(session, search)
        counts = _matching(
            select(func.count(), func.count().filter(Meeting.scheduled_date < today)).select_from(
                Meeting
            ),
            search=search,
            indexed=indexed,
        )
        total, before = session.execute(counts).one()
        if lead is not None:
            offset = min(before - lead, total - limit)
        # The page's ids first, sorting only the meetings' narrow columns; then their
        # rows. Sorting every meeting's whole row to skip most of them took three times
        # as long at 10,000 children.
        ids = (
            _matching(select(Meeting.id), search=search, indexed=indexed)
            .order_by(*_ORDER)
            .limit(limit)
            .offset(max(offset, 0))
            .scalar_subquery()
        )
        query = _matching(select(*_SUMMARY_COLUMNS)).where(Meeting.id.in_(ids)).order_by(*_ORDER)
        rows = [_summary_from_row(row) for row in session.execute(query)]
        return MeetingsPageRows(rows, max(offset, 0), total or 0, before or 0)


def get_meeting(workspace: Workspace, *, meeting_id: str) -> MeetingSummary:
    with workspace.reading() as session:
        meeting = session.get(Meeting, meeting_id)
        if meeting is None:
            raise NotFound(f"There is no meeting with the id {meeting_id}.")
        return _summary(meeting)
