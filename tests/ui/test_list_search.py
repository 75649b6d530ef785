"""Searching Cases and Meetings: a word typed is one query, run when the typing pauses."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from sqlalchemy import event

from app.ui.main_window import MainWindow
from app.ui.pages.cases import CasesPage
from app.ui.pages.meetings import MeetingsPage


def _page(window: MainWindow, key: str) -> Any:
    window.show_page(key)
    return window.pages[key]


def test_a_word_typed_is_one_search(qtbot: QtBot, window: MainWindow) -> None:
    page = _page(window, "cases")
    assert isinstance(page, CasesPage)
    searched: list[str] = []
    page.list.search_changed.connect(searched.append)
    statements: list[str] = []

    def count(*args: Any) -> None:
        statements.append(args[2])

    event.listen(window.workspace.engine, "before_cursor_execute", count)
    try:
        with qtbot.waitSignal(page.list.search_changed, timeout=3000) as typed:
            qtbot.keyClicks(page.list.search, "testwood")
            # Every key restarted the wait: nothing has been asked yet.
            assert searched == [] and statements == []
            assert page.model.rowCount() == 5
    finally:
        event.remove(window.workspace.engine, "before_cursor_execute", count)
    assert typed.args == ["testwood"]
    assert searched == ["testwood"]
    assert [c.la_child_ref for c in page.model.rows()] == ["DEMO0003"]
    assert len([s for s in statements if s.lstrip().upper().startswith("SELECT")]) == 1


def test_enter_searches_at_once_and_opens_the_only_match(qtbot: QtBot, window: MainWindow) -> None:
    page = _page(window, "cases")
    opened: list[str] = []
    page.open_case.connect(opened.append)
    qtbot.keyClicks(page.list.search, "testwood")
    qtbot.keyClick(page.list.search, Qt.Key.Key_Return)
    assert len(opened) == 1
    assert [c.la_child_ref for c in page.model.rows()] == ["DEMO0003"]


def test_down_searches_at_once_and_goes_into_the_results(qtbot: QtBot, window: MainWindow) -> None:
    page = _page(window, "cases")
    qtbot.keyClicks(page.list.search, "testwood")
    qtbot.keyClick(page.list.search, Qt.Key.Key_Down)
    assert page.list.selected().la_child_ref == "DEMO0003"


def test_meetings_search_waits_for_the_pause_too(qtbot: QtBot, window: MainWindow) -> None:
    page = _page(window, "meetings")
    assert isinstance(page, MeetingsPage)
    before = page.model.rowCount()
    with qtbot.waitSignal(page.list.search_changed, timeout=3000):
        qtbot.keyClicks(page.list.search, "DEMO0001")
        assert page.model.rowCount() == before
    assert 0 < page.model.rowCount() < before
    assert {m.la_child_ref for m in page.model.rows()} == {"DEMO0001"}


def test_emptying_a_page_drops_a_search_still_waiting(qtbot: QtBot, window: MainWindow) -> None:
    page = _page(window, "cases")
    qtbot.keyClicks(page.list.search, "test")
    assert page.list._search_timer.isActive()
    page.clear()  # as locking does, before the workspace closes
    assert not page.list._search_timer.isActive()
