"""Entering and leaving meeting mode never fails, at any laptop size and text scale.

Each combination opens a strategy meeting and a five-day review in the real main
window, walks every agenda item and leaves meeting mode as the chair does (the
Leave key twice). An exception in any Qt handler fails the test.
"""

from __future__ import annotations

import functools
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from app.ui import scrub
from app.ui.meeting import MeetingView
from app.ui.meeting.steps.base import NOTES_LINES
from app.ui.meeting.walk_in import ArrivalPicker
from app.ui.shell import Shell
from tests.ui.conftest import unlock
from tests.ui.test_meeting_support import focused, press
from tests.ui.text_size import text_size as scaled_text

pytest_plugins = ["tests.ui.test_meeting_support"]

SIZES = [(1024, 600), (1366, 768), (1920, 1080)]
SCALES = [100, 150, 200]
LEAVE = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier


def assert_fits(view: MeetingView, size: tuple[int, int]) -> None:
    """The window never grows past the screen, six lines of notes show, and the agenda
    can be reached (as a column, or as one line when three columns do not fit)."""
    window = view.window()
    assert window.width() <= size[0]
    assert window.height() <= size[1]
    assert window.minimumSizeHint().height() <= size[1]
    assert window.minimumSizeHint().width() <= size[0]
    # The rest of the window (menus, toolbar, status bar) is not meeting mode's to shrink.
    assert view.minimumSizeHint().height() <= size[1] // 2
    assert view.minimumSizeHint().width() <= size[0]
    page = view.current_page
    notes = page.notes
    notes.clearFocus()
    notes.setFocus()  # as arriving at the item or its Alt key does: it scrolls into sight
    QApplication.processEvents()
    shown = notes.viewport().visibleRegion().boundingRect().height()
    assert shown >= NOTES_LINES * notes.fontMetrics().lineSpacing(), page.step.title
    if view.compact:
        assert view.agenda_line.isVisible() and not view.agenda.isVisible()
        assert view.agenda_line.items.count() == len(view.state.flow.steps)
        assert view.attendance_toggle.isVisible()
    else:
        assert view.agenda.isVisible() and view.attendance.isVisible()
        assert view.agenda.list.count() == len(view.state.flow.steps)


@pytest.fixture
def text_size(request: pytest.FixtureRequest) -> Iterator[int]:
    """The application's text at ``scale`` per cent, set as Settings sets it (a window's
    own font does not reach a view styled before it was placed)."""
    with scaled_text(request.param):
        yield request.param


@pytest.mark.parametrize("text_size", SCALES, ids=lambda s: f"{s}pc", indirect=True)
@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_enter_every_step_and_leave(
    qtbot: QtBot,
    make_shell: Callable[[Path], Shell],
    journey_template: tuple[Path, dict[str, str]],
    tmp_path: Path,
    size: tuple[int, int],
    text_size: int,
) -> None:
    source, ids = journey_template
    path = tmp_path / "journey.macpt"
    shutil.copyfile(source, path)
    path.chmod(0o600)
    shell = make_shell(path)
    window = unlock(qtbot, shell)
    window.resize(*size)
    for meeting_id in (ids["strategy_id"], ids["meeting_id"]):
        window.open_meeting(meeting_id)
        # Home, shown first, may be taller than a small screen at a large text size; the
        # window is kept to the screen, as a window manager does with a maximised window.
        window.resize(*size)
        view = window.detail
        assert isinstance(view, MeetingView)
        qtbot.waitUntil(lambda v=view: v.focusWidget() is not None)  # type: ignore[misc]
        steps = len(view.state.flow.steps)
        for index in range(steps):
            if view.compact:  # every item is reached as the chair would, by the agenda line
                view.agenda_line.items.activated.emit(index)
            else:
                view.agenda.list.itemActivated.emit(view.agenda.list.item(index))
            assert view.state.flow.index == index
            QApplication.processEvents()  # layouts and resizes run, as on screen
            assert_fits(view, size)
        closed: list[bool] = []
        view.closed.connect(functools.partial(closed.append, True))
        press(focused(view), Qt.Key.Key_Q, LEAVE)
        press(focused(view), Qt.Key.Key_Q, LEAVE)
        assert closed == [True]
        assert window.detail is None
        QApplication.processEvents()  # resizes after leaving
        QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
        QApplication.processEvents()
    assert shell.window is window


def test_the_agenda_survives_being_emptied_before_it_goes(strategy, open_view) -> None:
    """Leaving scrubs the view before deleting it; the agenda list, emptied, loses its
    scroll bar and is resized, and the clock may tick once more. None of it may fail."""
    view = open_view(strategy)
    view.agenda.list.resize(view.agenda.list.width() - 40, 80)
    scrub.scrub(view)
    view.agenda.list.resize(view.agenda.list.width() + 40, 400)  # the viewport is resized
    QApplication.processEvents()
    view.agenda.update_items()
    view._on_tick()
    assert view.agenda.list.count() == 0


def test_the_narrow_layout_keeps_agenda_and_attendance_at_hand(strategy, open_view) -> None:
    """Too narrow for three columns: the agenda is one line, attendance is behind a button,
    and the keys that need attendance bring it out."""
    view = open_view(strategy)
    view.resize(view.fontMetrics().averageCharWidth() * 80, 700)
    QApplication.processEvents()
    assert view.compact
    assert not view.agenda.isVisible() and not view.attendance.isVisible()
    view.agenda_line.items.setFocus()
    view.agenda_line.items.activated.emit(3)  # as choosing it with the keyboard does
    assert view.state.flow.index == 3
    assert view.agenda_line.items.currentText().startswith("▶ Item 4 of ")
    assert view.attendance_toggle.text() == f"Attendance ({len(view.attendance.lines)})"
    view.attendance_toggle.click()
    assert view.attendance.isVisible() and not view.centre.isVisible()
    assert view.attendance.isAncestorOf(view.focusWidget())
    view.attendance_toggle.click()
    assert view.centre.isVisible() and view.current_page.isAncestorOf(view.focusWidget())
    view.shortcuts["Ctrl+Shift+M"].activated.emit()  # arrived: a picker, panel or not
    assert isinstance(view.dialog, ArrivalPicker)
    view.dialog.reject()
    view.shortcuts["Ctrl+Shift+W"].activated.emit()
    assert view.attendance.isVisible()
    assert view.focusWidget() is view.attendance.walk_in.name
    # Wide again: three columns, nothing behind a button.
    view.resize(view.fontMetrics().averageCharWidth() * 160, 700)
    QApplication.processEvents()
    assert not view.compact
    assert view.agenda.isVisible() and view.attendance.isVisible() and view.centre.isVisible()


def test_a_larger_text_size_folds_the_columns_at_once(strategy, open_view) -> None:
    """Settings changes the text size while a meeting is open: the layout follows."""
    view = open_view(strategy)
    view.resize(view.fontMetrics().averageCharWidth() * 150, 700)
    QApplication.processEvents()
    assert not view.compact
    with scaled_text(200):
        QApplication.processEvents()
        assert view.compact
        assert view.agenda_line.isVisible() and not view.agenda.isVisible()
        lines = view.fontMetrics().lineSpacing() * (NOTES_LINES + 5)
        assert view.columns.minimumHeight() == lines
    QApplication.processEvents()
    assert not view.compact
