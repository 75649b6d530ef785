"""Pre-proceedings under the Public Law Outline: one record per episode on a case.

What the local authority decided and sent, and when, from the legal planning
meeting's decision to start pre-proceedings to the step up or down. The DfE CIN
census (2026-27, module 5, ``PreProceedingsandFGDM``) reports each episode.
"""

from __future__ import annotations

import datetime as dt
import enum

from sqlalchemy import ForeignKey
from sqlalchemy.orm import Mapped, mapped_column

from app.models.base import Record, str_enum


class PreProceedingsOutcome(enum.StrEnum):
    """The census's codeset CS131 (``PPOutcome``); the words are in app.workflow."""

    A = "A"
    B = "B"
    C = "C"


class PreProceedingsEpisode(Record):
    __tablename__ = "pre_proceedings_episode"

    case_id: Mapped[str] = mapped_column(ForeignKey("case_episode.id"), index=True)
    # PPStartDate: the legal planning meeting's decision to start pre-proceedings.
    decided_on: Mapped[dt.date]
    # LBPSentDate, FGDMMeetingOffer, FGDMMeetingFac: None is "not recorded yet".
    letter_sent_on: Mapped[dt.date | None]
    fgdm_offered: Mapped[bool | None]
    fgdm_facilitated: Mapped[bool | None]
    # InitialPPMeetingDate and ReviewMeetingsCount.
    first_meeting_on: Mapped[dt.date | None]
    review_meetings: Mapped[int | None]
    # StepDecisionDate and PPOutcome.
    step_decided_on: Mapped[dt.date | None]
    outcome: Mapped[PreProceedingsOutcome | None] = mapped_column(str_enum(PreProceedingsOutcome))
    # CourtAppDate and LetterInitCPDate.
    court_application_on: Mapped[dt.date | None]
    proceedings_letter_on: Mapped[dt.date | None]
