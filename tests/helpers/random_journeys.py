"""Random children's journeys, as sequences of what a chair records, for parity tests.

Each child gets a seeded random walk: a referral date or none; strategy
meetings with any decision (or none yet), in any status; five-day reviews with
any ICPC timeframe; conferences that make, keep or end plans; review
conferences on, before or after their date; core groups on time, late or not
at all (from a generator of their own, so that adding them left the other
journeys as they were); pre-proceedings episodes with their letter, first
meeting and decision to step up or down recorded on time, late or not yet
(likewise from a generator of their own); births recorded after a pre-birth
conference and transfer-in notifications (from a third generator); a later
case; a closed case. The
records go straight in through the ORM (``JourneyBuilder``), as the recording
services would leave them, with every record created a moment after the last
so that "the latest" is never a tie.
"""

from __future__ import annotations

import datetime as dt
import itertools
import random
from collections.abc import Iterable
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from app import clock
from app.models import (
    CaseEpisode,
    CaseStatus,
    CaseTransferIn,
    ChildBirthRecord,
    ChildProtectionPlan,
    IcpcTimeframe,
    Meeting,
    MeetingStatus,
    MeetingTimescales,
    MeetingType,
    PlanCategory,
    PreProceedingsEpisode,
    ThresholdOutcome,
)
from app.storage.workspace import Workspace
from app.workdays import Timescales, WorkingCalendar
from app.workflow.clocks import core_group_due
from tests.helpers.journey_records import JourneyBuilder

START = dt.date(2026, 9, 1)
STATUSES = list(MeetingStatus)
OUTCOMES: list[ThresholdOutcome | None] = [
    ThresholdOutcome.S47_JOINT,
    ThresholdOutcome.S47_JOINT,
    ThresholdOutcome.S47_SINGLE_AGENCY,
    ThresholdOutcome.NFA,
    None,
]


class _SigningLast(JourneyBuilder):
    """Writes every record first and signs meetings off at the end, as chairs do:
    the database refuses new rows under a signed-off meeting."""

    def __init__(self, session: Session, seed: int = 0) -> None:
        super().__init__(session)
        self.to_sign: list[Meeting] = []
        self.core_groups = random.Random(seed + 1000)
        self.pre_proceedings = random.Random(seed + 2000)
        self.arrivals = random.Random(seed + 3000)
        self.born: set[str] = set()

    def meeting(
        self,
        case: CaseEpisode,
        kind: MeetingType,
        day: dt.date,
        *,
        status: MeetingStatus = MeetingStatus.CLOSED,
        closed_on: dt.date | None = None,
    ) -> Meeting:
        if status is not MeetingStatus.SIGNED_OFF:
            return super().meeting(case, kind, day, status=status, closed_on=closed_on)
        meeting = super().meeting(case, kind, day, status=MeetingStatus.CLOSED, closed_on=closed_on)
        self.to_sign.append(meeting)
        return meeting

    def strategy(
        self,
        case: CaseEpisode,
        day: dt.date,
        *,
        outcome: ThresholdOutcome | None = ThresholdOutcome.S47_JOINT,
        threshold_met: bool | None = True,
        status: MeetingStatus = MeetingStatus.CLOSED,
    ) -> Meeting:
        signing = status is MeetingStatus.SIGNED_OFF
        meeting = super().strategy(
            case,
            day,
            outcome=outcome,
            threshold_met=threshold_met,
            status=MeetingStatus.CLOSED if signing else status,
        )
        if signing:
            self.to_sign.append(meeting)
        return meeting

    def sign_off(self) -> None:
        for meeting in self.to_sign:
            meeting.status = MeetingStatus.SIGNED_OFF
        self.session.flush()


def add_random_journeys(workspace: Workspace, *, children: int, seed: int) -> None:
    """``children`` random journeys, the same ones for the same seed."""
    rng = random.Random(seed)
    ticks = itertools.count()
    base = dt.datetime(2026, 8, 1, tzinfo=dt.UTC)
    clock.set_clock(lambda: base + dt.timedelta(seconds=next(ticks)))
    calendar = WorkingCalendar()
    try:
        with workspace.transaction() as session:
            builder = _SigningLast(session, seed)
            for index in range(children):
                _journey(builder, rng, calendar, f"GEN{seed:02d}{index:04d}")
            builder.sign_off()
    finally:
        clock.set_clock(None)


def _status(rng: random.Random) -> MeetingStatus:
    return rng.choice(STATUSES)


def _journey(
    builder: JourneyBuilder, rng: random.Random, calendar: WorkingCalendar, ref: str
) -> None:
    opened = START + dt.timedelta(days=rng.randrange(0, 90))
    case = builder.child(ref, opened_on=opened)
    day = opened
    if rng.random() < 0.4:
        case.referral_date = opened - dt.timedelta(days=rng.randrange(0, 20))
    for _ in range(rng.randrange(1, 4)):
        day = _enquiry(builder, rng, calendar, case, day)
        if rng.random() < 0.2:
            case = builder.second_case(case, opened_on=day)
            if rng.random() < 0.5:
                case.referral_date = day
    if isinstance(builder, _SigningLast):
        _pre_proceedings(builder, case)
        if builder.arrivals.random() < 0.3:
            day = START + dt.timedelta(days=builder.arrivals.randrange(0, 200))
            builder.session.add(CaseTransferIn(case_id=case.id, received_on=day, from_area="X"))
    if rng.random() < 0.1:
        case.status = CaseStatus.CLOSED
    builder.session.flush()


