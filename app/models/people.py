"""Children, their family members and carers, and practitioners."""

from __future__ import annotations

import datetime as dt
import enum

from sqlalchemy import ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.models.base import Record, Retirable, str_enum


class Sex(enum.StrEnum):
    FEMALE = "female"
    MALE = "male"
    NOT_KNOWN = "not-known"


class Child(Record):
    __tablename__ = "child"

    la_child_ref: Mapped[str] = mapped_column(String(40), unique=True)
    unique_child_identifier: Mapped[str | None] = mapped_column(String(40))
    # Where held, so that agencies can match a letter to their own records.
    nhs_number: Mapped[str | None] = mapped_column(String(20))
    upn: Mapped[str | None] = mapped_column(String(20))  # the unique pupil number
    first_name: Mapped[str] = mapped_column(String(100), default="")
    last_name: Mapped[str] = mapped_column(String(100), default="")
    known_as: Mapped[str | None] = mapped_column(String(100))
    date_of_birth: Mapped[dt.date | None]
    expected_date_of_birth: Mapped[dt.date | None]
    sex: Mapped[Sex] = mapped_column(str_enum(Sex), default=Sex.NOT_KNOWN)
    gender: Mapped[str | None] = mapped_column(String(60))
    address: Mapped[str] = mapped_column(Text, default="")
    postcode: Mapped[str | None] = mapped_column(String(12))

    family: Mapped[list[FamilyMember]] = relationship(
        back_populates="child", cascade="save-update, merge", order_by="FamilyMember.name"
    )

    @property
    def full_name(self) -> str:
        return " ".join(part for part in (self.first_name, self.last_name) if part)

    @property
    def is_unborn(self) -> bool:
        return self.date_of_birth is None and self.expected_date_of_birth is not None


class FamilyMember(Retirable, Record):
    """A parent, carer or other family member of a child."""

    __tablename__ = "family_member"

    child_id: Mapped[str] = mapped_column(ForeignKey("child.id"), index=True)
    name: Mapped[str] = mapped_column(String(200))
    relationship_to_child: Mapped[str] = mapped_column(String(100), default="")
    parental_responsibility: Mapped[bool] = mapped_column(default=False)
    address: Mapped[str] = mapped_column(Text, default="")
    phone: Mapped[str | None] = mapped_column(String(40))
    email: Mapped[str | None] = mapped_column(String(200))
    invite_to_conferences: Mapped[bool] = mapped_column(default=False)
    is_carer: Mapped[bool] = mapped_column(default=False)

    child: Mapped[Child] = relationship(back_populates="family")


class Practitioner(Retirable, Record):
    __tablename__ = "practitioner"

    name: Mapped[str] = mapped_column(String(200))
    role: Mapped[str] = mapped_column(String(200), default="")
    agency_id: Mapped[str | None] = mapped_column(ForeignKey("agency.id"), index=True)
    email: Mapped[str | None] = mapped_column(String(200))
    phone: Mapped[str | None] = mapped_column(String(40))
