"""The timeline's lines for a child who arrived other than by a referral: the first
review after a pre-birth conference's baby is born, and the transfer-in conference.

When each is due and whether it is met is ``app.workflow.clocks``'s answer
(``app.workflow.arrivals``); this module only words it.
"""

from __future__ import annotations

import datetime as dt

from app.workdays import long_date
from app.workflow.clocks import Clock, ClockKind, ClockState
from app.workflow.journey_facts import CaseFacts

STAGE_LABELS = {
    ClockKind.BIRTH_REVIEW.value: "First review conference after the birth",
    ClockKind.TRANSFER_IN.value: "Transfer-in child protection conference",
}
STATUS = {
    ClockState.HELD: "held",
    ClockState.OPEN: "not held yet",
    ClockState.CLOSED: "not held",
}


def arrival_clocks(clocks: tuple[Clock, ...]) -> list[Clock]:
    """The arrival clocks among a journey's."""
    return [c for c in clocks if c.kind.value in STAGE_LABELS]


def describe(found: Clock, facts: CaseFacts, today: dt.date) -> tuple[str, bool | None, str]:
    """One arrival clock's status words, whether it was met (None: not due yet) and a note."""
    if found.kind is ClockKind.BIRTH_REVIEW:
        assert facts.born_on is not None
        note = (
            f"Born on {long_date(facts.born_on)}: the first review within "
            f"{facts.birth_review_working_days} working days of the birth"
        )
    else:
        assert facts.transfer_in_on is not None
        note = (
            f"Notified of the move on {long_date(facts.transfer_in_on)}: the conference "
            "within 15 working days"
        )
    if found.state is ClockState.CLOSED:
        note += "; the case closed first"
    met: bool | None = None
    if found.held_on is not None:
        met = found.held_on <= found.due
    elif found.is_open and today > found.due:
        met = False
    return STATUS.get(found.state, found.state.value), met, note
