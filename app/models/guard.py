"""The guard on signed-off records (its triggers live in the migrations)."""

from __future__ import annotations

from sqlalchemy import String
from sqlalchemy.orm import Mapped, mapped_column

from app.models.base import Base


class RecordRewrite(Base):
    """A meeting whose signed-off records one transaction may rewrite.

    Only building the fictional demo's history does this; the row is added and
    removed inside that transaction, and the audit log records it. Amendments
    never need it: they are records of their own.
    """

    __tablename__ = "record_rewrite"

    meeting_id: Mapped[str] = mapped_column(String(36), primary_key=True)
