"""Whether the child is thought to pose a risk of harm to others: none known, or to whom,
what and which agencies are involved (strategy meetings and conferences)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QFormLayout,
    QGridLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QWidget,
)

from app.models import RiskAgency, RiskAssessment
from app.services.conduct.risk_to_others import load_risk_to_others, record_risk_to_others
from app.ui.meeting.restriction_toggle import restriction_toggle
from app.ui.meeting.steps.base import StepPage, notes_box
from app.ui.widgets import add_row, message_label, named, show_message, user_message
from app.workflow import Blocker
from app.workflow.risk_to_others import QUESTION


class RiskToOthersPage(StepPage):
    """The answer, its detail where there is a risk, and a button to record it."""

    recorded_as = "The risk to others"

    def build(self) -> None:
        self.question = QLabel(QUESTION)
        self.question.setWordWrap(True)
        self.choices = QButtonGroup(self)
        self.buttons: dict[RiskAssessment, QRadioButton] = {}
        for number, assessment in enumerate(RiskAssessment):
            # The question above says the rest; a long choice cannot wrap in a narrow column.
            short = "Yes" if assessment is RiskAssessment.RISK else assessment.label
            button = named(QRadioButton(short), assessment.label)
            self.choices.addButton(button, number)
            self.buttons[assessment] = button
        self.to_whom = notes_box(
            "Who may be harmed: a sibling, other pupils, a partner.", "To whom"
        )
        self.what = notes_box("What the risk is, and what is known of it.", "What")
        for text_box in (self.to_whom, self.what):
            text_box.setMinimumHeight(self.fontMetrics().lineSpacing() * 3)
        meeting_id = self.state.meeting_id
        self._recorded_once = False
        restriction_toggle(
            self.what,
            self.state,
            "risk_to_others",
            "detail",
            lambda: meeting_id if self._recorded_once else None,
        )
        self.agencies: dict[RiskAgency, QCheckBox] = {}
        grid = QGridLayout()
        for number, agency in enumerate(RiskAgency):
            box = named(QCheckBox(agency.label), f"Agency involved: {agency.label}")
            self.agencies[agency] = box
            grid.addWidget(box, number // 3, number % 3)
            box.toggled.connect(lambda _on: self._enable())
        self.other = named(QLineEdit(), "Other agency involved")
        self.other.setPlaceholderText("The other agency (for example, the exploitation panel)")
        self.record = named(QPushButton("Record the &risk to others"), "Record the risk to others")
        self.record.setAutoDefault(False)
        self.record.clicked.connect(self._on_record)
        self.error = message_label("Problem with the risk to others")
        self.stamp = QLabel()
        self.stamp.setWordWrap(True)
        self.stamp.setTextFormat(Qt.TextFormat.PlainText)
        self.body.addWidget(self.question)
        for button in self.buttons.values():
            self.body.addWidget(button)
        form = QFormLayout()
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapAllRows)
        add_row(form, "To &whom:", self.to_whom)
        add_row(form, "W&hat:", self.what)
        form.addRow(QLabel("Agencies involved:"), grid)
        add_row(form, "Other a&gency:", self.other)
        self.body.addLayout(form)
        self.body.addWidget(self.record, 0, Qt.AlignmentFlag.AlignLeft)
        self.body.addWidget(self.error)
        self.body.addWidget(self.stamp)
        self.choices.idToggled.connect(lambda _id, _on: self._enable())
        self._load()

    def _load(self) -> None:
        row = load_risk_to_others(self.state.workspace, meeting_id=self.state.meeting_id)
        self._recorded_once = row is not None
        if row is None:
            self.choices.setExclusive(False)
            for button in self.buttons.values():
                button.setChecked(False)
            self.choices.setExclusive(True)
            self.stamp.setText("Not recorded yet. The meeting cannot close until it is.")
        else:
            self.buttons[row.assessment].setChecked(True)
            self.to_whom.setPlainText(row.to_whom)
            self.what.setPlainText(row.what)
            for agency, box in self.agencies.items():
                box.setChecked(agency in row.agencies)
            self.other.setText(row.agencies_other)
            self.stamp.setText(f"Recorded by {row.recorded_by}: {row.assessment.label}.")
        self._enable()
        self.mark_recorded()

    def chosen(self) -> RiskAssessment | None:
        return next((a for a, b in self.buttons.items() if b.isChecked()), None)

    def snapshot(self) -> object:
        return (
            self.chosen(),
            self.to_whom.toPlainText(),
            self.what.toPlainText(),
            tuple(a for a, box in self.agencies.items() if box.isChecked()),
            self.other.text(),
        )

    def _enable(self) -> None:
        risk = self.state.editable and self.chosen() is RiskAssessment.RISK
        for widget in (self.to_whom, self.what, *self.agencies.values()):
            widget.setEnabled(risk)
        self.other.setEnabled(risk and self.agencies[RiskAgency.OTHER].isChecked())

    def _on_record(self) -> None:
        chosen = self.chosen()
        if chosen is None:
            self.show_problem(self.error, "Choose an answer: none known, or a risk.")
            return
        try:
            row = record_risk_to_others(
                self.state.workspace,
                meeting_id=self.state.meeting_id,
                assessment=chosen,
                to_whom=self.to_whom.toPlainText(),
                what=self.what.toPlainText(),
                agencies=[a for a, box in self.agencies.items() if box.isChecked()],
                agencies_other=self.other.text(),
            )
        except Exception as exc:
            self.show_problem(self.error, user_message(exc))
            return
        show_message(self.error, "")
        self.state.changed()
        self._load()
        self.state.tell(f"Risk to others recorded: {row.assessment.label}.")
        self.scroller.ensureWidgetVisible(self.stamp)

    def first_field(self) -> QWidget:
        return self.buttons[self.chosen() or RiskAssessment.NONE_KNOWN]

    def field_for(self, blocker: Blocker) -> QWidget | None:
        return self.first_field()

    def set_editable(self, editable: bool) -> None:
        super().set_editable(editable)
        for button in self.buttons.values():
            button.setEnabled(editable)
        self.to_whom.setReadOnly(not editable)
        self.what.setReadOnly(not editable)
        self.other.setReadOnly(not editable)
        self.record.setVisible(editable)
        if hasattr(self, "agencies"):
            self._enable()
