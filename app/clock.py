"""The one source of "now" and "today", so that tests can fix time."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

_now: Callable[[], dt.datetime] | None = None


def utcnow() -> dt.datetime:
    """Current time, timezone-aware UTC (or the fixed time a test set)."""
    if _now is not None:
        return _now()
    return dt.datetime.now(dt.UTC)


def today() -> dt.date:
    """Today's date in local time (or the fixed date a test set)."""
    if _now is not None:
        return _now().date()
    return dt.date.today()


def set_clock(now: Callable[[], dt.datetime] | None) -> None:
    """Replace the clock (``None`` restores the real one). For tests and benchmarks."""
    global _now
    _now = now
