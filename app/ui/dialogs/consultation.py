"""Recording a consultation (Ctrl+Shift+K from anywhere) and what happened next.

Fast on purpose: a practitioner is often still on the telephone. The fields go in
the order the call does (who, agency, question, advice, the LCPP's view, what
next); Enter in a one-line field or Ctrl+Enter anywhere saves.
"""

from __future__ import annotations

from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QComboBox, QLabel, QLineEdit, QPushButton, QWidget

from app import clock
from app.errors import ValidationError
from app.models import ConsultationOutcome, MeetingType, ThresholdView
from app.models.consultation import CHILD_REFERENCE_LIMIT
from app.services.agencies import list_agencies
from app.services.consultations import (
    ConsultationRow,
    case_for_reference,
    record_consultation,
    set_outcome,
)
from app.services.meeting_list import list_meetings
from app.storage.workspace import Workspace
from app.ui import text
from app.ui.date_field import DateField
from app.ui.dialogs.base import FormDialog
from app.ui.dialogs.new_case import short_text_box
from app.ui.widgets import add_row, hint

SHORTCUT = "Ctrl+Shift+K"
STRATEGY = ConsultationOutcome.STRATEGY_MEETING
WIDTH_CHARS = 96  # room for a question of a few lines, and the longest threshold view
AWAITING = "Not yet: awaiting follow-up"


class OutcomeFields:
    """What happened next: the outcome, the strategy meeting convened, or what else."""

    def __init__(self, dialog: FormDialog, workspace: Workspace, *, allow_none: bool) -> None:
        self.dialog, self.workspace = dialog, workspace
        self.case_id: str | None = None
        self.outcome = QComboBox()
        if allow_none:
            self.outcome.addItem(AWAITING, None)
        for outcome in ConsultationOutcome:
            self.outcome.addItem(outcome.label, outcome.value)
        self.meeting = QComboBox()
        self.convene = QPushButton("Sche&dule the strategy meeting…")
        self.convene.clicked.connect(self._on_convene)
        # Enter saves the consultation; it never opens another dialog.
        self.convene.setAutoDefault(False)
        self.note = QLineEdit()
        self.note.setPlaceholderText("For example: early help offered; referred to the LADO")
        form = dialog.form
        add_row(form, "&What next:", self.outcome)
        self.meeting_label = add_row(form, "Strategy &meeting:", self.meeting)
        form.addRow("", self.convene)
        self.note_label = add_row(form, "Det&ails:", self.note)
        self.outcome.currentIndexChanged.connect(self._on_outcome)
        self._on_outcome()
        if dialog.ok_button is not None:
            dialog.ok_button.setDefault(True)

    def chosen(self) -> ConsultationOutcome | None:
        value = self.outcome.currentData()
        return None if value is None else ConsultationOutcome(value)

    def _on_outcome(self, *_args: object) -> None:
        chosen = self.chosen()
        strategy = chosen is ConsultationOutcome.STRATEGY_MEETING
        shown: list[tuple[QWidget, bool]] = [
            (self.meeting_label, strategy),
            (self.meeting, strategy),
            (self.convene, strategy),
            (self.note_label, chosen is ConsultationOutcome.OTHER),
            (self.note, chosen is ConsultationOutcome.OTHER),
        ]
        for widget, visible in shown:
            widget.setVisible(visible)
        if strategy:
            self.load_meetings()

    def load_meetings(self, select: str | None = None) -> None:
        """The case's strategy meetings, newest first (``select`` chosen if given)."""
        self.meeting.clear()
        self.convene.setEnabled(self.case_id is not None)
        if self.case_id is None:
            self.meeting.addItem("Give a known child's reference to choose their meeting", None)
            return
        found = [
            m
            for m in list_meetings(self.workspace, case_id=self.case_id)
            if m.meeting_type is MeetingType.STRATEGY
        ]
        if not found:
            self.meeting.addItem("None yet: schedule it below", None)
        for m in reversed(found):
            status = text.STATUS_WORDS[m.status].lower()
            self.meeting.addItem(f"{text.long_date(m.scheduled_date)} ({status})", m.id)
        if select is not None:
            self.meeting.setCurrentIndex(max(self.meeting.findData(select), 0))

    def _on_convene(self) -> None:
        from app.ui.dialogs.schedule_meeting import ScheduleMeetingDialog

        if self.case_id is None:
            return
        schedule = ScheduleMeetingDialog(self.workspace, self.case_id, parent=self.dialog)
        schedule.meeting_type.setCurrentIndex(schedule.meeting_type.findData("strategy"))
        schedule.exec()
        if schedule.result_meeting is not None:
            self.load_meetings(select=schedule.result_meeting.id)

    def values(self) -> dict[str, object]:
        chosen = self.chosen()
        strategy = chosen is ConsultationOutcome.STRATEGY_MEETING
        return {
            "outcome": chosen,
            "meeting_id": self.meeting.currentData() if strategy else None,
            "notes": self.note.text() if chosen is ConsultationOutcome.OTHER else "",
        }


def _save_on_ctrl_enter(dialog: FormDialog) -> None:
    for key in ("Ctrl+Return", "Ctrl+Enter"):
        QShortcut(QKeySequence(key), dialog).activated.connect(dialog.buttons.accepted)


