"""No Alt key does two things: the mnemonics of every page, window and dialog.

Each page of the main window is shown in turn and the Alt letters of everything
reachable there (menus, toolbar, buttons, labelled fields) are collected; the
dialogs are collected on their own. Meeting mode has its own walk in
``test_meeting_layout``.
"""

from __future__ import annotations

import re
from collections import Counter

import pytest
from PySide6.QtWidgets import QAbstractButton, QApplication, QGroupBox, QLabel, QWidget
from pytestqt.qtbot import QtBot

from app.services import cases
from app.ui.dialogs.change_passphrase import ChangePassphraseDialog
from app.ui.dialogs.family_member import FamilyMemberDialog
from app.ui.dialogs.new_case import NewCaseDialog
from app.ui.dialogs.schedule_meeting import ScheduleMeetingDialog
from app.ui.main_window import MainWindow
from app.ui.navigation import PAGES

MNEMONIC = re.compile(r"&([^&\s])")


def alt_keys(root: QWidget) -> Counter[str]:
    """The Alt letters of everything ``root`` shows now (its menu bar's too)."""
    texts: list[str] = []
    if hasattr(root, "menuBar"):
        texts += [action.text() for action in root.menuBar().actions()]
    for widget in root.findChildren(QWidget):
        if not widget.isVisibleTo(root) or not widget.isEnabled() or widget.window() is not root:
            continue
        if isinstance(widget, QAbstractButton):
            texts.append(widget.text())
        elif isinstance(widget, QGroupBox) and widget.isCheckable():
            texts.append(widget.title())
        elif isinstance(widget, QLabel) and widget.buddy() is not None:
            buddy = widget.buddy()
            if buddy.isVisibleTo(root) and buddy.isEnabled():
                texts.append(widget.text())
    return Counter(
        found.group(1).lower() for text in texts if (found := MNEMONIC.search(text)) is not None
    )


def twice(root: QWidget) -> list[str]:
    return sorted(key for key, count in alt_keys(root).items() if count > 1)


@pytest.mark.parametrize("key", [spec.key for spec in PAGES])
def test_no_alt_key_does_two_things_on_any_page(window: MainWindow, key: str) -> None:
    window.show_page(key)
    QApplication.processEvents()
    assert not twice(window), f"Alt+{twice(window)} used twice on {key}"


def test_no_alt_key_does_two_things_in_the_dialogs(window: MainWindow, qtbot: QtBot) -> None:
    workspace = window.workspace
    case = cases.list_cases(workspace)[0]
    dialogs = [
        NewCaseDialog(workspace, window),
        FamilyMemberDialog(workspace, case.child_id, parent=window),
        ScheduleMeetingDialog(workspace, case.case_id, parent=window),
        ChangePassphraseDialog(workspace, window),
    ]
    for dialog in dialogs:
        qtbot.addWidget(dialog)
        dialog.show()
        assert not twice(dialog), f"Alt+{twice(dialog)} used twice in {type(dialog).__name__}"
        dialog.reject()
