"""The steps of a meeting: one per agenda item, each of a kind the UI knows how to show."""

from __future__ import annotations

import dataclasses
import enum
from collections.abc import Iterable
from typing import Protocol


class StepKind(enum.StrEnum):
    """What the chair does at a step. Stored as ``AgendaItem.kind``."""

    NOTES = "notes"
    AGENCY_INFORMATION = "agency-information"
    DECISION = "decision"
    ACTIONS = "actions"
    TIMESCALES = "timescales"

    @classmethod
    def parse(cls, value: str) -> StepKind:
        """The kind stored for an item; anything unknown is taken as plain notes."""
        try:
            return cls(value)
        except ValueError:
            return cls.NOTES

    @property
    def label(self) -> str:
        return _LABELS[self]


_LABELS = {
    StepKind.NOTES: "Notes",
    StepKind.AGENCY_INFORMATION: "Information from each agency",
    StepKind.DECISION: "Threshold decision",
    StepKind.ACTIONS: "Actions",
    StepKind.TIMESCALES: "Timescales",
}


class AgendaItemLike(Protocol):
    """What a step needs from an agenda item (``AgendaItemRow`` has it)."""

    @property
    def id(self) -> str: ...
    @property
    def title(self) -> str: ...
    @property
    def kind(self) -> str: ...
    @property
    def guidance(self) -> str: ...


@dataclasses.dataclass(frozen=True)
class Step:
    """One agenda item as a step of the meeting."""

    agenda_item_id: str
    title: str
    kind: StepKind
    guidance: str = ""


def steps_from_agenda(items: Iterable[AgendaItemLike]) -> list[Step]:
    """The steps, in agenda order, for the given agenda items."""
    return [Step(i.id, i.title, StepKind.parse(i.kind), i.guidance) for i in items]
