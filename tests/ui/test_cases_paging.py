"""The Cases page reads one page of cases at a time, newest first, and the next as the
user scrolls down; a search pages the same way."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from pytestqt.qtbot import QtBot

from app import clock
from app.services.cases import cases_after, cases_page, list_cases
from app.services.workspace import create_workspace
from app.storage.workspace import Workspace
from app.ui.paged_model import PagedRowsModel
from app.ui.pages.cases import CasesPage
from tests.conftest import FIXED_NOW, PASSPHRASE
from tests.helpers.random_journeys import add_random_journeys

PAGE = 7


@pytest.fixture(scope="module")
def workspace(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Workspace]:
    path = tmp_path_factory.mktemp("case-paging") / "paging.macpt"
    clock.set_clock(lambda: FIXED_NOW)
    opened = create_workspace(path, PASSPHRASE)
    opened.actor = "Test Chair"
    add_random_journeys(opened, children=20, seed=2)
    clock.set_clock(None)
    yield opened
    opened.close()


@pytest.fixture
def page(qtbot: QtBot, workspace: Workspace, monkeypatch: pytest.MonkeyPatch) -> CasesPage:
    monkeypatch.setattr(PagedRowsModel, "page_size", PAGE)
    widget = CasesPage(workspace)
    qtbot.addWidget(widget)
    widget.resize(900, 300)
    widget.show()
    widget.refresh()
    return widget


def test_pages_put_together_are_the_whole_list_in_order(workspace: Workspace) -> None:
    everything = [c.case_id for c in list_cases(workspace)]
    assert len(everything) > 2 * PAGE
    read: list[str] = []
    offset = 0
    while True:
        rows = cases_page(workspace, offset=offset, limit=PAGE)
        assert rows.total == len(everything)
        read += [c.case_id for c in rows.rows]
        offset += PAGE
        if len(rows.rows) < PAGE:
            break
    assert read == everything
    past = cases_page(workspace, offset=len(everything) + PAGE, limit=PAGE)
    assert past.rows == [] and past.total <= len(everything) + PAGE


def test_pages_read_from_the_last_row_are_the_whole_list_in_order(workspace: Workspace) -> None:
    everything = list_cases(workspace)
    found = cases_after(workspace, after=None, limit=PAGE)
    read = list(found.rows)
    while found.more:
        assert len(found.rows) == PAGE
        found = cases_after(workspace, after=found.rows[-1], limit=PAGE)
        read += found.rows
    assert read == everything
    assert cases_after(workspace, after=everything[-1], limit=PAGE).rows == []
    # Cases opened on one day run by reference: a page may end in the middle of them.
    days = [c.opened_on for c in everything]
    assert len(set(days)) < len(days)


def test_the_page_shows_one_page_and_reads_the_next_as_the_user_scrolls(
    page: CasesPage, workspace: Workspace
) -> None:
    everything = [c.case_id for c in list_cases(workspace)]
    model = page.model
    assert model.rowCount() == PAGE and model.more_after
    while model.canFetchMore():
        model.fetchMore()
    assert [c.case_id for c in model.rows()] == everything


def test_a_search_pages_through_its_matches(
    qtbot: QtBot, page: CasesPage, workspace: Workspace
) -> None:
    typed = "GEN02000"  # the first ten generated references: more than a page
    found = [c.case_id for c in list_cases(workspace, search=typed)]
    assert PAGE < len(found) < len(list_cases(workspace))
    with qtbot.waitSignal(page.list.search_changed):
        page.list.search.setText(typed)
    assert page.model.rowCount() == PAGE and page.model.more_after
    while page.model.canFetchMore():
        page.model.fetchMore()
    assert [c.case_id for c in page.model.rows()] == found
