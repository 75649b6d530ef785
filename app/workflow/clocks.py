"""The journey's clocks, defined once: what held, due, overdue, superseded and closed mean.

Plain Python over plain facts (:class:`CaseFacts`, gathered by
``app.services.clocks``): no database, no Qt. Home's deadlines and the register
(whose SQL repeats these rules for speed, each held equal to them by a parity
test), the census, the case timeline and the reports ask this module; closing
and the letters ask ``app.services.clocks.journey`` where a case stands
(:class:`JourneyState`).

The rules:

- A meeting is **held** once it has started (in progress, closed or signed
  off): the clock is about the meeting taking place, not about its minutes.
- A child's journey is their **newest open case episode**; a closed case
  follows no meeting clock.
- The **enquiry** is the latest held strategy meeting whose decision started
  a section 47 enquiry. It is **open** until an ICPC is held on or after its
  date, the five-day review decides no conference is needed, a later
  strategy meeting decides otherwise (it is **superseded**), or a child
  protection plan is open on the case (the plan's conferences take over).
- While the enquiry is open it runs three clocks: the five-day **review**
  (met once a review is held on or after the strategy date), the **ICPC**
  (due on the 15th working day, or the later date the review agreed) and the
  section 47 **assessment** (45 working days from the referral when the case
  records one, else from the strategy discussion). The model records no date
  the assessment was completed, so its clock is followed while the enquiry is
  open and ends with it.
- An open **plan** runs the **RCPC** clock: due on the plan's next review date
  and met once a review conference is held on or after that date.
- An open **plan** also runs the **core group** clock: the first core group
  is due within 10 working days of the ICPC that made the plan (counted with
  the calendar when the plan is made, and stored on it), then every N weeks
  (the area's setting, 6 by default) after the last one held under the plan.
  A core group is held once it has started, like any meeting. The clock is
  always open while the plan is: it is the next core group, and ``held_on``
  says when the last one took place. A plan that has ended runs none.
- An open case's latest **pre-proceedings** episode (the Public Law Outline)
  runs three clocks, from the Public Law Working Group's best-practice
  guidance on pre-proceedings: the **letter before proceedings** is due within
  5 working days of the decision to start pre-proceedings (met once the
  letter's date is recorded); the **first pre-proceedings meeting** within 10
  working days of that letter (followed once the letter is sent; met once
  the meeting's date is recorded); and the **decision to step up or down**
  16 weeks after the decision to start, the guidance's usual longest
  pre-proceedings (met once that decision's date is recorded). Working days
  are the calendar's (bank holidays and the area's closure days). The
  decision to step up or down closes the episode: a clock not met by then is
  closed, as every clock is when the case closes. Open pre-proceedings (no
  decision to step up or down yet) put a child in the **register**, as an
  open enquiry or an open plan does.
- How long plans last, and when their review conferences are on time, is in
  ``app.workflow.plan_timing``.
- A **pre-birth conference** (an ICPC held while the child is unborn) whose
  plan is open runs, once the birth is recorded, the **first review after the
  birth** (``birth-review``): due the area's number of working days after the
  birth (10 by default), met once a review conference is held on or after it.
- A **transfer-in** notification (a child on a plan moving in from another
  area) runs the **transfer-in conference** clock: due within 15 working days
  of the notification, met once an ICPC is held on or after it. Both are
  defined in ``app.workflow.arrivals``.
- An open **action** with a date, and unsent **letters** about a meeting, are
  owed whatever became of the case: they are due until done or sent.
- A clock is **overdue** when it is open and its due date is before today; a
  clock due today is not yet overdue.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import enum
import functools
from collections.abc import Iterable, Sequence
from typing import Any

from app.models import MeetingType
from app.workdays import WorkingCalendar
from app.workflow.arrivals import ArrivalDue, birth_review, transfer_in
from app.workflow.enquiries import (
    enquiry_courses,
    first_held,
    icpc_due,
    open_plan,
)
from app.workflow.journey_facts import (
    BIRTH_REVIEW_WORKING_DAYS,
    CORE_GROUP_WEEKS,
    HELD_STATUSES,
    NFA_OUTCOMES,
    S47_OUTCOMES,
    CaseFacts,
    MeetingFact,
    PlanFact,
    PreProceedingsFact,
    TimeframeFact,
    TimescalesFact,
    is_held,
)

__all__ = [
    "BIRTH_REVIEW_WORKING_DAYS",
    "CORE_GROUP_WEEKS",
    "HELD_STATUSES",
    "NFA_OUTCOMES",
    "S47_OUTCOMES",
    "CaseFacts",
    "Clock",
    "ClockKind",
    "ClockState",
    "JourneyState",
    "MeetingFact",
    "PlanFact",
    "PreProceedingsFact",
    "TimeframeFact",
    "TimescalesFact",
    "Urgency",
    "core_group_due",
    "is_held",
    "journey_state",
    "overdue_kinds",
]

CORE_GROUP_WORKING_DAYS = 10
WEEK = 7
# The Public Law Working Group's best-practice guidance on pre-proceedings.
PP_LETTER_WORKING_DAYS = 5  # the letter before proceedings, after the decision
PP_MEETING_WORKING_DAYS = 10  # the first meeting, after the letter
PP_REVIEW_WEEKS = 16  # the decision to step up or down, after the decision to start


class ClockKind(enum.StrEnum):
    REVIEW = "review"
    ICPC = "icpc"
    RCPC = "rcpc"
    ASSESSMENT = "assessment"
    CORE_GROUP = "core-group"
    PP_LETTER = "pp-letter"
    PP_MEETING = "pp-meeting"
    PP_REVIEW = "pp-review"
    BIRTH_REVIEW = "birth-review"
    TRANSFER_IN = "transfer-in"
    ACTION = "action"
    NOTIFICATION = "notification"


# The clocks of the enquiry and the plan, which the register also follows.
JOURNEY_KINDS = (
    ClockKind.REVIEW,
    ClockKind.ICPC,
    ClockKind.RCPC,
    ClockKind.ASSESSMENT,
    ClockKind.CORE_GROUP,
    ClockKind.PP_LETTER,
    ClockKind.PP_MEETING,
    ClockKind.PP_REVIEW,
    ClockKind.BIRTH_REVIEW,
    ClockKind.TRANSFER_IN,
)


class ClockState(enum.StrEnum):
    OPEN = "open"  # still to be met
    HELD = "held"  # met: the meeting took place
    NOT_NEEDED = "not-needed"  # the review decided no conference is needed
    SUPERSEDED = "superseded"  # a later decision, a conference or a plan took over
    CLOSED = "closed"  # the case is closed


class Urgency(enum.StrEnum):
    OVERDUE = "overdue"
    DUE_TODAY = "due-today"
    DUE_THIS_WEEK = "due-this-week"


def urgency_of(due: dt.date, today: dt.date) -> Urgency | None:
    """Where something due on ``due`` sits for ``today``: overdue once the day has
    passed, due today, due this week (within seven days); None further off.

    The one answer for every clock, action and letter that Home, the register, the
    action lists and ``macpt deadlines`` show.
    """
    if due < today:
        return Urgency.OVERDUE
    if due == today:
        return Urgency.DUE_TODAY
    if due <= today + dt.timedelta(days=WEEK):
        return Urgency.DUE_THIS_WEEK
    return None


def is_overdue(due: dt.date | None, today: dt.date) -> bool:
    """Whether something due on ``due`` (None: no date) is overdue on ``today``."""
    return due is not None and urgency_of(due, today) is Urgency.OVERDUE


@dataclasses.dataclass(frozen=True)
class Clock:
    kind: ClockKind
    due: dt.date
    state: ClockState
    case_id: str
    child_ref: str
    held_on: dt.date | None = None
    # The meeting that started the clock (a strategy meeting, the ICPC, a plan's ICPC).
    meeting_id: str | None = None
    extended: bool = False  # an ICPC date the review moved later
    assessment_from: str | None = None  # for the assessment: "referral" or "strategy"
    # For the arrival clocks: the birth, or the transfer-in notification, counted from.
    since: dt.date | None = None

    @property
    def is_open(self) -> bool:
        return self.state is ClockState.OPEN

    def is_overdue(self, today: dt.date) -> bool:
        return self.is_open and is_overdue(self.due, today)

    def urgency(self, today: dt.date) -> Urgency | None:
        """Where the clock sits on Home for ``today``; None when not due within a week."""
        return urgency_of(self.due, today) if self.is_open else None


@dataclasses.dataclass(frozen=True)
class JourneyState:
    """Where one case's journey stands: for screens, closing and letters."""

    case_id: str
    child_ref: str
    enquiry: MeetingFact | None  # the strategy meeting of the latest section 47 enquiry
    enquiry_open: bool
    superseded_by: MeetingFact | None  # a later strategy meeting that decided otherwise
    latest_decision: MeetingFact | None  # the latest held strategy meeting with a decision
    icpc_held: MeetingFact | None
    icpc_not_needed: bool
    plan: PlanFact | None  # the open plan
    clocks: tuple[Clock, ...]
    # The latest plan, open or ended, that started since the enquiry began: once a
    # plan has taken over from the interim safety plan, that plan never comes back.
    plan_since_enquiry: PlanFact | None = None
    # The case's latest pre-proceedings episode has no decision to step up or down yet.
    pre_proceedings_open: bool = False

    @property
    def in_register(self) -> bool:
        """The MACPT must know this child: an open enquiry, an open plan or open
        pre-proceedings."""
        return self.enquiry_open or self.plan is not None or self.pre_proceedings_open

    @property
    def register_status(self) -> str | None:
        """``"cp-plan"``, ``"s47"``, ``"pre-proceedings"`` (the first that holds), or
        None when not in the register."""
        if self.plan is not None:
            return "cp-plan"
        if self.enquiry_open:
            return "s47"
        return "pre-proceedings" if self.pre_proceedings_open else None

    @property
    def has_open_plan(self) -> bool:
        return self.plan is not None

    @property
    def no_further_action(self) -> bool:
        """The latest strategy decision was no further action (with support or without)."""
        return self.latest_decision is not None and self.latest_decision.outcome in NFA_OUTCOMES

    @property
    def superseding_plan(self) -> PlanFact | None:
        """The child protection plan that took the interim safety plan's place, if any."""
        return self.plan or self.plan_since_enquiry

    @property
    def interim_safety_plan_superseded(self) -> bool:
        """A child protection plan stands, or has stood, in place of the interim safety plan."""
        return self.superseding_plan is not None

    def clock(self, kind: ClockKind) -> Clock | None:
        return next((c for c in self.clocks if c.kind is kind), None)


