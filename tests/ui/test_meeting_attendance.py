"""Attendance by agency in meeting mode: statuses, arrivals and walk-ins, by keyboard."""

from __future__ import annotations

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from app.models import AttendanceStatus
from app.services.conduct.attendance import list_attendance
from app.ui.meeting.walk_in import ArrivalPicker
from tests.conftest import FIXED_NOW
from tests.ui.test_meeting_support import PEOPLE, focused, press

pytest_plugins = ["tests.ui.test_meeting_support"]

CTRL_SHIFT = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
POLICE = PEOPLE["police"][0]
NURSE = PEOPLE["health"][0]


def stored(fixture, name: str):
    return next(
        r
        for r in list_attendance(fixture.workspace, meeting_id=fixture.meeting_id)
        if r.name == name
    )


def test_the_statutory_agencies_are_listed_by_default(strategy, open_view) -> None:
    view = open_view(strategy)
    names = {line.row.agency_name: line.row.name for line in view.attendance.lines.values()}
    assert names == {
        "Children's social care": PEOPLE["social-care"][0],
        "Police": POLICE,
        "Health": NURSE,
        "Education": PEOPLE["education"][0],
    }
    assert view.attendance.summary.text() == "4 invited"


def test_status_changes_are_stored(strategy, open_view, qtbot: QtBot) -> None:
    view = open_view(strategy)
    line = view.attendance.line_for(NURSE)
    line.status.setFocus()
    # Down twice from "Invited": "Attended", then "Apologies", each stored as chosen.
    press(line.status, Qt.Key.Key_Down)
    assert stored(strategy, NURSE).status is AttendanceStatus.ATTENDED
    press(focused(view), Qt.Key.Key_Down)
    assert stored(strategy, NURSE).status is AttendanceStatus.APOLOGIES
    assert "1 apologies" in view.attendance.summary.text()
    # The rebuilt list keeps the cursor on the same person.
    assert view.attendance.line_for(NURSE).status.hasFocus()

    view.attendance.line_for(POLICE).arrived.click()
    police = stored(strategy, POLICE)
    assert police.status is AttendanceStatus.ATTENDED
    assert police.arrived_at == FIXED_NOW
    line = view.attendance.line_for(POLICE)
    assert line.times.text().startswith("arrived ")
    line.left.click()
    assert stored(strategy, POLICE).departed_at == FIXED_NOW


def test_everyone_invited_is_here_in_one_step(strategy, open_view) -> None:
    view = open_view(strategy)
    panel = view.attendance
    panel.line_for(NURSE).status.setFocus()
    press(panel.line_for(NURSE).status, Qt.Key.Key_Down)
    press(focused(view), Qt.Key.Key_Down)  # the nurse sent apologies
    assert panel.all_arrived.isVisible()
    panel.all_arrived.click()
    rows = {
        row.name: row for row in list_attendance(strategy.workspace, meeting_id=strategy.meeting_id)
    }
    assert rows.pop(NURSE).status is AttendanceStatus.APOLOGIES
    assert {row.status for row in rows.values()} == {AttendanceStatus.ATTENDED}
    assert {row.arrived_at for row in rows.values()} == {FIXED_NOW}
    assert panel.summary.text() == "3 attended, 1 apologies"
    # Nobody is left to mark: the button goes.
    assert not panel.all_arrived.isVisible()


def test_role_is_saved_as_typed(strategy, open_view, qtbot: QtBot) -> None:
    view = open_view(strategy)
    role = view.attendance.line_for(POLICE).role
    role.selectAll()
    qtbot.keyClicks(role, "Detective sergeant")
    with qtbot.waitSignal(view.state.autosave.saved, timeout=3000):
        pass
    assert stored(strategy, POLICE).role == "Detective sergeant"


