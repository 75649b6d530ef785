"""Small building blocks every page uses: headings, hints, messages, busy state.

The unlock window is built from these before anything else, so nothing here
touches the ``Qt`` namespace at import: PySide builds all of its several
hundred enumerations on first use, which costs more than the window itself.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator
from typing import Any, TypeVar

from PySide6.QtCore import QEvent
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLayout,
    QPushButton,
    QWidget,
)

from app.errors import MacptError

W = TypeVar("W", bound=QWidget)

# How long a search box waits after the last key before it searches, so that a word
# typed is one query. Every list (Register, Cases, Meetings) waits the same.
SEARCH_DELAY_MS = 250


def named(widget: W, name: str, description: str = "") -> W:
    """Give ``widget`` the accessible name (and description) a screen reader announces."""
    widget.setAccessibleName(name)
    if description:
        widget.setAccessibleDescription(description)
    return widget


def compact(widget: W, chars: int) -> W:
    """Keep a short field (a date, a number) about ``chars`` characters wide."""
    metrics = widget.fontMetrics()
    widget.setMaximumWidth(metrics.averageCharWidth() * chars + 4 * metrics.height())
    return widget


class _Heading(QLabel):
    """A title that keeps its size relative to the text size, when that changes too."""

    def __init__(self, text: str, scale: float) -> None:
        super().__init__(text)
        self._scale = scale
        self._rescale()

    def _rescale(self) -> None:
        font = QFont(QApplication.font(self))
        if font.pointSizeF() > 0:
            font.setPointSizeF(font.pointSizeF() * self._scale)
        font.setBold(True)
        self.setFont(font)

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ApplicationFontChange:
            self._rescale()
        return super().event(event)


def heading(text: str, *, level: int = 1) -> QLabel:
    """A page or section title, larger than body text and scaled with it."""
    label = _Heading(text, 1.5 if level == 1 else 1.2)
    label.setObjectName("heading" if level == 1 else "subheading")
    label.setWordWrap(True)
    label.setAccessibleName(text)
    return label


def _plain(label: QLabel) -> None:
    from PySide6.QtCore import Qt

    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)


def hint(text: str = "", *, plain: bool = True) -> QLabel:
    """Wrapped explanatory text.

    ``plain`` shows any text exactly as written (never as HTML); only fixed
    wording known to hold no markup may do without it (the unlock window).
    """
    label = QLabel(text)
    label.setWordWrap(True)
    if plain:
        _plain(label)
    label.setObjectName("hint")
    return label


def message_label(name: str, *, plain: bool = True) -> QLabel:
    """An inline message (errors, results) that a screen reader can find."""
    label = QLabel()
    label.setWordWrap(True)
    if plain:
        _plain(label)
    label.setAccessibleName(name)
    label.setVisible(False)
    return label


def show_message(label: QLabel, text: str, *, error: bool = False) -> None:
    """Show ``text`` in an inline message label, styled as an error if asked."""
    label.setProperty("error", error)
    label.setObjectName("error" if error else "notice")
    label.style().unpolish(label)
    label.style().polish(label)
    label.setText(text)
    label.setAccessibleDescription(text)
    label.setVisible(bool(text))


def fit_to_contents(dialog: QWidget) -> None:
    """Grow a dialog so that wrapped text shown after it opened is not cut off.

    Top-level windows do not follow their layout's height-for-width, so a
    message that wraps onto more lines would otherwise be clipped.
    """
    layout = dialog.layout()
    if layout is None:
        return
    layout.activate()
    needed = layout.totalHeightForWidth(dialog.width()) if layout.hasHeightForWidth() else -1
    needed = max(needed, layout.totalMinimumSize().height())
    screen = dialog.screen()
    if screen is not None:  # never taller than the screen: a long form scrolls instead
        frame = max(dialog.frameGeometry().height() - dialog.height(), 0)
        tallest = screen.availableGeometry().height() - frame
        needed = min(needed, tallest)
        if dialog.height() > tallest:
            dialog.resize(dialog.width(), tallest)
    if dialog.height() < needed:
        dialog.resize(dialog.width(), needed)


def user_message(exc: BaseException) -> str:
    """A message fit for the user. Only our own errors' text is shown: others
    (database errors above all) can carry personal data in their text."""
    if isinstance(exc, MacptError):
        return str(exc)
    return (
        f"Something went wrong ({type(exc).__name__}). Nothing half-done was kept. "
        "Try again; if it happens again, tell your IT service desk."
    )


def add_row(form: QFormLayout, text: str, field: QWidget, description: str = "") -> QLabel:
    """A labelled form row whose field carries the label's words as its accessible name."""
    label = QLabel(text)
    label.setBuddy(field)
    form.addRow(label, field)
    named(field, text.replace("&", "").rstrip(":"), description)
    return label


def name_buttons(layout: QLayout) -> None:
    """Give every button in ``layout`` its own text (without mnemonics) as its name."""
    for i in range(layout.count()):
        item = layout.itemAt(i)
        widget = item.widget() if item is not None else None
        if isinstance(widget, QAbstractButton) and not widget.accessibleName():
            widget.setAccessibleName(widget.text().replace("&", ""))


@contextlib.contextmanager
def busy(widget: QWidget | None = None) -> Iterator[None]:
    """A wait cursor (and a repainted ``widget``) while slow work runs on this thread."""
    from PySide6.QtCore import Qt

    QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
    try:
        if widget is not None:
            widget.repaint()
        yield
    finally:
        QApplication.restoreOverrideCursor()


def gate_buttons(
    primary: QPushButton, *, open_another: Any, quit_: Callable[[], object]
) -> tuple[QPushButton, QPushButton, QHBoxLayout]:
    """The row the create and unlock dialogs end with: open another workspace on the
    left; Quit and the dialog's own action (``primary``) on the right."""
    another = named(QPushButton("&Open another workspace…"), "Open another workspace")
    another.clicked.connect(open_another)
    quit_button = named(QPushButton("&Quit"), "Quit")
    quit_button.clicked.connect(quit_)
    row = QHBoxLayout()
    row.addWidget(another)
    row.addStretch(1)
    row.addWidget(quit_button)
    row.addWidget(primary)
    return another, quit_button, row
