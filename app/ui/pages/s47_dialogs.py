"""The forms for a section 47 enquiry's course and its interviews.

The checks (dates after the strategy meeting, seen alone only when seen, an
outcome with its end date) are the service's; a form shows them and keeps what
was typed.
"""

from __future__ import annotations

from PySide6.QtWidgets import QCheckBox, QComboBox, QLineEdit, QPlainTextEdit, QWidget

from app.errors import ValidationError
from app.models import S47Agencies, S47Outcome, SeenAlone
from app.services.s47_enquiry import S47Course, add_s47_interview, record_s47_enquiry
from app.storage.workspace import Workspace
from app.ui.date_field import DateField
from app.ui.dialogs.base import FormDialog
from app.ui.widgets import add_row, named

NOT_RECORDED = "Not recorded"


def _choices(name: str, options: list[tuple[str, object]]) -> QComboBox:
    box = named(QComboBox(), name)
    box.addItem(NOT_RECORDED, None)
    for label, value in options:
        box.addItem(label, value)
    return box


def _select(box: QComboBox, value: object) -> None:
    box.setCurrentIndex(max(0, box.findData(value)))


class S47CourseDialog(FormDialog):
    """The enquiry's course, loaded from ``course``; stored on Save."""

    def __init__(
        self, workspace: Workspace, course: S47Course, parent: QWidget | None = None
    ) -> None:
        super().__init__(
            "Section 47 enquiry…",
            ok_text="&Save",
            intro="Leave a date empty until it happens. The five-day review's minutes show "
            "the enquiry so far; the initial conference's minutes show its outcome.",
            parent=parent,
        )
        self.workspace = workspace
        self.course = course
        self.result_course: S47Course | None = None
        self.agencies = _choices(
            "Joint or single agency", [(a.label, a.value) for a in S47Agencies]
        )
        self.visited_on = DateField()
        self.child_seen = _choices("Child seen", [("Yes", True), ("No", False)])
        self.seen_alone = _choices("Child seen alone", [(s.label, s.value) for s in SeenAlone])
        self.not_seen_reason = named(QLineEdit(), "Why the child was not seen")
        self.medical_on = DateField()
        self.medical_not_needed = named(QCheckBox("&No medical needed"), "No medical needed")
        self.findings = named(QPlainTextEdit(), "Findings")
        self.findings.setTabChangesFocus(True)
        self.findings.setMaximumHeight(self.fontMetrics().lineSpacing() * 6)
        self.outcome = _choices("Outcome", [(o.label, o.value) for o in S47Outcome])
        self.ended_on = DateField()
        add_row(self.form, "&Joint or single agency:", self.agencies)
        add_row(self.form, "&Visit:", self.visited_on)
        add_row(self.form, "C&hild seen:", self.child_seen)
        add_row(self.form, "Child seen &alone:", self.seen_alone)
        add_row(self.form, "&Why the child was not seen:", self.not_seen_reason)
        add_row(self.form, "&Medical:", self.medical_on)
        add_row(self.form, "", self.medical_not_needed)
        add_row(self.form, "&Findings:", self.findings)
        add_row(self.form, "&Outcome:", self.outcome)
        add_row(self.form, "&Ended:", self.ended_on)
        v = course.values
        _select(self.agencies, v.agencies.value if v.agencies else None)
        self.visited_on.set_date(v.visited_on)
        _select(self.child_seen, v.child_seen)
        _select(self.seen_alone, v.seen_alone.value if v.seen_alone else None)
        self.not_seen_reason.setText(v.not_seen_reason)
        self.medical_on.set_date(v.medical_on)
        self.medical_not_needed.setChecked(v.medical_not_needed)
        self.findings.setPlainText(v.findings)
        _select(self.outcome, v.outcome.value if v.outcome else None)
        self.ended_on.set_date(v.ended_on)
        self.agencies.setFocus()

    def submit(self) -> bool:
        agencies, seen_alone, outcome = (
            box.currentData() for box in (self.agencies, self.seen_alone, self.outcome)
        )
        self.result_course = record_s47_enquiry(
            self.workspace,
            strategy_meeting_id=self.course.strategy_meeting_id,
            agencies=S47Agencies(agencies) if agencies else None,
            visited_on=self.visited_on.date(),
            child_seen=self.child_seen.currentData(),
            seen_alone=SeenAlone(seen_alone) if seen_alone else None,
            not_seen_reason=self.not_seen_reason.text(),
            medical_on=self.medical_on.date(),
            medical_not_needed=self.medical_not_needed.isChecked(),
            findings=self.findings.toPlainText(),
            outcome=S47Outcome(outcome) if outcome else None,
            ended_on=self.ended_on.date(),
        )
        return True

    @classmethod
    def ask(
        cls, parent: QWidget | None, workspace: Workspace, course: S47Course
    ) -> S47Course | None:
        """The stored course, or ``None`` if the user cancelled."""
        return _stored(cls(workspace, course, parent))


class InterviewDialog(FormDialog):
    """One interview of the enquiry: its date, who, and whether it was ABE."""

    def __init__(
        self, workspace: Workspace, course: S47Course, parent: QWidget | None = None
    ) -> None:
        super().__init__("Add an interview…", ok_text="&Add", parent=parent)
        self.workspace = workspace
        self.course = course
        self.result_course: S47Course | None = None
        self.held_on = DateField()
        self.interviewee = named(QLineEdit(), "Who was interviewed")
        self.interviewee.setPlaceholderText("For example: the child, mother, class teacher")
        self.abe = named(
            QCheckBox("A&BE interview (Achieving Best Evidence, video-recorded)"), "ABE interview"
        )
        add_row(self.form, "&Date:", self.held_on)
        add_row(self.form, "&Who was interviewed:", self.interviewee)
        add_row(self.form, "", self.abe)
        self.held_on.setFocus()

    def submit(self) -> bool:
        held_on = self.held_on.date()
        if held_on is None:
            self.held_on.setFocus()
            raise ValidationError("Give the date of the interview.")
        self.result_course = add_s47_interview(
            self.workspace,
            strategy_meeting_id=self.course.strategy_meeting_id,
            held_on=held_on,
            interviewee=self.interviewee.text(),
            abe=self.abe.isChecked(),
        )
        return True

    @classmethod
    def ask(
        cls, parent: QWidget | None, workspace: Workspace, course: S47Course
    ) -> S47Course | None:
        return _stored(cls(workspace, course, parent))


def _stored(dialog: S47CourseDialog | InterviewDialog) -> S47Course | None:
    """Run ``dialog``: the course as stored, or ``None`` if the user cancelled."""
    if dialog.exec() == FormDialog.DialogCode.Accepted:
        return dialog.result_course
    return None
