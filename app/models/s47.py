"""The course of a section 47 enquiry: one record per enquiry, keyed by the strategy
meeting whose decision started it (DfE consultation Q14.4, "lead or oversee
multi-agency investigations").

Joint (police and children's social care) or single agency; the visit; whether
the child was seen, and seen alone; the interviews (ABE or not); the medical;
the findings, the outcome and the end date. None is "not recorded yet".
"""

from __future__ import annotations

import datetime as dt
import enum

from sqlalchemy import ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from app.models.base import Record, str_enum


class S47Agencies(enum.StrEnum):
    JOINT = "joint"
    SINGLE = "single"

    @property
    def label(self) -> str:
        return AGENCIES_WORDS[self]


AGENCIES_WORDS = {
    S47Agencies.JOINT: "Joint (police and children's social care)",
    S47Agencies.SINGLE: "Single agency (children's social care)",
}


class SeenAlone(enum.StrEnum):
    YES = "yes"
    NO = "no"
    NOT_APPLICABLE = "not-applicable"

    @property
    def label(self) -> str:
        return SEEN_ALONE_WORDS[self]


SEEN_ALONE_WORDS = {
    SeenAlone.YES: "Yes",
    SeenAlone.NO: "No",
    SeenAlone.NOT_APPLICABLE: "Not applicable",
}


class S47Outcome(enum.StrEnum):
    CONTINUING_RISK = "continuing-risk"
    NOT_AT_CONTINUING_RISK = "not-at-continuing-risk"
    NOT_SUBSTANTIATED = "not-substantiated"

    @property
    def label(self) -> str:
        return S47_OUTCOME_WORDS[self]


S47_OUTCOME_WORDS = {
    S47Outcome.CONTINUING_RISK: (
        "Concerns substantiated, child judged to be at continuing risk of significant "
        "harm: initial child protection conference"
    ),
    S47Outcome.NOT_AT_CONTINUING_RISK: (
        "Concerns substantiated, child not judged to be at continuing risk of significant harm"
    ),
    S47Outcome.NOT_SUBSTANTIATED: "Concerns not substantiated",
}


class S47Enquiry(Record):
    __tablename__ = "s47_enquiry"

    case_id: Mapped[str] = mapped_column(ForeignKey("case_episode.id"), index=True)
    # The held strategy meeting whose threshold decision started the enquiry.
    strategy_meeting_id: Mapped[str] = mapped_column(ForeignKey("meeting.id"), unique=True)
    agencies: Mapped[S47Agencies | None] = mapped_column(str_enum(S47Agencies))
    visited_on: Mapped[dt.date | None]
    child_seen: Mapped[bool | None]
    seen_alone: Mapped[SeenAlone | None] = mapped_column(str_enum(SeenAlone))
    not_seen_reason: Mapped[str] = mapped_column(Text, default="")
    # A child protection medical: its date, or None with medical_not_needed.
    medical_on: Mapped[dt.date | None]
    medical_not_needed: Mapped[bool] = mapped_column(default=False)
    findings: Mapped[str] = mapped_column(Text, default="")
    outcome: Mapped[S47Outcome | None] = mapped_column(str_enum(S47Outcome))
    ended_on: Mapped[dt.date | None]


class S47Interview(Record):
    __tablename__ = "s47_interview"

    enquiry_id: Mapped[str] = mapped_column(ForeignKey("s47_enquiry.id"), index=True)
    held_on: Mapped[dt.date]
    # Who was interviewed, in a few words ("the child", "mother", "class teacher").
    interviewee: Mapped[str] = mapped_column(String(200))
    # Achieving Best Evidence: a video-recorded interview with the police.
    abe: Mapped[bool] = mapped_column(default=False)
