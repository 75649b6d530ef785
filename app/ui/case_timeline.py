"""A case's journey at a glance: strategy meeting → review → ICPC → reviews → discharge.

Each stage shows when it was held (or is planned), when it was due, and whether
the clock was met. The case view places this widget; opening a row opens that
meeting in meeting mode.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.services.journey.timeline import CaseTimeline, TimelineStep, case_timeline
from app.storage.workspace import Workspace
from app.ui.text import short_date
from app.ui.widgets import heading, hint, named

COLUMNS = ("Stage", "Held or planned", "Due by", "On time?", "Note")
EMPTY = "No meetings yet. Schedule a strategy meeting to start the timeline."
STATUS_WORDS = {
    "scheduled": "planned",
    "in-progress": "in progress",
    "closed": "held",
    "signed-off": "held, signed off",
    "not scheduled": "not scheduled yet",
}


def met_text(step: TimelineStep) -> str:
    if step.met is None:
        return "" if step.due_date is None else "Not yet due"
    return "Yes" if step.met else "No: late"


def when_text(step: TimelineStep) -> str:
    day = step.held_on or step.scheduled_for
    status = STATUS_WORDS.get(step.status, step.status)
    return f"{short_date(day)} ({status})" if day else status.capitalize()


class CaseTimelineWidget(QWidget):
    """The case's stages in order, with each clock and whether it was met.

    Signals:
        open_meeting(str): the user opened a stage's meeting (its id).
    """

    open_meeting = Signal(str)

    def __init__(self, workspace: Workspace, case_id: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self.case_id = case_id
        self.timeline: CaseTimeline | None = None
        self.table = QTableWidget(0, len(COLUMNS))
        self.table.setHorizontalHeaderLabels(list(COLUMNS))
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setTabKeyNavigation(False)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        # The note (why a plan ended, why a conference was late) wraps rather than
        # being cut short with an ellipsis.
        header.setSectionResizeMode(len(COLUMNS) - 1, QHeaderView.ResizeMode.Stretch)
        self.table.setWordWrap(True)
        self.table.setTextElideMode(Qt.TextElideMode.ElideNone)
        header.sectionResized.connect(lambda *_: self._fit_rows())
        self.table.itemActivated.connect(self._on_activated)
        named(self.table, "Case timeline", "Press Enter on a stage to open its meeting.")
        self.empty = hint(EMPTY)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(heading("Timeline", level=2))
        layout.addWidget(self.summary)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.empty)
        self.refresh()

    def refresh(self) -> None:
        """Read the timeline again (after a meeting changes)."""
        self.timeline = case_timeline(self.workspace, case_id=self.case_id)
        steps = self.timeline.steps
        self.table.setRowCount(len(steps))
        for row, step in enumerate(steps):
            values = (
                step.label,
                when_text(step),
                short_date(step.due_date),
                met_text(step),
                step.note,
            )
            for column, value in enumerate(values):
                item = QTableWidgetItem(value)
                item.setData(Qt.ItemDataRole.UserRole, step.meeting_id)
                item.setToolTip(value)
                if column == 3 and step.met is False:
                    item.setForeground(Qt.GlobalColor.darkRed)
                self.table.setItem(row, column, item)
        self.table.resizeRowsToContents()
        late = sum(1 for s in steps if s.met is False)
        self.summary.setText(
            f"{len(steps)} stage{'s' if len(steps) != 1 else ''}; "
            + ("every clock met so far." if not late else f"{late} late.")
            if steps
            else ""
        )
        self.table.setVisible(bool(steps))
        self.empty.setVisible(not steps)

    def _fit_rows(self) -> None:
        # After the columns have their widths (the note's is what is left over).
        QTimer.singleShot(0, self.table, self.table.resizeRowsToContents)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit_rows()

    def _on_activated(self, item: QTableWidgetItem) -> None:
        meeting_id = item.data(Qt.ItemDataRole.UserRole)
        if meeting_id:
            self.open_meeting.emit(meeting_id)
