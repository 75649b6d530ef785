"""Drafts: what the chair typed in meeting mode but has not yet confirmed.

A draft is scratch, not a record: it is kept (encrypted, like everything in the
workspace) only until the chair records what it holds, and removed when the
minutes are signed off. It is not part of the meeting's record, so the guards on
signed-off minutes do not apply to it and the audit log does not list it.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import String, Text
from sqlalchemy.orm import Mapped, mapped_column

from app.models.base import Base


class Draft(Base):
    """One field's unconfirmed text in one meeting (``field_key`` names the page and field)."""

    __tablename__ = "draft"

    meeting_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    field_key: Mapped[str] = mapped_column(String(200), primary_key=True)
    text: Mapped[str] = mapped_column(Text, default="")
    updated_at: Mapped[dt.datetime]
