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
import functools
from collections.abc import Iterable, Mapping

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


@functools.cache
def bank_holidays_in(year: int) -> Mapping[dt.date, str]:
    """England's bank holidays in ``year`` by day, named as the ``holidays`` package
    names them. Worked out once a process: every calendar made since shares them."""
    # Imported here: it takes a third of a second, and `macpt --help` needs none of it.
    import holidays

    found = holidays.country_holidays("GB", subdiv="ENG", years=year)
    return {day: str(name) for day, name in found.items() if day.year == year and name}


class WorkingCalendar:
    """Which days are working days in England, less the local closure days."""

    def __init__(self, closure_days: Iterable[dt.date] = ()) -> None:
        self.closure_days = frozenset(closure_days)

    def bank_holiday(self, day: dt.date) -> str | None:
        """The bank holiday's name (e.g. "Boxing Day (observed)"), or None."""
        return bank_holidays_in(day.year).get(day)

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
    # What the assessment's 45 working days count from: "referral" or "strategy".
    assessment_from: str = "strategy"

    @classmethod
    def from_strategy_date(
        cls,
        strategy_date: dt.date,
        calendar: WorkingCalendar | None = None,
        *,
        referral_date: dt.date | None = None,
    ) -> Timescales:
        """Review on the 5th and ICPC on the 15th working day after the strategy
        discussion (day 0, whatever day of the week it was); the assessment on the
        45th after the referral when there is one (as Working Together counts it),
        else after the strategy discussion."""
        calendar = calendar or WorkingCalendar()
        start, source = (
            (referral_date, "referral")
            if referral_date is not None
            else (strategy_date, "strategy")
        )
        return cls(
            strategy_date=strategy_date,
            review_due=calendar.add_working_days(strategy_date, REVIEW_WORKING_DAYS),
            icpc_due=calendar.add_working_days(strategy_date, ICPC_WORKING_DAYS),
            assessment_due=calendar.add_working_days(start, ASSESSMENT_WORKING_DAYS),
            assessment_from=source,
        )

    @property
    def assessment_counted_from(self) -> str:
        """For screens and minutes: "from the referral" or "from the strategy discussion"."""
        return ASSESSMENT_FROM_LABELS[self.assessment_from]

    def as_json(self) -> dict[str, str]:
        """The shape ``macpt timescales --json`` promises: ISO dates, and what the
        assessment counts from."""
        return {
            "strategy_date": self.strategy_date.isoformat(),
            "review_due": self.review_due.isoformat(),
            "icpc_due": self.icpc_due.isoformat(),
            "assessment_due": self.assessment_due.isoformat(),
            "assessment_from": self.assessment_from,
        }


ASSESSMENT_FROM_LABELS = {
    "referral": "from the referral",
    "strategy": "from the strategy discussion",
}


def non_working_day_warning(
    day: dt.date | None, calendar: WorkingCalendar, what: str = "This date"
) -> str | None:
    """A warning to show when a date entered for a meeting or an action is not a
    working day ("This date is a Saturday: not a working day."), or None."""
    if day is None:
        return None
    why = calendar.why_not_working(day)
    if why is None:
        return None
    if why in _WEEKDAYS:
        return f"{what} ({long_date(day)}) is a {why}: not a working day."
    if why == "Local closure day":
        return f"{what} ({long_date(day)}) is a local closure day: not a working day."
    return f"{what} ({long_date(day)}) is a bank holiday ({why}): not a working day."
