"""The census items MACPT Companion supplies, as plain data (no ORM, no XML).

One :class:`CensusChild` per child with a section 47 enquiry or a child
protection plan in the census year; its items are what the DfE CIN census
calls the Section47, ChildProtectionPlans and Reviews modules, and module 5
(pre-proceedings and FGDM) for a child in pre-proceedings in the year.
"""

from __future__ import annotations

import dataclasses
import datetime as dt

from app.models import PlanCategory, Sex


@dataclasses.dataclass(frozen=True)
class CensusPeriod:
    """A census year: 1 April to 31 March, both included."""

    start: dt.date
    end: dt.date

    def __contains__(self, day: object) -> bool:
        return isinstance(day, dt.date) and self.start <= day <= self.end

    @property
    def label(self) -> str:
        return f"{self.start.year}-{str(self.end.year)[2:]}"


@dataclasses.dataclass(frozen=True)
class CensusSection47:
    start: dt.date
    icpc_target: dt.date
    icpc_date: dt.date | None
    icpc_not_required: bool
    strategy_meeting_id: str
    icpc_meeting_id: str | None

    @property
    def is_open(self) -> bool:
        """Neither concluded by a conference nor by a decision that none is needed."""
        return self.icpc_date is None and not self.icpc_not_required


@dataclasses.dataclass(frozen=True)
class CensusPlan:
    plan_id: str
    start: dt.date
    end: dt.date | None
    initial_category: PlanCategory
    latest_category: PlanCategory
    previous_plans: int
    reviews: tuple[dt.date, ...]
    icpc_date: dt.date | None
    icpc_meeting_id: str | None


@dataclasses.dataclass(frozen=True)
class CensusPreProceedings:
    """Module 5 (``PreProceedingsandFGDM``): one pre-proceedings episode. The outcome is
    the CS131 code as text, so that the rules can be shown a wrong one."""

    start: dt.date | None
    letter_sent: dt.date | None = None
    fgdm_offered: bool | None = None
    fgdm_facilitated: bool | None = None
    first_meeting: dt.date | None = None
    review_meetings: int | None = None
    step_decision: dt.date | None = None
    outcome: str | None = None
    court_application: dt.date | None = None
    proceedings_letter: dt.date | None = None
    episode_id: str | None = None


@dataclasses.dataclass(frozen=True)
class CensusChild:
    la_child_ref: str
    case_id: str
    date_of_birth: dt.date | None
    expected_date_of_birth: dt.date | None
    sex: Sex
    section47s: tuple[CensusSection47, ...]
    plans: tuple[CensusPlan, ...]
    # A conference in the year not preceded by an enquiry on record (a child who
    # moved in on a plan, say): the census records it on the CIN episode instead.
    icpc_without_s47: dt.date | None
    pre_proceedings: tuple[CensusPreProceedings, ...] = ()

    @property
    def is_unborn(self) -> bool:
        return self.date_of_birth is None and self.expected_date_of_birth is not None


@dataclasses.dataclass(frozen=True)
class CensusReturn:
    period: CensusPeriod
    children: tuple[CensusChild, ...]
