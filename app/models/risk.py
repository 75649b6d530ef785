"""Whether the child is thought to pose a risk of harm to others, as a meeting recorded it.

One row per strategy meeting or conference (its id is derived from the
meeting's, so two devices converge on one row). The rules are in
:mod:`app.workflow.risk_to_others`.
"""

from __future__ import annotations

import datetime as dt
import enum
import uuid

from sqlalchemy import JSON, ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from app.models.base import Record, str_enum


class RiskAssessment(enum.StrEnum):
    NONE_KNOWN = "none-known"
    RISK = "risk"

    @property
    def label(self) -> str:
        return ASSESSMENT_LABELS[self]


ASSESSMENT_LABELS = {
    RiskAssessment.NONE_KNOWN: "None known",
    RiskAssessment.RISK: "Yes, the child is thought to pose a risk of harm to others",
}


class RiskAgency(enum.StrEnum):
    """Agencies involved because of the risk (a fixed list; "other" is described)."""

    PREVENT = "prevent"
    YOUTH_JUSTICE = "youth-justice"
    CAMHS = "camhs"
    POLICE = "police"
    EDUCATION = "education"
    OTHER = "other"

    @property
    def label(self) -> str:
        return AGENCY_LABELS[self]


AGENCY_LABELS = {
    RiskAgency.PREVENT: "Prevent",
    RiskAgency.YOUTH_JUSTICE: "Youth justice",
    RiskAgency.CAMHS: "CAMHS",
    RiskAgency.POLICE: "Police",
    RiskAgency.EDUCATION: "Education",
    RiskAgency.OTHER: "Other",
}


def risk_to_others_id(meeting_id: str) -> str:
    """The fixed id of a meeting's risk-to-others record."""
    return str(uuid.uuid5(uuid.UUID(meeting_id), "risk_to_others"))


class RiskToOthers(Record):
    __tablename__ = "risk_to_others"

    meeting_id: Mapped[str] = mapped_column(ForeignKey("meeting.id"), unique=True)
    assessment: Mapped[RiskAssessment] = mapped_column(str_enum(RiskAssessment))
    to_whom: Mapped[str] = mapped_column(Text, default="")
    what: Mapped[str] = mapped_column(Text, default="")
    # RiskAgency values, in the list's order.
    agencies: Mapped[list[str]] = mapped_column(JSON, default=list)
    agencies_other: Mapped[str] = mapped_column(Text, default="")
    recorded_by: Mapped[str] = mapped_column(String(200))
    recorded_at: Mapped[dt.datetime]
