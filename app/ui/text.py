"""How dates, times and statuses read on screen (British English)."""

from __future__ import annotations

import datetime as dt

from app.models import CaseStatus, MeetingStatus, MeetingType

STATUS_WORDS = {
    MeetingStatus.SCHEDULED: "Scheduled",
    MeetingStatus.IN_PROGRESS: "In progress",
    MeetingStatus.CLOSED: "Closed",
    MeetingStatus.SIGNED_OFF: "Signed off",
}

CASE_STATUS_WORDS = {CaseStatus.OPEN: "Open", CaseStatus.CLOSED: "Closed"}

SHORT_TYPE_WORDS = {
    MeetingType.STRATEGY: "Strategy meeting",
    MeetingType.REVIEW: "Five-day review",
    MeetingType.ICPC: "ICPC",
    MeetingType.RCPC: "RCPC",
    MeetingType.CORE_GROUP: "Core group",
    MeetingType.LEGAL_PLANNING: "Legal planning",
}


def long_date(day: dt.date) -> str:
    """``Monday 14 December 2026``."""
    return f"{day:%A} {day.day} {day:%B %Y}"


def short_date(day: dt.date | None) -> str:
    """``Mon 14 Dec 2026``: compact for tables, still unambiguous."""
    if day is None:
        return ""
    return f"{day:%a} {day.day} {day:%b %Y}"


def time_text(value: dt.time | None) -> str:
    return value.strftime("%H:%M") if value is not None else ""


def meeting_status(value: str | MeetingStatus) -> str:
    return STATUS_WORDS[MeetingStatus(value)]


def meeting_type(value: str | MeetingType, *, short: bool = False) -> str:
    kind = MeetingType(value)
    return SHORT_TYPE_WORDS[kind] if short else kind.label
