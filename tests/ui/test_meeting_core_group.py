"""A core group in meeting mode: started, noted, an action added, closed, signed off and
minuted through the same generic steps as every meeting."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest
from docx import Document
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from app.models import MeetingStatus, MeetingType
from app.services.clocks import journey
from app.services.conduct import attendance
from app.services.conduct.actions import list_actions
from app.services.conduct.agenda import list_agenda
from app.services.meetings import get_meeting
from app.services.register import all_register_rows
from app.storage.workspace import Workspace
from app.ui.meeting.closing_dialog import ClosingDialog
from app.ui.meeting.invitations_dialog import InvitationsDialog
from app.ui.meeting.signoff import SignOffDialog
from app.ui.meeting.steps.actions import ActionsPage
from app.ui.register import cells
from app.workflow.clocks import ClockKind
from app.workflow.steps import StepKind
from tests.test_journey_fixtures import after_icpc, meeting_of, opened_copy, schedule, the_child
from tests.ui.test_meeting_support import MeetingFixture, focused, press

pytest_plugins = ["tests.ui.test_meeting_support"]

SHIFT_CTRL = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
ALT = Qt.KeyboardModifier.AltModifier
DAY = dt.date(2026, 6, 9)


def core_group_scheduled(workspace: Workspace) -> None:
    after_icpc(workspace)
    schedule(workspace, the_child(workspace), MeetingType.CORE_GROUP, DAY)


@pytest.fixture
def core_group(
    tmp_path_factory: pytest.TempPathFactory, tmp_path: Path
) -> Iterator[MeetingFixture]:
    workspace = opened_copy(tmp_path_factory, tmp_path, "ui-core-group", core_group_scheduled)
    child = the_child(workspace)
    yield MeetingFixture(
        workspace, child.case_id, meeting_of(workspace, child, MeetingType.CORE_GROUP)
    )
    workspace.close()


def test_a_core_group_runs_through_meeting_mode_to_sign_off(
    core_group, open_view, meeting_dialogs, qtbot: QtBot
) -> None:
    ws, meeting_id = core_group.workspace, core_group.meeting_id
    view = open_view(core_group)
    kinds = [s.kind for s in view.state.flow.steps]
    assert kinds == [StepKind.NOTES, StepKind.NOTES, StepKind.AGENCY_INFORMATION, StepKind.ACTIONS]
    view.header.start.click()
    assert get_meeting(ws, meeting_id=meeting_id).status is MeetingStatus.IN_PROGRESS
    for row in attendance.list_attendance(ws, meeting_id=meeting_id):
        attendance.mark_arrived(ws, attendance_id=row.id)

    for text in (
        "Fictional: the core group met to put the plan into action.",
        "Fictional: the child says school is better and wants more time with gran.",
    ):
        notes = view.current_page.notes
        qtbot.keyClicks(notes, text)
        press(notes, Qt.Key.Key_Right, ALT)
    view.go_to_item(kinds.index(StepKind.ACTIONS))
    page = view.current_page
    assert isinstance(page, ActionsPage)
    qtbot.keyClicks(page.form.description, "Book the next core group")
    press(page.form.description, Qt.Key.Key_Tab)
    qtbot.keyClicks(focused(view), "Sam Example-Social-Worker")
    page.form.due.setFocus()
    qtbot.keyClicks(page.form.due, "16/06/2026")
    press(page.form.due, Qt.Key.Key_Return)
    assert [a.description for a in list_actions(ws, meeting_id=meeting_id)] == [
        "Book the next core group"
    ]
    assert list_agenda(ws, meeting_id=meeting_id)[1].notes.startswith("Fictional: the child")

    # No threshold or conference decision: closing needs only the required sections.
    press(focused(view), Qt.Key.Key_E, SHIFT_CTRL)
    dialog = view.dialog
    assert isinstance(dialog, ClosingDialog)
    assert dialog.gap_buttons == []
    dialog.close_button.click()
    assert view.state.header.status is MeetingStatus.CLOSED

    view.header.sign_off.click()
    signing = view.dialog
    assert isinstance(signing, SignOffDialog)
    with qtbot.waitSignal(signing.finished):
        signing.ok_button.click()
    assert get_meeting(ws, meeting_id=meeting_id).status is MeetingStatus.SIGNED_OFF
    found = journey(ws, case_id=core_group.case_id).clock(ClockKind.CORE_GROUP)
    assert found is not None and found.held_on == DAY

    view.header.export.click()
    assert meeting_dialogs.suggested[0].name == "Core group meeting minutes 2026-06-09 v1.docx"
    target = meeting_dialogs.document
    assert target is not None and target.exists()
    text = "\n".join(p.text for p in Document(str(target)).paragraphs)
    assert "Core group meeting minutes" in text
    assert "wants more time with gran" in text


def test_the_register_marks_a_late_core_group(core_group) -> None:
    (row,) = all_register_rows(core_group.workspace, today=dt.date(2026, 6, 11))
    shown = cells.line(row, names_hidden=True)
    assert shown.cells[cells.COL["overdue"]] == "Core group"
    assert shown.hot == {cells.COL["overdue"], cells.COL["plan_start"]}


def test_family_members_can_be_invited_to_a_core_group(core_group, qtbot: QtBot) -> None:
    dialog = InvitationsDialog(core_group.workspace, core_group.meeting_id)
    qtbot.addWidget(dialog)
    assert dialog.conference  # the family section is shown
