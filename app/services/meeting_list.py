"""The meetings list: what a search matches, and the list read a page at a time.

Scheduling and the chair's steps are elsewhere (``app.services.meetings``,
``app.services.conduct``); this module only reads.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import math
from typing import Any, TypeVar

from sqlalchemy import ColumnElement, Select, String, and_, cast, or_, select, true
from sqlalchemy.orm import Session

from app.models import CaseEpisode, Child, Meeting, MeetingStatus, MeetingType
from app.services.meeting_words import meeting_types_matching
from app.storage import meeting_search
from app.storage.workspace import Workspace


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


def summary_of(meeting: Meeting) -> MeetingSummary:
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


def search_clause(
    search: str, *, indexed: bool = True, probe: bool = False
) -> ColumnElement[bool] | None:
    """What a search of the meetings list matches: the child's name or reference, the
    place, the chair or the meeting's type (by the words chairs use for it). None when there is nothing to search for.

    Unless ``indexed`` is False, text of three characters or more is looked up in the
    full-text index first (``app.storage.meeting_search``), and only the meetings it
    finds are compared. With ``probe``, the meetings are read in the list's own order
    and each is looked for among those the index found, rather than the index's
    finds being read one by one and sorted: cheaper when they are many, and only a
    page of them is wanted.
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
    # An id with '' added is no column an index can look up: the database then walks
    # the list's index and checks each meeting against the index's finds.
    found = Meeting.id.concat("") if probe else Meeting.id
    in_text = and_(found.in_(meeting_search.matching_ids(term)), in_text)
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
    probe: bool = False,
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
    clause = search_clause(search, indexed=indexed, probe=probe)
    if clause is not None:
        query = query.where(clause)
    return query


def _narrow(session: Session, search: str) -> bool:
    """Whether the search is best looked up in the index (see ``meeting_search.narrow``)."""
    return meeting_search.narrow(session, search.strip())


@dataclasses.dataclass(frozen=True)
class _Way:
    """How a page of a search is best read (see :func:`search_clause`)."""

    indexed: bool
    probe: bool


def _weigh(session: Session, search: str, limit: int) -> _Way:
    """How to read a page of ``limit`` meetings matching ``search``.

    * Few matches (fewer than about the square root of a page times all the meetings:
      5,000 of 137,500 for a page of 200): read what the index finds and sort it.
    * Up to a :data:`~app.storage.meeting_search.SHARE` of them: walk the list in
      order, checking each meeting against what the index finds, until a page is full.
    * More, or text the index cannot look up: walk the list comparing the text itself;
      a page fills within a few hundred meetings.
    """
    term = search.strip()
    if not meeting_search.usable(term):
        return _Way(indexed=False, probe=False)
    meetings = meeting_search.meetings_indexed(session)
    few, share = math.isqrt(max(meetings, 1) * max(limit, 1)), meetings // meeting_search.SHARE
    found = meeting_search.matches_up_to(session, term, max(few, share))
    if found <= few:
        return _Way(indexed=True, probe=False)
    return _Way(indexed=found <= share, probe=found <= share)


# By date, then time (a meeting with no time first on its day), then id, which keeps
# meetings at the same moment in one order from page to page. Spelt out in full, so that
# a server that puts NULL last by default keeps the same order.
_ORDER = (Meeting.scheduled_date.asc(), Meeting.scheduled_time.asc().nulls_first(), Meeting.id)
_REVERSED = (
    Meeting.scheduled_date.desc(),
    Meeting.scheduled_time.desc().nulls_last(),
    Meeting.id.desc(),
)


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
class MeetingsSlice:
    """Meetings next to each other in the list's order, and whether the list goes on past
    them in the direction they were read."""

    rows: list[MeetingSummary]
    more: bool


@dataclasses.dataclass(frozen=True)
class MeetingsWindow:
    """The meetings list's first page: a few held meetings, then what is next."""

    rows: list[MeetingSummary]
    more_before: bool
    more_after: bool
    upcoming: int  # the row of the first meeting dated today or later (len(rows) if none)


