"""Consultations: a practitioner asks the MACPT for advice (DfE consultation, Q14.1).

Who asked (name and agency), when, the question, the advice given, the LCPP's
view on the threshold and what happened next. A consultation may concern a
child the workspace already knows (linked to the case) or one it does not: then
only a short reference (initials, say) is kept, never a name or address, since
most consultations lead to no further MACPT involvement.
"""

from __future__ import annotations

import datetime as dt
import enum

from sqlalchemy import ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from app.models.base import Record, str_enum

# Initials or a practitioner's own reference: short on purpose (data minimisation).
CHILD_REFERENCE_LIMIT = 20


class ThresholdView(enum.StrEnum):
    """The LCPP's view, on what they heard, of the threshold for a strategy meeting."""

    BELOW = "below"
    MET = "met"
    UNCLEAR = "unclear"

    @property
    def label(self) -> str:
        return THRESHOLD_VIEW_WORDS[self]


THRESHOLD_VIEW_WORDS = {
    ThresholdView.BELOW: "Below the threshold for a strategy meeting",
    ThresholdView.MET: "Threshold met: strategy meeting needed",
    ThresholdView.UNCLEAR: "Unclear: more information needed",
}


class ConsultationOutcome(enum.StrEnum):
    """What happened next; a consultation with none is awaiting follow-up."""

    NO_FURTHER = "no-further-involvement"
    STRATEGY_MEETING = "strategy-meeting"
    OTHER = "other"

    @property
    def label(self) -> str:
        return CONSULTATION_OUTCOME_WORDS[self]


CONSULTATION_OUTCOME_WORDS = {
    ConsultationOutcome.NO_FURTHER: "No further MACPT involvement",
    ConsultationOutcome.STRATEGY_MEETING: "Strategy meeting convened",
    ConsultationOutcome.OTHER: "Other",
}


class Consultation(Record):
    __tablename__ = "consultation"

    asked_on: Mapped[dt.date] = mapped_column(index=True)
    asked_by_name: Mapped[str] = mapped_column(String(200))
    agency_id: Mapped[str] = mapped_column(ForeignKey("agency.id"))
    # A known child's case, or else a short reference and nothing more.
    case_id: Mapped[str | None] = mapped_column(ForeignKey("case_episode.id"), index=True)
    child_reference: Mapped[str] = mapped_column(String(CHILD_REFERENCE_LIMIT), default="")
    question: Mapped[str] = mapped_column(Text)
    advice: Mapped[str] = mapped_column(Text, default="")
    threshold_view: Mapped[ThresholdView] = mapped_column(str_enum(ThresholdView))
    recorded_by: Mapped[str] = mapped_column(String(200))
    # What happened next: None while awaiting follow-up.
    outcome: Mapped[ConsultationOutcome | None] = mapped_column(str_enum(ConsultationOutcome))
    outcome_on: Mapped[dt.date | None]
    # The strategy meeting convened, for that outcome; what else happened, for "other".
    meeting_id: Mapped[str | None] = mapped_column(ForeignKey("meeting.id"), index=True)
    outcome_note: Mapped[str] = mapped_column(Text, default="")
