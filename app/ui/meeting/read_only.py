"""Signed-off minutes look read-only, not merely refuse typing.

A read-only text field drawn in the typing colour invites typing that goes
nowhere. Fields that are read-only get the window's colour behind them (from
the palette, so it follows a dark or high-contrast theme); they get their
normal look back if they become editable again.
"""

from __future__ import annotations

from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QAbstractSpinBox, QLineEdit, QPlainTextEdit, QTextEdit, QWidget

SIGNED_OFF_LINE = "Signed off: change only by amendment (Record an amendment…)."
_TEXT_FIELDS = (QLineEdit, QPlainTextEdit, QTextEdit, QAbstractSpinBox)


def looks_read_only(widget: QWidget) -> bool:
    """True if ``widget`` carries the read-only look."""
    return bool(widget.property("readOnlyLook"))


def show_read_only(root: QWidget) -> None:
    """Give every read-only text field under ``root`` the read-only look (and only those)."""
    for field in root.findChildren(QWidget):
        if not isinstance(field, _TEXT_FIELDS):
            continue
        read_only = field.isReadOnly()
        if read_only == looks_read_only(field):
            continue
        field.setProperty("readOnlyLook", read_only)
        if read_only:
            palette = QPalette(field.palette())
            for group in (QPalette.ColorGroup.Active, QPalette.ColorGroup.Inactive):
                window = palette.color(group, QPalette.ColorRole.Window)
                palette.setColor(group, QPalette.ColorRole.Base, window)
            field.setPalette(palette)
        else:
            field.setPalette(QPalette())  # inherit again from the window
