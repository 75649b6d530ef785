"""Actions: what, who (person and agency), by when; open ones follow the case.

An action belongs to the meeting that agreed it. Its wording, owner and date
are part of that meeting's minutes and lock with them. Its progress (done or
cancelled) is not: an open action is carried into the case's later meetings
and can be completed there, even when the meeting that agreed it is signed off.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Sequence

from sqlalchemy import Integer, bindparam, literal_column, select
from sqlalchemy.orm import Session

from app import clock
from app.errors import NotFound, ValidationError
from app.models import ActionNote, ActionNoteKind, ActionStatus, Agency, Meeting, MeetingAction
from app.services.conduct._common import (
    UNSET,
    Unset,
    editable_meeting,
    get_agency,
    get_meeting,
    required_text,
)
from app.services.conduct.action_notes import (
    ActionNoteRow,
    ActionNotes,
    append_note,
    note_status_change,
    notes_for,
)
from app.services.people import link_owner
from app.storage.workspace import Workspace
from app.validation import validated
from app.workflow.clocks import is_overdue

# SQLite's insertion order breaks ties between actions added in the same instant,
# so an action's number never changes.
_INSERTED = literal_column("meeting_action.rowid", Integer)
# Built once: a meeting's actions are read at every step of it.
_AGREED_AT = (
    select(MeetingAction, Agency)
    .outerjoin(Agency, Agency.id == MeetingAction.owner_agency_id)
    .where(MeetingAction.meeting_id.in_(bindparam("meetings", expanding=True)))
    .order_by(MeetingAction.created_at, _INSERTED)
)
_AGREED_FOR_CASE = (
    select(MeetingAction, Agency, Meeting)
    .join(Meeting, Meeting.id == MeetingAction.meeting_id)
    .outerjoin(Agency, Agency.id == MeetingAction.owner_agency_id)
    .where(Meeting.case_id == bindparam("case"))
    .order_by(MeetingAction.created_at, _INSERTED)
)


@dataclasses.dataclass(frozen=True)
class ActionRow:
    id: str
    case_id: str
    meeting_id: str
    number: int  # 1-based, in the order the meeting agreed its actions
    description: str
    owner_name: str
    owner_agency_id: str | None
    owner_agency_name: str
    due_date: dt.date | None
    status: ActionStatus
    completed_on: dt.date | None  # the day it was done or cancelled
    raised_on: dt.date  # the date of the meeting that agreed it
    # The owner as a record, where they were one of the meeting's invitees.
    owner_practitioner_id: str | None = None
    owner_family_member_id: str | None = None
    # The outcome noted when it was marked done ("" if none, or undone since).
    outcome: str = ""
    outcome_restricted: bool = False
    progress_notes: tuple[ActionNoteRow, ...] = ()

    @property
    def is_open(self) -> bool:
        return self.status is ActionStatus.OPEN

    def overdue(self, today: dt.date) -> bool:
        return self.is_open and is_overdue(self.due_date, today)


def _meeting_key(meeting: Meeting) -> tuple[dt.date, dt.time, dt.datetime]:
    return (meeting.scheduled_date, meeting.scheduled_time or dt.time.min, meeting.created_at)


def _rows(session: Session, meetings: list[Meeting]) -> list[ActionRow]:
    """Actions agreed at ``meetings``, numbered within each meeting."""
    by_id = {m.id: m for m in meetings}
    if not by_id:
        return []
    pairs = session.execute(_AGREED_AT, {"meetings": list(by_id)}).all()
    return _numbered(session, [(action, agency) for action, agency in pairs], by_id)


def _numbered(
    session: Session,
    pairs: Sequence[tuple[MeetingAction, Agency | None]],
    by_id: dict[str, Meeting],
) -> list[ActionRow]:
    """Rows for ``pairs`` (every action of the meetings in ``by_id``, in the order
    they were agreed), numbered within each meeting."""
    counters: dict[str, int] = {}
    rows = []
    notes = notes_for(session, [action.id for action, _ in pairs])
    for action, agency in pairs:
        counters[action.meeting_id] = counters.get(action.meeting_id, 0) + 1
        noted = notes.get(action.id, ActionNotes())
        outcome = noted.outcome if action.status is ActionStatus.DONE else None
        rows.append(
            ActionRow(
                action.id,
                action.case_id,
                action.meeting_id,
                counters[action.meeting_id],
                action.description,
                action.owner_name,
                action.owner_agency_id,
                agency.name if agency else "",
                action.due_date,
                action.status,
                action.completed_on,
                by_id[action.meeting_id].scheduled_date,
                action.owner_practitioner_id,
                action.owner_family_member_id,
                outcome.text if outcome else "",
                outcome.restricted if outcome else False,
                noted.progress,
            )
        )
    rows.sort(key=lambda r: (_meeting_key(by_id[r.meeting_id]), r.number))
    return rows


def action_rows(session: Session, meeting: Meeting) -> list[ActionRow]:
    """The actions this meeting agreed, in order."""
    return _rows(session, [meeting])


def carried_over_rows(session: Session, meeting: Meeting) -> list[ActionRow]:
    """Actions agreed at the case's earlier meetings that were still open at this one:
    open now, or done or cancelled on or after this meeting's date."""
    # The case's actions with their meetings in one query (most cases have none).
    found = session.execute(_AGREED_FOR_CASE, {"case": meeting.case_id}).all()
    here = _meeting_key(meeting)
    earlier = {m.id: m for _, _, m in found if _meeting_key(m) < here}
    pairs = [(action, agency) for action, agency, _ in found if action.meeting_id in earlier]
    return [
        row
        for row in _numbered(session, pairs, earlier)
        if row.is_open or (row.completed_on and row.completed_on >= meeting.scheduled_date)
    ]