def _later_than(row: MeetingSummary) -> ColumnElement[bool]:
    """Meetings after ``row`` in the list's order (see ``_ORDER``)."""
    day, time = Meeting.scheduled_date, Meeting.scheduled_time
    if row.scheduled_time is None:
        same_day = or_(time.is_not(None), and_(time.is_(None), Meeting.id > row.id))
    else:
        same_day = or_(
            time > row.scheduled_time, and_(time == row.scheduled_time, Meeting.id > row.id)
        )
    # The first condition alone lets the date's index find where to start.
    return and_(day >= row.scheduled_date, or_(day > row.scheduled_date, same_day))


def _earlier_than(row: MeetingSummary) -> ColumnElement[bool]:
    """Meetings before ``row`` in the list's order."""
    day, time = Meeting.scheduled_date, Meeting.scheduled_time
    if row.scheduled_time is None:
        same_day = and_(time.is_(None), Meeting.id < row.id)
    else:
        same_day = or_(
            time.is_(None),
            time < row.scheduled_time,
            and_(time == row.scheduled_time, Meeting.id < row.id),
        )
    return and_(day <= row.scheduled_date, or_(day < row.scheduled_date, same_day))


def _read(
    session: Session,
    where: ColumnElement[bool],
    *,
    search: str,
    way: _Way,
    limit: int,
    backwards: bool,
) -> MeetingsSlice:
    query = (
        _matching(select(*_SUMMARY_COLUMNS), search=search, indexed=way.indexed, probe=way.probe)
        .where(where)
        .order_by(*(_REVERSED if backwards else _ORDER))
        .limit(limit + 1)  # one more tells whether the list goes on
    )
    rows = [_summary_from_row(row) for row in session.execute(query)]
    more = len(rows) > limit
    del rows[limit:]
    if backwards:
        rows.reverse()
    return MeetingsSlice(rows, more)


def meetings_after(
    workspace: Workspace, *, search: str = "", after: MeetingSummary | None, limit: int
) -> MeetingsSlice:
    """Up to ``limit`` meetings matching ``search`` that come after ``after`` in the list
    (from the start with None). Read from where ``after`` sits, not counted from the top,
    so a page costs the same at the end of a long list as at its start."""
    with workspace.reading() as session:
        way = _weigh(session, search, limit)
        where = _later_than(after) if after is not None else true()
        return _read(session, where, search=search, way=way, limit=limit, backwards=False)


def meetings_before(
    workspace: Workspace, *, search: str = "", before: MeetingSummary, limit: int
) -> MeetingsSlice:
    """Up to ``limit`` meetings matching ``search`` just before ``before``, in the list's
    order; ``more`` says whether there are earlier ones still."""
    with workspace.reading() as session:
        way = _weigh(session, search, limit)
        where = _earlier_than(before)
        return _read(session, where, search=search, way=way, limit=limit, backwards=True)


def meetings_around(
    workspace: Workspace, *, search: str = "", today: dt.date, limit: int, lead: int
) -> MeetingsWindow:
    """The list's first page, where the chair looks: ``lead`` meetings before the first
    one dated ``today`` or later, then what is next; if the list ends sooner, more of
    the earlier ones fill the page. At most four queries whatever the workspace's size
    (two weigh the search, one reads forward from today, one back), none of which counts the whole list."""
    with workspace.reading() as session:
        way = _weigh(session, search, limit)
        later = _read(
            session,
            Meeting.scheduled_date >= today,
            search=search,
            way=way,
            limit=limit - lead,
            backwards=False,
        )
        earlier = _read(
            session,
            Meeting.scheduled_date < today,
            search=search,
            way=way,
            limit=limit - len(later.rows),
            backwards=True,
        )
        rows = earlier.rows + later.rows
        return MeetingsWindow(rows, earlier.more, later.more, len(earlier.rows))
