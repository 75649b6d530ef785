"""A calm, readable look that follows the user's text size, palette and contrast.

Every colour the app adds to Qt's palette (errors, notices, warnings, the
overdue marks, the meeting's status chip) comes from one :class:`Colours` set
chosen for the palette in use: light, dark (the desktop's own dark theme) or
the app's high-contrast palette. Each pair meets WCAG AA (4.5:1) against the
background it is drawn on; ``tests/ui/test_display.py`` measures them.
"""

from __future__ import annotations

import dataclasses

from PySide6.QtGui import QColor, QFont, QPalette
from PySide6.QtWidgets import QApplication

from app.ui.display import DisplayPrefs

MIN_POINT_SIZE = 10.5


@dataclasses.dataclass(frozen=True)
class Colours:
    """The app's own colours, as ``#rrggbb``, for one palette."""

    error: str
    notice: str
    warning: str
    warning_background: str
    warning_border: str
    warning_text: str
    chip_background: str
    chip_text: str
    overdue: str
    placeholder: str
    alert_background: str  # an overdue cell in the register
    alert_text: str


LIGHT = Colours(
    error="#a4262c",
    notice="#1e5631",
    warning="#6b4100",
    warning_background="#fff4ce",
    warning_border="#c19c00",
    warning_text="#3b2a00",
    chip_background="#e1ecf7",
    chip_text="#12355b",
    overdue="#9b1c1c",
    placeholder="#5e5e5e",
    alert_background="#fde2e1",
    alert_text="#8a1c14",
)
DARK = Colours(
    error="#ff9a94",
    notice="#8fd9a8",
    warning="#ffd27f",
    warning_background="#3a2e00",
    warning_border="#c19c00",
    warning_text="#ffecb3",
    chip_background="#1d3a5c",
    chip_text="#dbe9f7",
    overdue="#ff9a94",
    placeholder="#b8b8b8",
    alert_background="#5a1a16",
    alert_text="#ffdad6",
)
HIGH_CONTRAST = Colours(
    error="#ff8c8c",
    notice="#8cff8c",
    warning="#ffff00",
    warning_background="#000000",
    warning_border="#ffff00",
    warning_text="#ffffff",
    chip_background="#000000",
    chip_text="#ffffff",
    overdue="#ff8c8c",
    placeholder="#d9d9d9",
    alert_background="#000000",
    alert_text="#ffff00",
)

_current = LIGHT
_system: tuple[QFont, QPalette] | None = None  # what the desktop gave, before any change


def colours() -> Colours:
    """The colours for the palette in use now."""
    return _current


def high_contrast_palette() -> QPalette:
    """White on black, yellow for the focus and selection: Windows' "High Contrast Black"."""
    black, white, yellow = QColor("#000000"), QColor("#ffffff"), QColor("#ffff00")
    grey = QColor("#c0c0c0")
    palette = QPalette()
    for role, colour in (
        (QPalette.ColorRole.Window, black),
        (QPalette.ColorRole.WindowText, white),
        (QPalette.ColorRole.Base, black),
        (QPalette.ColorRole.AlternateBase, QColor("#1a1a1a")),
        (QPalette.ColorRole.Text, white),
        (QPalette.ColorRole.PlaceholderText, grey),
        (QPalette.ColorRole.Button, black),
        (QPalette.ColorRole.ButtonText, white),
        (QPalette.ColorRole.BrightText, yellow),
        (QPalette.ColorRole.Highlight, yellow),
        (QPalette.ColorRole.HighlightedText, black),
        (QPalette.ColorRole.ToolTipBase, black),
        (QPalette.ColorRole.ToolTipText, white),
        (QPalette.ColorRole.Link, yellow),
        (QPalette.ColorRole.LinkVisited, yellow),
        (QPalette.ColorRole.Light, white),
        (QPalette.ColorRole.Midlight, grey),
        (QPalette.ColorRole.Mid, grey),
        (QPalette.ColorRole.Dark, grey),
        (QPalette.ColorRole.Shadow, white),
    ):
        palette.setColor(role, colour)
    # Disabled text stays readable (4.5:1 on black), only dimmer.
    for role in (
        QPalette.ColorRole.WindowText,
        QPalette.ColorRole.Text,
        QPalette.ColorRole.ButtonText,
    ):
        palette.setColor(QPalette.ColorGroup.Disabled, role, QColor("#a6a6a6"))
    return palette


def is_dark(palette: QPalette) -> bool:
    return palette.color(QPalette.ColorRole.Window).lightness() < 128


def colours_for(palette: QPalette, *, high_contrast: bool) -> Colours:
    if high_contrast:
        return HIGH_CONTRAST
    return DARK if is_dark(palette) else LIGHT


def style_sheet(c: Colours) -> str:
    """The whole application's style sheet, meeting mode's look included: a sheet of
    its own on the meeting view made Qt work out the style of every widget again
    each time a panel was added to it, a quarter of the time meeting mode took to open."""
    return f"""
QLabel#error {{ color: {c.error}; font-weight: bold; }}
QLabel#notice {{ color: {c.notice}; }}
QLabel#hint {{ color: palette(text); }}
*[saveFailed="true"] {{ border: 2px solid {c.error}; }}
QListWidget {{ padding: 4px; }}
QListWidget::item {{ padding: 6px 8px; }}
QGroupBox {{ font-weight: bold; margin-top: 1.2em; }}
QGroupBox::title {{ subcontrol-origin: margin; left: 8px; padding: 0 4px; }}
QGroupBox > * {{ font-weight: normal; }}
QFrame#meetingHeader {{ border-bottom: 1px solid palette(mid); }}
QLabel#statusChip {{ background: {c.chip_background}; color: {c.chip_text};
    border: 1px solid {c.chip_text}; border-radius: 4px; padding: 3px 8px; }}
QLabel#warning {{ color: {c.warning}; }}
QFrame#warningPanel {{ background: {c.warning_background}; border: 1px solid {c.warning_border};
    border-radius: 4px; }}
QFrame#warningPanel QLabel {{ color: {c.warning_text}; }}
"""


def apply_style(app: QApplication, prefs: DisplayPrefs | None = None) -> None:
    """Fusion (the same on every platform), the chosen text size and contrast.

    Called at start and again whenever the preferences change; the desktop's
    own font and palette are remembered the first time, so that turning high
    contrast off, or the text size back to 100 %, returns to them.
    """
    global _current, _system
    prefs = prefs or DisplayPrefs()
    app.setStyle("Fusion")
    if _system is None:
        _system = (QFont(app.font()), QPalette(app.palette()))
    system_font, system_palette = _system
    font = QFont(system_font)
    if font.pointSizeF() > 0:
        size = max(font.pointSizeF(), MIN_POINT_SIZE) * prefs.text_size / 100
        font.setPointSizeF(size)
    app.setFont(font)
    palette = high_contrast_palette() if prefs.high_contrast else QPalette(system_palette)
    app.setPalette(palette)
    _current = colours_for(palette, high_contrast=prefs.high_contrast)
    app.setStyleSheet(style_sheet(_current))
