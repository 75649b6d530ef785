"""How a child came to the service other than by a referral: a birth recorded after a
pre-birth conference, or a transfer in from another area.

Neither is a meeting type. A pre-birth conference is an initial conference held
while the child is unborn; a transfer-in conference is the initial conference
held after the notification from the other area (``app.workflow.arrivals``).
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from app.models.base import Record


class ChildBirthRecord(Record):
    """The birth of a child first known unborn: the same child record carries on."""

    __tablename__ = "child_birth_record"

    child_id: Mapped[str] = mapped_column(ForeignKey("child.id"), unique=True)
    # The case the birth was recorded on (its first review falls due from the birth).
    case_id: Mapped[str] = mapped_column(ForeignKey("case_episode.id"), index=True)
    # The date first recorded; the child's date of birth is the one in force (it can
    # be corrected on the case page), and every clock counts from that.
    born_on: Mapped[dt.date]
    # What the unborn baby was recorded as before the birth, so the change is seen.
    name_before: Mapped[str] = mapped_column(String(200), default="")
    recorded_by: Mapped[str] = mapped_column(String(200), default="")


class CaseTransferIn(Record):
    """The notification that a child on a plan elsewhere has moved into the area."""

    __tablename__ = "case_transfer_in"

    case_id: Mapped[str] = mapped_column(ForeignKey("case_episode.id"), unique=True)
    received_on: Mapped[dt.date]
    from_area: Mapped[str] = mapped_column(String(200))
    notes: Mapped[str] = mapped_column(Text, default="")
    recorded_by: Mapped[str] = mapped_column(String(200), default="")