class ConsultationDialog(FormDialog):
    """Records a consultation on Save; ``result_id`` is the new consultation's."""

    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(
            "Record a consultation…",
            ok_text="&Save",
            intro="A practitioner asked the MACPT for advice. Enter or Ctrl+Enter saves.",
            parent=parent,
        )
        self.workspace = workspace
        self.result_id: str | None = None
        self.asked_by = QLineEdit()
        self.asked_by.setPlaceholderText("Name and role, for example Sam Jones, school DSL")
        self.agency = QComboBox()
        for agency in list_agencies(workspace):
            self.agency.addItem(agency.name, agency.id)
        # A long agency name must not push the field onto a line of its own.
        self.agency.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.agency.setMinimumContentsLength(24)
        self.question = short_text_box(4)
        self.advice = short_text_box(3)
        self.threshold = QComboBox()
        self.threshold.addItem("Choose the LCPP's view", None)
        for view in ThresholdView:
            self.threshold.addItem(view.label, view.value)
        add_row(self.form, "Who &asked:", self.asked_by)
        add_row(self.form, "A&gency:", self.agency)
        add_row(self.form, "&Question:", self.question)
        add_row(self.form, "Ad&vice given:", self.advice)
        add_row(self.form, "&Threshold:", self.threshold, "The LCPP's view on the threshold")
        self.outcome = OutcomeFields(self, workspace, allow_none=True)
        self.child = QLineEdit()
        self.child.setMaxLength(CHILD_REFERENCE_LIMIT)
        self.child.setPlaceholderText("Initials only, or a known child's LA reference")
        self.child.editingFinished.connect(self._on_child)
        add_row(self.form, "&Child:", self.child, "Initials only, or a known child's reference")
        self.child_words: QLabel = hint("")
        self.form.addRow("", self.child_words)
        self.asked_on = DateField()
        self.asked_on.set_date(clock.today())
        add_row(self.form, "Asked o&n:", self.asked_on)
        self.setMinimumWidth(self.fontMetrics().averageCharWidth() * WIDTH_CHARS)
        _save_on_ctrl_enter(self)
        self.asked_by.setFocus()

    def _on_child(self) -> None:
        case_id = case_for_reference(self.workspace, la_child_ref=self.child.text())
        self.outcome.case_id = case_id
        self.child_words.setText(
            "A known child: the consultation is linked to their case." if case_id else ""
        )
        if self.outcome.chosen() is ConsultationOutcome.STRATEGY_MEETING:
            self.outcome.load_meetings()

    def submit(self) -> bool:
        if self.threshold.currentData() is None:
            raise ValidationError("Choose the LCPP's view on the threshold.")
        asked_on = self.asked_on.date()
        if asked_on is None:
            raise ValidationError("Give the day the practitioner asked, for example 14/12/2026.")
        self._on_child()
        case_id = self.outcome.case_id
        self.result_id = record_consultation(
            self.workspace,
            asked_by_name=self.asked_by.text(),
            agency_id=self.agency.currentData(),
            question=self.question.toPlainText(),
            advice=self.advice.toPlainText(),
            threshold_view=ThresholdView(self.threshold.currentData()),
            asked_on=asked_on,
            case_id=case_id,
            child_reference="" if case_id else self.child.text(),
            **self.outcome.values(),  # type: ignore[arg-type]
        )
        return True

    @classmethod
    def ask(cls, parent: QWidget | None, workspace: Workspace) -> str | None:
        """The new consultation's id, or ``None`` if the user cancelled."""
        dialog = cls(workspace, parent)
        dialog.exec()
        return dialog.result_id


class FollowUpDialog(FormDialog):
    """Records what happened after a consultation awaiting follow-up."""

    def __init__(
        self, workspace: Workspace, row: ConsultationRow, parent: QWidget | None = None
    ) -> None:
        about = f" about {row.child}" if row.child else ""
        super().__init__(
            "What happened next…",
            ok_text="&Save",
            intro=f"{row.asked_by_name} ({row.agency_name}) asked{about} on "
            f"{text.long_date(row.asked_on)}. {row.threshold_view.label}.",
            parent=parent,
        )
        self.workspace, self.row = workspace, row
        self.recorded = False
        self.outcome = OutcomeFields(self, workspace, allow_none=False)
        self.child = QLineEdit()
        self.child.setMaxLength(CHILD_REFERENCE_LIMIT)
        self.outcome.case_id = row.case_id
        if row.case_id is None:
            # A strategy meeting is about a known child: their reference finds it.
            label = add_row(self.form, "Child's LA &reference:", self.child)
            self.child.editingFinished.connect(self._on_child)
            self.outcome.outcome.currentIndexChanged.connect(
                lambda _i: [
                    w.setVisible(self.outcome.chosen() is STRATEGY) for w in (label, self.child)
                ]
            )
            for widget in (label, self.child):
                widget.setVisible(self.outcome.chosen() is STRATEGY)
        self.setMinimumWidth(self.fontMetrics().averageCharWidth() * WIDTH_CHARS)
        _save_on_ctrl_enter(self)
        self.outcome.outcome.setFocus()

    def _on_child(self) -> None:
        self.outcome.case_id = case_for_reference(self.workspace, la_child_ref=self.child.text())
        self.outcome.load_meetings()

    def submit(self) -> bool:
        set_outcome(self.workspace, consultation_id=self.row.id, **self.outcome.values())  # type: ignore[arg-type]
        self.recorded = True
        return True

    @classmethod
    def ask(cls, parent: QWidget | None, workspace: Workspace, row: ConsultationRow) -> bool:
        """True if an outcome was recorded."""
        dialog = cls(workspace, row, parent)
        dialog.exec()
        return dialog.recorded
