"""No keyboard traps: Tab never leads from typing to a destructive button, and Ctrl+L
always locks, even in the moment after unlocking before the window is active."""

from __future__ import annotations

import itertools
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QLineEdit,
    QPlainTextEdit,
    QWidget,
)
from pytestqt.qtbot import QtBot

from app.services.conduct.actions import add_action
from app.ui.meeting import MeetingView
from app.ui.meeting.steps.safety_plan import SafetyPlanPage
from app.ui.shell import Shell
from app.ui.unlock_dialog import UnlockDialog
from tests.conftest import PASSPHRASE
from tests.ui.test_meeting_support import MeetingFixture, press

pytest_plugins = ["tests.ui.test_meeting_support"]

INPUTS = (QLineEdit, QPlainTextEdit, QComboBox, QAbstractSpinBox)
CTRL_SHIFT = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
DESTRUCTIVE = ("Leave meeting mode", "Remove", "Mark done")


def destructive(widget: QWidget) -> bool:
    return isinstance(widget, QAbstractButton) and widget.text().replace("&", "").startswith(
        DESTRUCTIVE
    )


def focus_chain(view: MeetingView, start: QWidget, limit: int = 120) -> list[QWidget]:
    """The widgets Tab visits from ``start`` until it comes round again."""
    start.setFocus(Qt.FocusReason.TabFocusReason)
    chain = [start]
    for _ in range(limit):
        current = QApplication.focusWidget()
        assert current is not None
        press(current, Qt.Key.Key_Tab)
        after = QApplication.focusWidget()
        assert after is not None
        if after is start:
            break
        chain.append(after)
    return chain


def traps(view: MeetingView) -> list[str]:
    chain = focus_chain(view, view.current_page.first_field())
    found = []
    for before, after in itertools.pairwise(chain):
        if isinstance(before, INPUTS) and destructive(after):
            found.append(f"{before.accessibleName()!r} → {after.text()!r}")
    return found


def walk(view: MeetingView) -> dict[str, list[str]]:
    problems = {}
    for index in range(len(view.state.flow.steps)):
        view.go_to_item(index)
        found = traps(view)
        if found:
            problems[view.state.flow.current.title] = found
    return problems


def test_tab_never_leads_from_typing_to_a_destructive_button(
    strategy: MeetingFixture, review: MeetingFixture, open_view
) -> None:
    add_action(
        strategy.workspace,
        meeting_id=strategy.meeting_id,
        description="Visit the child at home",
        owner_name="Sam Sample-Social-Worker",
    )
    for fixture in (strategy, review):
        view = open_view(fixture)
        view.header.start.click() if view.header.start.isVisible() else None
        assert walk(view) == {}


def test_ctrl_l_locks_in_the_moment_after_unlocking(
    qtbot: QtBot, make_shell: Callable[[Path], Shell], demo_path: Path
) -> None:
    shell = make_shell(demo_path)
    gate = shell.gate
    assert isinstance(gate, UnlockDialog)
    qtbot.keyClicks(gate.passphrase, PASSPHRASE)
    with qtbot.waitSignal(shell.unlocked, timeout=5000):
        gate.unlock_button.click()
    window = shell.window
    assert window is not None
    # Before the window is active its Lock shortcut cannot fire; the key reaches a
    # widget directly, as it does on a slow desktop.
    target = window.focusWidget() or window
    QApplication.sendEvent(
        target,
        QKeyEvent(QEvent.Type.KeyPress, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier),
    )
    assert shell.window is None  # locked at once
    assert isinstance(shell.gate, UnlockDialog)


def test_removing_a_typed_safety_plan_item_asks_first(
    review: MeetingFixture, open_view, qtbot: QtBot
) -> None:
    view = open_view(review)
    index = next(i for i, s in enumerate(view.state.flow.steps) if s.title == "Interim safety plan")
    view.go_to_item(index)
    page = view.current_page
    assert isinstance(page, SafetyPlanPage)
    page.add_item.click()
    first = page.items[0]
    first.worry.setFocus()
    qtbot.keyClicks(first.worry, "Unexplained bruising")
    press(first.worry, Qt.Key.Key_R, CTRL_SHIFT)  # the item's own key
    assert page.items[0] is first  # not yet: it asks
    assert first.remove.text() == "Press again to remove this item"
    first.remove.click()
    assert first not in page.items and len(page.items) == 1
    # An empty item goes at once.
    page.items[0].remove.click()
    assert page.items == []
