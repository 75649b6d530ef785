"""In the schedule dialog: where a looked-after child's conference falls beside the
next looked-after review, with a button to hold them together.

How far apart is too far is :mod:`app.workflow.looked_after`'s rule; this only
shows its words.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QPushButton, QVBoxLayout, QWidget

from app.models import MeetingType
from app.services.looked_after import looked_after
from app.storage.workspace import Workspace
from app.ui.widgets import hint, named
from app.workdays import WorkingCalendar
from app.workflow.looked_after import alignment

CONFERENCES = frozenset({MeetingType.ICPC, MeetingType.RCPC})


class ReviewAlignment(QWidget):
    """The alignment line and an "Align" button; hidden unless it has something to say.

    Signals:
        align(object): the chair chose the review's date (a ``datetime.date``).
    """

    align = Signal(object)

    def __init__(
        self,
        workspace: Workspace,
        case_id: str,
        calendar: WorkingCalendar,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        record = looked_after(workspace, case_id=case_id)
        self.reviews = record.review_dates if record.looked_after else ()
        self.calendar = calendar
        self.review_on: dt.date | None = None
        self.words = named(hint(""), "Looked-after review")
        self.button = named(
            QPushButton("Hold it on the review's date"), "Hold it on the review's date"
        )
        self.button.setAutoDefault(False)
        self.button.clicked.connect(self._on_align)
        # The words above the button: beside it they wrap into a narrow column.
        row = QHBoxLayout()
        row.addWidget(self.button)
        row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.words)
        layout.addLayout(row)
        self.setVisible(False)

    def show_for(self, meeting_type: MeetingType, day: dt.date | None) -> None:
        """Say where a ``meeting_type`` on ``day`` falls beside the looked-after review."""
        found = None
        if meeting_type in CONFERENCES and day is not None:
            found = alignment(self.reviews, day, self.calendar)
        self.review_on = found.review_on if found else None
        self.words.setText(found.message if found else "")
        self.button.setVisible(found is not None and found.working_days_apart > 0)
        self.setVisible(found is not None)

    def _on_align(self) -> None:
        if self.review_on is not None:
            self.align.emit(self.review_on)
