"""The journey's clocks as plain rules: hand-laid cases, then properties over generated ones.

Hypothesis runs derandomised and keeps no example database, so every run is the same.
"""

from __future__ import annotations

import datetime as dt

from hypothesis import given, settings
from hypothesis import strategies as st

from app.models import IcpcTimeframe, MeetingStatus, MeetingType, ThresholdOutcome
from app.workdays import WorkingCalendar, non_working_day_warning
from app.workflow.clocks import (
    CaseFacts,
    ClockKind,
    ClockState,
    MeetingFact,
    PlanFact,
    TimeframeFact,
    TimescalesFact,
    core_group_due,
    journey_state,
)

D = dt.date
START = D(2026, 9, 1)
MOMENT = dt.datetime(2026, 8, 1, tzinfo=dt.UTC)
ENQUIRY_KINDS = {ClockKind.REVIEW, ClockKind.ICPC, ClockKind.ASSESSMENT}


def meeting(
    n: int,
    kind: MeetingType,
    day: dt.date,
    status: MeetingStatus = MeetingStatus.CLOSED,
    outcome: ThresholdOutcome | None = None,
) -> MeetingFact:
    return MeetingFact(f"m{n}", kind, day, status, MOMENT + dt.timedelta(seconds=n), outcome)


def scales(day: dt.date) -> TimescalesFact:
    return TimescalesFact(
        day + dt.timedelta(days=7), day + dt.timedelta(days=21), day + dt.timedelta(days=63)
    )


def case(*meetings: MeetingFact, plans: tuple[PlanFact, ...] = (), **changes: object) -> CaseFacts:
    strategies = {
        m.id: scales(m.day)
        for m in meetings
        if m.kind is MeetingType.STRATEGY and m.outcome is not None
    }
    facts = CaseFacts("c1", "GEN-0001", True, None, meetings, strategies, (), plans)
    return facts.__class__(**{**facts.__dict__, **changes})


def test_a_review_in_progress_past_its_date_is_held_not_overdue() -> None:
    strategy = meeting(1, MeetingType.STRATEGY, D(2026, 11, 2), outcome=ThresholdOutcome.S47_JOINT)
    late_review = meeting(2, MeetingType.REVIEW, D(2026, 11, 20), MeetingStatus.IN_PROGRESS)
    state = journey_state(case(strategy, late_review))
    review = state.clock(ClockKind.REVIEW)
    assert review is not None
    assert review.state is ClockState.HELD and review.held_on == D(2026, 11, 20)
    assert not review.is_overdue(D(2026, 11, 23))
    assert state.enquiry_open


def test_no_further_action_later_supersedes_the_enquiry() -> None:
    first = meeting(1, MeetingType.STRATEGY, D(2026, 11, 2), outcome=ThresholdOutcome.S47_JOINT)
    later = meeting(2, MeetingType.STRATEGY, D(2026, 11, 5), outcome=ThresholdOutcome.NFA)
    state = journey_state(case(first, later))
    assert state.no_further_action and not state.enquiry_open
    assert state.superseded_by == later
    assert {c.state for c in state.clocks} == {ClockState.SUPERSEDED}


def test_no_further_action_at_the_first_strategy_meeting_starts_no_clock() -> None:
    only = meeting(1, MeetingType.STRATEGY, D(2026, 11, 2), outcome=ThresholdOutcome.NFA)
    state = journey_state(case(only))
    assert state.no_further_action and state.enquiry is None and state.clocks == ()
    assert state.register_status is None
    reconvene = meeting(1, MeetingType.STRATEGY, D(2026, 11, 2), outcome=ThresholdOutcome.RECONVENE)
    assert not journey_state(case(reconvene)).no_further_action


