"""Home's deadlines, read for every open case at once, equal the journey rules asked
case by case.

Home (``deadlines``, and ``macpt deadlines --json`` through it) gathers the facts
of every open case in a fixed number of queries and runs them through
``app.workflow.clocks``. Here the same rules are asked one case at a time
(``case_journey``, which reads that case alone), over generated journeys that
reach every journey state, on many "today"s: both give the same clocks, due on
the same days, for the same children.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterator

import pytest
from sqlalchemy import select

from app.models import CaseEpisode, CaseStatus
from app.services.clocks import case_facts
from app.services.deadlines import deadlines
from app.storage.workspace import Workspace
from app.workflow.clocks import (
    JOURNEY_KINDS,
    Clock,
    JourneyState,
    journey_state,
    newest_open_cases,
)
from tests.conftest import PASSPHRASE
from tests.helpers.random_journeys import generated_workspace

SEEDS = (21, 22)
CHILDREN = 80
TODAYS = [dt.date(2026, 9, 1) + dt.timedelta(days=n) for n in range(0, 300, 6)]
JOURNEY_VALUES = {kind.value for kind in JOURNEY_KINDS}

Key = tuple[str, str, dt.date, str]


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Workspace]:
    path = tmp_path_factory.mktemp("deadlines-parity") / "generated.macpt"
    workspace = generated_workspace(path, PASSPHRASE, seeds=SEEDS, children=CHILDREN)
    yield workspace
    workspace.close()


def _one_case_at_a_time(workspace: Workspace) -> list[JourneyState]:
    """Each child's newest open case, every case's facts read on their own."""
    with workspace.reading() as session:
        rows = session.execute(
            select(
                CaseEpisode.id, CaseEpisode.child_id, CaseEpisode.opened_on, CaseEpisode.created_at
            ).where(CaseEpisode.status == CaseStatus.OPEN)
        ).all()
        facts = {case_id: case_facts(session, [case_id])[case_id] for case_id, *_ in rows}
    newest = newest_open_cases(
        (child, opened, created, facts[case_id]) for case_id, child, opened, created in rows
    )
    return [journey_state(f) for f in newest]


def _key(clock: Clock) -> Key:
    return (clock.child_ref, clock.kind.value, clock.due, clock.case_id)


def test_home_and_the_rules_asked_case_by_case_agree(generated: Workspace) -> None:
    journeys = _one_case_at_a_time(generated)
    seen: Counter[tuple[str, str]] = Counter()
    for today in TODAYS:
        expected = {
            _key(c): c.urgency(today).value  # type: ignore[union-attr]
            for j in journeys
            for c in j.clocks
            if c.urgency(today) is not None
        }
        home = deadlines(generated, today=today)
        found = {
            (i.la_child_ref, i.kind.value, i.due, i.case_id): i.state(today).value
            for i in home.items
            if i.kind.value in JOURNEY_VALUES
        }
        assert found == expected, today
        # The command line's JSON is the same list.
        listed = {
            (str(e["child"]), str(e["kind"]), dt.date.fromisoformat(str(e["due"])))
            for e in home.as_json()
            if e["kind"] in JOURNEY_VALUES
        }
        assert listed == {k[:3] for k in expected}, today
        seen.update((kind, state) for (_, kind, _, _), state in expected.items())
    # Every journey clock is seen overdue, due today and due within the week.
    for kind in JOURNEY_VALUES:
        for state in ("overdue", "due-today", "due-this-week"):
            assert seen[(kind, state)], (kind, state)


def test_closed_cases_follow_no_clock_on_home(generated: Workspace) -> None:
    with generated.reading() as session:
        closed = set(
            session.scalars(
                select(CaseEpisode.id).where(CaseEpisode.status == CaseStatus.CLOSED)
            ).all()
        )
    assert closed  # the generated journeys close some cases
    listed = {
        i.case_id
        for today in TODAYS[::5]
        for i in deadlines(generated, today=today).items
        if i.kind.value in JOURNEY_VALUES
    }
    assert listed and not listed & closed
