"""The app's text size, set in tests the way Settings sets it (``app.ui.style``
applying :class:`app.ui.display.DisplayPrefs`), and put back afterwards."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator

from PySide6.QtWidgets import QApplication

from app.ui import style
from app.ui.display import DisplayPrefs


@contextlib.contextmanager
def text_size(percent: int) -> Iterator[QApplication]:
    """The application's text at ``percent`` (of the system's), its style applied as
    at start; the font, palette and style sheet from before are put back after."""
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    before = (app.font(), app.palette(), app.styleSheet())
    style.apply_style(app, DisplayPrefs(text_size=percent))
    try:
        yield app
    finally:
        font, palette, sheet = before
        app.setStyleSheet(sheet)
        app.setPalette(palette)
        app.setFont(font)
