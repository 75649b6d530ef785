"""The one source of "now" and "today", so that tests can fix time."""

from __future__ import annotations

import contextlib
import datetime as dt
from collections.abc import Callable, Iterator

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
