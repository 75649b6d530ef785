"""Emptying widgets of everything they show, before a locked workspace's views go.

Widgets are destroyed after a lock anyway; emptying them first means nothing
personal lingers in a widget that is still waiting for deferred deletion, in a
model a view still points at, or in an accessibility tree.
"""

from __future__ import annotations

from PySide6.QtCore import QAbstractItemModel
from PySide6.QtWidgets import (
    QAbstractItemView,
    QAbstractSpinBox,
    QComboBox,
    QDialog,
    QGroupBox,
    QLabel,
    QLineEdit,
    QListWidget,
    QPlainTextEdit,
    QTableWidget,
    QTextEdit,
    QTreeWidget,
    QWidget,
)

from app.ui.table_models import RowsModel


def _clear_model(model: QAbstractItemModel | None) -> None:
    if isinstance(model, RowsModel):
        model.clear()
        return
    clear = getattr(model, "clear", None)
    if callable(clear):
        clear()


# Widgets whose clear() empties what they show.
CLEARABLE = (
    QLineEdit,
    QPlainTextEdit,
    QTextEdit,
    QLabel,
    QComboBox,
    QAbstractSpinBox,
    QListWidget,
    QTableWidget,
    QTreeWidget,
)


def _scrub_one(widget: QWidget) -> None:
    if isinstance(widget, CLEARABLE):
        widget.clear()
        if isinstance(widget, QLabel):
            widget.setAccessibleName("")  # a label's name may repeat what it showed
    elif isinstance(widget, QAbstractItemView):
        _clear_model(widget.model())
    elif isinstance(widget, QGroupBox):
        widget.setTitle("")
    widget.setToolTip("")
    widget.setAccessibleDescription("")


def scrub(root: QWidget) -> None:
    """Empty ``root`` and every widget inside it, without emitting change signals."""
    for widget in [root, *root.findChildren(QWidget)]:
        blocked = widget.blockSignals(True)
        try:
            _scrub_one(widget)
        finally:
            widget.blockSignals(blocked)


def open_dialogs(root: QWidget) -> list[QDialog]:
    """Dialogs open over ``root`` (they are closed before a lock)."""
    return [d for d in root.findChildren(QDialog) if d.isVisible()]
