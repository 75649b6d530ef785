"""Accessibility: every focusable control is named, the keyboard reaches everything,
and the window stays usable with text at twice its size."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QLabel,
    QScrollArea,
    QWidget,
)
from pytestqt.qtbot import QtBot

from app.services.cases import list_cases
from app.ui.main_window import MainWindow
from app.ui.navigation import PAGES
from app.ui.shell import Shell
from app.ui.unlock_dialog import UnlockDialog
from tests.ui.conftest import unlock


def _focusable(root: QWidget) -> list[QWidget]:
    found = []
    for widget in [root, *root.findChildren(QWidget)]:
        if not widget.isVisibleTo(root) or not widget.isEnabled():
            continue
        if not widget.focusPolicy() & Qt.FocusPolicy.TabFocus:
            continue
        if widget.focusProxy() is not None:
            continue  # the proxy (a spin box for its line edit, say) carries the name
        found.append(widget)
    return found


def _unnamed(root: QWidget) -> list[str]:
    return [
        f"{type(w).__name__} {w.objectName()!r} in {type(w.parentWidget()).__name__}"
        for w in _focusable(root)
        if not w.accessibleName().strip()
    ]


def _every_view(window: MainWindow) -> Iterator[str]:
    for spec in PAGES:
        window.show_page(spec.key)
        yield spec.key
    window.open_case(list_cases(window.workspace, search="DEMO0001")[0].case_id)
    yield "case"


def test_every_focusable_control_has_an_accessible_name(window: MainWindow) -> None:
    problems = {view: _unnamed(window) for view in _every_view(window)}
    assert {view: found for view, found in problems.items() if found} == {}
    assert len(_focusable(window)) > 30  # the walk really did find the controls


def test_the_gate_dialogs_name_their_controls(
    make_shell: Callable[[Path], Shell], demo_path: Path, tmp_path: Path
) -> None:
    unlock_gate = make_shell(demo_path).gate
    create_gate = make_shell(tmp_path / "new.macpt").gate
    assert unlock_gate is not None and create_gate is not None
    assert _unnamed(unlock_gate) == [] and _unnamed(create_gate) == []


def test_the_unlock_dialog_tab_order(make_shell: Callable[[Path], Shell], demo_path: Path) -> None:
    gate = make_shell(demo_path).gate
    assert isinstance(gate, UnlockDialog)
    order = [gate.passphrase]
    while len(order) < 5:
        order.append(order[-1].nextInFocusChain())
        while not order[-1].focusPolicy() & Qt.FocusPolicy.TabFocus:
            order[-1] = order[-1].nextInFocusChain()
    assert order == [
        gate.passphrase,
        gate.show_text,
        gate.unlock_button,
        gate.another_button,
        gate.quit_button,
    ]


def test_every_page_has_a_keyboard_shortcut(qtbot: QtBot, window: MainWindow) -> None:
    for spec in PAGES:
        key = Qt.Key(Qt.Key.Key_0 + int(spec.shortcut[-1]))
        qtbot.keyClick(window, key, Qt.KeyboardModifier.ControlModifier)
        assert window.location().page == spec.key
    qtbot.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    cases = window.pages["cases"]
    assert window.location().page == "cases"
    assert cases.list.search.hasFocus()  # type: ignore[attr-defined]


def test_menus_and_buttons_have_mnemonics(window: MainWindow) -> None:
    titles = [action.text() for action in window.menuBar().actions()]
    assert titles == ["&File", "&Go"]
    for menu_action in window.menuBar().actions():
        menu = menu_action.menu()
        assert all("&" in a.text() for a in menu.actions() if not a.isSeparator())


@pytest.fixture
def double_text(qapp: QApplication) -> Iterator[float]:
    original = QFont(qapp.font())
    font = QFont(original)
    font.setPointSizeF(original.pointSizeF() * 2)
    qapp.setFont(font)
    yield font.pointSizeF()
    qapp.setFont(original)


def _clipped(window: MainWindow) -> list[str]:
    """Buttons and labels narrower or shorter than their text needs."""
    problems = []
    for widget in window.findChildren(QWidget):
        if not widget.isVisibleTo(window) or widget.width() == 0:
            continue
        hint = widget.sizeHint()
        if isinstance(widget, QAbstractButton) and widget.text():
            if widget.width() < hint.width() or widget.height() < hint.height():
                problems.append(f"button {widget.text()!r}: {widget.size()} < {hint}")
        elif isinstance(widget, QLabel) and widget.text():
            if widget.wordWrap():
                needed = widget.heightForWidth(widget.width())
                if widget.height() < needed:
                    problems.append(
                        f"label {widget.text()[:30]!r}: height {widget.height()} < {needed}"
                    )
            elif widget.width() < hint.width():
                problems.append(f"label {widget.text()[:30]!r}: {widget.size()} < {hint}")
    for scroll in window.findChildren(QScrollArea):
        body = scroll.widget()
        wide = body is not None and body.minimumSizeHint().width() > scroll.viewport().width()
        if scroll.isVisibleTo(window) and wide:
            problems.append(f"{scroll.accessibleName()} scrolls sideways")
    return problems


def test_usable_at_twice_the_text_size(
    qtbot: QtBot,
    double_text: float,
    make_shell: Callable[[Path], Shell],
    demo_path: Path,
    tmp_path: Path,
) -> None:
    window = unlock(qtbot, make_shell(demo_path))
    window.resize(1280, 800)
    for view in _every_view(window):
        qtbot.waitUntil(lambda: window.stack.currentWidget().isVisible())
        assert _clipped(window) == [], view
        minimum = window.minimumSizeHint()
        assert minimum.width() <= 1280 and minimum.height() <= 800, view
    # Long pages scroll rather than squeeze.
    assert window.detail is not None and window.detail.findChild(QScrollArea) is not None
