"""Census years: 1 April to 31 March, named by the 31 March they end on."""

from __future__ import annotations

import datetime as dt

from app.census.model import CensusPeriod
from app.errors import ValidationError


def census_period(today: dt.date) -> CensusPeriod:
    """The census year that contains ``today``."""
    end_year = today.year + 1 if today >= dt.date(today.year, 4, 1) else today.year
    return CensusPeriod(dt.date(end_year - 1, 4, 1), dt.date(end_year, 3, 31))


def period_ending(end: dt.date) -> CensusPeriod:
    """The census year that ends on ``end``, which must be a 31 March."""
    if (end.month, end.day) != (3, 31):
        raise ValidationError(
            f"A census year ends on 31 March, not on {end.isoformat()}. "
            f"Give the period end as {end.year if end.month <= 3 else end.year + 1}-03-31."
        )
    return CensusPeriod(dt.date(end.year - 1, 4, 1), end)
