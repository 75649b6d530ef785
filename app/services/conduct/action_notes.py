"""Progress notes on an agreed action, and its outcome when marked done.

Notes are appended, never changed (the database refuses it): the action's
history reads as it was written. They follow the rule for an action's
progress (``actions._progress_allowed``): written at the action's own meeting
while it is open for changes, or at a later meeting about the same case, even
after the minutes that agreed the action are signed off. The author is the
chair of the meeting where the note is written.

A note is restricted (left out of family copies) when the chair says so, when
the action's owner is the police, or when it mentions police-investigative
matters (:func:`app.workflow.restriction.starts_restricted`).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Iterable

from sqlalchemy import Integer, bindparam, literal_column, select
from sqlalchemy.orm import Session

from app import clock
from app.models import (
    ActionNote,
    ActionNoteKind,
    ActionStatus,
    Agency,
    MeetingAction,
    StatutoryRole,
)
from app.services.conduct._common import get_meeting, required_text
from app.workflow.restriction import starts_restricted

_INSERTED = literal_column("action_note.rowid", Integer)
_NOTES = (
    select(ActionNote)
    .where(ActionNote.action_id.in_(bindparam("actions", expanding=True)))
    .order_by(ActionNote.written_at, _INSERTED)
)


@dataclasses.dataclass(frozen=True)
class ActionNoteRow:
    id: str
    action_id: str
    kind: ActionNoteKind
    written_at: dt.datetime
    author: str
    text: str
    restricted: bool


@dataclasses.dataclass(frozen=True)
class ActionNotes:
    """What an action's notes say now: its progress notes, oldest first, and the
    outcome written when it was last marked done (None if none, or undone since)."""

    progress: tuple[ActionNoteRow, ...] = ()
    outcome: ActionNoteRow | None = None


def _row(note: ActionNote) -> ActionNoteRow:
    return ActionNoteRow(
        note.id,
        note.action_id,
        note.kind,
        note.written_at,
        note.author,
        note.text,
        note.restricted,
    )


def notes_for(session: Session, action_ids: Iterable[str]) -> dict[str, ActionNotes]:
    """Each action's notes, by action id (actions without notes are left out)."""
    wanted = list(action_ids)
    if not wanted:
        return {}
    found = session.scalars(_NOTES, {"actions": wanted})
    progress: dict[str, list[ActionNoteRow]] = {}
    outcome: dict[str, ActionNoteRow | None] = {}
    for note in found:
        row = _row(note)
        if note.kind is ActionNoteKind.PROGRESS:
            progress.setdefault(note.action_id, []).append(row)
        else:  # a later outcome replaces an earlier one; "reopened" sets it aside
            outcome[note.action_id] = row if note.kind is ActionNoteKind.OUTCOME else None
    return {
        action_id: ActionNotes(tuple(progress.get(action_id, ())), outcome.get(action_id))
        for action_id in {*progress, *outcome}
    }


def _author(session: Session, action: MeetingAction, at_meeting_id: str | None, actor: str) -> str:
    meeting = get_meeting(session, at_meeting_id or action.meeting_id)
    return meeting.chair_name.strip() or actor or "Not recorded"


def _owned_by_police(session: Session, action: MeetingAction) -> bool:
    if action.owner_agency_id is None:
        return False
    agency = session.get(Agency, action.owner_agency_id)
    return agency is not None and agency.statutory_role is StatutoryRole.POLICE


def append_note(
    session: Session,
    action: MeetingAction,
    *,
    kind: ActionNoteKind,
    text: str,
    restricted: bool,
    at_meeting_id: str | None,
    actor: str,
) -> ActionNoteRow:
    """Add a note to ``action`` (the caller has checked that progress may be recorded)."""
    if kind is not ActionNoteKind.REOPENED:
        text = required_text(text, "the note")
    note = ActionNote(
        action_id=action.id,
        kind=kind,
        written_at=clock.utcnow(),
        author=_author(session, action, at_meeting_id, actor),
        text=text,
        restricted=restricted
        or starts_restricted(text, from_police=_owned_by_police(session, action)),
    )
    session.add(note)
    session.flush()
    return _row(note)


def note_status_change(
    session: Session,
    action: MeetingAction,
    *,
    was_done: bool,
    outcome_note: str,
    outcome_restricted: bool,
    at_meeting_id: str | None,
    actor: str,
) -> None:
    """After ``action``'s status changed: keep the outcome given on marking it done; on
    undoing "done", note that the outcome written then no longer stands."""
    kind, text, restricted = None, "", False
    if action.status is ActionStatus.DONE and outcome_note.strip():
        kind, text, restricted = ActionNoteKind.OUTCOME, outcome_note, outcome_restricted
    elif was_done and action.status is not ActionStatus.DONE:
        standing = notes_for(session, [action.id]).get(action.id)
        if standing is not None and standing.outcome is not None:
            # The history keeps both: the outcome and that it was undone.
            kind = ActionNoteKind.REOPENED
    if kind is not None:
        append_note(
            session,
            action,
            kind=kind,
            text=text,
            restricted=restricted,
            at_meeting_id=at_meeting_id,
            actor=actor,
        )
