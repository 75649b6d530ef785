"""Notes on an agreed action: progress as it happens, the outcome when it is done.

Append-only: a note is never changed or deleted (the database refuses both),
so the action's history reads as it was written. Undoing "Mark done" writes a
"reopened" note, which sets aside the outcome written before it. Like an
action's status, a note is progress, not part of the minutes that agreed the
action: it may be written after they are signed off, at a later meeting about
the same case.
"""

from __future__ import annotations

import datetime as dt
import enum

from sqlalchemy import ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from app.models.base import Record, str_enum


class ActionNoteKind(enum.StrEnum):
    PROGRESS = "progress"
    OUTCOME = "outcome"  # written when the action is marked done
    REOPENED = "reopened"  # "Mark done" undone: the outcome before it no longer stands


class ActionNote(Record):
    __tablename__ = "action_note"

    action_id: Mapped[str] = mapped_column(ForeignKey("meeting_action.id"), index=True)
    kind: Mapped[ActionNoteKind] = mapped_column(str_enum(ActionNoteKind))
    written_at: Mapped[dt.datetime]
    author: Mapped[str] = mapped_column(String(200))  # the chair's name
    text: Mapped[str] = mapped_column(Text, default="")
    # Left out of family copies (the chair's choice, or the restriction rule's).
    restricted: Mapped[bool] = mapped_column(default=False)