def latest_decision(case: CaseFacts) -> MeetingFact | None:
    """The latest held strategy meeting whose decision is recorded."""
    decided = [
        m
        for m in case.meetings
        if m.kind is MeetingType.STRATEGY and m.held and m.outcome is not None
    ]
    return max(decided, key=lambda m: m.order) if decided else None


def superseded_by(case: CaseFacts, enquiry: MeetingFact) -> MeetingFact | None:
    """A strategy meeting after ``enquiry`` that decided no enquiry is needed."""
    later = [
        m
        for m in case.meetings
        if m.kind is MeetingType.STRATEGY
        and m.day > enquiry.day
        and m.outcome is not None
        and m.outcome not in S47_OUTCOMES
    ]
    return min(later, key=lambda m: m.order) if later else None


def journey_state(case: CaseFacts) -> JourneyState:
    """The case's enquiry and plan clocks, each with its state."""
    courses = enquiry_courses(case)
    course = courses[-1] if courses else None
    enquiry = course.enquiry if course else None
    plan = open_plan(case) if case.is_open else None
    later = superseded_by(case, enquiry) if enquiry else None
    icpc = course.icpc if course else None
    decision = course.timeframe if course else None
    not_needed = course is not None and course.icpc_not_needed
    enquiry_open = (
        enquiry is not None
        and case.is_open
        and plan is None
        and later is None
        and icpc is None
        and not not_needed
    )
    clocks: list[Clock] = []
    if enquiry is not None:
        clocks += _enquiry_clocks(case, enquiry, enquiry_open, plan, later, icpc, decision)
    if plan is not None and plan.next_review_due is not None:
        rcpc = first_held(case, MeetingType.RCPC, plan.next_review_due)
        clocks.append(
            Clock(
                ClockKind.RCPC,
                plan.next_review_due,
                ClockState.HELD if rcpc else ClockState.OPEN,
                case.case_id,
                case.child_ref,
                held_on=rcpc.day if rcpc else None,
                meeting_id=plan.icpc_meeting_id,
            )
        )
    if plan is not None and plan.core_group_first_due is not None:
        clocks.append(core_group_clock(case, plan, plan.core_group_first_due))
    clocks += pre_proceedings_clocks(case)
    clocks += arrival_clocks(case, plan)
    episode = latest_pre_proceedings(case)
    return JourneyState(
        case_id=case.case_id,
        child_ref=case.child_ref,
        enquiry=enquiry,
        enquiry_open=enquiry_open,
        superseded_by=later,
        latest_decision=latest_decision(case),
        icpc_held=icpc,
        icpc_not_needed=not_needed,
        plan=plan,
        clocks=tuple(clocks),
        plan_since_enquiry=_plan_since(case, enquiry),
        pre_proceedings_open=case.is_open
        and episode is not None
        and episode.step_decided_on is None,
    )


