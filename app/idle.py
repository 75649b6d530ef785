"""When to lock an unattended workspace: a Qt-free policy with an injectable clock.

The user interface tells :class:`IdleLock` about every keystroke or mouse
movement (:meth:`IdleLock.touch`) and asks it, now and then, whether the
workspace has been left alone for long enough to lock (:meth:`IdleLock.due`).
"""

from __future__ import annotations

import time
from collections.abc import Callable

DEFAULT_MINUTES = 5


def suspend_aware_seconds() -> float:
    """Seconds on a clock that keeps counting while the laptop sleeps.

    ``time.monotonic`` stops during suspend on Linux, so a laptop closed for an
    hour would wake up still unlocked. ``CLOCK_BOOTTIME`` counts that hour and
    never jumps backwards; elsewhere the wall clock is the safer choice, because
    a jump forward only locks early.
    """
    boottime = getattr(time, "CLOCK_BOOTTIME", None)
    if boottime is not None:
        return time.clock_gettime(boottime)
    return time.time()


class IdleLock:
    """Decides when an unattended workspace should lock.

    ``now`` returns seconds on any steadily increasing clock; tests pass their
    own so that they can move time on without waiting.
    """

    def __init__(
        self,
        *,
        minutes: float = DEFAULT_MINUTES,
        now: Callable[[], float] = suspend_aware_seconds,
    ) -> None:
        self._now = now
        self._minutes = self._checked(minutes)
        self._last_input = now()

    @staticmethod
    def _checked(minutes: float) -> float:
        if minutes <= 0:
            raise ValueError("The idle lock needs a positive number of minutes.")
        return float(minutes)

    @property
    def minutes(self) -> float:
        return self._minutes

    @minutes.setter
    def minutes(self, minutes: float) -> None:
        self._minutes = self._checked(minutes)

    def touch(self) -> None:
        """The user did something: start the idle period again."""
        self._last_input = self._now()

    def idle_seconds(self) -> float:
        """How long since the last input (never negative)."""
        return max(0.0, self._now() - self._last_input)

    def seconds_left(self) -> float:
        """Seconds until the workspace should lock; zero once it is due."""
        return max(0.0, self._minutes * 60 - self.idle_seconds())

    def due(self) -> bool:
        """True once the user has been idle for the whole idle window."""
        return self.idle_seconds() >= self._minutes * 60
