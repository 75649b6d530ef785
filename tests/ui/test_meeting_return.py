"""Coming back to a meeting (reopening it, or unlocking) returns to the item the
chair was on, not to item 1."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from app.services.conduct.drafts import CURRENT_ITEM_KEY, list_drafts, remembered_item
from app.ui.main_window import MainWindow
from app.ui.meeting import MeetingView
from app.ui.shell import Shell
from tests.ui.conftest import unlock
from tests.ui.test_meeting_support import focused, press

pytest_plugins = ["tests.ui.test_meeting_support"]

CTRL = Qt.KeyboardModifier.ControlModifier
ALT = Qt.KeyboardModifier.AltModifier


def _view(window: MainWindow) -> MeetingView:
    view = window.detail
    assert isinstance(view, MeetingView)
    return view


def test_reopening_the_meeting_returns_to_the_chairs_item(strategy, open_view, qtbot) -> None:  # type: ignore[no-untyped-def]
    view = open_view(strategy)
    assert view.state.flow.index == 0
    press(focused(view), Qt.Key.Key_4, CTRL)
    press(focused(view), Qt.Key.Key_Right, ALT)
    assert view.state.flow.index == 4
    title = view.state.flow.current.title
    view.leave_now()
    view.close()

    again = open_view(strategy)
    assert again.state.flow.index == 4
    assert again.current_page.isVisible()
    assert again.notice.text() == f"Back at item 5, {title}, where you were."
    # Kept beside the drafts, never shown as one.
    assert remembered_item(strategy.workspace, meeting_id=strategy.meeting_id)
    keys = [
        row.field_key for row in list_drafts(strategy.workspace, meeting_id=strategy.meeting_id)
    ]
    assert CURRENT_ITEM_KEY not in keys


def test_unlocking_returns_to_the_chairs_item(
    qtbot: QtBot,
    make_shell: Callable[[Path], Shell],
    journey_template: tuple[Path, dict[str, str]],
    tmp_path: Path,
) -> None:
    source, ids = journey_template
    path = tmp_path / "journey.macpt"
    shutil.copyfile(source, path)
    path.chmod(0o600)
    shell = make_shell(path)
    window = unlock(qtbot, shell)
    window.open_meeting(ids["meeting_id"])
    view = _view(window)
    qtbot.waitUntil(lambda: view.focusWidget() is not None)
    press(focused(view), Qt.Key.Key_3, CTRL)
    assert view.state.flow.index == 2
    with qtbot.waitSignal(shell.locked):
        press(focused(window), Qt.Key.Key_L, CTRL)
    window = unlock(qtbot, shell)
    view = _view(window)
    assert view.state.flow.index == 2
    # The agenda is on show as a panel, or as one line when the window is narrow.
    assert view.agenda.isVisible() or view.agenda_line.isVisible()