def _action(session: Session, action_id: str) -> MeetingAction:
    action = session.get(MeetingAction, action_id)
    if action is None:
        raise NotFound("That action no longer exists.")
    return action


def _row_for(session: Session, action: MeetingAction) -> ActionRow:
    meeting = get_meeting(session, action.meeting_id)
    return next(r for r in action_rows(session, meeting) if r.id == action.id)


def _progress_allowed(session: Session, action: MeetingAction, at_meeting_id: str | None) -> None:
    """Progress is recorded at a meeting still open for changes: the action's own,
    or a later meeting about the same case."""
    if at_meeting_id is None or at_meeting_id == action.meeting_id:
        editable_meeting(session, action.meeting_id)
        return
    here = editable_meeting(session, at_meeting_id)
    if here.case_id != action.case_id:
        raise ValidationError("That action belongs to another case.")


def list_actions(workspace: Workspace, *, meeting_id: str) -> list[ActionRow]:
    """The actions agreed at this meeting, numbered in the order they were agreed."""
    with workspace.reading() as session:
        return action_rows(session, get_meeting(session, meeting_id))


def carried_over_actions(workspace: Workspace, *, meeting_id: str) -> list[ActionRow]:
    """Open actions for this meeting's case raised at earlier meetings (and those
    closed since this meeting's date, so the meeting shows what it dealt with)."""
    with workspace.reading() as session:
        return carried_over_rows(session, get_meeting(session, meeting_id))


@validated
def add_action(
    workspace: Workspace,
    *,
    meeting_id: str,
    description: str,
    owner_name: str = "",
    owner_agency_id: str | None = None,
    due_date: dt.date | None = None,
) -> ActionRow:
    """A new open action. Owner and date may follow, but the meeting cannot close without them."""
    description = required_text(description, "what the action is")
    with workspace.transaction() as session:
        meeting = editable_meeting(session, meeting_id)
        if owner_agency_id is not None:
            get_agency(session, owner_agency_id)
        action = MeetingAction(
            case_id=meeting.case_id,
            meeting_id=meeting_id,
            description=description,
            owner_name=owner_name.strip(),
            owner_agency_id=owner_agency_id,
            due_date=due_date,
            status=ActionStatus.OPEN,
        )
        link_owner(session, action)
        session.add(action)
        session.flush()
        return _row_for(session, action)


