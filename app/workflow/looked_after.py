"""Rules for a looked-after child's care planning beside child protection (Q27). No
database, no Qt: the service, the schedule dialog and the CLI ask here.

- An IRO, a placement and looked-after reviews belong to a looked-after child;
  a child in kinship care who is not looked after (a special guardianship or a
  child arrangements order, say) has none of them.
- The conference and the looked-after review are *aligned* when they fall within
  :data:`ALIGN_WORKING_DAYS` working days of each other (the area's closure days
  and bank holidays are not working days), so the family and the IRO meet about
  one plan, not two. The review compared is the first one on or after the
  conference's date, or else the last before it.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Sequence

from app.workdays import WorkingCalendar, long_date

ALIGN_WORKING_DAYS = 10
IRO_ROLE = "Independent Reviewing Officer (IRO)"


def record_problems(
    *,
    looked_after: bool,
    iro_name: str,
    iro_contact: str,
    placement_set: bool,
    looked_after_since: dt.date | None,
    review_dates: Sequence[dt.date],
    today: dt.date,
) -> list[str]:
    """Every reason the record cannot be kept as given, in plain words."""
    problems: list[str] = []
    if not looked_after and (iro_name or iro_contact or placement_set or review_dates):
        problems.append(
            "An IRO, a placement and looked-after reviews are recorded only for a looked-after "
            "child. Say the child is looked after first, or leave them empty."
        )
    if iro_contact and not iro_name:
        problems.append("Give the IRO's name with the contact details.")
    if looked_after_since is not None and looked_after_since > today:
        problems.append("The child cannot have become looked after on a date still to come.")
    if looked_after_since is not None and any(d < looked_after_since for d in review_dates):
        problems.append(
            "A looked-after review cannot be before the child became looked after "
            f"({long_date(looked_after_since)})."
        )
    return problems


@dataclasses.dataclass(frozen=True)
class Alignment:
    """A conference date set beside the child's looked-after review."""

    conference_on: dt.date
    review_on: dt.date
    working_days_apart: int

    @property
    def aligned(self) -> bool:
        return self.working_days_apart <= ALIGN_WORKING_DAYS

    @property
    def message(self) -> str:
        review = f"The next looked-after review is on {long_date(self.review_on)}"
        if self.working_days_apart == 0:
            return f"{review}: the same day as this conference."
        days = self.working_days_apart
        said = f"{review}, {days} working day{'' if days == 1 else 's'} from this conference."
        if self.aligned:
            return said
        return (
            f"{said} That is more than {ALIGN_WORKING_DAYS} working days apart: consider "
            "holding them together, so that the family and the IRO meet about one plan."
        )


def review_to_align(reviews: Sequence[dt.date], conference_on: dt.date) -> dt.date | None:
    """The looked-after review to set beside a conference on ``conference_on``."""
    later = [d for d in reviews if d >= conference_on]
    if later:
        return min(later)
    return max(reviews) if reviews else None


def alignment(
    reviews: Sequence[dt.date], conference_on: dt.date, calendar: WorkingCalendar
) -> Alignment | None:
    """How far the conference is from the looked-after review, or None with no review."""
    review = review_to_align(reviews, conference_on)
    if review is None:
        return None
    first, last = sorted((review, conference_on))
    return Alignment(conference_on, review, calendar.working_days_between(first, last))
