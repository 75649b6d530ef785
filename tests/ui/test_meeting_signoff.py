"""After the meeting: sign-off locks the minutes, amendments, reissue and export."""

from __future__ import annotations

from docx import Document
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from app.models import MeetingStatus, ThresholdOutcome
from app.services.conduct import attendance, decision
from app.services.conduct.agenda import list_agenda
from app.services.conduct.closing import close_meeting, start_meeting
from app.services.conduct.signoff import list_amendments, list_minutes_issues
from app.services.demo import chairing, risks
from app.services.meetings import get_meeting
from app.ui.meeting.signoff import AmendmentDialog, SignOffDialog
from tests.ui.test_meeting_support import focused, press

pytest_plugins = ["tests.ui.test_meeting_support"]

CTRL_SHIFT = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
RATIONALE = "Bruising explained by a witnessed fall; no other concerns."


def ready_to_close(fixture) -> None:
    ws, meeting_id = fixture.workspace, fixture.meeting_id
    start_meeting(ws, meeting_id=meeting_id)
    chairing.write_sections(ws, meeting_id)
    for row in attendance.list_attendance(ws, meeting_id=meeting_id):
        attendance.mark_arrived(ws, attendance_id=row.id)
    decision.save_decision(
        ws,
        meeting_id=meeting_id,
        threshold_met=False,
        outcome=ThresholdOutcome.NFA,
        rationale=RATIONALE,
    )
    risks.answer(ws, meeting_id)  # "none known"


def test_sign_off_locks_the_minutes_and_changes_become_amendments(
    strategy, open_view, qtbot: QtBot
) -> None:
    ready_to_close(strategy)
    close_meeting(strategy.workspace, meeting_id=strategy.meeting_id)
    view = open_view(strategy)
    assert view.header.sign_off.isVisible()
    view.header.sign_off.click()
    dialog = view.dialog
    assert isinstance(dialog, SignOffDialog)
    with qtbot.waitSignal(dialog.finished):
        dialog.ok_button.click()
    assert (
        get_meeting(strategy.workspace, meeting_id=strategy.meeting_id).status
        is MeetingStatus.SIGNED_OFF
    )
    assert view.header.status.text() == "Status: Signed off by Test Chair on Mon 23 Nov 2026"

    # Editing is refused: the notes are read-only and typing changes nothing stored.
    notes = view.current_page.notes
    assert notes.isReadOnly()
    qtbot.keyClicks(notes, "A silent change")
    assert list_agenda(strategy.workspace, meeting_id=strategy.meeting_id)[0].notes == ""
    assert not view.attendance.walk_in.isVisible()  # no walk-ins once signed off
    assert not view.header.close_meeting.isVisible()

    view.header.amend.click()
    dialog = view.dialog
    assert isinstance(dialog, AmendmentDialog)
    dialog.ok_button.click()  # both fields are needed: the dialog says so and stays open
    assert dialog.isVisible() and dialog.error.text() == "Give what is being amended."
    qtbot.keyClicks(dialog.what, "The police officer's name was spelt wrongly.")
    qtbot.keyClicks(dialog.why, "Corrected at the officer's request.")
    with qtbot.waitSignal(dialog.finished):
        dialog.ok_button.click()
    (amendment,) = list_amendments(strategy.workspace, meeting_id=strategy.meeting_id)
    assert (amendment.what, amendment.made_by, amendment.version) == (
        "The police officer's name was spelt wrongly.",
        "Test Chair",
        None,
    )
    view.header.reissue.click()
    assert [
        i.version for i in list_minutes_issues(strategy.workspace, meeting_id=strategy.meeting_id)
    ] == [1, 2]
    assert view.notice.text() == "Minutes reissued as version 2. Export them to send it."


def test_export_minutes_through_the_injected_dialog(
    strategy, open_view, meeting_dialogs, qtbot: QtBot
) -> None:
    ready_to_close(strategy)
    view = open_view(strategy)
    press(focused(view), Qt.Key.Key_X, CTRL_SHIFT)
    target = meeting_dialogs.document
    assert target is not None and target.exists()
    assert meeting_dialogs.suggested[0].name == "Strategy meeting minutes 2026-11-23 DRAFT.docx"
    text = "\n".join(p.text for p in Document(str(target)).paragraphs)
    assert RATIONALE in text
    assert "Robin" not in meeting_dialogs.suggested[0].name
    assert view.notice.text().startswith("Draft minutes saved as minutes.docx")
    assert view.open_folder.isVisible()
    view.open_folder.click()
    assert meeting_dialogs.opened == [target.parent]


def test_export_to_a_missing_folder_says_so(strategy, open_view, meeting_dialogs, tmp_path) -> None:
    meeting_dialogs.document = tmp_path / "no such folder" / "minutes.docx"
    view = open_view(strategy)
    view.header.export.click()
    assert not meeting_dialogs.document.exists()
    assert "does not exist" in view.notice.text()
    assert not view.open_folder.isVisible()


def test_cancelling_the_export_writes_nothing(
    strategy, open_view, meeting_dialogs, tmp_path
) -> None:
    meeting_dialogs.document = None
    view = open_view(strategy)
    view.header.export.click()
    assert list(tmp_path.glob("*.docx")) == []
    assert meeting_dialogs.asked == ["Export minutes"]