@validated
def edit_action(
    workspace: Workspace,
    *,
    action_id: str,
    description: str | None = None,
    owner_name: str | None = None,
    owner_agency_id: str | Unset | None = UNSET,
    due_date: dt.date | Unset | None = UNSET,
) -> ActionRow:
    """Change what, who or when; None (UNSET for agency and date) leaves it as it is."""
    with workspace.transaction() as session:
        action = _action(session, action_id)
        editable_meeting(session, action.meeting_id)
        if description is not None:
            action.description = required_text(description, "what the action is")
        if owner_name is not None:
            action.owner_name = owner_name.strip()
        if owner_agency_id is not UNSET:
            if owner_agency_id is not None:
                get_agency(session, owner_agency_id)
            action.owner_agency_id = owner_agency_id
        if due_date is not UNSET:
            action.due_date = due_date
        if owner_name is not None or owner_agency_id is not UNSET:
            link_owner(session, action)
        return _row_for(session, action)


def _set_status(
    workspace: Workspace,
    action_id: str,
    status: ActionStatus,
    at_meeting_id: str | None,
    on: dt.date | None,
    outcome_note: str = "",
    outcome_restricted: bool = False,
) -> ActionRow:
    with workspace.transaction() as session:
        action = _action(session, action_id)
        _progress_allowed(session, action, at_meeting_id)
        was_done = action.status is ActionStatus.DONE
        action.status = status
        action.completed_on = None if status is ActionStatus.OPEN else (on or clock.today())
        note_status_change(
            session,
            action,
            was_done=was_done,
            outcome_note=outcome_note,
            outcome_restricted=outcome_restricted,
            at_meeting_id=at_meeting_id,
            actor=workspace.actor or "",
        )
        return _row_for(session, action)


@validated
def complete_action(
    workspace: Workspace,
    *,
    action_id: str,
    at_meeting_id: str | None = None,
    on: dt.date | None = None,
    outcome_note: str = "",
    outcome_restricted: bool = False,
) -> ActionRow:
    """Mark done (today unless ``on``), at its own meeting or a later one for the case,
    with the outcome if one is given (kept as a note; restricted as notes are)."""
    return _set_status(
        workspace,
        action_id,
        ActionStatus.DONE,
        at_meeting_id,
        on,
        outcome_note,
        outcome_restricted,
    )


@validated
def cancel_action(
    workspace: Workspace, *, action_id: str, at_meeting_id: str | None = None
) -> ActionRow:
    """No longer needed (today), at its own meeting or a later one for the case."""
    return _set_status(workspace, action_id, ActionStatus.CANCELLED, at_meeting_id, None)


@validated
def reopen_action(
    workspace: Workspace, *, action_id: str, at_meeting_id: str | None = None
) -> ActionRow:
    """Undo a completion or cancellation made in error (the undo of "Mark done"): an
    outcome noted then no longer stands, though its note is kept."""
    return _set_status(workspace, action_id, ActionStatus.OPEN, at_meeting_id, None)


@validated
def add_progress_note(
    workspace: Workspace,
    *,
    action_id: str,
    note: str,
    restricted: bool = False,
    at_meeting_id: str | None = None,
) -> ActionRow:
    """Append a progress note, where progress may be recorded (as for marking done)."""
    with workspace.transaction() as session:
        action = _action(session, action_id)
        _progress_allowed(session, action, at_meeting_id)
        append_note(
            session,
            action,
            kind=ActionNoteKind.PROGRESS,
            text=note,
            restricted=restricted,
            at_meeting_id=at_meeting_id,
            actor=workspace.actor or "",
        )
        return _row_for(session, action)


@validated
def remove_action(workspace: Workspace, *, action_id: str) -> None:
    """Delete an action added in error (only at its own meeting, before sign-off)."""
    with workspace.transaction() as session:
        action = _action(session, action_id)
        editable_meeting(session, action.meeting_id)
        if session.scalar(select(ActionNote.id).where(ActionNote.action_id == action.id).limit(1)):
            raise ValidationError(
                "This action has notes of its progress, so it was not added in error. "
                "Cancel it instead."
            )
        session.delete(action)
