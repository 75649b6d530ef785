"""DeadlinesView with pytest-qt on a real workspace laid out in tests/deadlines_fixture.py."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QTreeWidgetItem
from pytestqt.qtbot import QtBot

from app.services.settings import update_setting
from app.storage.workspace import Workspace
from app.ui.background import wait_for_background_work
from app.ui.deadlines_view import DeadlinesView
from tests.deadlines_fixture import build_deadlines_workspace


@pytest.fixture
def laid_out(tmp_path: Path) -> Iterator[tuple[Workspace, dict[str, str]]]:
    workspace, ids = build_deadlines_workspace(tmp_path)
    yield workspace, ids
    wait_for_background_work()
    workspace.close()


def _groups(view: DeadlinesView) -> list[QTreeWidgetItem]:
    return [view.tree.topLevelItem(i) for i in range(view.tree.topLevelItemCount())]


def _texts(group: QTreeWidgetItem, column: int) -> list[str]:
    return [group.child(i).text(column) for i in range(group.childCount())]


def test_three_groups_with_their_deadlines(
    qtbot: QtBot, laid_out: tuple[Workspace, dict[str, str]]
) -> None:
    view = DeadlinesView(laid_out[0])
    qtbot.addWidget(view)
    overdue, today, week = _groups(view)
    assert overdue.text(0) == "Overdue (2)"
    assert today.text(0) == "Due today (3)"
    assert week.text(0) == "Due in the next seven days (to Monday 30 November 2026) (4)"
    assert _texts(overdue, 0) == ["Mon 9 Nov 2026", "Sun 22 Nov 2026"]
    assert _texts(overdue, 2) == ["Five-day review", "Action"]
    assert _texts(today, 1)[0] == "DEMOA001  Alice Example"


def test_names_can_be_hidden(qtbot: QtBot, laid_out: tuple[Workspace, dict[str, str]]) -> None:
    view = DeadlinesView(laid_out[0])
    qtbot.addWidget(view)
    view.set_names_visible(False)
    children = [g.child(i).text(1) for g in _groups(view) for i in range(g.childCount())]
    assert children and not any("Example" in c for c in children)
    assert "DEMOA001" in children


def test_double_click_opens_the_meeting(
    qtbot: QtBot, laid_out: tuple[Workspace, dict[str, str]]
) -> None:
    workspace, ids = laid_out
    view = DeadlinesView(workspace)
    qtbot.addWidget(view)
    view.show()
    qtbot.waitExposed(view)
    today = _groups(view)[1]
    review = today.child(0)
    view.tree.scrollToItem(review)
    rect = view.tree.visualItemRect(review)
    # A real double-click is a press, a release, then the double-click itself.
    qtbot.mouseClick(view.tree.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    with qtbot.waitSignal(view.meeting_activated) as emitted:
        qtbot.mouseDClick(view.tree.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert emitted.args == [ids["A-review"]]


def test_enter_on_a_deadline_opens_it_too(
    qtbot: QtBot, laid_out: tuple[Workspace, dict[str, str]]
) -> None:
    workspace, ids = laid_out
    view = DeadlinesView(workspace)
    qtbot.addWidget(view)
    view.show()
    qtbot.waitExposed(view)
    view.tree.setFocus()
    view.tree.setCurrentItem(_groups(view)[0].child(0))
    with qtbot.waitSignal(view.meeting_activated) as emitted:
        qtbot.keyClick(view.tree, Qt.Key.Key_Return)
    assert emitted.args == [ids["B-strategy"]]


def test_an_empty_workspace_says_nothing_is_due(qtbot: QtBot, workspace: Workspace) -> None:
    view = DeadlinesView(workspace)
    qtbot.addWidget(view)
    assert _groups(view)[0].text(0) == "Overdue (0)"
    assert _texts(_groups(view)[0], 0) == ["Nothing is due"]
    view.clear()
    assert view.tree.topLevelItemCount() == 0


def test_home_reads_the_deadlines_in_the_background_and_again_only_after_a_change(
    qtbot: QtBot, laid_out: tuple[Workspace, dict[str, str]]
) -> None:
    workspace, _ = laid_out
    view = DeadlinesView(workspace, load=False)
    qtbot.addWidget(view)
    with qtbot.waitSignal(view.loaded):
        view.refresh_when_changed()
        # The call returned before anything was read: the window still answers.
        assert view.is_loading() and view.current() is None
    found = view.current()
    assert found is not None and found.items
    view.refresh_when_changed()  # nothing written since: nothing read
    assert not view.is_loading() and view.current() is found
    update_setting(workspace, key="chair_name", value="Jordan Example")
    with qtbot.waitSignal(view.loaded):
        view.refresh_when_changed()
    assert view.current() is not found
    assert view.current() == found
