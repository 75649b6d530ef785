"""The register kept in memory pages, sorts and narrows exactly as its SQL does.

``app.services.register.snapshot`` works the register out once per change of the
workspace and sorts and filters it in Python. Here every order, both ways, under
every kind of filter, on several days, is held equal to the SQL's answer over
generated journeys; a write, or another day, is seen at once; and re-sorting
asks the database a fixed number of questions however many children there are.
"""

from __future__ import annotations

import datetime as dt
import itertools
import random
from collections.abc import Iterator
from typing import Any

import pytest
from sqlalchemy import event, select

from app.models import CaseEpisode, Child, PlanCategory
from app.services import register
from app.services.register import (
    SORT_KEYS,
    STATUSES,
    RegisterFilter,
    RegisterRow,
    _parameters,
    _sql_page,
    register_page,
    register_totals,
)
from app.storage.workspace import Workspace
from tests.conftest import PASSPHRASE
from tests.helpers.random_journeys import add_random_journeys, generated_workspace

TODAYS = (dt.date(2026, 9, 14), dt.date(2026, 11, 23), dt.date(2027, 2, 1))
# Names and LCPPs that NOCASE, blanks and accents sort differently from a plain sort.
FIRST = ["Pat", "pat", "Zoë", "Émile", "alfie", "Ruby", "ava"]
LAST = ["Example", "example", "Ñandú", "de Vries", "O'Neil", "Zed", "Ába"]
LCPPS = ["Sam Demo-Lead", "sam demo-lead", "Riley Demo-Chair", "", None, "Ólafur Demo"]


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Workspace]:
    path = tmp_path_factory.mktemp("snapshot") / "generated.macpt"
    workspace = generated_workspace(path, PASSPHRASE, seeds=(4, 5), children=60)
    rng = random.Random(12)
    with workspace.transaction() as session:
        for child in session.scalars(select(Child)).all():
            child.first_name = rng.choice(FIRST)
            child.last_name = rng.choice(LAST)
        for case in session.scalars(select(CaseEpisode)).all():
            case.lcpp_name = rng.choice(LCPPS)
    yield workspace
    workspace.close()


def _sql(workspace: Workspace, filters: RegisterFilter, today: dt.date, **page: Any) -> list[Any]:
    with workspace.reading() as session:
        params = _parameters(session, today)
        return _sql_page(session, filters, params, **page)


def _filters(workspace: Workspace, today: dt.date) -> list[RegisterFilter]:
    lcpps = register_totals(workspace, filters=RegisterFilter(), today=today).lcpps
    return [
        RegisterFilter(),
        *(RegisterFilter(status=status) for status in STATUSES),
        RegisterFilter(overdue_only=True),
        RegisterFilter(lcpp=lcpps[0]),
        RegisterFilter(category=PlanCategory.NEGLECT),
        RegisterFilter(search="gen04"),
        RegisterFilter(search="ex"),
        RegisterFilter(search="zoe"),
        RegisterFilter(search="Zoë"),
        RegisterFilter(search="émi"),
        RegisterFilter(search="O'Ne"),
        RegisterFilter(search="de v"),
        RegisterFilter(search="GEN05 e"),
        RegisterFilter(search="nobody-at-all"),
        RegisterFilter(search="pat", overdue_only=True, status="cp-plan"),
    ]


@pytest.mark.parametrize("today", TODAYS)
def test_every_order_and_filter_matches_the_sql(generated: Workspace, today: dt.date) -> None:
    filters = _filters(generated, today)
    seen = 0
    for narrowing, order, descending in itertools.product(filters, SORT_KEYS, (False, True)):
        page = dict(order=order, descending=descending, after=None, offset=0, limit=1000)
        expected = _sql(generated, narrowing, today, **page)
        found = register_page(generated, filters=narrowing, today=today, **page)
        assert found == expected, (narrowing, order, descending)
        seen += len(found)
    assert seen > 1000


@pytest.mark.parametrize("descending", [False, True])
def test_pages_follow_on_as_in_the_sql(generated: Workspace, descending: bool) -> None:
    today = TODAYS[1]
    everyone = RegisterFilter()
    register_totals(generated, filters=everyone, today=today)  # the snapshot is now held
    for order in ("child", "urgency", "name"):
        for offset in (0, 7, 50, 118):
            page = dict(order=order, descending=descending, after=None, offset=offset, limit=9)
            expected = _sql(generated, everyone, today, **page)
            assert register_page(generated, filters=everyone, today=today, **page) == expected
    refs = [row.child for row in _sql(generated, everyone, today, **_all(descending))]
    for after in (refs[0], refs[13], refs[-2], refs[-1], "GEN04", "GEN99"):
        for narrowing in (everyone, RegisterFilter(status="s47")):
            page = dict(order="child", descending=descending, after=after, offset=0, limit=11)
            expected = _sql(generated, narrowing, today, **page)
            assert register_page(generated, filters=narrowing, today=today, **page) == expected


