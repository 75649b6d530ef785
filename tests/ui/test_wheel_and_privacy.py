"""The wheel scrolls the page, not the choice under it; the privacy key hides everything."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QWheelEvent
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QDateEdit,
    QDialog,
    QLineEdit,
    QScrollArea,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)
from pytestqt.qtbot import QtBot

from app.ui import wheel
from app.ui.main_window import MainWindow
from app.ui.privacy import HIDDEN_TEXT, Curtain, PrivacyScreen

CTRL_SHIFT = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier


@pytest.fixture
def guard() -> Iterator[wheel.WheelGuard]:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    installed = wheel.WheelGuard()
    app.installEventFilter(installed)
    yield installed
    app.removeEventFilter(installed)


@pytest.fixture
def screen() -> Iterator[PrivacyScreen]:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    installed = PrivacyScreen()
    app.installEventFilter(installed)
    yield installed
    if installed.hidden:
        installed.show_all()
    app.removeEventFilter(installed)


def turn_wheel(widget: QWidget, steps: int = -1) -> None:
    """One notch of the wheel over the middle of ``widget``, as the mouse sends it."""
    centre = QPointF(widget.rect().center())
    event = QWheelEvent(
        centre,
        QPointF(widget.mapToGlobal(centre.toPoint())),
        QPoint(),
        QPoint(0, 120 * steps),
        Qt.MouseButton.NoButton,
        Qt.KeyboardModifier.NoModifier,
        Qt.ScrollPhase.NoScrollPhase,
        False,
    )
    QApplication.sendEvent(widget, event)


def long_page(qtbot: QtBot) -> tuple[QScrollArea, list[QWidget]]:
    inner = QWidget()
    layout = QVBoxLayout(inner)
    combo = QComboBox()
    combo.addItems(["Agrees", "Disagrees", "Not given"])
    spin = QSpinBox()
    date = QDateEdit()
    first = QLineEdit()
    layout.addWidget(first)
    for widget in (combo, spin, date):
        layout.addWidget(widget)
        layout.addSpacing(400)
    scroll = QScrollArea()
    scroll.setWidget(inner)
    scroll.setWidgetResizable(True)
    scroll.resize(300, 300)
    qtbot.addWidget(scroll)
    with qtbot.waitActive(scroll):
        scroll.show()
        scroll.activateWindow()
    first.setFocus()
    return scroll, [combo, spin, date]


def test_the_wheel_over_an_unfocused_choice_scrolls_the_page(guard, qtbot: QtBot) -> None:
    scroll, (combo, spin, date) = long_page(qtbot)
    assert isinstance(combo, QComboBox) and isinstance(spin, QSpinBox)
    assert isinstance(date, QDateEdit)
    before = (combo.currentIndex(), spin.value(), date.date())
    for widget in (combo, spin, date):
        turn_wheel(widget)
    assert (combo.currentIndex(), spin.value(), date.date()) == before
    assert scroll.verticalScrollBar().value() > 0  # the page moved instead
    assert not combo.hasFocus()
    assert combo.focusPolicy() == Qt.FocusPolicy.StrongFocus


def test_the_wheel_changes_a_choice_that_has_focus(guard, qtbot: QtBot) -> None:
    _scroll, (combo, _spin, _date) = long_page(qtbot)
    assert isinstance(combo, QComboBox)
    combo.setFocus()
    turn_wheel(combo)
    assert combo.currentIndex() == 1


def test_ctrl_shift_b_hides_every_window_and_shows_them_again(
    screen: PrivacyScreen, window: MainWindow, qtbot: QtBot
) -> None:
    window.show_page("cases")
    dialog = QDialog(window)
    dialog.setWindowTitle("Over the window")
    field = QLineEdit(dialog)
    qtbot.addWidget(dialog)
    dialog.show()
    field.setFocus()
    qtbot.keyClick(field, Qt.Key.Key_B, CTRL_SHIFT)
    assert screen.hidden
    for top in (window, dialog):
        curtains = top.findChildren(Curtain, options=Qt.FindChildOption.FindDirectChildrenOnly)
        assert len(curtains) == 1
        assert curtains[0].isVisible() and curtains[0].geometry() == top.rect()
        assert curtains[0].label.text() == HIDDEN_TEXT
    # Typing meanwhile goes nowhere; the workspace stays unlocked.
    qtbot.keyClicks(field, "abc")
    assert field.text() == ""
    assert window.workspace.is_open
    # A window resized while hidden stays covered.
    window.resize(window.width() + 40, window.height())
    assert (
        window.findChildren(Curtain, options=Qt.FindChildOption.FindDirectChildrenOnly)[
            0
        ].geometry()
        == window.rect()
    )
    qtbot.keyClick(field, Qt.Key.Key_B, CTRL_SHIFT)
    assert not screen.hidden
    QApplication.processEvents()
    assert not [
        c
        for top in (window, dialog)
        for c in top.findChildren(Curtain, options=Qt.FindChildOption.FindDirectChildrenOnly)
        if c.isVisible()
    ]
    qtbot.keyClicks(field, "abc")
    assert field.text() == "abc"
