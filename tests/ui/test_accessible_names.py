"""Every control the keyboard can reach has a name for assistive technology."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QApplication, QLabel, QWidget

from app.ui.main_window import MainWindow
from app.ui.meeting import MeetingView
from app.ui.navigation import PAGES
from tests.ui.test_meeting_support import MeetingFixture

pytest_plugins = ["tests.ui.test_meeting_support"]


def unnamed(root: QWidget) -> list[str]:
    """Focusable, shown widgets under ``root`` with no accessible name."""
    found = []
    for widget in root.findChildren(QWidget):
        if widget.focusPolicy() == Qt.FocusPolicy.NoFocus or not widget.isVisibleTo(root):
            continue
        if widget.focusProxy() is not None or widget.accessibleName():
            continue
        if isinstance(widget, QLabel | QAbstractButton) and widget.text():
            continue  # assistive technology reads their text as their name
        found.append(f"{type(widget).__name__} {widget.objectName()!r}")
    return found


@pytest.mark.parametrize("key", [spec.key for spec in PAGES])
def test_every_focusable_control_on_every_page_is_named(window: MainWindow, key: str) -> None:
    window.show_page(key)
    QApplication.processEvents()
    assert unnamed(window) == []


def test_every_focusable_control_in_meeting_mode_is_named(
    review: MeetingFixture, open_view
) -> None:
    for meeting_id in (review.strategy_id, review.meeting_id):
        view: MeetingView = open_view(review, meeting_id)
        for index in range(len(view.state.flow.steps)):
            view.go_to_item(index)
            assert unnamed(view) == [], view.state.flow.current.title


def test_every_focusable_control_in_the_dialogs_is_named(window: MainWindow, qtbot) -> None:
    from app.services import cases
    from app.ui.dialogs.change_passphrase import ChangePassphraseDialog
    from app.ui.dialogs.family_member import FamilyMemberDialog
    from app.ui.dialogs.new_case import NewCaseDialog
    from app.ui.dialogs.schedule_meeting import ScheduleMeetingDialog

    workspace = window.workspace
    case = cases.list_cases(workspace)[0]
    for dialog in (
        NewCaseDialog(workspace, window),
        FamilyMemberDialog(workspace, case.child_id, parent=window),
        ScheduleMeetingDialog(workspace, case.case_id, parent=window),
        ChangePassphraseDialog(workspace, window),
    ):
        qtbot.addWidget(dialog)
        dialog.show()
        assert unnamed(dialog) == [], type(dialog).__name__
        dialog.reject()


def test_every_focusable_control_on_a_case_is_named(window: MainWindow) -> None:
    from app.services import cases

    window.open_case(cases.list_cases(window.workspace)[0].case_id)
    QApplication.processEvents()
    assert unnamed(window) == []