def test_a_walk_in_in_a_few_keystrokes(strategy, open_view, qtbot: QtBot) -> None:
    view = open_view(strategy)
    press(focused(view), Qt.Key.Key_W, CTRL_SHIFT)
    assert view.attendance.walk_in.name.hasFocus()
    qtbot.keyClicks(focused(view), "Jo Walk-In")
    press(focused(view), Qt.Key.Key_Tab)
    qtbot.keyClicks(focused(view), "Prob")  # type to choose: Probation Service
    press(focused(view), Qt.Key.Key_Tab)
    qtbot.keyClicks(focused(view), "Probation officer")
    press(focused(view), Qt.Key.Key_Return)
    walk_in = stored(strategy, "Jo Walk-In")
    assert walk_in.agency_name == "Probation Service"
    assert walk_in.role == "Probation officer"
    assert walk_in.status is AttendanceStatus.ATTENDED
    assert walk_in.walk_in and walk_in.arrived_at == FIXED_NOW
    assert "Jo Walk-In" in {line.row.name for line in view.attendance.lines.values()}
    assert view.attendance.walk_in.name.text() == ""


def test_a_walk_in_needs_an_agency(strategy, open_view, qtbot: QtBot) -> None:
    view = open_view(strategy)
    form = view.attendance.walk_in
    form.start()
    qtbot.keyClicks(form.name, "Jo Walk-In")
    press(form.name, Qt.Key.Key_Return)
    assert form.error.text() == "Choose the walk-in's agency."
    assert form.name.text() == "Jo Walk-In"  # nothing typed is lost
    assert all(
        r.name != "Jo Walk-In"
        for r in list_attendance(strategy.workspace, meeting_id=strategy.meeting_id)
    )


def test_mark_someone_arrived_with_the_quick_picker(strategy, open_view, qtbot: QtBot) -> None:
    view = open_view(strategy)
    press(focused(view), Qt.Key.Key_M, CTRL_SHIFT)
    picker = view.dialog
    assert isinstance(picker, ArrivalPicker)
    qtbot.keyClicks(picker.filter, "nurse")
    assert picker.list.count() == 1
    with qtbot.waitSignal(picker.arrived):
        press(picker.filter, Qt.Key.Key_Return)
    assert stored(strategy, NURSE).status is AttendanceStatus.ATTENDED
    assert view.attendance.line_for(NURSE).status.currentText() == "Attended"
    # An agency that attends gets its own information panel.
    press(focused(view), Qt.Key.Key_3, Qt.KeyboardModifier.ControlModifier)
    assert "Health" in {p.title() for p in view.current_page.panels.values()}


def test_an_arrival_updates_the_lines_in_place(strategy, open_view) -> None:
    view = open_view(strategy)
    before = dict(view.attendance.lines)
    police = view.attendance.line_for(POLICE)
    police.arrived.click()
    # The same people in the same groups: each line shows its row again, none is made anew.
    assert view.attendance.lines == before
    assert all(view.attendance.lines[i] is line for i, line in before.items())
    assert police.row.status is AttendanceStatus.ATTENDED
    assert police.status.currentData() == AttendanceStatus.ATTENDED.value
    assert police.times.text().startswith("arrived ")
    assert police.arrived.isHidden() and not police.left.isHidden()
    assert view.attendance.summary.text() == "3 invited, 1 attended"


def test_someone_new_rebuilds_the_list(strategy, open_view, qtbot: QtBot) -> None:
    view = open_view(strategy)
    before = set(view.attendance.lines.values())
    press(focused(view), Qt.Key.Key_W, CTRL_SHIFT)
    qtbot.keyClicks(focused(view), "Jo Walk-In")
    press(focused(view), Qt.Key.Key_Tab)
    qtbot.keyClicks(focused(view), "Prob")
    press(focused(view), Qt.Key.Key_Tab)
    qtbot.keyClicks(focused(view), "Probation officer")
    press(focused(view), Qt.Key.Key_Return)
    assert len(view.attendance.lines) == 5
    assert "Jo Walk-In" in {line.row.name for line in view.attendance.lines.values()}
    assert not before & set(view.attendance.lines.values())
