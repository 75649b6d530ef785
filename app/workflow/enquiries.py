"""A case's section 47 enquiries and how each ended, over plain facts (no database, no Qt).

The journey's clocks (``app.workflow.clocks``) follow the latest enquiry; the
census reports every enquiry of the year; the review, the timeline and the
conference services ask which strategy discussion and which plan apply on a
day. They all ask this module, so they cannot disagree.

An enquiry runs from the held strategy meeting whose decision started it
until the next such meeting on the case. Within that span its ICPC is the
first one held on or after its date, and its timeframe is the latest five-day
review decision made for it (a decision that names no strategy meeting counts
for the enquiry whose span holds the review).
"""

from __future__ import annotations

import dataclasses
import datetime as dt

from app.models import MeetingType
from app.models.plans import IcpcTimeframe
from app.workflow.journey_facts import (
    S47_OUTCOMES,
    CaseFacts,
    MeetingFact,
    PlanFact,
    TimeframeFact,
    TimescalesFact,
)


@dataclasses.dataclass(frozen=True)
class EnquiryCourse:
    """What became of one enquiry, by the case's records."""

    enquiry: MeetingFact
    until: dt.date | None  # the next enquiry's date: this one's records end before it
    icpc: MeetingFact | None  # the first ICPC held in its span
    timeframe: TimeframeFact | None  # the review's latest decision on the ICPC
    scales: TimescalesFact | None  # the clocks its strategy discussion set

    @property
    def icpc_not_needed(self) -> bool:
        return self.timeframe is not None and self.timeframe.timeframe is IcpcTimeframe.NOT_NEEDED

    @property
    def icpc_due(self) -> dt.date | None:
        return icpc_due(self.scales, self.timeframe)[0]

    @property
    def icpc_extended(self) -> bool:
        return icpc_due(self.scales, self.timeframe)[1]


def enquiries(case: CaseFacts) -> list[MeetingFact]:
    """The held strategy meetings whose decision started an enquiry, oldest first."""
    starts = [
        m
        for m in case.meetings
        if m.kind is MeetingType.STRATEGY and m.held and m.outcome in S47_OUTCOMES
    ]
    return sorted(starts, key=lambda m: m.order)


def latest_enquiry(case: CaseFacts) -> MeetingFact | None:
    """The held strategy meeting whose decision started the latest section 47 enquiry."""
    found = enquiries(case)
    return found[-1] if found else None


def first_held(
    case: CaseFacts, kind: MeetingType, since: dt.date, before: dt.date | None = None
) -> MeetingFact | None:
    """The first held meeting of ``kind`` on or after ``since`` (and before ``before``)."""
    held = [
        m
        for m in case.meetings
        if m.kind is kind and m.held and m.day >= since and (before is None or m.day < before)
    ]
    return min(held, key=lambda m: m.order) if held else None


def icpc_timeframe(
    case: CaseFacts, enquiry: MeetingFact, before: dt.date | None = None
) -> TimeframeFact | None:
    """The latest review decision on the ICPC's timeframe for ``enquiry``."""
    found: list[tuple[tuple[dt.date, dt.datetime], TimeframeFact]] = []
    for decision in case.timeframes:
        review = case.meeting(decision.review_meeting_id)
        if review is None:
            continue
        if decision.strategy_meeting_id == enquiry.id or (
            decision.strategy_meeting_id is None
            and review.day >= enquiry.day
            and (before is None or review.day < before)
        ):
            found.append((review.order, decision))
    return max(found, key=lambda pair: pair[0])[1] if found else None


def icpc_due(
    scales: TimescalesFact | None, decision: TimeframeFact | None
) -> tuple[dt.date | None, bool]:
    """The ICPC's due date and whether the review extended it."""
    extended = decision is not None and decision.timeframe is IcpcTimeframe.EXTENDED
    if extended and decision is not None and decision.target_date is not None:
        return decision.target_date, True
    if scales is not None:
        return scales.icpc_due, False
    return (decision.default_due if decision else None), False


def enquiry_courses(case: CaseFacts) -> list[EnquiryCourse]:
    """Every enquiry on the case with what became of it, oldest first."""
    found = enquiries(case)
    courses = []
    for index, enquiry in enumerate(found):
        until = found[index + 1].day if index + 1 < len(found) else None
        courses.append(
            EnquiryCourse(
                enquiry=enquiry,
                until=until,
                icpc=first_held(case, MeetingType.ICPC, enquiry.day, until),
                timeframe=icpc_timeframe(case, enquiry, until),
                scales=case.timescales.get(enquiry.id),
            )
        )
    return courses


def applicable_strategy(case: CaseFacts) -> MeetingFact | None:
    """The strategy discussion whose clocks apply: the latest enquiry's; failing
    that, the latest strategy meeting at all (its decision may not be made yet).
    Pass ``case.as_of(day)`` to ask as of a day."""
    enquiry = latest_enquiry(case)
    if enquiry is not None:
        return enquiry
    strategies = [m for m in case.meetings if m.kind is MeetingType.STRATEGY]
    return max(strategies, key=lambda m: m.order) if strategies else None


def latest_plan(case: CaseFacts) -> PlanFact | None:
    """The case's latest plan, ended or not (pass ``case.as_of(day)`` for a day)."""
    return max(case.plans, key=lambda p: (p.start, p.created_at)) if case.plans else None


def open_plan(case: CaseFacts) -> PlanFact | None:
    """The case's latest plan with no end date."""
    plans = [p for p in case.plans if p.end is None]
    return max(plans, key=lambda p: (p.start, p.created_at)) if plans else None
