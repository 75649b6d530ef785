"""The one source of "now" and "today", so that tests can fix time.

Times are stored in UTC; a calendar date (today, the day a meeting closed) is
always the date in England, worked out here and nowhere else, so the test
clock and a laptop set to any time zone agree on the night British Summer
Time begins or ends.
"""

from __future__ import annotations

import contextlib
import datetime as dt
from collections.abc import Callable, Iterator
from zoneinfo import ZoneInfo

LOCAL_ZONE = ZoneInfo("Europe/London")

_now: Callable[[], dt.datetime] | None = None


def utcnow() -> dt.datetime:
    """Current time, timezone-aware UTC (or the fixed time a test set)."""
    if _now is not None:
        return _now()
    return dt.datetime.now(dt.UTC)


def local_time(moment: dt.datetime) -> dt.datetime:
    """``moment`` as the time in England (a naive moment is taken to be UTC)."""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=dt.UTC)
    return moment.astimezone(LOCAL_ZONE)


def local_date(moment: dt.datetime) -> dt.date:
    """The date in England at ``moment`` (a naive moment is taken to be UTC)."""
    return local_time(moment).date()


def from_local(day: dt.date, at: dt.time) -> dt.datetime:
    """The UTC moment of ``at`` o'clock in England on ``day`` (summer time allowed for)."""
    return dt.datetime.combine(day, at, tzinfo=LOCAL_ZONE).astimezone(dt.UTC)


def today() -> dt.date:
    """Today's date in England (or on the fixed clock a test set)."""
    return local_date(utcnow())


def set_clock(now: Callable[[], dt.datetime] | None) -> None:
    """Replace the clock (``None`` restores the real one). For tests and benchmarks."""
    global _now
    _now = now


def is_set() -> bool:
    """Whether a test or the demo has replaced the real clock."""
    return _now is not None


@contextlib.contextmanager
def frozen_at(moment: dt.datetime) -> Iterator[None]:
    """Let ``moment`` be "now" inside the block, then put the clock back as it was.

    The demo records each past meeting at the time it was held, so that every
    stamp the services make (started, decided, closed, signed off) is true to it.
    """
    global _now
    previous = _now
    _now = lambda: moment  # noqa: E731
    try:
        yield
    finally:
        _now = previous
