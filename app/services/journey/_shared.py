"""What the journey services share: finding meetings, the calendar, month arithmetic."""

from __future__ import annotations

import datetime as dt

from sqlalchemy.orm import Session

from app.errors import NotFound, RecordLocked, ValidationError
from app.models import (
    ChildProtectionPlan,
    Meeting,
    MeetingStatus,
    MeetingType,
)
from app.services.clocks import case_facts
from app.services.conduct.timescales import timescales_row
from app.workdays import Timescales
from app.workflow.enquiries import applicable_strategy
from app.workflow.enquiries import latest_plan as latest_plan_fact
from app.workflow.journey_facts import CaseFacts
from app.workflow.plan_timing import add_months as add_months  # the rules own the months

LOCKED = "These minutes are signed off. Record the change as an amendment instead."


def meeting_of_type(session: Session, meeting_id: str, *types: MeetingType) -> Meeting:
    """The meeting, if it is one of ``types``; a message saying what it should be if not."""
    meeting = session.get(Meeting, meeting_id)
    if meeting is None:
        raise NotFound("That meeting no longer exists. It may have been deleted.")
    if types and meeting.meeting_type not in types:
        wanted = " or ".join(_with_article(t.label.lower()) for t in types)
        raise ValidationError(
            f"This is {_with_article(meeting.meeting_type.label.lower())}; this can only be "
            f"recorded at {wanted}. Open the right meeting and try again."
        )
    return meeting


def _with_article(noun: str) -> str:
    return ("an " if noun[:1] in "aeiou" else "a ") + noun


def check_editable(meeting: Meeting) -> None:
    if meeting.status is MeetingStatus.SIGNED_OFF:
        raise RecordLocked(LOCKED)


def check_decidable(meeting: Meeting) -> None:
    """A decision is recorded only at a meeting that has started and is not signed off."""
    from app.services.conduct.decision import require_started

    check_editable(meeting)
    require_started(meeting)


def strategy_meeting_for(
    session: Session, case_id: str, on_or_before: dt.date, *, facts: CaseFacts | None = None
) -> Meeting | None:
    """The strategy discussion whose clocks apply on ``on_or_before``: the latest one
    that started a section 47 enquiry; failing that, the latest strategy meeting at
    all (its decision may not be recorded yet). The journey rules decide
    (``app.workflow.enquiries.applicable_strategy``). A caller asking about many
    days of one case passes the case's ``facts``, gathered once."""
    if facts is None:
        facts = case_facts(session, [case_id]).get(case_id)
    found = applicable_strategy(facts.as_of(on_or_before)) if facts else None
    return session.get(Meeting, found.id) if found else None


def strategy_timescales(session: Session, strategy: Meeting) -> Timescales:
    """The clocks a strategy discussion started: as stored once it closed, else as they
    stand now (the conduct services own how they are worked out)."""
    row = timescales_row(session, strategy)
    assert row is not None, "only a strategy meeting starts the clocks"
    return row.as_timescales()


def latest_plan(session: Session, case_id: str, on: dt.date) -> ChildProtectionPlan | None:
    """The case's latest child protection plan started on or before ``on`` (ended or
    not), as the journey rules see it (``app.workflow.enquiries.latest_plan``)."""
    facts = case_facts(session, [case_id]).get(case_id)
    found = latest_plan_fact(facts.as_of(on)) if facts else None
    return session.get(ChildProtectionPlan, found.id) if found else None


def required_text(value: str, message: str) -> str:
    text = value.strip()
    if not text:
        raise ValidationError(message)
    return text
