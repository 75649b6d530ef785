"""The timeline's pre-proceedings lines: one per clock of the latest episode.

Which clocks run, when each is due and whether it is met is
``app.workflow.clocks``'s answer (the Public Law Working Group's timescales):
the letter before proceedings, the first pre-proceedings meeting and the
decision to step up or down.
"""

from __future__ import annotations

import datetime as dt

from app.workflow.clocks import Clock, ClockKind, ClockState
from app.workflow.journey_facts import CaseFacts

STAGE_LABELS = {
    ClockKind.PP_LETTER.value: "Pre-proceedings: letter before proceedings",
    ClockKind.PP_MEETING.value: "Pre-proceedings: first meeting",
    ClockKind.PP_REVIEW.value: "Pre-proceedings: decision to step up or down",
}
# A clock's state in the words the timeline's status column uses.
STATUS = {
    ClockState.HELD: "recorded",
    ClockState.OPEN: "not recorded yet",
    ClockState.CLOSED: "not recorded",
}


def pre_proceedings_clocks(clocks: tuple[Clock, ...]) -> list[Clock]:
    """The pre-proceedings clocks among a journey's, in the order the work happens."""
    return [c for c in clocks if c.kind.value in STAGE_LABELS]


def describe(found: Clock, facts: CaseFacts, today: dt.date) -> tuple[str, bool | None, str]:
    """One pre-proceedings clock's status words, whether it was met (None: not due yet,
    or never counted) and a note."""
    note = ""
    if found.state is ClockState.CLOSED:
        note = (
            "The case closed first"
            if not facts.is_open
            else "Pre-proceedings ended (the decision to step up or down) first"
        )
    met: bool | None = None
    if found.held_on is not None:
        met = found.held_on <= found.due
    elif found.is_open and today > found.due:
        met = False
    return STATUS.get(found.state, found.state.value), met, note
