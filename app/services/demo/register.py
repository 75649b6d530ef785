"""Forty demo children at every point of the journey, so the register, the
deadlines and the reports have something to show, some of it overdue.

Built through the models in one transaction: the journey's own services record
one meeting at a time, which would make the demo slow to load for the sake of
records that only need to exist. Dates are relative to today, so the demo has
the same shape whenever it is loaded.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import itertools

from app import clock
from app.models import (
    CaseEpisode,
    Child,
    ChildProtectionPlan,
    ConferenceDecision,
    ConferenceOutcome,
    IcpcTimeframe,
    IcpcTimeframeDecision,
    Meeting,
    MeetingStatus,
    MeetingTimescales,
    MeetingType,
    PlanCategory,
    Sex,
    ThresholdDecision,
    ThresholdOutcome,
    new_id,
)
from app.storage.guard import rewriting_history
from app.storage.workspace import Workspace
from app.workdays import Timescales, WorkingCalendar

FIRST_NAMES = ("Ava", "Leo", "Isla", "Finn", "Mia", "Arlo", "Nell", "Otis", "Rosa", "Ezra")
SURNAMES = ("Madeup", "Specimen", "Notreal", "Pretend", "Samplewell", "Exampleton", "Fakeley")
LCPPS = ("Jordan Demo-Chair", "Morgan Demo-Lead", "Riley Demo-Chair", "Sam Demo-Lead")
LOCATION = "Room 3, Sampletown Civic Centre (demo)"

# (how many, state): the states are described in _add_child.
STATES = (
    (6, "enquiry-started"),
    (6, "review-held"),
    (4, "review-overdue"),
    (4, "icpc-overdue"),
    (3, "icpc-extended"),
    (10, "on-plan"),
    (4, "rcpc-overdue"),
    (2, "no-further-action"),
    (1, "plan-ended"),
)
CATEGORIES = tuple(PlanCategory)


class _Builder:
    def __init__(self, today: dt.date) -> None:
        self.today = today
        self.calendar = WorkingCalendar()
        self.now = clock.utcnow()
        # Added in three rounds, each flushed before the next: the records that
        # point at a meeting have no relationship telling SQLAlchemy the order.
        self.people: list[object] = []
        self.meetings_made: list[object] = []
        self.records: list[object] = []
        self.meetings = 0

    def back(self, working_days: int) -> dt.date:
        """The working day that many working days before today."""
        day, counted = self.today, 0
        while counted < working_days:
            day -= dt.timedelta(days=1)
            if self.calendar.is_working_day(day):
                counted += 1
        return day

    def meeting(
        self, case: CaseEpisode, kind: MeetingType, day: dt.date, chair: str, *, held: bool
    ) -> Meeting:
        meeting = Meeting(
            id=new_id(),  # known before the flush, for the records that point at it
            case=case,
            meeting_type=kind,
            scheduled_date=day,
            scheduled_time=dt.time(10, 0),
            location=LOCATION,
            chair_name=chair,
            status=MeetingStatus.SIGNED_OFF if held else MeetingStatus.SCHEDULED,
        )
        if held:
            start = dt.datetime.combine(day, dt.time(10, 0), tzinfo=dt.UTC)
            meeting.started_at = start
            meeting.closed_at = start + dt.timedelta(minutes=85)
            meeting.signed_off_at = start + dt.timedelta(days=1)
            meeting.signed_off_by = chair
        self.meetings_made.append(meeting)
        self.meetings += 1
        return meeting

    def strategy(
        self, case: CaseEpisode, day: dt.date, chair: str, outcome: ThresholdOutcome
    ) -> tuple[Meeting, Timescales]:
        meeting = self.meeting(case, MeetingType.STRATEGY, day, chair, held=True)
        s47 = outcome.starts_s47
        self.records.append(
            ThresholdDecision(
                meeting_id=meeting.id,
                threshold_met=s47,
                outcome=outcome,
                rationale=(
                    "Demo rationale: injuries not consistent with the account given."
                    if s47
                    else "Demo rationale: concerns met by Family Help; threshold not met."
                ),
                decided_by=chair,
                decided_at=self.now,
            )
        )
        clocks = Timescales.from_strategy_date(day, self.calendar)
        self.records.append(
            MeetingTimescales(
                meeting_id=meeting.id,
                strategy_date=day,
                review_due=clocks.review_due,
                icpc_due=clocks.icpc_due,
                assessment_due=clocks.assessment_due,
            )
        )
        return meeting, clocks

    def review(
        self,
        case: CaseEpisode,
        strategy: Meeting,
        clocks: Timescales,
        chair: str,
        *,
        extended_to: dt.date | None = None,
    ) -> None:
        review = self.meeting(case, MeetingType.REVIEW, clocks.review_due, chair, held=True)
        self.records.append(
            IcpcTimeframeDecision(
                meeting_id=review.id,
                strategy_meeting_id=strategy.id,
                timeframe=IcpcTimeframe.EXTENDED if extended_to else IcpcTimeframe.WITHIN_15_DAYS,
                default_due=clocks.icpc_due,
                target_date=extended_to or clocks.icpc_due,
                reason=(
                    "Demo reason: a key medical assessment cannot be completed in time."
                    if extended_to
                    else ""
                ),
                exceptional_circumstances_confirmed=extended_to is not None,
                decided_by=chair,
                decided_at=self.now,
            )
        )

    def plan(
        self, case: CaseEpisode, icpc: Meeting, chair: str, number: int, review_due: dt.date
    ) -> ChildProtectionPlan:
        category = CATEGORIES[number % len(CATEGORIES)]
        self.records.append(
            ConferenceDecision(
                meeting_id=icpc.id,
                outcome=ConferenceOutcome.PLAN_NEEDED,
                category=category,
                rationale="Demo rationale: the child is likely to suffer significant harm.",
                lead_practitioner="Sam Demo-Social-Worker",
                next_review_due=review_due,
                decided_by=chair,
                decided_at=self.now,
            )
        )
        plan = ChildProtectionPlan(
            case_id=case.id,
            start_date=icpc.scheduled_date,
            icpc_meeting_id=icpc.id,
            initial_category=category,
            latest_category=category,
            lcpp_name=chair,
            next_review_due=review_due,
        )
        self.records.append(plan)
        return plan


def add(workspace: Workspace) -> dict[str, int]:
    builder = _Builder(clock.today())
    names = itertools.product(SURNAMES, FIRST_NAMES)
    states = [state for count, state in STATES for _ in range(count)]
    for number, (state, (surname, first)) in enumerate(zip(states, names, strict=False)):
        _add_child(builder, number, state, first, surname)
    with workspace.transaction() as session, contextlib.ExitStack() as history:
        # The held meetings are signed off from the start: their records are history.
        for meeting in builder.meetings_made:
            if isinstance(meeting, Meeting) and meeting.status is MeetingStatus.SIGNED_OFF:
                history.enter_context(rewriting_history(session, meeting.id))
        for records in (builder.people, builder.meetings_made, builder.records):
            session.add_all(records)
            session.flush()
    return {"children": len(states), "meetings": builder.meetings}


def _add_child(builder: _Builder, number: int, state: str, first: str, surname: str) -> None:
    """One child, whose records put them at ``state``:

    enquiry-started: strategy meeting one to three working days ago, review not yet due;
    review-held: review held, ICPC still within its 15 working days;
    review-overdue: strategy meeting 7 to 9 working days ago, no review held;
    icpc-overdue: 17 to 21 working days ago, review held, no ICPC;
    icpc-extended: review agreed a later ICPC date, still ahead;
    on-plan / rcpc-overdue: a plan whose first review conference is ahead / has passed;
    no-further-action and plan-ended (ended at its first review): not in the register.
    """
    today = builder.today
    chair = LCPPS[number % len(LCPPS)]
    child = Child(
        la_child_ref=f"DEMO{101 + number:04d}",
        first_name=first,
        last_name=surname,
        date_of_birth=dt.date(today.year - 2 - number % 15, 1 + number % 12, 1 + number % 27),
        sex=(Sex.FEMALE, Sex.MALE)[number % 2],
        address=f"{number + 1} Pretend Street, Sampletown",
        postcode=f"ZZ99 {number % 9 + 1}DM",
    )
    case = CaseEpisode(
        id=new_id(),
        child=child,
        concern="Demo concern for the register.",
        # Some cases have no LCPP named yet: the register falls back on the chair.
        lcpp_name=None if number % 5 == 0 else chair,
        opened_on=today - dt.timedelta(days=200),
    )
    builder.people += [child, case]
    # Working days since the strategy meeting.
    ago = {
        "enquiry-started": 1 + number % 3,
        "review-held": 7 + number % 5,
        "review-overdue": 7 + number % 3,
        "icpc-overdue": 17 + number % 5,
        "icpc-extended": 16 + number % 3,
        "no-further-action": 30,
        "on-plan": 30 + number % 10,
        "rcpc-overdue": 80 + number % 4,
        "plan-ended": 100,
    }[state]
    outcome = ThresholdOutcome.S47_JOINT if number % 2 else ThresholdOutcome.S47_SINGLE_AGENCY
    if state == "no-further-action":
        outcome = ThresholdOutcome.NFA_S47_WITH_SUPPORT
    strategy, clocks = builder.strategy(case, builder.back(ago), chair, outcome)
    if state in ("enquiry-started", "review-overdue", "no-further-action"):
        return
    extended = today + dt.timedelta(days=5 + number % 8) if state == "icpc-extended" else None
    builder.review(case, strategy, clocks, chair, extended_to=extended)
    if state in ("review-held", "icpc-overdue", "icpc-extended"):
        builder.meeting(case, MeetingType.ICPC, extended or clocks.icpc_due, chair, held=False)
        return
    icpc = builder.meeting(case, MeetingType.ICPC, clocks.icpc_due, chair, held=True)
    # The first review conference is due within three months of the ICPC.
    review_due = clocks.icpc_due + dt.timedelta(days=84)
    plan = builder.plan(case, icpc, chair, number, review_due)
    if state == "plan-ended":
        rcpc = builder.meeting(case, MeetingType.RCPC, review_due, chair, held=True)
        plan.end_date, plan.end_meeting_id = rcpc.scheduled_date, rcpc.id
    elif state == "on-plan":
        builder.meeting(case, MeetingType.RCPC, review_due, chair, held=False)