def test_as_of_a_day_the_case_stands_as_its_records_of_that_day() -> None:
    strategy = meeting(1, MeetingType.STRATEGY, D(2026, 9, 1), outcome=ThresholdOutcome.S47_JOINT)
    icpc = meeting(2, MeetingType.ICPC, D(2026, 9, 20))
    nfa = meeting(3, MeetingType.STRATEGY, D(2027, 3, 1), outcome=ThresholdOutcome.NFA)
    plan = PlanFact("p1", D(2026, 9, 20), D(2027, 2, 1), D(2026, 12, 20), "m2", MOMENT)
    facts = case(strategy, icpc, nfa, plans=(plan,))
    assert not journey_state(facts).has_open_plan and journey_state(facts).no_further_action
    # On 1 December 2026 the plan ran (it ended later) and no NFA was yet decided.
    then = journey_state(facts.as_of(D(2026, 12, 1)))
    assert then.has_open_plan and not then.no_further_action
    # The day the plan ended it no longer runs; before the ICPC there was no plan.
    assert not journey_state(facts.as_of(D(2027, 2, 1))).has_open_plan
    before = journey_state(facts.as_of(D(2026, 9, 10)))
    assert not before.has_open_plan and before.enquiry_open


def test_an_open_plan_takes_over_and_runs_the_review_conference_clock() -> None:
    strategy = meeting(1, MeetingType.STRATEGY, D(2026, 9, 1), outcome=ThresholdOutcome.S47_JOINT)
    icpc = meeting(2, MeetingType.ICPC, D(2026, 9, 20))
    plan = PlanFact("p1", D(2026, 9, 20), None, D(2026, 12, 20), "m2", MOMENT)
    state = journey_state(case(strategy, icpc, plans=(plan,)))
    assert state.has_open_plan and state.interim_safety_plan_superseded
    assert state.register_status == "cp-plan"
    rcpc = state.clock(ClockKind.RCPC)
    assert rcpc is not None and rcpc.is_overdue(D(2026, 12, 21))
    held = journey_state(
        case(strategy, icpc, meeting(3, MeetingType.RCPC, D(2026, 12, 22)), plans=(plan,))
    )
    assert held.clock(ClockKind.RCPC).state is ClockState.HELD  # type: ignore[union-attr]


def test_the_review_can_extend_the_conference_or_find_none_needed() -> None:
    strategy = meeting(1, MeetingType.STRATEGY, D(2026, 11, 2), outcome=ThresholdOutcome.S47_JOINT)
    review = meeting(2, MeetingType.REVIEW, D(2026, 11, 9))
    extended = TimeframeFact("m2", "m1", IcpcTimeframe.EXTENDED, D(2026, 12, 4), None)
    state = journey_state(case(strategy, review, timeframes=(extended,)))
    icpc = state.clock(ClockKind.ICPC)
    assert icpc is not None and icpc.due == D(2026, 12, 4) and icpc.extended
    none = TimeframeFact("m2", None, IcpcTimeframe.NOT_NEEDED, None, None)
    ended = journey_state(case(strategy, review, timeframes=(none,)))
    assert ended.icpc_not_needed and not ended.enquiry_open
    assert ended.clock(ClockKind.ICPC).state is ClockState.NOT_NEEDED  # type: ignore[union-attr]


def test_the_core_group_is_due_ten_working_days_after_the_conference() -> None:
    # Monday 14 December 2026: Christmas and Boxing Day (observed on the 28th) between.
    assert core_group_due(D(2026, 12, 14), WorkingCalendar()) == D(2026, 12, 30)


# Properties over generated cases.

KINDS = list(MeetingType)
OUTCOMES = [
    None,
    ThresholdOutcome.S47_JOINT,
    ThresholdOutcome.S47_SINGLE_AGENCY,
    ThresholdOutcome.NFA,
]
days = st.integers(min_value=0, max_value=200).map(lambda n: START + dt.timedelta(days=n))
meeting_rows = st.lists(
    st.tuples(
        st.sampled_from(KINDS),
        days,
        st.sampled_from(list(MeetingStatus)),
        st.sampled_from(OUTCOMES),
    ),
    max_size=8,
)
plan_rows = st.lists(st.tuples(days, st.booleans(), st.one_of(st.none(), days)), max_size=2)


