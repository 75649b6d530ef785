"""The steps of a meeting: one per agenda item, each of a kind the UI knows how to show."""

from __future__ import annotations

import dataclasses
import enum
from collections.abc import Iterable, Sequence
from typing import Protocol

from app.models import MeetingType


class StepKind(enum.StrEnum):
    """What the chair does at a step. Stored as ``AgendaItem.kind``."""

    NOTES = "notes"
    AGENCY_INFORMATION = "agency-information"
    DECISION = "decision"
    ACTIONS = "actions"
    TIMESCALES = "timescales"
    ICPC_TIMEFRAME = "icpc-timeframe"
    SAFETY_PLAN = "safety-plan"
    CONFERENCE_DECISION = "conference-decision"
    RISK_TO_OTHERS = "risk-to-others"
    LEGAL_DECISION = "legal-decision"

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

    def fits(self, meeting_type: MeetingType) -> bool:
        """Whether an item of this kind means anything at a meeting of ``meeting_type``."""
        return meeting_type in _ONLY_AT.get(self, tuple(MeetingType))


_LABELS = {
    StepKind.NOTES: "Notes",
    StepKind.AGENCY_INFORMATION: "Information from each agency",
    StepKind.DECISION: "Threshold decision",
    StepKind.ACTIONS: "Actions",
    StepKind.TIMESCALES: "Timescales",
    StepKind.ICPC_TIMEFRAME: "Conference timeframe",
    StepKind.SAFETY_PLAN: "Interim safety plan",
    StepKind.CONFERENCE_DECISION: "Conference decision",
    StepKind.RISK_TO_OTHERS: "Risk to others",
    StepKind.LEGAL_DECISION: "Legal planning decision",
}
CONFERENCES = (MeetingType.ICPC, MeetingType.RCPC)
# The kinds a local area could put on any agenda but that hold a decision only one
# type of meeting takes (the services refuse it elsewhere).
_ONLY_AT: dict[StepKind, tuple[MeetingType, ...]] = {
    StepKind.ICPC_TIMEFRAME: (MeetingType.REVIEW,),
    StepKind.CONFERENCE_DECISION: CONFERENCES,
    StepKind.RISK_TO_OTHERS: (MeetingType.STRATEGY, *CONFERENCES),
    StepKind.LEGAL_DECISION: (MeetingType.LEGAL_PLANNING,),
}
# Where Ctrl+D goes, and where a missing statutory agency is acknowledged.
DECISION_KINDS = frozenset(
    {
        StepKind.DECISION,
        StepKind.ICPC_TIMEFRAME,
        StepKind.CONFERENCE_DECISION,
        StepKind.LEGAL_DECISION,
    }
)
# Review agendas copied into workspaces before the journey had its own kinds
# named these two items only in their titles (as plain notes).
_LEGACY_REVIEW_TITLES = (
    ("timeframe", StepKind.ICPC_TIMEFRAME),
    ("safety plan", StepKind.SAFETY_PLAN),
)


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


def kind_at(meeting_type: MeetingType, stored: str) -> StepKind:
    """The kind an item stored as ``stored`` has at a meeting of ``meeting_type``.

    Unknown kinds are notes. A "decision" item on a review or conference agenda
    holds that meeting's own decision (the threshold decision belongs to a
    strategy meeting). A kind that means nothing at this meeting is notes.
    """
    kind = StepKind.parse(stored)
    if kind is StepKind.DECISION and meeting_type is MeetingType.REVIEW:
        return StepKind.ICPC_TIMEFRAME
    if kind is StepKind.DECISION and meeting_type in CONFERENCES:
        return StepKind.CONFERENCE_DECISION
    return kind if kind.fits(meeting_type) else StepKind.NOTES


def _legacy_review_kinds(items: Sequence[AgendaItemLike]) -> dict[str, StepKind]:
    """On a review agenda with neither journey kind (copied before they existed), the
    first notes item whose title names the timeframe, and the first naming the
    safety plan, hold those editors. By item id."""
    if {StepKind.ICPC_TIMEFRAME.value, StepKind.SAFETY_PLAN.value} & {i.kind for i in items}:
        return {}
    found: dict[str, StepKind] = {}
    for phrase, kind in _LEGACY_REVIEW_TITLES:
        for item in items:
            notes = item.kind == StepKind.NOTES.value and item.id not in found
            if notes and phrase in item.title.casefold():
                found[item.id] = kind
                break
    return found


def steps_from_agenda(
    items: Iterable[AgendaItemLike], meeting_type: MeetingType | None = None
) -> list[Step]:
    """The steps, in agenda order, for the given agenda items.

    Given the ``meeting_type``, each item's kind is read as :func:`kind_at` reads
    it (and an older review agenda as it was meant); without it, only unknown
    kinds change (to notes).
    """
    items = list(items)
    if meeting_type is None:
        return [Step(i.id, i.title, StepKind.parse(i.kind), i.guidance) for i in items]
    legacy = _legacy_review_kinds(items) if meeting_type is MeetingType.REVIEW else {}
    return [
        Step(i.id, i.title, legacy.get(i.id) or kind_at(meeting_type, i.kind), i.guidance)
        for i in items
    ]
