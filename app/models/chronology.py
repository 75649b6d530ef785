"""Significant events the chair adds to a child's chronology for court.

Kept per child, not per case: a chronology runs across every case the child
has had, and an event (a hospital admission, an arrest, a move of school) may
fall between two cases. Corrected in place (the audit log keeps each earlier
version's hash and who changed it); withdrawn by retiring, never deleted.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from app.models.base import Record, Retirable

EVENT_SOURCE_LIMIT = 200


class SignificantEvent(Retirable, Record):
    __tablename__ = "significant_event"

    child_id: Mapped[str] = mapped_column(ForeignKey("child.id"), index=True)
    occurred_on: Mapped[dt.date] = mapped_column(index=True)
    event: Mapped[str] = mapped_column(Text)
    # The agency or person the information came from, as the chair writes it.
    source: Mapped[str] = mapped_column(String(EVENT_SOURCE_LIMIT), default="")
    significance: Mapped[str] = mapped_column(Text, default="")
    recorded_by: Mapped[str] = mapped_column(String(200))
