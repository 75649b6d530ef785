"""The timeline's lines for a child who arrived other than by a referral: the first
review after a pre-birth conference's baby is born, and the transfer-in conference.

When each is due and whether it is met is ``app.workflow.clocks``'s answer
(``app.workflow.arrivals``); this module only words it.
"""

from __future__ import annotations

import datetime as dt

from app.workdays import long_date
from app.workflow.arrivals import PRE_BIRTH, TRANSFER_IN, conference_kind
from app.workflow.clocks import Clock, ClockKind, ClockState, journey_state
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
    """The arrival clocks not met by a meeting (which shows the clock on its own line)."""
    return [c for c in clocks if c.kind.value in STAGE_LABELS and c.held_on is None]


def conference_due(facts: CaseFacts, meeting_id: str) -> tuple[dt.date | None, str, bool]:
    """A transfer-in conference's due date and note (the timeline's ICPC step) when the
    ICPC is one; else no date."""
    meeting = facts.meeting(meeting_id)
    if meeting is None or conference_kind(facts, meeting) != TRANSFER_IN:
        return None, "", False
    found = journey_state(facts).clock(ClockKind.TRANSFER_IN)
    if found is None:
        return None, "", False
    return found.due, _transfer_note(facts), False


def pre_birth_note(facts: CaseFacts, meeting_id: str) -> str:
    """A note for an initial conference held while the child was unborn."""
    meeting = facts.meeting(meeting_id)
    if meeting is None or conference_kind(facts, meeting) != PRE_BIRTH:
        return ""
    return "Pre-birth conference: the baby was not yet born"


def after_birth(
    facts: CaseFacts, day: dt.date | None, held: dt.date | None, today: dt.date
) -> tuple[dt.date, bool | None, str] | None:
    """The due date, whether met and a note for the review conference on ``day`` when
    it is the first after the birth (due by the area's rule); None for any other."""
    found = journey_state(facts).clock(ClockKind.BIRTH_REVIEW)
    if found is None or found.held_on is None or day != found.held_on:
        return None
    met = held <= found.due if held is not None else (False if today > found.due else None)
    return found.due, met, _birth_note(facts)


def _birth_note(facts: CaseFacts) -> str:
    assert facts.born_on is not None
    return (
        f"First review after the birth on {long_date(facts.born_on)}: within "
        f"{facts.birth_review_working_days} working days of it"
    )


def _transfer_note(facts: CaseFacts) -> str:
    assert facts.transfer_in_on is not None
    return (
        f"Transfer-in conference: within 15 working days of the notification on "
        f"{long_date(facts.transfer_in_on)}"
    )


def describe(found: Clock, facts: CaseFacts, today: dt.date) -> tuple[str, bool | None, str]:
    """One arrival clock's status words, whether it was met (None: not due yet) and a note."""
    note = _birth_note(facts) if found.kind is ClockKind.BIRTH_REVIEW else _transfer_note(facts)
    if found.state is ClockState.CLOSED:
        note += "; the case closed first"
    met: bool | None = None
    if found.held_on is not None:
        met = found.held_on <= found.due
    elif found.is_open and today > found.due:
        met = False
    return STATUS.get(found.state, found.state.value), met, note