def _plan_since(case: CaseFacts, enquiry: MeetingFact | None) -> PlanFact | None:
    plans = [p for p in case.plans if enquiry is None or p.start >= enquiry.day]
    return max(plans, key=lambda p: (p.start, p.created_at)) if plans else None


def _enquiry_clocks(
    case: CaseFacts,
    enquiry: MeetingFact,
    enquiry_open: bool,
    plan: PlanFact | None,
    later: MeetingFact | None,
    icpc: MeetingFact | None,
    decision: TimeframeFact | None,
) -> list[Clock]:
    scales = case.timescales.get(enquiry.id)
    if scales is None:
        return []  # a decision always stores its timescales; nothing to count from
    if not case.is_open:
        ended = ClockState.CLOSED
    elif later is not None or plan is not None or icpc is not None:
        ended = ClockState.SUPERSEDED
    else:
        ended = ClockState.NOT_NEEDED
    running = ClockState.OPEN if enquiry_open else ended
    review = first_held(case, MeetingType.REVIEW, enquiry.day)
    due, extended = icpc_due(scales, decision)
    assert due is not None

    def clock(kind: ClockKind, day: dt.date, held: MeetingFact | None, **extra: Any) -> Clock:
        state = ClockState.HELD if held is not None else running
        held_on = held.day if held is not None else None
        return Clock(kind, day, state, case.case_id, case.child_ref, held_on, enquiry.id, **extra)

    return [
        clock(ClockKind.REVIEW, scales.review_due, review),
        clock(ClockKind.ICPC, due, icpc, extended=extended),
        clock(
            ClockKind.ASSESSMENT,
            scales.assessment_due,
            None,
            assessment_from=scales.assessment_from,
        ),
    ]