@st.composite
def cases(draw: st.DrawFn) -> CaseFacts:
    meetings = tuple(
        meeting(n, kind, day, status, outcome if kind is MeetingType.STRATEGY else None)
        for n, (kind, day, status, outcome) in enumerate(draw(meeting_rows))
    )
    reviews = [m for m in meetings if m.kind is MeetingType.REVIEW]
    strategies = [m for m in meetings if m.kind is MeetingType.STRATEGY]
    frames = tuple(
        TimeframeFact(
            r.id,
            draw(st.sampled_from([None, *[s.id for s in strategies]])),
            draw(st.sampled_from(list(IcpcTimeframe))),
            draw(st.one_of(st.none(), days)),
            None,
        )
        for r in reviews
        if draw(st.booleans())
    )
    plans = tuple(
        PlanFact(f"p{n}", start, start if ended else None, review, None, MOMENT)
        for n, (start, ended, review) in enumerate(draw(plan_rows))
    )
    return case(*meetings, plans=plans, timeframes=frames, is_open=draw(st.booleans()))


@settings(max_examples=300, deadline=None, derandomize=True, database=None)
@given(cases(), days)
def test_only_open_clocks_are_ever_overdue_and_overdue_stays_overdue(
    facts: CaseFacts, today: dt.date
) -> None:
    state = journey_state(facts)
    tomorrow = today + dt.timedelta(days=1)
    for clock in state.clocks:
        if clock.is_overdue(today):
            assert clock.state is ClockState.OPEN and clock.due < today
            assert clock.is_overdue(tomorrow)
        if clock.state is ClockState.HELD:
            assert clock.held_on is not None
        if clock.is_open and clock.kind in ENQUIRY_KINDS:
            assert state.enquiry_open
        if clock.is_open and clock.kind is ClockKind.RCPC:
            assert state.has_open_plan
    if state.enquiry_open:
        assert facts.is_open and not state.has_open_plan and state.icpc_held is None
        assert state.register_status == "s47"
    if not facts.is_open:
        assert not any(c.is_open for c in state.clocks)
        assert state.register_status is None


@settings(max_examples=200, deadline=None, derandomize=True, database=None)
@given(cases())
def test_holding_the_conference_ends_every_enquiry_clock(facts: CaseFacts) -> None:
    state = journey_state(facts)
    if state.enquiry is None:
        return
    icpc = meeting(99, MeetingType.ICPC, state.enquiry.day)
    after = journey_state(
        case(
            *facts.meetings,
            icpc,
            plans=facts.plans,
            timeframes=facts.timeframes,
            is_open=facts.is_open,
        )
    )
    assert not any(c.is_open and c.kind in ENQUIRY_KINDS for c in after.clocks)


@settings(max_examples=300, deadline=None, derandomize=True, database=None)
@given(days)
def test_a_date_is_flagged_exactly_when_it_is_not_a_working_day(day: dt.date) -> None:
    calendar = WorkingCalendar([D(2026, 12, 29)])
    assert (non_working_day_warning(day, calendar) is None) == calendar.is_working_day(day)


@given(st.dates(), st.integers(min_value=-30, max_value=30))
def test_one_urgency_for_clocks_deadlines_and_actions(today: dt.date, offset: int) -> None:
    """Home's clocks, its deadline list and the action lists ask one rule."""
    from app.models import ActionStatus
    from app.services.conduct.actions import ActionRow
    from app.services.deadlines import DeadlineItem, DeadlineKind
    from app.workflow.clocks import Clock, Urgency, is_overdue, urgency_of

    try:
        due = today + dt.timedelta(days=offset)
    except OverflowError:
        return
    expected = urgency_of(due, today)
    if offset < 0:
        assert expected is Urgency.OVERDUE
    elif offset == 0:
        assert expected is Urgency.DUE_TODAY
    else:
        assert expected is (Urgency.DUE_THIS_WEEK if offset <= 7 else None)
    clock = Clock(ClockKind.REVIEW, due, ClockState.OPEN, "case", "DEMO0001")
    assert clock.urgency(today) is expected
    assert clock.is_overdue(today) is is_overdue(due, today) is (expected is Urgency.OVERDUE)
    if expected is not None:
        item = DeadlineItem(DeadlineKind.ACTION, due, "DEMO0001", "", "", "case", None)
        assert item.state(today) is expected
    action = ActionRow("a", "case", "m", 1, "", "", None, "", due, ActionStatus.OPEN, None, today)
    assert action.overdue(today) is (expected is Urgency.OVERDUE)
