"""The agency directory: data the local area owns, seeded from resources/."""

from __future__ import annotations

import enum

from sqlalchemy import String
from sqlalchemy.orm import Mapped, mapped_column

from app.models.base import Record, Retirable, str_enum


class AgencyKind(enum.StrEnum):
    STATUTORY = "statutory"
    RELEVANT = "relevant"
    OTHER = "other"


class StatutoryRole(enum.StrEnum):
    """The four agencies every MACPT must have (the law fixes these)."""

    SOCIAL_CARE = "social-care"
    POLICE = "police"
    HEALTH = "health"
    EDUCATION = "education"


class Agency(Retirable, Record):
    __tablename__ = "agency"

    name: Mapped[str] = mapped_column(String(200))
    kind: Mapped[AgencyKind] = mapped_column(str_enum(AgencyKind), default=AgencyKind.OTHER)
    statutory_role: Mapped[StatutoryRole | None] = mapped_column(
        str_enum(StatutoryRole), unique=True
    )
    seed_key: Mapped[str | None] = mapped_column(String(60), unique=True)
    sort_order: Mapped[int] = mapped_column(default=100)
