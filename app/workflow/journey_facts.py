"""The facts a child's journey clocks depend on, as plain values (see app.workflow.clocks).

``app.services.clocks`` reads them from a workspace; tests may build them by hand.
"""

from __future__ import annotations

import dataclasses
import datetime as dt

from app.models import MeetingStatus, MeetingType, ThresholdOutcome
from app.models.plans import IcpcTimeframe, PlanCategory
from app.workdays import WorkingCalendar

# A meeting has been held once it has started: the clock is about the meeting
# taking place, not about its minutes.
HELD_STATUSES = (MeetingStatus.IN_PROGRESS, MeetingStatus.CLOSED, MeetingStatus.SIGNED_OFF)
S47_OUTCOMES = tuple(o for o in ThresholdOutcome if o.starts_s47)
NFA_OUTCOMES = (ThresholdOutcome.NFA, ThresholdOutcome.NFA_S47_WITH_SUPPORT)
# How often core groups meet after the first, unless the area sets its own (Settings).
CORE_GROUP_WEEKS = 6
# The first review conference after a pre-birth conference's baby is born, in working
# days from the birth, unless the area sets its own (Settings).
BIRTH_REVIEW_WORKING_DAYS = 10


def is_held(status: MeetingStatus) -> bool:
    """Whether a meeting with this status has taken place."""
    return status in HELD_STATUSES


@dataclasses.dataclass(frozen=True)
class MeetingFact:
    id: str
    kind: MeetingType
    day: dt.date
    status: MeetingStatus
    created_at: dt.datetime
    outcome: ThresholdOutcome | None = None  # a strategy meeting's decision

    @property
    def held(self) -> bool:
        return is_held(self.status)

    @property
    def order(self) -> tuple[dt.date, dt.datetime]:
        return (self.day, self.created_at)


@dataclasses.dataclass(frozen=True)
class TimescalesFact:
    """The dates a strategy discussion set, as stored with it."""

    review_due: dt.date
    icpc_due: dt.date
    assessment_due: dt.date
    assessment_from: str = "strategy"  # or "referral"


@dataclasses.dataclass(frozen=True)
class TimeframeFact:
    """A five-day review's decision on when the ICPC meets."""

    review_meeting_id: str
    strategy_meeting_id: str | None
    timeframe: IcpcTimeframe
    target_date: dt.date | None
    default_due: dt.date | None


@dataclasses.dataclass(frozen=True)
class PlanFact:
    id: str
    start: dt.date
    end: dt.date | None
    next_review_due: dt.date | None
    icpc_meeting_id: str | None
    created_at: dt.datetime
    category: PlanCategory | None = None  # the latest category
    # The first core group's date, counted in working days when the plan was made.
    core_group_first_due: dt.date | None = None


@dataclasses.dataclass(frozen=True)
class PreProceedingsFact:
    """One pre-proceedings episode's dates (None: not recorded yet)."""

    id: str
    decided_on: dt.date
    letter_sent_on: dt.date | None
    first_meeting_on: dt.date | None
    step_decided_on: dt.date | None
    created_at: dt.datetime

    @property
    def order(self) -> tuple[dt.date, dt.datetime]:
        return (self.decided_on, self.created_at)


@dataclasses.dataclass(frozen=True)
class CaseFacts:
    """What the clocks of one case episode depend on."""

    case_id: str
    child_ref: str
    is_open: bool
    referral_date: dt.date | None
    meetings: tuple[MeetingFact, ...]
    timescales: dict[str, TimescalesFact]  # by strategy meeting id
    timeframes: tuple[TimeframeFact, ...]
    plans: tuple[PlanFact, ...]
    core_group_weeks: int = CORE_GROUP_WEEKS  # the area's setting
    pre_proceedings: tuple[PreProceedingsFact, ...] = ()
    # The child: unborn (an expected date and no date of birth) when the facts were
    # read, and the birth recorded since (None: not recorded).
    unborn: bool = False
    born_on: dt.date | None = None
    birth_review_working_days: int = BIRTH_REVIEW_WORKING_DAYS  # the area's setting
    # The notification that the child moved in from another area on a plan.
    transfer_in_on: dt.date | None = None
    # Bank holidays and the area's closure days, for the clocks counted in working
    # days here (None: bank holidays only).
    calendar: WorkingCalendar | None = dataclasses.field(default=None, compare=False)

    def meeting(self, meeting_id: str) -> MeetingFact | None:
        return next((m for m in self.meetings if m.id == meeting_id), None)

    def as_of(self, day: dt.date) -> CaseFacts:
        """The case as its records stood on ``day``: meetings after it and plans started
        after it left out, a plan that ended after it still open. (Whether the case is
        open is as it is now: a closed case follows no clock.)"""
        meetings = tuple(m for m in self.meetings if m.day <= day)
        kept = {m.id for m in meetings}
        return dataclasses.replace(
            self,
            meetings=meetings,
            timescales={k: v for k, v in self.timescales.items() if k in kept},
            timeframes=tuple(t for t in self.timeframes if t.review_meeting_id in kept),
            plans=tuple(
                p if p.end is None or p.end <= day else dataclasses.replace(p, end=None)
                for p in self.plans
                if p.start <= day
            ),
            pre_proceedings=tuple(
                dataclasses.replace(
                    e,
                    letter_sent_on=_by(e.letter_sent_on, day),
                    first_meeting_on=_by(e.first_meeting_on, day),
                    step_decided_on=_by(e.step_decided_on, day),
                )
                for e in self.pre_proceedings
                if e.decided_on <= day
            ),
            # A baby whose birth is recorded after ``day`` was still unborn on it.
            unborn=self.unborn or (self.born_on is not None and self.born_on > day),
            born_on=_by(self.born_on, day),
            transfer_in_on=_by(self.transfer_in_on, day),
        )


def _by(recorded: dt.date | None, day: dt.date) -> dt.date | None:
    """A date as the records stood on ``day``: not yet recorded if it is after it."""
    return recorded if recorded is not None and recorded <= day else None
