"""The parts of the minutes that must say something before a meeting closes.

Signed-off minutes are the record a court, an inspector or the family reads
later: "no notes were taken" under the reason for the meeting or the child's
voice is not a record. Each required section is an agenda item, found by the
words of its title (a local area may word its agenda its own way); a meeting
whose agenda lacks one gets it when it is scheduled
(:func:`missing_items`), so the chair always has somewhere to write.

Where the child's (or the family's) views could not be obtained, the chair
writes why under the same item: that is a record too.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence

from app.models import MeetingType

ALL_TYPES = frozenset(MeetingType)


@dataclasses.dataclass(frozen=True)
class RequiredSection:
    key: str
    # The title of the item added to an agenda that lacks the section.
    title: str
    guidance: str
    # Any of these in an item's title (case ignored) makes it this section.
    words: tuple[str, ...]
    types: frozenset[MeetingType]
    # What to write, said to the chair when the item is empty.
    needs: str
    # Agency information recorded at the meeting also answers the section.
    information_counts: bool = False
    # Required only where the child is looked after (the care plan beside the plan).
    looked_after_only: bool = False

    def applies_to(self, meeting_type: MeetingType, *, looked_after: bool = False) -> bool:
        return meeting_type in self.types and (looked_after or not self.looked_after_only)

    def matches(self, title: str) -> bool:
        folded = title.casefold().replace("\u2019", "'")
        return any(word in folded for word in self.words)


SECTIONS: tuple[RequiredSection, ...] = (
    RequiredSection(
        "reason",
        "Reason for the meeting",
        "What has happened, and why the meeting is being held.",
        ("reason for the meeting", "reason for the conference"),
        ALL_TYPES,
        "the reason for the meeting",
    ),
    RequiredSection(
        "child",
        "The child's daily life and voice",
        "What is it like to be this child? What have they said, and how? "
        "If their views could not be obtained, say why.",
        ("daily life", "child's voice", "voice of the child"),
        ALL_TYPES,
        "the child's daily life and voice, or why the child's views could not be obtained",
    ),
    RequiredSection(
        "family",
        "The family's views",
        "What the parents and carers said. If their views could not be obtained, say why.",
        ("family's views", "views of the family", "parents' views"),
        frozenset({MeetingType.ICPC, MeetingType.RCPC}),
        "the family's views, or why they could not be obtained",
    ),
    RequiredSection(
        "s47",
        "Section 47 enquiry: progress by agency",
        "What each agency has found since the strategy discussion.",
        ("section 47", "s47"),
        frozenset({MeetingType.REVIEW}),
        "the progress of the section 47 enquiry",
        information_counts=True,
    ),
    RequiredSection(
        "care-plan",
        "How the child protection plan and the care plan fit together",
        "The child is looked after: how this plan and the care plan work together, what "
        "the IRO said, and how the conference and the looked-after review are aligned.",
        ("care plan fit", "plan and the care plan"),
        frozenset({MeetingType.ICPC, MeetingType.RCPC}),
        "how the child protection plan and the care plan fit together",
        looked_after_only=True,
    ),
)


@dataclasses.dataclass(frozen=True)
class SectionFacts:
    """One agenda item as the rule sees it."""

    title: str
    has_notes: bool


def required_for(meeting_type: MeetingType, *, looked_after: bool = False) -> list[RequiredSection]:
    return [s for s in SECTIONS if s.applies_to(meeting_type, looked_after=looked_after)]


def missing_items(
    meeting_type: MeetingType, titles: Sequence[str], *, looked_after: bool = False
) -> list[RequiredSection]:
    """The required sections an agenda with these item titles has no item for."""
    return [
        s
        for s in required_for(meeting_type, looked_after=looked_after)
        if not any(s.matches(t) for t in titles)
    ]


def empty_sections(
    meeting_type: MeetingType,
    items: Sequence[SectionFacts],
    *,
    has_information: bool,
    looked_after: bool = False,
) -> list[str]:
    """A sentence for each required section with nothing written under it (the care
    plan's section only where the child is looked after)."""
    found: list[str] = []
    for section in required_for(meeting_type, looked_after=looked_after):
        mine = [i for i in items if section.matches(i.title)]
        if any(i.has_notes for i in mine) or (section.information_counts and has_information):
            continue
        if mine:
            found.append(f"Record {section.needs} under \u201c{mine[0].title}\u201d.")
        else:
            found.append(
                f"Add the agenda item \u201c{section.title}\u201d and record {section.needs}."
            )
    return found
