"""A looked-after child's care planning beside the child protection plan (DfE
consultation Q27): the independent reviewing officer (IRO), the placement and the
care plan's looked-after review dates. One record per case episode; whether the
child is looked after, or in kinship care, stays on the case itself.

The placement types are the DfE SSDA903 return's, grouped where the return splits
hairs a chair never needs (its codes are kept on each type for the return).
"""

from __future__ import annotations

import datetime as dt
import enum

from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column

from app.models.base import Record, str_enum


class PlacementType(enum.StrEnum):
    FOSTER_FAMILY_OR_FRIENDS = "foster-family-or-friends"
    FOSTER_OTHER = "foster-other"
    WITH_PARENTS = "with-parents"
    PLACED_FOR_ADOPTION = "placed-for-adoption"
    CHILDRENS_HOME = "childrens-home"
    SECURE_CHILDRENS_HOME = "secure-childrens-home"
    SUPPORTED_ACCOMMODATION = "supported-accommodation"
    INDEPENDENT_LIVING = "independent-living"
    RESIDENTIAL_SCHOOL = "residential-school"
    HEALTH_OR_FAMILY_CENTRE = "health-or-family-centre"
    YOUTH_CUSTODY = "youth-custody"
    OTHER = "other"

    @property
    def label(self) -> str:
        return PLACEMENT_WORDS[self][0]

    @property
    def ssda903_codes(self) -> str:
        return PLACEMENT_WORDS[self][1]


# (plain words, the SSDA903 placement codes the type covers)
PLACEMENT_WORDS = {
    PlacementType.FOSTER_FAMILY_OR_FRIENDS: (
        "Foster care with a relative or friend (kinship foster care)",
        "U1, U2, U3",
    ),
    PlacementType.FOSTER_OTHER: ("Foster care with another foster carer", "U4, U5, U6"),
    PlacementType.WITH_PARENTS: (
        "Placed with parents or others with parental responsibility",
        "P1",
    ),
    PlacementType.PLACED_FOR_ADOPTION: ("Placed for adoption", "A3, A4, A5, A6"),
    PlacementType.CHILDRENS_HOME: ("Children's home", "K2, R1"),
    PlacementType.SECURE_CHILDRENS_HOME: ("Secure children's home", "K1"),
    PlacementType.SUPPORTED_ACCOMMODATION: ("Supported accommodation", "H5"),
    PlacementType.INDEPENDENT_LIVING: ("Independent living", "P2"),
    PlacementType.RESIDENTIAL_SCHOOL: ("Residential school", "S1"),
    PlacementType.HEALTH_OR_FAMILY_CENTRE: (
        "Health setting, family centre or mother and baby unit",
        "R2, R3",
    ),
    PlacementType.YOUTH_CUSTODY: ("Young offender institution or prison", "R5"),
    PlacementType.OTHER: ("Other placement", "Z1"),
}


class LookedAfterRecord(Record):
    """The IRO and the placement of a looked-after child's case."""

    __tablename__ = "looked_after_record"

    case_id: Mapped[str] = mapped_column(ForeignKey("case_episode.id"), unique=True)
    iro_name: Mapped[str] = mapped_column(String(200), default="")
    iro_contact: Mapped[str] = mapped_column(String(200), default="")
    placement_type: Mapped[PlacementType | None] = mapped_column(str_enum(PlacementType))
    looked_after_since: Mapped[dt.date | None]


class LookedAfterReview(Record):
    """One date of the care plan's looked-after reviews (held or planned), which the
    IRO chairs."""

    __tablename__ = "looked_after_review"

    case_id: Mapped[str] = mapped_column(ForeignKey("case_episode.id"), index=True)
    review_on: Mapped[dt.date]
