"""Who may read what: restrictions on a meeting's free text, and each copy of the
minutes that went out."""

from __future__ import annotations

import datetime as dt
import enum

from sqlalchemy import ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from app.models.base import Record, str_enum


class RestrictionChange(Record):
    """The chair restricting a piece of a meeting's text, or lifting a restriction
    (with a reason). Rows are only added: the latest for a field stands."""

    __tablename__ = "restriction_change"

    meeting_id: Mapped[str] = mapped_column(ForeignKey("meeting.id"), index=True)
    record_table: Mapped[str] = mapped_column(String(40))
    record_id: Mapped[str] = mapped_column(String(80), index=True)
    field: Mapped[str] = mapped_column(String(40))
    restricted: Mapped[bool]
    reason: Mapped[str] = mapped_column(Text, default="")
    changed_by: Mapped[str] = mapped_column(String(200))
    changed_at: Mapped[dt.datetime]


class RecipientKind(enum.StrEnum):
    AGENCY = "agency"
    PERSON = "person"
    FAMILY_MEMBER = "family-member"
    NOT_NAMED = "not-named"


class MinutesCopy(enum.StrEnum):
    FULL = "full"
    FAMILY = "family"


class MinutesDistribution(Record):
    """One copy of a meeting's minutes: for whom, which copy and which version."""

    __tablename__ = "minutes_distribution"

    meeting_id: Mapped[str] = mapped_column(ForeignKey("meeting.id"), index=True)
    recipient_kind: Mapped[RecipientKind] = mapped_column(str_enum(RecipientKind))
    recipient_name: Mapped[str] = mapped_column(String(200), default="")
    agency_id: Mapped[str | None] = mapped_column(ForeignKey("agency.id"))
    family_member_id: Mapped[str | None] = mapped_column(ForeignKey("family_member.id"))
    copy: Mapped[MinutesCopy] = mapped_column(str_enum(MinutesCopy))
    version: Mapped[int]
    draft: Mapped[bool]
    made_at: Mapped[dt.datetime]
    made_by: Mapped[str] = mapped_column(String(200))
