"""The guard on signed-off records (its triggers live in the migrations)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import JSON, ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column

from app.models.base import Base, Record


class RecordRewrite(Base):
    """A meeting whose signed-off records one transaction may rewrite.

    Only building the fictional demo's history does this; the row is added and
    removed inside that transaction, and the audit log records it. Amendments
    never need it: they are records of their own.
    """

    __tablename__ = "record_rewrite"

    meeting_id: Mapped[str] = mapped_column(String(36), primary_key=True)


class SignedRecord(Record):
    """A meeting's record exactly as it was signed off, which its minutes are made from.

    Renaming an agency or correcting a child's details later does not change
    signed minutes; only an amendment does, and it is listed where it applies.
    """

    __tablename__ = "signed_record"

    meeting_id: Mapped[str] = mapped_column(ForeignKey("meeting.id"), unique=True)
    signed_at: Mapped[dt.datetime]
    content: Mapped[dict[str, Any]] = mapped_column(JSON)
