"""What the minutes of the meetings after a strategy meeting add, as plain frozen data.

A five-day review records the initial child protection conference's timeframe
and the interim safety plan; a conference records its decision, and a review
conference that ends the plan records the discharge. The renderer in
``minutes_journey.py`` depends on these only.
"""

from __future__ import annotations

import dataclasses
import datetime as dt

from app.models import ConferenceOutcome, IcpcTimeframe, MeetingType, PlanCategory


@dataclasses.dataclass(frozen=True)
class TimeframeEntry:
    """The review's decision on when (or whether) the ICPC is held, and the clocks behind it."""

    timeframe: IcpcTimeframe
    label: str
    strategy_date: dt.date | None
    review_due: dt.date | None
    review_on_time: bool | None
    default_due: dt.date | None
    target_date: dt.date | None
    extra_days: int | None
    reason: str
    exceptional_circumstances_confirmed: bool
    decided_by: str
    decided_at: dt.datetime | None


@dataclasses.dataclass(frozen=True)
class SafetyPlanRow:
    """One worry and what will keep the child safe from it."""

    worry: str
    keeps_safe: str
    person: str
    agency: str
    by_when: str
    how_we_know: str
    contingency: str


@dataclasses.dataclass(frozen=True)
class SafetyPlanEntry:
    """One version of the interim safety plan: the one in force for these minutes."""

    version: int
    made_at: dt.datetime
    made_by: str
    agreed_by: str
    change_note: str
    items: tuple[SafetyPlanRow, ...]


@dataclasses.dataclass(frozen=True)
class CoreGroupEntry:
    name: str
    agency: str
    role: str


@dataclasses.dataclass(frozen=True)
class ConferenceViewEntry:
    """One agency's view of a conference's decision."""

    agency: str
    agrees: bool
    comment: str


@dataclasses.dataclass(frozen=True)
class ConferenceEntry:
    """What an initial or review conference decided."""

    meeting_type: MeetingType
    outcome: ConferenceOutcome | None
    outcome_label: str
    # The plan's category: chosen at an ICPC, or the new one on a change of category.
    category: PlanCategory | None
    # The plan's category going into a review conference.
    category_before: PlanCategory | None
    progress: str
    rationale: str
    lead_practitioner: str
    core_group: tuple[CoreGroupEntry, ...]
    outline_plan: str
    dissent: str
    next_review_due: dt.date | None
    decided_by: str
    decided_at: dt.datetime | None
    views: tuple[ConferenceViewEntry, ...] = ()


@dataclasses.dataclass(frozen=True)
class PractitionerInput:
    """One line of the discharge checklist: who was asked, when, and what they said."""

    practitioner: str
    agency: str
    asked_on: dt.date | None
    responded_on: dt.date | None
    response: str


@dataclasses.dataclass(frozen=True)
class ToBeTold:
    """Someone the discharge decision must be notified to."""

    name: str
    # The agency, or the family member's relationship to the child.
    connection: str
    parent_or_carer: bool


@dataclasses.dataclass(frozen=True)
class DischargeEntry:
    """The end of a child protection plan, recorded at a review conference."""

    reason_label: str
    support: tuple[str, ...]
    support_detail: str
    inputs: tuple[PractitionerInput, ...]
    who_must_be_told: tuple[ToBeTold, ...]
