"""A case episode: one period of child protection involvement for a child."""

from __future__ import annotations

import datetime as dt
import enum

from sqlalchemy import ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.models.base import Record, str_enum
from app.models.people import Child


class ProceedingsType(enum.StrEnum):
    NONE = "none"
    PUBLIC_LAW = "public-law"
    PRIVATE_LAW = "private-law"


class CaseStatus(enum.StrEnum):
    OPEN = "open"
    CLOSED = "closed"


class CaseEpisode(Record):
    __tablename__ = "case_episode"

    child_id: Mapped[str] = mapped_column(ForeignKey("child.id"), index=True)
    concern: Mapped[str] = mapped_column(Text, default="")
    harm_inside_home: Mapped[bool] = mapped_column(default=False)
    harm_outside_home: Mapped[bool] = mapped_column(default=False)
    harm_online: Mapped[bool] = mapped_column(default=False)
    looked_after: Mapped[bool] = mapped_column(default=False)
    kinship_care: Mapped[bool] = mapped_column(default=False)
    proceedings: Mapped[ProceedingsType] = mapped_column(
        str_enum(ProceedingsType), default=ProceedingsType.NONE
    )
    guardian_name: Mapped[str | None] = mapped_column(String(200))
    guardian_contact: Mapped[str | None] = mapped_column(String(200))
    lcpp_name: Mapped[str | None] = mapped_column(String(200))
    opened_on: Mapped[dt.date] = mapped_column(index=True)  # the Cases list runs by it
    # When children's social care received the referral, if known: the section 47
    # assessment's 45 working days count from it (app.workflow.clocks).
    referral_date: Mapped[dt.date | None]
    closed_on: Mapped[dt.date | None]
    status: Mapped[CaseStatus] = mapped_column(str_enum(CaseStatus), default=CaseStatus.OPEN)

    child: Mapped[Child] = relationship()

    @property
    def in_proceedings(self) -> bool:
        return self.proceedings is not ProceedingsType.NONE


class ClosingReason(enum.StrEnum):
    """Why a case was closed outside the journey (a discharge is recorded by the conference)."""

    ENTERED_IN_ERROR = "entered-in-error"
    DUPLICATE = "duplicate"

    @property
    def label(self) -> str:
        return CLOSING_REASON_WORDS[self]


CLOSING_REASON_WORDS = {
    ClosingReason.ENTERED_IN_ERROR: "Entered in error",
    ClosingReason.DUPLICATE: "A duplicate of another case",
}


class CaseClosure(Record):
    """A case closed by hand, with why, by whom and when: the case itself is kept."""

    __tablename__ = "case_closure"

    case_id: Mapped[str] = mapped_column(ForeignKey("case_episode.id"), index=True)
    reason: Mapped[ClosingReason] = mapped_column(str_enum(ClosingReason))
    notes: Mapped[str] = mapped_column(Text, default="")
    closed_on: Mapped[dt.date]
    closed_by: Mapped[str] = mapped_column(String(200))
    # Closed by mistake: opened again, and this closure kept with when and by whom.
    reopened_on: Mapped[dt.date | None]
    reopened_by: Mapped[str | None] = mapped_column(String(200))
