"""The clocks of a child who arrives other than by a referral (see app.workflow.clocks).

Neither a pre-birth conference nor a transfer-in conference is a meeting type:

- A **pre-birth conference** is an initial conference held while the child is
  unborn on the meeting's date: before the recorded birth, or with no birth
  recorded yet for a child known only by an expected date. Once the birth is
  recorded and a plan is open, the **first review after the birth** falls due
  the area's number of working days after it (10 by default); it is met once a
  review conference is held on or after the birth.
- A **transfer-in conference** is the first initial conference on or after the
  notification that the child moved in from another area on a plan. It is due
  within 15 working days of the notification and met once an initial
  conference is held on or after it; a case closed before then runs no clock.
"""

from __future__ import annotations

import dataclasses
import datetime as dt

from app.models import MeetingType
from app.workdays import WorkingCalendar
from app.workflow.enquiries import first_held
from app.workflow.journey_facts import CaseFacts, MeetingFact, PlanFact

TRANSFER_IN_WORKING_DAYS = 15


@dataclasses.dataclass(frozen=True)
class ArrivalDue:
    """When an arrival's conference is due, whether it has been held, and since when."""

    due: dt.date
    held: MeetingFact | None
    since: dt.date


def unborn_on(case: CaseFacts, day: dt.date) -> bool:
    """Whether the case's child was unborn on ``day``."""
    if case.born_on is not None:
        return day < case.born_on
    return case.unborn


def is_pre_birth(case: CaseFacts, meeting: MeetingFact) -> bool:
    """An initial conference held (or to be held) while the child is unborn."""
    return meeting.kind is MeetingType.ICPC and unborn_on(case, meeting.day)


def birth_review(
    case: CaseFacts, plan: PlanFact | None, calendar: WorkingCalendar
) -> ArrivalDue | None:
    """The first review after the birth, when a pre-birth conference's plan is open."""
    born = case.born_on
    if born is None or plan is None:
        return None
    if not any(m.kind is MeetingType.ICPC and m.held and m.day < born for m in case.meetings):
        return None
    due = calendar.add_working_days(born, case.birth_review_working_days)
    return ArrivalDue(due, first_held(case, MeetingType.RCPC, born), born)


def transfer_in_conference(case: CaseFacts) -> MeetingFact | None:
    """The transfer-in conference: the first initial conference, held or booked, on or
    after the notification."""
    received = case.transfer_in_on
    if received is None:
        return None
    found = [m for m in case.meetings if m.kind is MeetingType.ICPC and m.day >= received]
    return min(found, key=lambda m: m.order) if found else None


def transfer_in(case: CaseFacts, calendar: WorkingCalendar) -> ArrivalDue | None:
    """The transfer-in conference's clock, from the notification."""
    received = case.transfer_in_on
    if received is None:
        return None
    due = calendar.add_working_days(received, TRANSFER_IN_WORKING_DAYS)
    return ArrivalDue(due, first_held(case, MeetingType.ICPC, received), received)


PRE_BIRTH = "pre-birth"
TRANSFER_IN = "transfer-in"
CONFERENCE_TITLES = {
    PRE_BIRTH: "Pre-birth initial child protection conference",
    TRANSFER_IN: "Transfer-in child protection conference",
}


def conference_kind(case: CaseFacts, meeting: MeetingFact) -> str | None:
    """``"transfer-in"`` for the transfer-in conference, ``"pre-birth"`` for an initial
    conference while the child is unborn, else None (any other meeting)."""
    if meeting.kind is not MeetingType.ICPC:
        return None
    found = transfer_in_conference(case)
    if found is not None and found.id == meeting.id:
        return TRANSFER_IN
    return PRE_BIRTH if is_pre_birth(case, meeting) else None
