"""The agenda down the side: each item done, current or to come, and the time spent on it."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import (
    QLabel,
    QListWidget,
    QListWidgetItem,
    QProgressBar,
    QVBoxLayout,
    QWidget,
)

from app.ui.meeting.state import MeetingState
from app.ui.widgets import heading, named

MARKS = {"done": "✓", "current": "▶", "upcoming": "○"}
STATE_WORDS = {"done": "done", "current": "current item", "upcoming": "to come"}


def wrap_text(text: str, metrics: QFontMetrics, width: int) -> str:
    """``text`` broken into lines that fit ``width`` pixels, at spaces where possible.

    The item view's own wrapping elides some titles; lines broken here are
    drawn and measured exactly.
    """
    lines: list[str] = []
    line = ""
    for word in text.split(" "):
        candidate = f"{line} {word}" if line else word
        if line and metrics.horizontalAdvance(candidate) > width:
            lines.append(line)
            line = word
        else:
            line = candidate
    lines.append(line)
    return "\n".join(lines)


def clock_text(span: dt.timedelta) -> str:
    """``4:05`` or ``1:02:09``: minutes and seconds, hours when there are any."""
    seconds = max(int(span.total_seconds()), 0)
    hours, rest = divmod(seconds, 3600)
    minutes, seconds = divmod(rest, 60)
    return f"{hours}:{minutes:02}:{seconds:02}" if hours else f"{minutes}:{seconds:02}"


class AgendaPanel(QWidget):
    """The meeting's agenda with progress. Enter or a click on an item goes there.

    Signals:
        chosen(int): the chair chose an item (0-based index).
    """

    chosen = Signal(int)

    def __init__(self, state: MeetingState, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.state = state
        self.list = QListWidget()
        self.list.setWordWrap(False)
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.list.viewport().installEventFilter(self)
        self.texts: list[str] = []
        named(self.list, "Agenda", "Choose an item and press Enter to go to it.")
        self.list.itemActivated.connect(lambda item: self.chosen.emit(self.list.row(item)))
        self.progress = QProgressBar()
        self.progress.setTextVisible(False)
        self.progress.setMaximumHeight(self.fontMetrics().height() // 2)
        named(self.progress, "Progress through the agenda")
        self.position = QLabel()
        label = heading("&Agenda", level=2)
        label.setBuddy(self.list)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(label)
        layout.addWidget(self.position)
        layout.addWidget(self.progress)
        layout.addWidget(self.list, 1)
        for step in state.flow.steps:
            self.list.addItem(QListWidgetItem(step.title))
            self.texts.append("")
        state.facts_changed.connect(self.update_items)
        self.update_items()

    def text_of(self, index: int) -> str:
        """What item ``index`` says, on one line (the list shows it wrapped)."""
        return self.texts[index]

    def _intact(self) -> bool:
        """False once the list was emptied (leaving meeting mode scrubs it before it goes):
        a resize or a tick that comes after must find nothing to redraw."""
        return self.list.count() == len(self.texts)

    def _wrap_items(self) -> None:
        if not self._intact():
            return
        width = max(self.list.viewport().width() - 36, 60)
        metrics = QFontMetrics(self.list.font())
        for index, text in enumerate(self.texts):
            wrapped = wrap_text(text, metrics, width)
            item = self.list.item(index)
            if item.text() != wrapped:
                item.setText(wrapped)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # The list's viewport has its final width only once it is resized itself
        # (the panel's own resize comes first): wrap the titles then.
        if watched is self.list.viewport() and event.type() is QEvent.Type.Resize:
            self._wrap_items()
        return super().eventFilter(watched, event)

    def state_of(self, index: int) -> str:
        flow = self.state.flow
        if index == flow.index:
            return "current"
        return "done" if index in flow.progress.visited else "upcoming"

    def update_items(self) -> None:
        """Redraw marks, times and progress (called on every move and every tick)."""
        if not self._intact():
            return
        flow = self.state.flow
        blockers = flow.blockers() if self.state.editable else []
        attention = {flow.index_for(b) for b in blockers}
        changed = False
        for index, step in enumerate(flow.steps):
            item = self.list.item(index)
            where = self.state_of(index)
            spent = flow.elapsed_in_step(index)
            time = f"  {clock_text(spent)}" if spent.total_seconds() >= 1 else ""
            flag = " ⚠" if index in attention else ""
            text = f"{MARKS[where]} {index + 1}. {step.title}{time}{flag}"
            if self.texts[index] != text:
                changed = True
                self.texts[index] = text
                item.setData(
                    Qt.ItemDataRole.AccessibleTextRole,
                    f"Item {index + 1}, {step.title}, {STATE_WORDS[where]}"
                    + (", needs attention" if flag else ""),
                )
        if changed:
            self._wrap_items()
        progress = flow.progress
        self.position.setText(progress.text)
        self.progress.setRange(0, progress.total)
        self.progress.setValue(len(progress.visited))
        if self.list.currentRow() != flow.index:
            self.list.setCurrentRow(flow.index)
