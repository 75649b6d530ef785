"""Home's deadlines, picked by one SQL statement, equal the journey rules asked case by
case.

``app.services.due_clocks`` repeats the rules of ``app.workflow.clocks`` in SQL for
speed. Here the rules are asked one case at a time (``case_journey``'s way: each
case's facts read on their own) over generated journeys (random sequences of what
a chair records) that reach every journey clock, on many "today"s, in a workspace
with the default settings and in one with its own closure days, core group
interval and days to the first review after a birth, and meetings on the very day
an enquiry or a plan started: both give the same clocks,
due on the same days, with the same words and the same meeting booked. Also on
either side of midnight in summer time, where today is already tomorrow in England.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterator

import pytest
from sqlalchemy import select

from app import clock
from app.models import (
    CaseEpisode,
    CaseStatus,
    ClosureDay,
    MeetingStatus,
    MeetingType,
    Setting,
    ThresholdOutcome,
)
from app.services.conduct.timescales import calendar_for
from app.services.deadlines import deadlines
from app.services.due_clocks import DueClock, due_clocks
from app.setting_names import BIRTH_REVIEW_DAYS_KEY, CORE_GROUP_WEEKS_KEY
from app.storage.workspace import Workspace
from app.workflow.clocks import JOURNEY_KINDS, urgency_of
from tests.conftest import PASSPHRASE
from tests.helpers.deadline_rules import RulesAnswer, rules_answer, sort_key
from tests.helpers.journey_records import JourneyBuilder
from tests.helpers.random_journeys import generated_workspace

CHILDREN = 80
# Every third day across the generated journeys (which start on 1 September 2026).
TODAYS = [dt.date(2026, 9, 1) + dt.timedelta(days=n) for n in range(0, 300, 3)]
JOURNEY_VALUES = {kind.value for kind in JOURNEY_KINDS}
# The area's own calendar and settings, for the second workspace.
CLOSURE_DAYS = [dt.date(2026, 9, 14), dt.date(2026, 10, 19), dt.date(2026, 10, 20)]
CLOSURE_DAYS += [dt.date(2026, 11, 23), dt.date(2026, 12, 29), dt.date(2027, 2, 15)]
AREA_SETTINGS = {CORE_GROUP_WEEKS_KEY: "4", BIRTH_REVIEW_DAYS_KEY: "7"}

Generated = tuple[Workspace, RulesAnswer]


@pytest.fixture(scope="module", params=["default", "area"])
def generated(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Generated]:
    path = tmp_path_factory.mktemp("deadlines-parity") / f"{request.param}.macpt"
    seeds = (21, 22) if request.param == "default" else (23, 24)
    workspace = generated_workspace(path, PASSPHRASE, seeds=seeds, children=CHILDREN)
    if request.param == "area":
        with workspace.transaction() as session:
            session.add_all(ClosureDay(day=day) for day in CLOSURE_DAYS)
            session.add_all(Setting(key=k, value=v) for k, v in AREA_SETTINGS.items())
        _add_same_day_meetings(workspace)
    yield workspace, rules_answer(workspace)
    workspace.close()


def _add_same_day_meetings(workspace: Workspace) -> None:
    """Meetings on the very day an enquiry or a plan started, for one open case in
    four: the boundaries where "on or after" and "after" differ. (The generated
    journeys always move on by a day or more.)"""
    journeys = rules_answer(workspace).journeys
    with workspace.transaction() as session:
        builder = JourneyBuilder(session)
        for index, journey in enumerate(journeys[::4]):
            case = session.get(CaseEpisode, journey.case_id)
            assert case is not None
            if journey.plan is not None and index % 2:
                day = journey.plan.start
                builder.meeting(case, MeetingType.RCPC, day, status=MeetingStatus.SCHEDULED)
                builder.meeting(case, MeetingType.CORE_GROUP, day)
            elif journey.enquiry is not None:
                day, edge = journey.enquiry.day, index % 5
                if edge == 0:
                    builder.meeting(case, MeetingType.ICPC, day)
                elif edge == 1:
                    builder.strategy(case, day, outcome=ThresholdOutcome.NFA, threshold_met=False)
                elif edge == 2:
                    builder.meeting(case, MeetingType.REVIEW, day, status=MeetingStatus.SCHEDULED)
                elif edge == 3:
                    builder.meeting(case, MeetingType.REVIEW, day)
                else:
                    builder.meeting(case, MeetingType.ICPC, day, status=MeetingStatus.SCHEDULED)


def _by_sql(workspace: Workspace, today: dt.date) -> list[DueClock]:
    with workspace.reading() as session:
        found = due_clocks(session, today=today, calendar=calendar_for(session))
    return sorted(found, key=sort_key)


def test_the_sql_and_the_rules_agree_on_every_clock_due(generated: Generated) -> None:
    workspace, rules = generated
    seen: Counter[tuple[str, str]] = Counter()
    booked = 0
    for today in TODAYS:
        expected = rules.due(today)
        assert _by_sql(workspace, today) == expected, today
        for due in expected:
            state = urgency_of(due.due, today)
            assert state is not None
            seen[(due.kind.value, state.value)] += 1
            booked += due.booked_id is not None
    # Every journey clock is seen overdue, due today and due within the week, and
    # some with their meeting booked.
    for kind in JOURNEY_VALUES:
        for state in ("overdue", "due-today", "due-this-week"):
            assert seen[(kind, state)], (kind, state)
    assert booked


def test_home_lists_each_clock_due_as_the_rules_have_it(generated: Generated) -> None:
    workspace, rules = generated
    for today in TODAYS[::4]:
        expected = {
            (d.child_ref, d.kind.value, d.due, d.case_id, d.child_name, d.booked_id or d.meeting_id)
            for d in rules.due(today)
        }
        home = deadlines(workspace, today=today)
        found = {
            (i.la_child_ref, i.kind.value, i.due, i.case_id, i.child_name, i.meeting_id)
            for i in home.items
            if i.kind.value in JOURNEY_VALUES
        }
        assert found == expected, today
        # The command line's JSON is the same list.
        listed = {
            (str(e["child"]), str(e["kind"]), str(e["due"]))
            for e in home.as_json()
            if e["kind"] in JOURNEY_VALUES
        }
        assert listed == {(k[0], k[1], k[2].isoformat()) for k in expected}, today


@pytest.mark.parametrize(
    "utc",
    [
        # Summer time: half past eleven at night in UTC is already tomorrow in England.
        dt.datetime(2026, 9, 30, 23, 30, tzinfo=dt.UTC),
        # The last night of summer time (the clocks go back at 01:00 UTC on the 25th).
        dt.datetime(2026, 10, 24, 23, 30, tzinfo=dt.UTC),
    ],
)
def test_the_sql_and_the_rules_agree_across_the_summer_midnight(
    generated: Generated, utc: dt.datetime
) -> None:
    workspace, rules = generated
    clock.set_clock(lambda: utc)
    today = clock.today()
    assert today == utc.date() + dt.timedelta(days=1)
    expected = rules.due(today)
    assert _by_sql(workspace, today) == expected
    home = deadlines(workspace, today=today)
    due_today = {(i.la_child_ref, i.kind.value) for i in home.due_today}
    assert {(d.child_ref, d.kind.value) for d in expected if d.due == today} <= due_today


def test_closed_cases_follow_no_clock_on_home(generated: Generated) -> None:
    workspace, _ = generated
    with workspace.reading() as session:
        closed = set(
            session.scalars(
                select(CaseEpisode.id).where(CaseEpisode.status == CaseStatus.CLOSED)
            ).all()
        )
    assert closed  # the generated journeys close some cases
    listed = {d.case_id for today in TODAYS[::10] for d in _by_sql(workspace, today)}
    assert listed and not listed & closed