def newest_open_cases(
    cases: Iterable[tuple[str, dt.date, dt.datetime, CaseFacts]],
) -> list[CaseFacts]:
    """Each child's newest open case (by opening date, then creation), from
    (child id, opened on, created at, facts) rows."""
    newest: dict[str, tuple[tuple[dt.date, dt.datetime], CaseFacts]] = {}
    for child_id, opened_on, created_at, facts in cases:
        if not facts.is_open:
            continue
        key = (opened_on, created_at)
        if child_id not in newest or key > newest[child_id][0]:
            newest[child_id] = (key, facts)
    return [facts for _, facts in newest.values()]


def core_group_due(icpc_day: dt.date, calendar: WorkingCalendar) -> dt.date:
    """The first core group meets within 10 working days of the ICPC that made the plan
    (stored on the plan when it is made: see ``PlanFact.core_group_first_due``)."""
    return calendar.add_working_days(icpc_day, CORE_GROUP_WORKING_DAYS)


def core_group_clock(case: CaseFacts, plan: PlanFact, first_due: dt.date) -> Clock:
    """The next core group of an open plan: the first by ``first_due``, each later one
    within the area's number of weeks of the last held under the plan."""
    held = [
        m
        for m in case.meetings
        if m.kind is MeetingType.CORE_GROUP and m.held and m.day >= plan.start
    ]
    last = max(held, key=lambda m: m.order) if held else None
    due = first_due if last is None else last.day + dt.timedelta(weeks=case.core_group_weeks)
    return Clock(
        ClockKind.CORE_GROUP,
        due,
        ClockState.OPEN,
        case.case_id,
        case.child_ref,
        held_on=last.day if last is not None else None,
        meeting_id=plan.icpc_meeting_id,
    )