def _all(descending: bool) -> dict[str, Any]:
    return dict(order="child", descending=descending, after=None, offset=0, limit=1000)


def test_totals_match_the_rows(generated: Workspace) -> None:
    for today in TODAYS:
        for narrowing in _filters(generated, today):
            rows: list[RegisterRow] = _sql(generated, narrowing, today, **_all(False))
            totals = register_totals(generated, filters=narrowing, today=today)
            assert totals.children == len(rows)
            assert totals.overdue == sum(1 for row in rows if row.overdue)
            lcpps = sorted(
                {row.lcpp for row in rows if row.lcpp}, key=lambda name: (name.casefold(), name)
            )
            assert list(totals.lcpps) == lcpps


def test_a_write_or_another_day_is_seen_at_once(tmp_path: Any) -> None:
    workspace = generated_workspace(tmp_path / "w.macpt", PASSPHRASE, seeds=(6,), children=20)
    try:
        today = TODAYS[1]
        before = register_page(
            workspace, filters=RegisterFilter(), today=today, offset=0, limit=1000, order="name"
        )
        with workspace.transaction() as session:
            child = session.scalars(select(Child).order_by(Child.la_child_ref)).first()
            assert child is not None
            child.last_name = "Aardvark"
        after = register_page(
            workspace, filters=RegisterFilter(), today=today, offset=0, limit=1000, order="name"
        )
        assert after != before
        assert after == _sql(workspace, RegisterFilter(), today, **{**_all(False), "order": "name"})
        for day in (today, today + dt.timedelta(days=40)):
            page = {**_all(False), "order": "urgency"}
            expected = _sql(workspace, RegisterFilter(), day, **page)
            assert register_page(workspace, filters=RegisterFilter(), today=day, **page) == expected
        add_random_journeys(workspace, children=5, seed=7)
        found = register_totals(workspace, filters=RegisterFilter(), today=today).children
        assert found == len(_sql(workspace, RegisterFilter(), today, **_all(False)))
    finally:
        workspace.close()


def _statements(workspace: Workspace, action: Any) -> list[str]:
    statements: list[str] = []

    def count(*args: Any) -> None:
        if args[2] != "BEGIN":  # the read transaction's, not a question
            statements.append(args[2])

    event.listen(workspace.engine, "before_cursor_execute", count)
    try:
        action()
    finally:
        event.remove(workspace.engine, "before_cursor_execute", count)
    return statements


@pytest.mark.parametrize("children", [5, 60])
def test_a_sort_or_a_search_asks_a_fixed_number_of_questions(tmp_path: Any, children: int) -> None:
    workspace = generated_workspace(tmp_path / "w.macpt", PASSPHRASE, seeds=(8,), children=children)
    try:
        today = TODAYS[1]
        register_totals(workspace, filters=RegisterFilter(), today=today)
        for order, descending in itertools.product(SORT_KEYS, (False, True)):
            statements = _statements(
                workspace,
                lambda o=order, d=descending: register_page(
                    workspace,
                    filters=RegisterFilter(),
                    today=today,
                    offset=0,
                    limit=50,
                    order=o,
                    descending=d,
                ),
            )
            # The clocks' bounds (closure days and two settings) and whether
            # anything has changed: never the register's own statement again.
            assert len(statements) == 4, statements
        statements = _statements(
            workspace,
            lambda: register_page(
                workspace,
                filters=RegisterFilter(search="gen"),
                today=today,
                offset=0,
                limit=50,
                order="name",
            ),
        )
        # A word the index's tokenizer keeps whole is looked up in its terms, held
        # with the snapshot; any other asks the index.
        assert len(statements) == 4
        statements = _statements(
            workspace,
            lambda: register_page(
                workspace,
                filters=RegisterFilter(search="gen-08"),
                today=today,
                offset=0,
                limit=50,
                order="name",
            ),
        )
        assert len(statements) == 5
        register.forget(workspace)
        statements = _statements(
            workspace,
            lambda: register_page(
                workspace, filters=RegisterFilter(), today=today, offset=0, limit=50, order="name"
            ),
        )
        # Forgotten: worked out again, with the index's rowids and terms.
        assert len(statements) == 8, statements
    finally:
        workspace.close()
