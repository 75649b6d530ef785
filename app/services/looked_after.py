"""A looked-after child's care planning: record it, read it back, and set a
conference beside the child's looked-after review.

What a record must hold together, and when a conference and a review are
aligned, are :mod:`app.workflow.looked_after`'s rules. Each write is one
transaction; the audit log records it like any other record.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Sequence

from sqlalchemy import select
from sqlalchemy.orm import Session

from app import clock
from app.errors import NotFound, ValidationError
from app.models import CaseEpisode, LookedAfterRecord, LookedAfterReview, PlacementType
from app.services.conduct.timescales import calendar_for
from app.storage.workspace import Workspace
from app.validation import validated
from app.workflow.looked_after import Alignment, alignment, record_problems


@dataclasses.dataclass(frozen=True)
class LookedAfter:
    """What the case records about the child's care: status, IRO, placement, reviews."""

    case_id: str
    looked_after: bool
    kinship_care: bool
    iro_name: str = ""
    iro_contact: str = ""
    placement_type: PlacementType | None = None
    looked_after_since: dt.date | None = None
    review_dates: tuple[dt.date, ...] = ()

    def next_review(self, on: dt.date) -> dt.date | None:
        """The first looked-after review on or after ``on``."""
        return min((d for d in self.review_dates if d >= on), default=None)

    def as_json(self) -> dict[str, object]:
        return {
            "case_id": self.case_id,
            "looked_after": self.looked_after,
            "kinship_care": self.kinship_care,
            "iro_name": self.iro_name,
            "iro_contact": self.iro_contact,
            "placement_type": self.placement_type.value if self.placement_type else None,
            "placement": self.placement_type.label if self.placement_type else None,
            "looked_after_since": (
                self.looked_after_since.isoformat() if self.looked_after_since else None
            ),
            "review_dates": [d.isoformat() for d in self.review_dates],
        }


def _case(session: Session, case_id: str) -> CaseEpisode:
    case = session.get(CaseEpisode, case_id)
    if case is None:
        raise NotFound("That case no longer exists.")
    return case


def looked_after_on(session: Session, case_id: str) -> LookedAfter:
    """The case's looked-after record, inside the caller's read."""
    case = _case(session, case_id)
    row = session.scalar(select(LookedAfterRecord).where(LookedAfterRecord.case_id == case_id))
    reviews = tuple(
        session.scalars(
            select(LookedAfterReview.review_on)
            .where(LookedAfterReview.case_id == case_id)
            .order_by(LookedAfterReview.review_on)
        )
    )
    if row is None:
        return LookedAfter(case_id, case.looked_after, case.kinship_care, review_dates=reviews)
    return LookedAfter(
        case_id,
        case.looked_after,
        case.kinship_care,
        row.iro_name,
        row.iro_contact,
        row.placement_type,
        row.looked_after_since,
        reviews,
    )


def looked_after(workspace: Workspace, *, case_id: str) -> LookedAfter:
    """What the case records about the child's care."""
    with workspace.reading() as session:
        return looked_after_on(session, case_id)


@validated
def record_looked_after(
    workspace: Workspace,
    *,
    case_id: str,
    looked_after: bool,
    kinship_care: bool = False,
    iro_name: str = "",
    iro_contact: str = "",
    placement_type: PlacementType | None = None,
    looked_after_since: dt.date | None = None,
    review_dates: Sequence[dt.date] = (),
) -> LookedAfter:
    """Record (or replace) the child's care status, IRO, placement and looked-after
    review dates. Raises :class:`ValidationError` naming every problem."""
    iro_name, iro_contact = iro_name.strip(), iro_contact.strip()
    reviews = sorted(set(review_dates))
    problems = record_problems(
        looked_after=looked_after,
        iro_name=iro_name,
        iro_contact=iro_contact,
        placement_set=placement_type is not None,
        looked_after_since=looked_after_since,
        review_dates=reviews,
        today=clock.today(),
    )
    if problems:
        raise ValidationError(" ".join(problems))
    with workspace.transaction() as session:
        case = _case(session, case_id)
        if case.looked_after != looked_after:
            case.looked_after = looked_after
        if case.kinship_care != kinship_care:
            case.kinship_care = kinship_care
        row = session.scalar(select(LookedAfterRecord).where(LookedAfterRecord.case_id == case_id))
        if row is None:
            row = LookedAfterRecord(case_id=case_id)
            session.add(row)
        for name, value in (
            ("iro_name", iro_name),
            ("iro_contact", iro_contact),
            ("placement_type", placement_type),
            ("looked_after_since", looked_after_since),
        ):
            if getattr(row, name, None) != value:
                setattr(row, name, value)
        # Row by row, so the audit log records each review date taken off or added.
        kept = {
            r.review_on: r
            for r in session.scalars(
                select(LookedAfterReview).where(LookedAfterReview.case_id == case_id)
            )
        }
        for day, review in kept.items():
            if day not in reviews:
                session.delete(review)
        for day in reviews:
            if day not in kept:
                session.add(LookedAfterReview(case_id=case_id, review_on=day))
        session.flush()
        return looked_after_on(session, case_id)


def alignment_on(session: Session, case_id: str, conference_on: dt.date) -> Alignment | None:
    """How a conference on ``conference_on`` sits beside the child's looked-after review,
    or None when the child is not looked after or has no review recorded."""
    record = looked_after_on(session, case_id)
    if not record.looked_after:
        return None
    return alignment(record.review_dates, conference_on, calendar_for(session))


def conference_alignment(
    workspace: Workspace, *, case_id: str, conference_on: dt.date
) -> Alignment | None:
    """:func:`alignment_on` in its own read, for the schedule dialog and the CLI."""
    with workspace.reading() as session:
        return alignment_on(session, case_id, conference_on)
