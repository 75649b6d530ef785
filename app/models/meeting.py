"""Meetings: strategy meetings, five-day reviews, conferences and core groups."""

from __future__ import annotations

import datetime as dt
import enum

from sqlalchemy import ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.models.base import Record, str_enum
from app.models.case import CaseEpisode


class MeetingType(enum.StrEnum):
    STRATEGY = "strategy"
    REVIEW = "review"
    ICPC = "icpc"
    RCPC = "rcpc"
    CORE_GROUP = "core-group"
    LEGAL_PLANNING = "legal-planning"

    @property
    def label(self) -> str:
        return MEETING_TITLES[self]


MEETING_TITLES = {
    MeetingType.STRATEGY: "Strategy meeting",
    MeetingType.REVIEW: "Five-day review meeting",
    MeetingType.ICPC: "Initial child protection conference",
    MeetingType.RCPC: "Review child protection conference",
    MeetingType.CORE_GROUP: "Core group meeting",
    MeetingType.LEGAL_PLANNING: "Legal planning meeting",
}


class MeetingStatus(enum.StrEnum):
    SCHEDULED = "scheduled"
    IN_PROGRESS = "in-progress"
    CLOSED = "closed"
    SIGNED_OFF = "signed-off"


# The only forward moves; anything else is refused by the service layer.
STATUS_FLOW = {
    MeetingStatus.SCHEDULED: MeetingStatus.IN_PROGRESS,
    MeetingStatus.IN_PROGRESS: MeetingStatus.CLOSED,
    MeetingStatus.CLOSED: MeetingStatus.SIGNED_OFF,
}


class Meeting(Record):
    __tablename__ = "meeting"
    # In the Meetings list's order: a page is read from where the last one ended.
    __table_args__ = (Index("ix_meeting_when", "scheduled_date", "scheduled_time", "id"),)

    case_id: Mapped[str] = mapped_column(ForeignKey("case_episode.id"), index=True)
    meeting_type: Mapped[MeetingType] = mapped_column(str_enum(MeetingType))
    scheduled_date: Mapped[dt.date]
    scheduled_time: Mapped[dt.time | None]
    duration_minutes: Mapped[int] = mapped_column(default=90)
    location: Mapped[str] = mapped_column(String(300), default="")
    online_link: Mapped[str | None] = mapped_column(String(500))
    chair_name: Mapped[str] = mapped_column(String(200), default="")
    # The chair as a record, where the name given is one in the directory.
    chair_id: Mapped[str | None] = mapped_column(ForeignKey("practitioner.id"))
    minute_taker_name: Mapped[str] = mapped_column(String(200), default="")
    status: Mapped[MeetingStatus] = mapped_column(
        str_enum(MeetingStatus), default=MeetingStatus.SCHEDULED
    )
    started_at: Mapped[dt.datetime | None]
    closed_at: Mapped[dt.datetime | None]
    signed_off_at: Mapped[dt.datetime | None]
    signed_off_by: Mapped[str | None] = mapped_column(String(200))
    notes: Mapped[str] = mapped_column(Text, default="")

    case: Mapped[CaseEpisode] = relationship()

    @property
    def is_online(self) -> bool:
        return bool(self.online_link)
