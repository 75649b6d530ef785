"""Full-text search over children's names and references (SQLCipher's FTS5),
kept in step with the child table by triggers."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pytest
from alembic import command
from sqlalchemy import delete, text

from app.models import Child
from app.services import records
from app.services.register import RegisterFilter, query, register_count, register_page
from app.services.register.search import match_expression
from app.services.workspace import create_workspace
from app.storage import migrate
from app.storage.workspace import Workspace
from tests.conftest import PASSPHRASE
from tests.test_register_service import Journey

DAY = dt.date(2026, 11, 5)
CHILDREN = [
    ("DEMO0101", "Poppy", "Example"),
    ("DEMO0102", "Poppy", "Sample"),
    ("DEMO0103", "Pippa", "Examplewood"),
    ("DEMO0110", "Alfie", "Testwood"),
    ("DEMO0111", "Zoë", "Ñandú"),
    ("SAMPLE-77", "Ruby", "Placeholder"),
]


@pytest.fixture(scope="module")
def searchable(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Workspace]:
    workspace = create_workspace(tmp_path_factory.mktemp("search") / "w.macpt", PASSPHRASE)
    for ref, first, last in CHILDREN:
        Journey(workspace, ref, first, last).strategy()
    yield workspace
    workspace.close()


def found(workspace: Workspace, search: str) -> list[str]:
    rows = register_page(
        workspace, filters=RegisterFilter(search=search), today=DAY, offset=0, limit=100
    )
    return [row.child for row in rows]


@pytest.mark.parametrize(
    ("search", "expected"),
    [
        ("pop", ["DEMO0101", "DEMO0102"]),  # a prefix of a first name
        ("Example", ["DEMO0101", "DEMO0103"]),  # a surname, and one it begins
        ("exam", ["DEMO0101", "DEMO0103"]),  # a prefix of surnames
        ("poppy samp", ["DEMO0102"]),  # every word must match
        ("sample", ["DEMO0102", "SAMPLE-77"]),  # a surname, and a reference
        ("DEMO0103", ["DEMO0103"]),  # a whole reference
        ("demo011", ["DEMO0110", "DEMO0111"]),  # a reference's prefix
        ("77", ["SAMPLE-77"]),  # the number in a reference with a separator
        ("zoe nandu", ["DEMO0111"]),  # accents folded
        ("ZOË", ["DEMO0111"]),
        ('"pop', ["DEMO0101", "DEMO0102"]),  # quotes are never FTS5 syntax
        ("pop* OR alfie", []),  # nor are operators: "or" is a word to match
        ("nobody", []),
    ],
)
def test_search(searchable: Workspace, search: str, expected: list[str]) -> None:
    assert found(searchable, search) == expected
    count = register_count(searchable, filters=RegisterFilter(search=search), today=DAY)
    assert count == len(expected)


@pytest.mark.parametrize("search", ["", "   ", "-", "--/"])
def test_a_search_without_letters_or_digits_narrows_nothing(
    searchable: Workspace, search: str
) -> None:
    assert found(searchable, search) == [ref for ref, _first, _last in CHILDREN]


def test_broad_and_narrow_searches_find_the_same(
    searchable: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A search matching few children starts from the matches; a broad one walks
    # the register in order. Both must give the same rows in the same order.
    narrow = {search: found(searchable, search) for search in ("pop", "demo", "e")}
    monkeypatch.setattr(query, "FEW_MATCHES", 0)
    assert {search: found(searchable, search) for search in narrow} == narrow
    assert narrow["demo"] == [f"DEMO01{n}" for n in ("01", "02", "03", "10", "11")]


def test_search_combines_with_paging_by_reference(
    searchable: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    for few in (query.FEW_MATCHES, 0):
        monkeypatch.setattr(query, "FEW_MATCHES", few)
        page = register_page(
            searchable,
            filters=RegisterFilter(search="demo"),
            today=DAY,
            offset=0,
            limit=2,
            after="DEMO0102",
        )
        assert [row.child for row in page] == ["DEMO0103", "DEMO0110"]


def test_the_index_follows_renames_and_deletions(workspace: Workspace) -> None:
    journey = Journey(workspace, "DEMO0201", "Poppy", "Example").strategy()
    records.save_field(
        workspace, table="child", record_id=journey.child_id, field="last_name", value="Renamed"
    )
    assert found(workspace, "example") == []
    assert found(workspace, "renamed") == ["DEMO0201"]
    records.save_field(
        workspace, table="child", record_id=journey.child_id, field="known_as", value="Pops"
    )
    assert found(workspace, "pops") == ["DEMO0201"]
    records.save_field(
        workspace, table="child", record_id=journey.child_id, field="la_child_ref", value="NEW-1"
    )
    assert found(workspace, "demo") == []
    assert found(workspace, "new-1") == ["NEW-1"]
    # Children with records are never deleted; one recorded in error, with none, may be.
    indexed = "SELECT count(*) FROM child_search WHERE child_id = 'mistake'"
    with workspace.transaction() as session:
        session.add(Child(id="mistake", la_child_ref="DEMO0299", first_name="Typo"))
    with workspace.transaction() as session:
        assert session.execute(text(indexed)).scalar_one() == 1
        session.execute(delete(Child).where(Child.id == "mistake"))
        assert session.execute(text(indexed)).scalar_one() == 0


def test_children_recorded_before_the_index_existed_are_found(workspace: Workspace) -> None:
    Journey(workspace, "DEMO0301", "Alfie", "Sample").strategy()
    with migrate.migrating(workspace.engine) as connection:
        command.downgrade(migrate.alembic_config(connection), "0003")
        assert migrate.current_revision(connection) == "0003"
        migrate.upgrade(connection)
    assert found(workspace, "alf") == ["DEMO0301"]


@pytest.mark.parametrize(
    ("search", "expression"),
    [
        ("pop", '"pop"*'),
        ("Pat Exa", '"Pat"* AND "Exa"*'),
        ('say "hi"', '"say"* AND """hi"""*'),
        ("DEMO-00", '"DEMO-00"*'),
        ("- pop -", '"pop"*'),
        ("", None),
        ("?!", None),
    ],
)
def test_match_expressions(search: str, expression: str | None) -> None:
    assert match_expression(search) == expression
