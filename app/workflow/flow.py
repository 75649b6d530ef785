"""The chair's walk through the agenda: where we are, where next, and the time taken."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable, Mapping, Sequence

from app.workflow.blockers import Blocker, MeetingFacts, find_blockers
from app.workflow.steps import DECISION_KINDS, Step, StepKind


@dataclasses.dataclass(frozen=True)
class Progress:
    """How far through the agenda the meeting is."""

    position: int  # 1-based number of the current step
    total: int
    visited: frozenset[int]  # indexes of the steps the chair has opened

    @property
    def fraction(self) -> float:
        return len(self.visited) / self.total

    @property
    def text(self) -> str:
        return f"Item {self.position} of {self.total}"


class MeetingFlow:
    """Steps (one per agenda item), the current one, and how long each has taken.

    Time comes from the injected ``now`` (a timezone-aware clock), so tests and
    the UI agree on it. Time is counted only while the flow is running: between
    :meth:`start` and :meth:`stop`. ``spent`` carries the seconds already spent
    per agenda item (from an earlier sitting), so reopening a meeting resumes.
    """

    def __init__(
        self,
        steps: Sequence[Step],
        *,
        now: Callable[[], dt.datetime],
        started_at: dt.datetime | None = None,
        spent: Mapping[str, int] | None = None,
        facts: MeetingFacts | None = None,
    ) -> None:
        if not steps:
            raise ValueError("a meeting needs at least one agenda item")
        self.steps: tuple[Step, ...] = tuple(steps)
        self._now = now
        self.started_at = started_at
        self.facts = facts or MeetingFacts()
        spent = spent or {}
        self._spent = [float(spent.get(s.agenda_item_id, 0)) for s in self.steps]
        self._index = 0
        # Items with time spent were opened at an earlier sitting.
        self._visited = {0} | {i for i, seconds in enumerate(self._spent) if seconds > 0}
        self._entered_at: dt.datetime | None = None

    # -- where we are ------------------------------------------------------
    @property
    def index(self) -> int:
        return self._index

    @property
    def current(self) -> Step:
        return self.steps[self._index]

    @property
    def can_go_back(self) -> bool:
        return self._index > 0

    @property
    def can_go_next(self) -> bool:
        return self._index < len(self.steps) - 1

    @property
    def progress(self) -> Progress:
        return Progress(self._index + 1, len(self.steps), frozenset(self._visited))

    # -- moving --------------------------------------------------------------
    def next(self) -> Step:
        """Go to the next item (staying on the last one)."""
        return self.jump_to(min(self._index + 1, len(self.steps) - 1))

    def previous(self) -> Step:
        """Go back one item (staying on the first one)."""
        return self.jump_to(max(self._index - 1, 0))

    def jump_to(self, index: int) -> Step:
        """Go to the item at ``index`` (0-based)."""
        if not 0 <= index < len(self.steps):
            raise IndexError(f"there is no agenda item {index + 1}")
        if index != self._index:
            self._bank_time()
            self._index = index
            self._visited.add(index)
        return self.current

    def jump_to_kind(self, kind: StepKind) -> Step:
        """Go to the first item of ``kind`` (e.g. the decision). LookupError if none."""
        for index, step in enumerate(self.steps):
            if step.kind is kind:
                return self.jump_to(index)
        raise LookupError(f"this agenda has no {kind.label.lower()} item")

    def jump_to_item(self, agenda_item_id: str) -> Step:
        for index, step in enumerate(self.steps):
            if step.agenda_item_id == agenda_item_id:
                return self.jump_to(index)
        raise LookupError("that agenda item is not on this meeting's agenda")

    def has_kind(self, kind: StepKind) -> bool:
        return any(step.kind is kind for step in self.steps)

    @property
    def decision_index(self) -> int | None:
        """Where this meeting decides (threshold, conference timeframe or conference decision)."""
        return next((i for i, s in enumerate(self.steps) if s.kind in DECISION_KINDS), None)

    def index_for(self, blocker: Blocker) -> int | None:
        """The step where ``blocker`` is put right: the first of its kind; for a
        decision's blocker (a missing agency, say), this meeting's decision step."""
        for index, step in enumerate(self.steps):
            if step.kind is blocker.step_kind:
                return index
        return self.decision_index if blocker.step_kind in DECISION_KINDS else None

    def jump_to_blocker(self, blocker: Blocker) -> Step:
        """Go to where ``blocker`` is put right. LookupError if the agenda has no such item."""
        index = self.index_for(blocker)
        if index is None:
            raise LookupError(
                f"this agenda has no {blocker.step_kind.label.lower()} item: {blocker.message}"
            )
        return self.jump_to(index)

    # -- time ------------------------------------------------------------------
    @property
    def running(self) -> bool:
        return self._entered_at is not None

    def start(self) -> None:
        """Start (or resume) the clocks; the meeting's start is the first start."""
        now = self._now()
        if self.started_at is None:
            self.started_at = now
        if self._entered_at is None:
            self._entered_at = now

    def stop(self) -> None:
        """Stop the clocks (at close, or when the workspace locks)."""
        self._bank_time()
        self._entered_at = None

    def _bank_time(self) -> None:
        if self._entered_at is None:
            return
        now = self._now()
        self._spent[self._index] += max((now - self._entered_at).total_seconds(), 0.0)
        self._entered_at = now

    def elapsed_in_step(self, index: int | None = None) -> dt.timedelta:
        """Time spent on an item (the current one by default), all visits together."""
        index = self._index if index is None else index
        seconds = self._spent[index]
        if index == self._index and self._entered_at is not None:
            seconds += max((self._now() - self._entered_at).total_seconds(), 0.0)
        return dt.timedelta(seconds=seconds)

    def elapsed_in_meeting(self) -> dt.timedelta:
        """Time since the meeting started (zero before it has)."""
        if self.started_at is None:
            return dt.timedelta(0)
        return max(self._now() - self.started_at, dt.timedelta(0))

    def time_spent(self) -> dict[str, int]:
        """Whole seconds spent per agenda item id, to store with the meeting."""
        return {
            step.agenda_item_id: int(self.elapsed_in_step(i).total_seconds())
            for i, step in enumerate(self.steps)
        }

    # -- closing ---------------------------------------------------------------
    def update_facts(self, facts: MeetingFacts) -> None:
        """Take a fresh snapshot of what has been recorded (after every save)."""
        self.facts = facts

    def blockers(self) -> list[Blocker]:
        """What stops the meeting closing now; empty when it can close."""
        return find_blockers(self.facts)

    def blockers_at(self, index: int) -> list[Blocker]:
        """What stops closing that is put right at the step at ``index``."""
        return [b for b in self.blockers() if self.index_for(b) == index]

    @property
    def can_close(self) -> bool:
        return not self.blockers()