def _pre_proceedings(builder: _SigningLast, case: CaseEpisode) -> None:
    """None, one or two pre-proceedings episodes, each recorded only so far."""
    rng = builder.pre_proceedings
    day = START + dt.timedelta(days=rng.randrange(0, 200))
    for _ in range(rng.choice((0, 0, 1, 1, 2))):
        episode = PreProceedingsEpisode(case_id=case.id, decided_on=day)
        if rng.random() < 0.7:
            episode.letter_sent_on = day + dt.timedelta(days=rng.randrange(0, 14))
            if rng.random() < 0.6:
                episode.first_meeting_on = episode.letter_sent_on + dt.timedelta(
                    days=rng.randrange(0, 25)
                )
                if rng.random() < 0.5:
                    episode.step_decided_on = episode.first_meeting_on + dt.timedelta(
                        days=rng.randrange(0, 140)
                    )
        elif rng.random() < 0.15:
            episode.step_decided_on = day + dt.timedelta(days=rng.randrange(0, 30))
        builder.session.add(episode)
        builder.session.flush()
        day += dt.timedelta(days=rng.randrange(0, 80))


def _strategy(
    builder: JourneyBuilder,
    rng: random.Random,
    calendar: WorkingCalendar,
    case: CaseEpisode,
    day: dt.date,
) -> Meeting:
    outcome = rng.choice(OUTCOMES)
    status = _status(rng) if outcome is None else rng.choice(STATUSES[1:])
    meeting = builder.strategy(case, day, outcome=outcome, status=status)
    scales = Timescales.from_strategy_date(day, calendar, referral_date=case.referral_date)
    stored = builder.session.scalar(
        select(MeetingTimescales).where(MeetingTimescales.meeting_id == meeting.id)
    )
    assert stored is not None
    stored.assessment_due = scales.assessment_due
    stored.assessment_from = scales.assessment_from
    return meeting


def _enquiry(
    builder: JourneyBuilder,
    rng: random.Random,
    calendar: WorkingCalendar,
    case: CaseEpisode,
    day: dt.date,
) -> dt.date:
    """One strategy meeting and what may follow it; returns the last date used."""
    day += dt.timedelta(days=rng.randrange(1, 30))
    strategy = _strategy(builder, rng, calendar, case, day)
    scales = Timescales.from_strategy_date(day, calendar)
    if rng.random() < 0.75:
        day = scales.strategy_date + dt.timedelta(days=rng.randrange(3, 12))
        review = builder.meeting(case, MeetingType.REVIEW, day, status=_status(rng))
        if review.status is not MeetingStatus.SCHEDULED and rng.random() < 0.7:
            timeframe = rng.choice(list(IcpcTimeframe))
            target = scales.icpc_due + dt.timedelta(days=rng.randrange(1, 30))
            decision = builder.timeframe(
                review,
                strategy,
                timeframe,
                target=target if timeframe is IcpcTimeframe.EXTENDED else None,
            )
            if rng.random() < 0.2:
                decision.strategy_meeting_id = None  # recorded before reviews named it
    if rng.random() < 0.6:
        day = scales.icpc_due + dt.timedelta(days=rng.randrange(-12, 20))
        icpc = builder.meeting(case, MeetingType.ICPC, day, status=_status(rng))
        if icpc.status is not MeetingStatus.SCHEDULED and rng.random() < 0.7:
            day = _plan(builder, rng, case, icpc)
    if rng.random() < 0.25:
        day += dt.timedelta(days=rng.randrange(1, 10))
        _strategy(builder, rng, calendar, case, day)
    return day


def _plan(builder: JourneyBuilder, rng: random.Random, case: CaseEpisode, icpc: Meeting) -> dt.date:
    due = icpc.scheduled_date + dt.timedelta(days=rng.randrange(40, 95))
    plan = builder.plan(
        case, icpc, icpc.scheduled_date, rng.choice(list(PlanCategory)), next_review_due=due
    )
    if isinstance(builder, _SigningLast):
        _core_groups(builder, case, icpc, plan)
        if case.child_id not in builder.born and builder.arrivals.random() < 0.35:
            # The conference was a pre-birth one: the baby was born after it.
            born = icpc.scheduled_date + dt.timedelta(days=builder.arrivals.randrange(1, 60))
            builder.session.add(
                ChildBirthRecord(child_id=case.child_id, case_id=case.id, born_on=born)
            )
            case.child.date_of_birth = born  # as recording the birth sets it
            builder.born.add(case.child_id)
    day = icpc.scheduled_date
    for _ in range(rng.randrange(0, 3)):
        day = due + dt.timedelta(days=rng.randrange(-15, 15))
        rcpc = builder.meeting(case, MeetingType.RCPC, day, status=_status(rng))
        if rcpc.status is not MeetingStatus.SCHEDULED and rng.random() < 0.7:
            due = day + dt.timedelta(days=rng.randrange(60, 185))
            plan.next_review_due = due
        if rng.random() < 0.15:
            plan.end_date = day
            break
    if rng.random() < 0.1:
        plan.next_review_due = None
    builder.session.flush()
    return day


def _core_groups(
    builder: _SigningLast, case: CaseEpisode, icpc: Meeting, plan: ChildProtectionPlan
) -> None:
    rng = builder.core_groups
    plan.core_group_first_due = core_group_due(icpc.scheduled_date, WorkingCalendar())
    day = icpc.scheduled_date
    for _ in range(rng.randrange(0, 4)):
        day += dt.timedelta(days=rng.randrange(0, 60))
        builder.meeting(case, MeetingType.CORE_GROUP, day, status=_status(rng))


def generated_workspace(
    path: Path, passphrase: str, *, seeds: Iterable[int], children: int
) -> Workspace:
    """A new workspace at ``path`` holding ``children`` random journeys for each seed."""
    from app.services.workspace import create_workspace

    workspace = create_workspace(path, passphrase)
    workspace.actor = "Test Chair"
    for seed in seeds:
        add_random_journeys(workspace, children=children, seed=seed)
    return workspace
