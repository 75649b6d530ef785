"""Signed-off minutes look read-only in meeting mode, and a line says why."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QPalette
from pytestqt.qtbot import QtBot

from app.services.conduct.closing import close_meeting
from app.ui.meeting.read_only import looks_read_only
from app.ui.meeting.signoff import SignOffDialog
from tests.ui.test_meeting_signoff import ready_to_close
from tests.ui.test_meeting_support import focused, press

pytest_plugins = ["tests.ui.test_meeting_support"]

CTRL = Qt.KeyboardModifier.ControlModifier


def _grey(widget) -> bool:  # type: ignore[no-untyped-def]
    palette = widget.palette()
    return bool(palette.color(QPalette.ColorRole.Base) == palette.color(QPalette.ColorRole.Window))


def test_after_sign_off_every_field_looks_read_only(strategy, open_view, qtbot: QtBot) -> None:
    ready_to_close(strategy)
    close_meeting(strategy.workspace, meeting_id=strategy.meeting_id)
    view = open_view(strategy)
    notes = view.current_page.notes
    assert not notes.isReadOnly() and not looks_read_only(notes) and not _grey(notes)
    assert not view.signed_off_line.isVisible()

    view.header.sign_off.click()
    dialog = view.dialog
    assert isinstance(dialog, SignOffDialog)
    with qtbot.waitSignal(dialog.finished):
        dialog.ok_button.click()

    assert notes.isReadOnly() and looks_read_only(notes) and _grey(notes)
    assert view.signed_off_line.isVisible()
    # The long status ("Signed off by … on …") wraps: the view still fits a 1024-pixel screen.
    status = view.header.status
    assert status.minimumSizeHint().width() < status.fontMetrics().horizontalAdvance(status.text())
    assert view.minimumSizeHint().width() <= 1024
    assert view.signed_off_line.text().startswith("Signed off: change only by amendment")
    lines = view.attendance.lines.values()
    fields = [field for line in lines for field in (line.name, line.role)]
    assert fields and all(looks_read_only(f) and _grey(f) for f in fields)
    # An item first opened after sign-off looks the same.
    press(focused(view), Qt.Key.Key_3, CTRL)
    page = view.current_page
    assert page.notes.isReadOnly() and looks_read_only(page.notes)

    # And so does the meeting opened again.
    view.leave_now()
    again = open_view(strategy)
    assert again.signed_off_line.isVisible()
    assert looks_read_only(again.current_page.notes) and _grey(again.current_page.notes)
