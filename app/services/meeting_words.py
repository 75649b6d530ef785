"""The words chairs type for a kind of meeting, for the meetings search.

A chair looking for a five-day review types "five day review", "5-day" or just
"review"; for a conference, "initial conference", "ICPC" or "RCPC". The type is
stored as a short code (``icpc``, ``core-group``), so matching only that missed
most of these. :func:`meeting_types_matching` maps what was typed to the types
it names, for the search's WHERE clause.
"""

from __future__ import annotations

import re

from app.models import MeetingType
from app.models.meeting import MEETING_TITLES

# Besides each type's title and code: the names and abbreviations in common use.
_OTHER_NAMES: dict[MeetingType, tuple[str, ...]] = {
    MeetingType.STRATEGY: ("strategy discussion", "section 47 strategy"),
    MeetingType.REVIEW: ("five-day review", "5 day review", "review meeting"),
    MeetingType.ICPC: ("initial conference", "initial case conference", "ICPC", "ICCPC"),
    MeetingType.RCPC: ("review conference", "review case conference", "RCPC", "RCCPC"),
    MeetingType.CORE_GROUP: ("core group",),
    MeetingType.LEGAL_PLANNING: ("legal gateway", "legal planning", "LPM"),
}


def _words(text: str) -> list[str]:
    return re.findall(r"[a-z0-9]+", text.casefold())


_NAMES: dict[MeetingType, tuple[tuple[str, ...], ...]] = {
    kind: tuple(
        tuple(_words(name))
        for name in (MEETING_TITLES[kind], kind.value, *_OTHER_NAMES.get(kind, ()))
    )
    for kind in MeetingType
}


def meeting_types_matching(search: str) -> tuple[MeetingType, ...]:
    """The kinds of meeting whose names hold every word typed (each as the start of
    a word: "conf" finds both conferences), in any order; none for an empty search."""
    typed = _words(search)
    if not typed:
        return ()
    return tuple(
        kind
        for kind, names in _NAMES.items()
        if any(all(any(w.startswith(t) for w in name) for t in typed) for name in names)
    )


__all__ = ["meeting_types_matching"]
