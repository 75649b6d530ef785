"""The idle-lock policy, without Qt and without waiting: time is a list we move."""

from __future__ import annotations

import pytest

from app.idle import IdleLock, suspend_aware_seconds


class ManualClock:
    def __init__(self) -> None:
        self.seconds = 1000.0

    def __call__(self) -> float:
        return self.seconds

    def advance(self, seconds: float) -> None:
        self.seconds += seconds


def test_due_only_after_the_whole_idle_window() -> None:
    now = ManualClock()
    policy = IdleLock(minutes=5, now=now)
    now.advance(4 * 60 + 59)
    assert not policy.due()
    assert policy.seconds_left() == pytest.approx(1.0)
    now.advance(1)
    assert policy.due()
    assert policy.seconds_left() == 0.0


def test_input_restarts_the_idle_window() -> None:
    now = ManualClock()
    policy = IdleLock(minutes=1, now=now)
    now.advance(50)
    policy.touch()
    now.advance(50)
    assert not policy.due()
    assert policy.idle_seconds() == pytest.approx(50)
    now.advance(10)
    assert policy.due()


def test_changing_the_minutes_applies_at_once() -> None:
    now = ManualClock()
    policy = IdleLock(minutes=10, now=now)
    now.advance(3 * 60)
    assert not policy.due()
    policy.minutes = 2
    assert policy.due()


def test_a_clock_going_backwards_never_gives_negative_idle_time() -> None:
    now = ManualClock()
    policy = IdleLock(minutes=1, now=now)
    now.advance(-30)
    assert policy.idle_seconds() == 0.0
    assert not policy.due()


@pytest.mark.parametrize("minutes", [0, -1])
def test_minutes_must_be_positive(minutes: int) -> None:
    with pytest.raises(ValueError, match="positive"):
        IdleLock(minutes=minutes)


def test_the_default_clock_moves_forward() -> None:
    first = suspend_aware_seconds()
    assert suspend_aware_seconds() >= first
