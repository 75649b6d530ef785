"""The mouse wheel scrolls the page; a drop-down, number or date changes only with focus.

Without this, a wheel turned over a page that happens to pass under a closed
combo box changes the choice (and autosave stores it). Installed once on the
application: a wheel over a combo box, spin box or date edit that does not have
the keyboard focus is passed on to the widgets around it, so the page scrolls;
such widgets no longer take focus from the wheel either.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import (
    QAbstractScrollArea,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QWidget,
)

GUARDED = (QComboBox, QAbstractSpinBox)


class WheelGuard(QObject):
    """The application's event filter that keeps the wheel for scrolling."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # Called for every event of every widget: the cheap check on the widget comes
        # before the event's type is asked for.
        if isinstance(watched, GUARDED):
            kind = event.type()
            if kind == QEvent.Type.Wheel and not watched.hasFocus():
                area = _scroll_area_of(watched)
                if area is None:
                    event.ignore()  # Qt offers it to the parents instead
                else:
                    QApplication.sendEvent(area.viewport(), event)  # the page scrolls
                    event.accept()
                return True
            if kind == QEvent.Type.Polish:
                _no_wheel_focus(watched)
        return False


def _scroll_area_of(widget: QWidget) -> QAbstractScrollArea | None:
    parent = widget.parentWidget()
    while parent is not None and not isinstance(parent, QAbstractScrollArea):
        parent = parent.parentWidget()
    return parent


def _no_wheel_focus(widget: QWidget) -> None:
    if widget.focusPolicy() == Qt.FocusPolicy.WheelFocus:
        widget.setFocusPolicy(Qt.FocusPolicy.StrongFocus)


def install(app: QApplication) -> WheelGuard:
    """Install the guard on ``app`` (once; the guard is returned either way)."""
    existing = app.findChild(WheelGuard)
    if isinstance(existing, WheelGuard):
        return existing
    guard = WheelGuard(app)
    app.installEventFilter(guard)
    return guard
