"""How long child protection plans last, and when their review conferences are on time.

- A **review conference** under a plan is *on time* when it is held on or before
  the latest date the law allows: 3 months after the ICPC that made the plan
  (the plan's start) for the first, then 6 months after the review before it
  (Working Together 2023). The measure is the statutory one: the date a
  conference set for the next review does not change it.
- A plan *lasted two years or more* when its end (or the day it is looked at)
  is on or after the same date two years after its start; a later plan is a
  *repeat within two years* when it starts within two years of the end of the
  child's plan before it.

Months are calendar months: the same day, or the month's last day when it is
shorter (:func:`add_months`).
"""

from __future__ import annotations

import calendar
import dataclasses
import datetime as dt

from app.models import MeetingType
from app.workflow.journey_facts import CaseFacts

FIRST_REVIEW_MONTHS = 3  # the first review conference, after the ICPC
LATER_REVIEW_MONTHS = 6  # each later review conference, after the one before
TWO_YEARS_MONTHS = 24


def add_months(day: dt.date, months: int) -> dt.date:
    """The same day ``months`` later; the month's last day when it is shorter (31 Jan → 28 Feb)."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


@dataclasses.dataclass(frozen=True)
class ReviewTiming:
    """One review conference held under a plan, and the latest day it could be held."""

    meeting_id: str
    plan_id: str
    held_on: dt.date
    latest: dt.date

    @property
    def on_time(self) -> bool:
        return self.held_on <= self.latest


def review_timings(case: CaseFacts) -> list[ReviewTiming]:
    """Every review conference held under each of the case's plans, with its latest day
    (3 months after the plan's start for the first, 6 after the review before it)."""
    found: list[ReviewTiming] = []
    for plan in case.plans:
        held = sorted(
            (
                m
                for m in case.meetings
                if m.kind is MeetingType.RCPC
                and m.held
                and m.day > plan.start
                and (plan.end is None or m.day <= plan.end)
            ),
            key=lambda m: m.order,
        )
        since, months = plan.start, FIRST_REVIEW_MONTHS
        for meeting in held:
            latest = add_months(since, months)
            found.append(ReviewTiming(meeting.id, plan.id, meeting.day, latest))
            since, months = meeting.day, LATER_REVIEW_MONTHS
    return found


def lasted_two_years(start: dt.date, until: dt.date) -> bool:
    """Whether a plan from ``start`` had lasted two years or more by ``until``."""
    return until >= add_months(start, TWO_YEARS_MONTHS)


def repeat_within_two_years(start: dt.date, previous_end: dt.date | None) -> bool:
    """Whether a plan starting on ``start`` is a repeat within two years of the child's
    plan before it, which ended on ``previous_end`` (None: it has not ended)."""
    return previous_end is not None and start <= add_months(previous_end, TWO_YEARS_MONTHS)
