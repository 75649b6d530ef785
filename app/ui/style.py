"""A calm, readable look that still follows the user's own text size."""

from __future__ import annotations

from PySide6.QtGui import QFont
from PySide6.QtWidgets import QApplication

MIN_POINT_SIZE = 10.5

STYLE_SHEET = """
QLabel#error { color: #a4262c; font-weight: bold; }
QLabel#notice { color: #1e5631; }
QLabel#hint { color: palette(text); }
*[saveFailed="true"] { border: 2px solid #a4262c; }
QListWidget { padding: 4px; }
QListWidget::item { padding: 6px 8px; }
QGroupBox { font-weight: bold; margin-top: 1.2em; }
QGroupBox::title { subcontrol-origin: margin; left: 8px; padding: 0 4px; }
QGroupBox > * { font-weight: normal; }
"""


def apply_style(app: QApplication) -> None:
    """Fusion (the same on every platform), readable text, gentle emphasis."""
    app.setStyle("Fusion")
    font = QFont(app.font())
    if font.pointSizeF() > 0 and font.pointSizeF() < MIN_POINT_SIZE:
        font.setPointSizeF(MIN_POINT_SIZE)
        app.setFont(font)
    app.setStyleSheet(STYLE_SHEET)