def latest_pre_proceedings(case: CaseFacts) -> PreProceedingsFact | None:
    """The case's latest pre-proceedings episode (by the decision to start)."""
    return max(case.pre_proceedings, key=lambda e: e.order, default=None)


def pre_proceedings_clocks(case: CaseFacts) -> list[Clock]:
    """The clocks of the case's latest pre-proceedings episode (see the module's rules)."""
    episode = latest_pre_proceedings(case)
    if episode is None:
        return []
    calendar = case.calendar or _default_calendar()
    ended = not case.is_open or episode.step_decided_on is not None

    def clock(kind: ClockKind, due: dt.date, met: dt.date | None) -> Clock:
        if met is not None:
            state = ClockState.HELD
        else:
            state = ClockState.CLOSED if ended else ClockState.OPEN
        return Clock(kind, due, state, case.case_id, case.child_ref, held_on=met)

    clocks = [
        clock(
            ClockKind.PP_LETTER,
            calendar.add_working_days(episode.decided_on, PP_LETTER_WORKING_DAYS),
            episode.letter_sent_on,
        )
    ]
    if episode.letter_sent_on is not None:
        clocks.append(
            clock(
                ClockKind.PP_MEETING,
                calendar.add_working_days(episode.letter_sent_on, PP_MEETING_WORKING_DAYS),
                episode.first_meeting_on,
            )
        )
    clocks.append(
        clock(
            ClockKind.PP_REVIEW,
            episode.decided_on + dt.timedelta(weeks=PP_REVIEW_WEEKS),
            episode.step_decided_on,
        )
    )
    return clocks


def arrival_clocks(case: CaseFacts, plan: PlanFact | None) -> list[Clock]:
    """The first review after a pre-birth conference's baby is born, and the
    transfer-in conference (see ``app.workflow.arrivals``)."""
    calendar = case.calendar or _default_calendar()
    found: list[Clock] = []

    def clock(kind: ClockKind, arrival: ArrivalDue, meeting_id: str | None) -> Clock:
        if arrival.held is not None:
            state = ClockState.HELD
        else:
            state = ClockState.OPEN if case.is_open else ClockState.CLOSED
        held_on = arrival.held.day if arrival.held is not None else None
        return Clock(
            kind,
            arrival.due,
            state,
            case.case_id,
            case.child_ref,
            held_on,
            meeting_id,
            since=arrival.since,
        )

    if (after_birth := birth_review(case, plan, calendar)) is not None:
        assert plan is not None
        found.append(clock(ClockKind.BIRTH_REVIEW, after_birth, plan.icpc_meeting_id))
    if (moved_in := transfer_in(case, calendar)) is not None:
        found.append(clock(ClockKind.TRANSFER_IN, moved_in, None))
    return found


def overdue_before(today: dt.date, working_days: int, calendar: WorkingCalendar) -> dt.date | None:
    """The latest start whose due date, ``working_days`` on, is before ``today`` (None:
    none is). Counting on is never earlier from a later start, so a clock counted so is
    overdue exactly when it started on or before this day: the register binds it."""
    try:
        day = today - dt.timedelta(days=1)
        while calendar.add_working_days(day, working_days) >= today:
            day -= dt.timedelta(days=1)
    except OverflowError:
        return None
    return day


@functools.cache
def _default_calendar() -> WorkingCalendar:
    """Bank holidays only: for facts built by hand without the area's calendar."""
    return WorkingCalendar()


def overdue_kinds(clocks: Sequence[Clock], today: dt.date) -> tuple[str, ...]:
    """The journey kinds overdue on ``today``, in the register's order."""
    late = {c.kind for c in clocks if c.is_overdue(today)}
    return tuple(kind.value for kind in JOURNEY_KINDS if kind in late)
