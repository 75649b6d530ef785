"""A case's section 47 enquiry: its course so far, the interviews, and forms for both.

Self-contained: the case page adds it with one line and it reads and writes
through ``app.services.s47_enquiry``. The enquiry shown is the case's latest
(the journey rules in ``app.workflow.enquiries`` say which).
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QAbstractItemView,
    QGroupBox,
    QHBoxLayout,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.services.s47_enquiry import S47Course, remove_s47_interview, s47_course
from app.storage.workspace import Workspace
from app.ui import text
from app.ui.pages.s47_dialogs import InterviewDialog, S47CourseDialog
from app.ui.widgets import hint, name_buttons, named

NO_ENQUIRY = (
    "No section 47 enquiry has started on this case. A strategy meeting's decision starts one."
)
NOTHING_YET = (
    "Nothing is recorded yet about this enquiry's course. "
    "Record it with Record the enquiry's course…"
)
COLUMNS = ("Interview", "Who", "ABE")


def summary(course: S47Course) -> str:
    """The course in a few lines, for the case page."""
    v = course.values
    lines = [f"Started at the strategy meeting on {text.short_date(course.started_on)}."]
    if v.agencies is not None:
        lines.append(f"{v.agencies.label}.")
    if v.visited_on is not None:
        lines.append(f"Visit: {text.short_date(v.visited_on)}.")
    if v.child_seen is True:
        alone = f" Seen alone: {v.seen_alone.label.lower()}." if v.seen_alone else ""
        lines.append(f"Child seen.{alone}")
    elif v.child_seen is False:
        lines.append(f"Child not seen: {v.not_seen_reason}")
    if v.medical_not_needed:
        lines.append("Medical: not needed.")
    elif v.medical_on is not None:
        lines.append(f"Medical: {text.short_date(v.medical_on)}.")
    if v.outcome is not None and v.ended_on is not None:
        lines.append(f"Ended {text.short_date(v.ended_on)}: {v.outcome.label}.")
    else:
        lines.append("Still open.")
    return "\n".join(lines)


class S47Section(QGroupBox):
    """The case's latest section 47 enquiry, with Record…, Add interview… and Remove."""

    def __init__(self, workspace: Workspace, case_id: str, parent: QWidget | None = None) -> None:
        super().__init__("Section 47 enquiry", parent)
        named(self, "Section 47 enquiry")
        self.workspace = workspace
        self.case_id = case_id
        self.course: S47Course | None = None
        self.summary = hint()
        self.table = named(QTableWidget(0, len(COLUMNS)), "Interviews")
        self.table.setHorizontalHeaderLabels(COLUMNS)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.setMaximumHeight(self.fontMetrics().lineSpacing() * 8)
        self.record_button = named(
            QPushButton("Record the en&quiry's course…"), "Record the enquiry's course"
        )
        self.record_button.clicked.connect(self._on_record)
        self.interview_button = named(QPushButton("Add intervie&w…"), "Add interview")
        self.interview_button.clicked.connect(self._on_interview)
        self.remove_button = named(QPushButton("Remove interview"), "Remove interview")
        self.remove_button.clicked.connect(self._on_remove)
        buttons = QHBoxLayout()
        for button in (self.record_button, self.interview_button, self.remove_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        name_buttons(buttons)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.table)
        layout.addLayout(buttons)
        self.refresh()

    def refresh(self) -> None:
        """Read the enquiry's course again."""
        if not self.workspace.is_open:
            return
        self.course = s47_course(self.workspace, case_id=self.case_id)
        course = self.course
        if course is None:
            self.summary.setText(NO_ENQUIRY)
        elif not course.recorded:
            self.summary.setText(NOTHING_YET)
        else:
            self.summary.setText(summary(course))
        interviews = course.interviews if course else ()
        self.table.setRowCount(len(interviews))
        for index, interview in enumerate(interviews):
            cells = (
                text.short_date(interview.held_on),
                interview.interviewee,
                "Yes" if interview.abe else "No",
            )
            for column, value in enumerate(cells):
                self.table.setItem(index, column, QTableWidgetItem(value))
        self.table.resizeColumnsToContents()
        self.table.setVisible(bool(interviews))
        self.record_button.setEnabled(course is not None)
        self.interview_button.setEnabled(course is not None)
        self.remove_button.setEnabled(bool(interviews))

    def _on_record(self) -> None:
        if self.course is not None and S47CourseDialog.ask(self, self.workspace, self.course):
            self.refresh()

    def _on_interview(self) -> None:
        if self.course is not None and InterviewDialog.ask(self, self.workspace, self.course):
            self.refresh()

    def _on_remove(self) -> None:
        interviews = self.course.interviews if self.course else ()
        index = self.table.currentRow()
        if not 0 <= index < len(interviews):
            self.table.setFocus()
            return
        remove_s47_interview(self.workspace, interview_id=interviews[index].id)
        self.refresh()
