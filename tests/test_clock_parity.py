"""The register's SQL and the journey rules agree, child by child and clock by clock.

The register repeats app.workflow.clocks in SQL for speed. Here both run over
hundreds of generated journeys (random sequences of what a chair records),
on many fixed "today"s, and Home's list (``deadlines``) is held to the same
answer. Also: today is the date in England, on either side of midnight in
summer time.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pytest

from app import clock
from app.services.clocks import current_journeys
from app.services.deadlines import deadlines
from app.services.register import STATUSES, all_register_rows
from app.storage.workspace import Workspace
from app.workflow.clocks import JOURNEY_KINDS, overdue_kinds
from tests.conftest import PASSPHRASE
from tests.helpers.random_journeys import generated_workspace

SEEDS = (1, 2, 3)
CHILDREN = 80
# Every fourth day across the generated journeys, and the days around them.
TODAYS = [dt.date(2026, 9, 1) + dt.timedelta(days=n) for n in range(0, 300, 4)]
JOURNEY_VALUES = {kind.value for kind in JOURNEY_KINDS}
# Clocks Home lists for a child the register does not follow (no enquiry, no plan and no
# pre-proceedings): a child moving in from another area.
OUTSIDE_REGISTER = {"transfer-in"}


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Workspace]:
    path = tmp_path_factory.mktemp("parity") / "generated.macpt"
    workspace = generated_workspace(path, PASSPHRASE, seeds=SEEDS, children=CHILDREN)
    yield workspace
    workspace.close()


def test_the_register_and_the_rules_agree_on_every_child_and_clock(
    generated: Workspace,
) -> None:
    with generated.reading() as session:
        followed = {j.child_ref: j for j in current_journeys(session) if j.in_register}
    kinds_seen: set[str] = set()
    statuses_seen: set[str] = set()
    for today in TODAYS:
        rows = {row.child: row for row in all_register_rows(generated, today=today)}
        assert set(rows) == set(followed), today
        for ref, row in rows.items():
            journey = followed[ref]
            assert row.status == journey.register_status, (today, ref)
            statuses_seen.add(row.status)
            expected = overdue_kinds(journey.clocks, today)
            assert row.overdue == expected, (today, ref)
            kinds_seen.update(expected)
    # The generated journeys reach every journey clock being overdue.
    assert kinds_seen == JOURNEY_VALUES
    # ... and every status, a child in pre-proceedings alone among them.
    assert statuses_seen == set(STATUSES)


def test_home_lists_as_overdue_exactly_what_the_register_flags(generated: Workspace) -> None:
    for today in TODAYS[::5]:
        register = {
            row.child: set(row.overdue) for row in all_register_rows(generated, today=today)
        }
        home = _home_overdue(generated, today, register)
        flagged = {ref: kinds for ref, kinds in register.items() if kinds}
        assert home == flagged, today


def _home_overdue(
    workspace: Workspace, today: dt.date, register: dict[str, set[str]]
) -> dict[str, set[str]]:
    """The journey clocks Home lists as overdue, by child in the register. Open
    pre-proceedings put a child in the register; a child outside it may be moving in
    from another area: Home lists that clock for them, and only that."""
    home: dict[str, set[str]] = {}
    for item in deadlines(workspace, today=today).overdue:
        if item.kind.value in JOURNEY_VALUES:
            home.setdefault(item.la_child_ref, set()).add(item.kind.value)
    outside = {ref: kinds for ref, kinds in home.items() if ref not in register}
    assert all(kinds <= OUTSIDE_REGISTER for kinds in outside.values()), outside
    return {ref: kinds for ref, kinds in home.items() if ref in register}


@pytest.mark.parametrize(
    ("utc", "local"),
    [
        # Summer time: half past eleven at night in UTC is already tomorrow in England.
        (dt.datetime(2026, 6, 30, 23, 30, tzinfo=dt.UTC), dt.date(2026, 7, 1)),
        (dt.datetime(2026, 6, 30, 22, 59, tzinfo=dt.UTC), dt.date(2026, 6, 30)),
        # Winter: England keeps UTC.
        (dt.datetime(2026, 12, 1, 23, 30, tzinfo=dt.UTC), dt.date(2026, 12, 1)),
        # The night the clocks go back (25 October 2026, 01:00 UTC).
        (dt.datetime(2026, 10, 24, 23, 30, tzinfo=dt.UTC), dt.date(2026, 10, 25)),
        (dt.datetime(2026, 10, 25, 0, 59, tzinfo=dt.UTC), dt.date(2026, 10, 25)),
        # The night they go forward (29 March 2026, 01:00 UTC).
        (dt.datetime(2026, 3, 28, 23, 59, tzinfo=dt.UTC), dt.date(2026, 3, 28)),
        (dt.datetime(2026, 3, 29, 23, 0, tzinfo=dt.UTC), dt.date(2026, 3, 30)),
    ],
)
def test_today_is_the_date_in_england(utc: dt.datetime, local: dt.date) -> None:
    clock.set_clock(lambda: utc)
    assert clock.today() == local
    assert clock.local_date(utc) == local


def test_home_and_the_register_agree_across_the_summer_midnight(generated: Workspace) -> None:
    # 23:30 UTC on 30 November would be 30 November; in July the local date moves on.
    for utc in (
        dt.datetime(2026, 9, 30, 23, 30, tzinfo=dt.UTC),
        dt.datetime(2026, 10, 24, 23, 30, tzinfo=dt.UTC),
    ):
        clock.set_clock(lambda utc=utc: utc)  # type: ignore[misc]
        today = clock.today()
        assert today == utc.date() + dt.timedelta(days=1)
        register = {
            row.child: set(row.overdue) for row in all_register_rows(generated, today=today)
        }
        home = _home_overdue(generated, today, register)
        assert home == {ref: kinds for ref, kinds in register.items() if kinds}


def test_the_generated_workspace_is_not_empty(generated: Workspace) -> None:
    assert len(all_register_rows(generated, today=dt.date(2026, 11, 23))) > 50


def test_times_on_screen_and_in_documents_are_in_england() -> None:
    from app.exporters.docx_base import long_datetime

    summer = dt.datetime(2026, 6, 30, 23, 30, tzinfo=dt.UTC)
    assert clock.local_time(summer).hour == 0
    assert long_datetime(summer) == "Wednesday 1 July 2026 at 00:30"
