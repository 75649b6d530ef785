"""Working days, and the statutory clocks a strategy discussion starts.

A working day is Monday to Friday, except bank holidays in England and Wales
(substitute days included: when 25 December is a Saturday, the 27th and 28th
are holidays) and the local area's own closure days. Bank holidays come from
the ``holidays`` package, which knows every year, so nothing here needs a
yearly update.

The consultation says the review meets "five days" after the strategy
discussion. MACPT Companion reads that, like the 15 days to the initial child
protection conference and the 45 days of the section 47 assessment, as
*working* days: it is the safe reading, and the one Working Together uses.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Iterable
from typing import Any

import holidays

# Counted from day 0, the date of the strategy discussion.
REVIEW_WORKING_DAYS = 5
ICPC_WORKING_DAYS = 15
ASSESSMENT_WORKING_DAYS = 45

# Adding a million working days is a typing mistake, not a plan.
_MAX_WORKING_DAYS = 5_000


def long_date(day: dt.date) -> str:
    """A date as documents write it: "Monday 14 December 2026" (no locale needed)."""
    return f"{_WEEKDAYS[day.weekday()]} {day.day} {_MONTHS[day.month - 1]} {day.year}"


_WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)


class WorkingCalendar:
    """Which days are working days in England, less the local closure days."""

    def __init__(self, closure_days: Iterable[dt.date] = ()) -> None:
        self.closure_days = frozenset(closure_days)
        # Years are filled in on demand as dates are looked up.
        self._bank_holidays: Any = holidays.country_holidays("GB", subdiv="ENG")

    def bank_holiday(self, day: dt.date) -> str | None:
        """The bank holiday's name (e.g. "Boxing Day (observed)"), or None."""
        name = self._bank_holidays.get(day)
        return str(name) if name else None

    def is_working_day(self, day: dt.date) -> bool:
        """Monday to Friday, and neither a bank holiday nor a local closure day."""
        return day.weekday() < 5 and day not in self.closure_days and self.bank_holiday(day) is None

    def why_not_working(self, day: dt.date) -> str | None:
        """Why ``day`` is not a working day ("Saturday", "Good Friday", …), or None."""
        if day.weekday() >= 5:
            return _WEEKDAYS[day.weekday()]
        name = self.bank_holiday(day)
        if name:
            return name
        if day in self.closure_days:
            return "Local closure day"
        return None

    def add_working_days(self, start: dt.date, n: int) -> dt.date:
        """The ``n``th working day after ``start`` (``start`` itself is day 0).

        ``start`` may be any day, working or not: a strategy discussion held on
        a Saturday or a bank holiday still starts the clock that day. ``n`` = 0
        gives ``start`` back.
        """
        if not 0 <= n <= _MAX_WORKING_DAYS:
            raise ValueError(f"count working days from 0 to {_MAX_WORKING_DAYS}, not {n}")
        day, counted = start, 0
        while counted < n:
            day += dt.timedelta(days=1)
            if self.is_working_day(day):
                counted += 1
        return day

    def working_days_between(self, start: dt.date, end: dt.date) -> int:
        """How many working days after ``start`` up to and including ``end`` (0 if none)."""
        count, day = 0, start
        while day < end:
            day += dt.timedelta(days=1)
            if self.is_working_day(day):
                count += 1
        return count


@dataclasses.dataclass(frozen=True)
class Timescales:
    """The dates due after a strategy discussion, each counted in working days."""

    strategy_date: dt.date
    review_due: dt.date
    icpc_due: dt.date
    assessment_due: dt.date

    @classmethod
    def from_strategy_date(
        cls, strategy_date: dt.date, calendar: WorkingCalendar | None = None
    ) -> Timescales:
        """Review on the 5th, ICPC on the 15th and assessment on the 45th working day
        after the strategy discussion (day 0, whatever day of the week it was)."""
        calendar = calendar or WorkingCalendar()
        return cls(
            strategy_date=strategy_date,
            review_due=calendar.add_working_days(strategy_date, REVIEW_WORKING_DAYS),
            icpc_due=calendar.add_working_days(strategy_date, ICPC_WORKING_DAYS),
            assessment_due=calendar.add_working_days(strategy_date, ASSESSMENT_WORKING_DAYS),
        )

    def as_json(self) -> dict[str, str]:
        """The shape ``macpt timescales --json`` promises: ISO dates."""
        return {
            "strategy_date": self.strategy_date.isoformat(),
            "review_due": self.review_due.isoformat(),
            "icpc_due": self.icpc_due.isoformat(),
            "assessment_due": self.assessment_due.isoformat(),
        }
