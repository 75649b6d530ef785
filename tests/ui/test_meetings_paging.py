"""The Meetings page reads one page of meetings at a time: the first around what is next,
the next as the chair scrolls down, the one before as they reach the top."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from pytestqt.qtbot import QtBot

from app import clock
from app.services.meeting_list import list_meetings, meetings_after, meetings_before
from app.services.workspace import create_workspace
from app.storage.workspace import Workspace
from app.ui.paged_model import PagedRowsModel
from app.ui.pages import meetings as meetings_ui
from app.ui.pages.meetings import MeetingsPage
from tests.conftest import FIXED_NOW, PASSPHRASE
from tests.helpers.random_journeys import add_random_journeys

PAGE = 25


@pytest.fixture(scope="module")
def workspace(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Workspace]:
    path = tmp_path_factory.mktemp("paging") / "paging.macpt"
    clock.set_clock(lambda: FIXED_NOW)
    opened = create_workspace(path, PASSPHRASE)
    opened.actor = "Test Chair"
    add_random_journeys(opened, children=30, seed=2)
    clock.set_clock(None)
    yield opened
    opened.close()


@pytest.fixture
def page(qtbot: QtBot, workspace: Workspace, monkeypatch: pytest.MonkeyPatch) -> MeetingsPage:
    monkeypatch.setattr(PagedRowsModel, "page_size", PAGE)
    monkeypatch.setattr(meetings_ui, "LEAD", 5)
    widget = MeetingsPage(workspace)
    qtbot.addWidget(widget)
    widget.resize(900, 400)
    widget.show()
    widget.refresh()
    return widget


def test_the_workspace_holds_several_pages_with_meetings_either_side_of_today(
    workspace: Workspace,
) -> None:
    everything = list_meetings(workspace)
    today = FIXED_NOW.date()
    past = [m for m in everything if m.scheduled_date < today]
    assert len(everything) > 3 * PAGE
    assert len(past) > 2 * PAGE and len(everything) - len(past) > 0


def test_the_first_page_is_one_page_from_a_little_before_what_is_next(
    qtbot: QtBot, page: MeetingsPage, workspace: Workspace
) -> None:
    everything = list_meetings(workspace)
    model = page.model
    # What is next comes to the top of the table, and the view wants no more rows for it.
    qtbot.waitUntil(lambda: page.list.table.rowAt(0) == 5)
    assert model.rowCount() == PAGE
    start = everything.index(model.rows()[0])
    assert model.rows() == everything[start : start + PAGE]
    selected = page.list.selected()
    today = FIXED_NOW.date()
    assert selected == next(m for m in everything if m.scheduled_date >= today)
    assert model.rows()[5] == selected and start > 0
    assert model.more_before and model.more_after


def test_fetch_more_brings_the_next_page_until_the_list_ends(
    page: MeetingsPage, workspace: Workspace
) -> None:
    everything = list_meetings(workspace)
    model = page.model
    start = everything.index(model.rows()[0])
    while model.canFetchMore():
        before = model.rowCount()
        model.fetchMore()
        assert before < model.rowCount() <= before + PAGE
    assert model.rows() == everything[start:]
    model.fetchMore()  # nothing more to read
    assert model.rows() == everything[start:]


def test_reaching_the_top_brings_the_page_before(page: MeetingsPage, workspace: Workspace) -> None:
    everything = list_meetings(workspace)
    model = page.model
    bar = page.list.table.verticalScrollBar()
    while model.can_fetch_earlier():
        start = everything.index(model.rows()[0])
        shown = model.rowCount()
        bar.setValue(bar.minimum() + 1)
        bar.setValue(bar.minimum())  # the chair scrolls to the top
        now = everything.index(model.rows()[0])
        assert now == max(start - PAGE, 0)
        kept = model.rows()[start - now : start - now + shown]
        assert kept == everything[start : start + shown]  # what was shown is still there
    assert not model.more_before
    assert model.rows() == everything[: model.rowCount()]


def test_a_search_starts_again_from_its_own_first_page(
    qtbot: QtBot, page: MeetingsPage, workspace: Workspace
) -> None:
    chair = list_meetings(workspace)[0].chair_name
    matches = list_meetings(workspace, search=chair)
    assert len(matches) > PAGE
    with qtbot.waitSignal(page.list.search_changed, timeout=3000):
        qtbot.keyClicks(page.list.search, chair)
    model = page.model
    assert model.rowCount() <= PAGE
    start = matches.index(model.rows()[0])
    assert model.rows() == matches[start : start + model.rowCount()]
    while model.canFetchMore():
        model.fetchMore()
    while model.can_fetch_earlier():
        model.fetch_earlier()
    assert model.rows() == matches


def test_pages_read_from_either_end_of_a_row_join_up_and_stop_at_the_ends(
    workspace: Workspace,
) -> None:
    everything = list_meetings(workspace)
    forward: list[object] = []
    found = meetings_after(workspace, after=None, limit=PAGE)
    forward += found.rows
    while found.more:
        found = meetings_after(workspace, after=found.rows[-1], limit=PAGE)
        forward += found.rows
    assert forward == everything
    backward = meetings_before(workspace, before=everything[-1], limit=PAGE)
    assert backward.rows == everything[-PAGE - 1 : -1] and backward.more
    assert meetings_after(workspace, after=everything[-1], limit=PAGE).rows == []
    first = meetings_before(workspace, before=everything[0], limit=PAGE)
    assert first.rows == [] and not first.more


def test_showing_the_page_again_keeps_it_as_left_until_something_is_written(
    qtbot: QtBot, page: MeetingsPage
) -> None:
    qtbot.waitUntil(lambda: page._settled)
    first = page.model.rows()[0]
    page.list.table.scrollToBottom()
    left_at = page.list.table.rowAt(0)
    assert left_at > 5
    page.refresh()  # as showing the page again does: nothing written, nothing read
    assert page.model.rows()[0] == first and page.list.table.rowAt(0) == left_at
    # Once something is written, the page reads one page again, from just before today.
    from app.services import cases

    cases.create_case(
        page.workspace,
        la_child_ref="PAGE0001",
        first_name="Nell",
        last_name="Specimen",
        address="2 Pretend Street, Sampletown, ZZ99 2AA",
    )
    page.refresh()
    qtbot.waitUntil(lambda: page._settled)
    assert page.model.rows()[0] == first and page.model.rowCount() == PAGE
    assert page.list.table.rowAt(0) == 5
