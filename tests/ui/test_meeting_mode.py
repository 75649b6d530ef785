"""Meeting mode with the keyboard: starting, moving through the agenda, the clocks."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit, QMainWindow
from pytestqt.qtbot import QtBot

from app.models import MeetingStatus
from app.services.conduct.actions import list_actions
from app.services.conduct.agenda import list_agenda
from app.services.meetings import get_meeting
from app.ui.meeting import MeetingView
from app.ui.meeting.action_form import QuickActionDialog
from app.ui.meeting.steps.actions import ActionsPage
from app.ui.meeting.steps.decision import DecisionPage
from app.workflow import StepKind
from tests.conftest import FIXED_NOW
from tests.ui.test_meeting_support import focused, press

pytest_plugins = ["tests.ui.test_meeting_support"]

ALT = Qt.KeyboardModifier.AltModifier
CTRL = Qt.KeyboardModifier.ControlModifier
CTRL_SHIFT = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier


def test_starting_the_meeting_moves_it_in_progress(strategy, open_view, qtbot: QtBot) -> None:
    view = open_view(strategy)
    assert view.header.start.isVisible()
    assert view.header.clocks.text() == "Clock not started"
    view.header.start.click()
    summary = get_meeting(strategy.workspace, meeting_id=strategy.meeting_id)
    assert summary.status is MeetingStatus.IN_PROGRESS
    assert not view.header.start.isVisible()
    assert view.header.clocks.text() == "This item 0:00 · Meeting 0:00"


def test_keyboard_moves_through_the_agenda(strategy, open_view, qtbot: QtBot) -> None:
    view = open_view(strategy)
    flow = view.state.flow
    assert flow.index == 0
    press(focused(view), Qt.Key.Key_Right, ALT)
    assert flow.index == 1
    assert view.stack.currentWidget() is view.current_page
    press(focused(view), Qt.Key.Key_PageDown, CTRL)
    assert flow.index == 2
    press(focused(view), Qt.Key.Key_Left, ALT)
    assert flow.index == 1
    press(focused(view), Qt.Key.Key_D, CTRL)
    assert flow.current.kind is StepKind.DECISION
    assert isinstance(view.current_page, DecisionPage)
    # The cursor lands on the decision page, so typing goes on from there.
    assert view.current_page.isAncestorOf(focused(view))
    press(focused(view), Qt.Key.Key_0, CTRL)
    assert len(flow.steps) == 10 and flow.index == 9  # the tenth: any other business
    press(focused(view), Qt.Key.Key_1, CTRL)
    assert flow.index == 0
    marks = [view.agenda.text_of(i)[0] for i in range(len(flow.steps))]
    assert marks[0] == "▶"
    assert marks[1] == "✓" and marks[2] == "✓"
    assert set(marks[3:]) - {"✓"} == {"○"}
    assert view.agenda.position.text() == f"Item 1 of {len(flow.steps)}"


def test_typing_in_notes_is_kept_while_moving(strategy, open_view, qtbot: QtBot) -> None:
    view = open_view(strategy)
    notes = view.current_page.notes
    qtbot.keyClicks(notes, "Everyone introduced themselves.")
    # Moving on stores what was typed at once, without waiting for the debounce.
    press(notes, Qt.Key.Key_Right, ALT)
    first = list_agenda(strategy.workspace, meeting_id=strategy.meeting_id)[0]
    assert first.notes == "Everyone introduced themselves."
    assert view.saved.text() == "All changes saved"


def test_add_an_action_from_any_item(strategy, open_view, qtbot: QtBot) -> None:
    view = open_view(strategy)
    press(focused(view), Qt.Key.Key_A, CTRL_SHIFT)
    dialog = view.dialog
    assert isinstance(dialog, QuickActionDialog)
    qtbot.waitUntil(lambda: dialog.form.description.hasFocus())
    qtbot.keyClicks(dialog.form.description, "Home visit by the social worker")
    press(dialog.form.description, Qt.Key.Key_Tab)
    qtbot.keyClicks(focused(dialog), "Sam Sample-Social-Worker")
    with qtbot.waitSignal(dialog.finished):
        press(focused(dialog), Qt.Key.Key_Return)
    (action,) = list_actions(strategy.workspace, meeting_id=strategy.meeting_id)
    assert action.description == "Home visit by the social worker"
    assert action.owner_name == "Sam Sample-Social-Worker"
    assert view.state.flow.index == 0  # the chair stays where they were


def test_elapsed_time_comes_from_the_injected_clock(strategy, open_view, qtbot: QtBot) -> None:
    now = [FIXED_NOW]
    view = open_view(strategy, now=lambda: now[0])
    view.header.start.click()
    now[0] = FIXED_NOW + dt.timedelta(minutes=4, seconds=5)
    view.header.tick()
    assert view.header.clocks.text() == "This item 4:05 · Meeting 4:05"
    press(focused(view), Qt.Key.Key_Right, ALT)
    now[0] += dt.timedelta(seconds=30)
    view.header.tick()
    assert view.header.clocks.text() == "This item 0:30 · Meeting 4:35"
    # Time spent on the first item is stored with it when the chair moves on.
    first = list_agenda(strategy.workspace, meeting_id=strategy.meeting_id)[0]
    assert first.seconds_spent == 245
    assert "4:05" in view.agenda.text_of(0)


def test_after_starting_the_cursor_is_back_in_the_notes(strategy, open_view, qtbot: QtBot) -> None:
    view = open_view(strategy)
    view.header.start.setFocus()
    press(view.header.start, Qt.Key.Key_Space)
    assert view.current_page.notes.hasFocus()
    qtbot.keyClicks(focused(view), "Typed straight after starting")
    assert view.dialog is None  # no button took the keystrokes


def test_start_the_meeting_from_the_keyboard(strategy, open_view) -> None:
    view = open_view(strategy)
    press(focused(view), Qt.Key.Key_S, CTRL_SHIFT)
    summary = get_meeting(strategy.workspace, meeting_id=strategy.meeting_id)
    assert summary.status is MeetingStatus.IN_PROGRESS
    assert view.current_page.notes.hasFocus()


def test_opened_inside_a_window_the_cursor_is_in_the_first_item(strategy, qtbot: QtBot) -> None:
    # As the main window does: the list the meeting was opened from keeps the focus
    # until meeting mode is shown, and then no meeting shortcut would work.
    window = QMainWindow()
    qtbot.addWidget(window)
    listing = QLineEdit()
    window.setCentralWidget(listing)
    window.show()
    qtbot.waitActive(window)
    listing.setFocus()
    view = MeetingView(strategy.workspace, strategy.meeting_id)
    window.setCentralWidget(view)
    qtbot.waitUntil(lambda: window.focusWidget() is view.current_page.notes)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    press(focused(view), Qt.Key.Key_S, CTRL_SHIFT)
    assert view.state.header.status is MeetingStatus.IN_PROGRESS


def test_actions_one_after_another_from_the_keyboard(strategy, open_view, qtbot: QtBot) -> None:
    view = open_view(strategy)
    view.go_to_item(
        next(i for i, s in enumerate(view.state.flow.steps) if s.kind is StepKind.ACTIONS)
    )
    page = view.current_page
    assert isinstance(page, ActionsPage)
    form = page.form
    assert form.description.hasFocus()
    qtbot.keyClicks(form.description, "Check school attendance")
    press(form.description, Qt.Key.Key_Tab)
    qtbot.keyClicks(focused(view), "Morgan Sample-Teacher")
    form.due.setFocus()
    qtbot.keyClicks(form.due, "27/11/2026")
    press(form.due, Qt.Key.Key_Return)  # Enter in the date adds it too
    (action,) = list_actions(strategy.workspace, meeting_id=strategy.meeting_id)
    assert action.due_date == dt.date(2026, 11, 27)
    # Ready for the next action; the one added reads in full on its own line.
    assert form.description.hasFocus() and form.due.text() == ""
    assert page.lines[action.id].description.text() == "Check school attendance"
    # Tab from the action just added goes on down to the form, not back to the top.
    line = page.lines[action.id]
    line.status.setFocus()
    press(line.status, Qt.Key.Key_Tab)
    assert form.description.hasFocus()


def test_after_a_walk_in_the_cursor_goes_back_to_the_item(strategy, open_view, qtbot) -> None:
    view = open_view(strategy)
    press(focused(view), Qt.Key.Key_W, CTRL_SHIFT)
    walk_in = view.attendance.walk_in
    qtbot.keyClicks(walk_in.name, "Jo Walk-In")
    walk_in.agency.setCurrentIndex(walk_in.agency.findText("Police"))
    press(walk_in.name, Qt.Key.Key_Return)
    assert view.current_page.notes.hasFocus()
