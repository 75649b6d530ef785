"""Meeting mode on a small screen or at a large text size.

Three columns need room: the agenda, the item where the chair types, and
attendance. When the window has too little width for them at the text size in
use, the agenda becomes one drop-down line above the item and attendance goes
behind a button, so the window never grows past the screen.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QPushButton, QSizePolicy, QWidget

from app.ui.meeting.state import MeetingState
from app.ui.widgets import named

# The width, in average characters, that the agenda (26), the item (64) and
# attendance (36) need side by side, with the room between them and to spare: at
# 1024 pixels the item's column was too narrow for its own choices and labels.
THREE_COLUMNS = 150
# Below this height, in lines of text, the keyboard hints give their room to the item.
HINTS_LINES = 44


def fits_three_columns(width: int, metrics: QFontMetrics) -> bool:
    return width >= metrics.averageCharWidth() * THREE_COLUMNS


def has_room_for_hints(height: int, metrics: QFontMetrics) -> bool:
    return height >= metrics.lineSpacing() * HINTS_LINES


class AgendaLine(QWidget):
    """The agenda as one drop-down ("▶ 3. Views of the child  4:05") between Previous and Next.

    Signals:
        chosen(int): the chair chose an item (0-based index).
    """

    chosen = Signal(int)

    def __init__(self, state: MeetingState, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.state = state
        self.items = QComboBox()
        self.items.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.items.setMinimumContentsLength(12)
        for step in state.flow.steps:
            self.items.addItem(step.title)
        named(self.items, "Agenda item", "Choose an item to go to it.")
        self.items.activated.connect(self.chosen.emit)
        label = QLabel("&Agenda:")
        label.setBuddy(self.items)
        self.label = label
        self.layout_ = QHBoxLayout(self)
        self.layout_.setContentsMargins(0, 0, 0, 0)
        self.layout_.addWidget(label)
        self.layout_.addWidget(self.items, 1)

    def update_items(self, texts: list[str]) -> None:
        """Show each item as the agenda panel says it (mark, number, title, time)."""
        total = len(texts)
        for index, text in enumerate(texts):
            mark, _number, rest = [*text.split(" ", 2), "", ""][:3]
            line = f"{mark} Item {index + 1} of {total}: {rest}"
            if self.items.itemText(index) != line:
                self.items.setItemText(index, line)
        if self.items.currentIndex() != self.state.flow.index:
            self.items.setCurrentIndex(self.state.flow.index)


def attendance_button() -> QPushButton:
    button = QPushButton("Attendance")
    button.setCheckable(True)
    button.setAutoDefault(False)
    button.setSizePolicy(QSizePolicy.Policy.Maximum, QSizePolicy.Policy.Fixed)
    named(button, "Attendance", "Shows who was invited and who came in place of the item.")
    return button
