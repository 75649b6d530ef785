"""Drafts: text typed in meeting mode that the chair has not yet confirmed.

Decisions, timeframes, safety plans, conference and discharge records are
stored by a button of their own. Until the chair presses it, what they typed is
kept here, one row per field, so that locking, quitting, a crash or moving
elsewhere never loses it. Recording the item clears its drafts; signing off the
minutes clears the meeting's.
"""

from __future__ import annotations

import dataclasses
import datetime as dt

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from app import clock
from app.models import Draft, MeetingStatus
from app.services.conduct._common import editable_meeting, get_meeting
from app.storage.workspace import Workspace
from app.validation import validated


@dataclasses.dataclass(frozen=True)
class DraftRow:
    field_key: str
    text: str
    updated_at: dt.datetime


@validated
def save_draft(workspace: Workspace, *, meeting_id: str, field_key: str, draft: str) -> DraftRow:
    """Keep ``draft`` as the unconfirmed text of ``field_key`` in the meeting."""
    with workspace.transaction() as session:
        editable_meeting(session, meeting_id)
        row = session.get(Draft, (meeting_id, field_key))
        now = clock.utcnow()
        if row is None:
            row = Draft(meeting_id=meeting_id, field_key=field_key, text=draft, updated_at=now)
            session.add(row)
        else:
            row.text = draft
            row.updated_at = now
        session.flush()
        return DraftRow(row.field_key, row.text, row.updated_at)


def list_drafts(workspace: Workspace, *, meeting_id: str) -> list[DraftRow]:
    """The meeting's drafts, oldest change first."""
    with workspace.reading() as session:
        rows = session.scalars(
            select(Draft)
            .where(Draft.meeting_id == meeting_id, Draft.field_key != CURRENT_ITEM_KEY)
            .order_by(Draft.updated_at)
        )
        return [DraftRow(r.field_key, r.text, r.updated_at) for r in rows]


@validated
def clear_drafts(workspace: Workspace, *, meeting_id: str, prefix: str = "") -> int:
    """Remove the meeting's drafts whose keys start with ``prefix`` (all by default)."""
    with workspace.transaction() as session:
        return remove_drafts(session, meeting_id, prefix)


def remove_drafts(session: Session, meeting_id: str, prefix: str = "") -> int:
    """Delete drafts inside a caller's transaction (sign-off clears the meeting's)."""
    statement = delete(Draft).where(Draft.meeting_id == meeting_id)
    if prefix:
        statement = statement.where(Draft.field_key.startswith(prefix, autoescape=True))
    result = session.execute(statement)
    return int(getattr(result, "rowcount", 0) or 0)


# Where the chair was in meeting mode: an agenda item's id, kept like a draft (and
# cleared with the drafts at sign-off). No page's drafts ("<item id>/<field>") match it.
CURRENT_ITEM_KEY = "@current-item"


@validated
def remember_item(workspace: Workspace, *, meeting_id: str, agenda_item_id: str) -> None:
    """Keep the agenda item the chair is on, to come back to it after a lock or a
    return to the meeting. Nothing is kept for signed-off minutes."""
    with workspace.transaction() as session:
        if get_meeting(session, meeting_id).status is MeetingStatus.SIGNED_OFF:
            return
        row = session.get(Draft, (meeting_id, CURRENT_ITEM_KEY))
        if row is None:
            row = Draft(meeting_id=meeting_id, field_key=CURRENT_ITEM_KEY, text="")
            session.add(row)
        row.text = agenda_item_id
        row.updated_at = clock.utcnow()


def remembered_item(workspace: Workspace, *, meeting_id: str) -> str | None:
    """The agenda item the chair was last on (its id), if one was kept."""
    with workspace.reading() as session:
        row = session.get(Draft, (meeting_id, CURRENT_ITEM_KEY))
        return row.text if row is not None and row.text else None
