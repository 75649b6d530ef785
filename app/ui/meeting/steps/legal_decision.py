"""A legal planning meeting's decision: start pre-proceedings, issue care proceedings
or neither (or, with pre-proceedings open, continue them or step up or down), with
the reasons. Recording it writes the case's pre-proceedings record too."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QFormLayout,
    QLabel,
    QPushButton,
    QRadioButton,
    QWidget,
)

from app.models import LegalDecision, PreProceedingsOutcome
from app.services.conduct.legal_planning import legal_planning_state, record_legal_decision
from app.ui.date_field import DateField
from app.ui.meeting.steps.base import StepPage, notes_box
from app.ui.text import long_date
from app.ui.widgets import add_row, message_label, named, show_message, user_message
from app.workflow import Blocker
from app.workflow.legal_planning import DECISION_WORDS
from app.workflow.preproceedings import OUTCOME_WORDS

NOT_RECORDED = "Not recorded yet. The meeting cannot close until it is."


class LegalDecisionPage(StepPage):
    """The choice, the reasons, the letter and FGDM or the outcome, and a button."""

    recorded_as = "The legal planning decision"

    def build(self) -> None:
        state = legal_planning_state(self.state.workspace, meeting_id=self.state.meeting_id)
        since = state.open_since
        self.context = QLabel(
            f"This case has been in pre-proceedings since {long_date(since)}."
            if since is not None
            else "This case is not in pre-proceedings."
        )
        self.context.setWordWrap(True)
        self.choices = QButtonGroup(self)
        self.buttons: dict[LegalDecision, QRadioButton] = {}
        for number, decision in enumerate(state.choices):
            words = DECISION_WORDS[decision]
            button = named(QRadioButton(words), words)
            self.choices.addButton(button, number)
            self.buttons[decision] = button
        self.reasons = notes_box("Why: the threshold, the legal advice, the family.", "Reasons")
        self.reasons.setMinimumHeight(self.fontMetrics().lineSpacing() * 4)
        self.letter = named(DateField(), "Letter before proceedings sent on")
        self.fgdm = named(
            QCheckBox("A family group decision making meeting is offered in the letter"),
            "FGDM offered",
        )
        self.outcome = named(QComboBox(), "Outcome of the step up or down")
        for code, words in OUTCOME_WORDS.items():
            self.outcome.addItem(words, code)
        self.record = named(QPushButton("Record t&he decision"), "Record the decision")
        self.record.setAutoDefault(False)
        self.record.clicked.connect(self._on_record)
        self.error = message_label("Problem with the decision")
        self.stamp = QLabel()
        self.stamp.setWordWrap(True)
        self.stamp.setTextFormat(Qt.TextFormat.PlainText)
        self.body.addWidget(self.context)
        for button in self.buttons.values():
            self.body.addWidget(button)
        form = QFormLayout()
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapAllRows)
        add_row(form, "Reasons (re&quired):", self.reasons)
        add_row(form, "Letter &before proceedings sent (optional):", self.letter)
        form.addRow(self.fgdm)
        add_row(form, "Ou&tcome of the step up or down:", self.outcome)
        self.body.addLayout(form)
        self.body.addWidget(self.record, 0, Qt.AlignmentFlag.AlignLeft)
        self.body.addWidget(self.error)
        self.body.addWidget(self.stamp)
        self.choices.idToggled.connect(lambda _id, _on: self._enable())
        self._show(state.decision is not None)
        if state.decision is not None:
            self.stamp.setText(f"Recorded by {state.decision.decided_by}: {state.decision.label}.")
            self.reasons.setPlainText(state.decision.reasons)
            if state.decision.decision in self.buttons:
                self.buttons[state.decision.decision].setChecked(True)
        else:
            self.stamp.setText(NOT_RECORDED)
        self.mark_recorded()

    def _show(self, recorded: bool) -> None:
        self._decided = recorded
        self._enable()

    def chosen(self) -> LegalDecision | None:
        return next((d for d, b in self.buttons.items() if b.isChecked()), None)

    def snapshot(self) -> object:
        return (
            self.chosen(),
            self.reasons.toPlainText(),
            self.letter.text(),
            self.fgdm.isChecked(),
        )

    def _enable(self) -> None:
        open_ = self.state.editable and not getattr(self, "_decided", False)
        chosen = self.chosen()
        starts = open_ and chosen is LegalDecision.START_PRE_PROCEEDINGS
        self.letter.setEnabled(starts)
        self.fgdm.setEnabled(starts)
        self.outcome.setEnabled(open_ and chosen is LegalDecision.STEP_UP_OR_DOWN)
        self.record.setVisible(open_)
        self.reasons.setReadOnly(not open_)
        for button in self.buttons.values():
            button.setEnabled(open_)

    def _on_record(self) -> None:
        chosen = self.chosen()
        if chosen is None:
            self.show_problem(self.error, "Choose the decision.")
            return
        starts = chosen is LegalDecision.START_PRE_PROCEEDINGS
        steps = chosen is LegalDecision.STEP_UP_OR_DOWN
        outcome = self.outcome.currentData()
        try:
            row = record_legal_decision(
                self.state.workspace,
                meeting_id=self.state.meeting_id,
                decision=chosen,
                reasons=self.reasons.toPlainText(),
                letter_sent_on=self.letter.date() if starts else None,
                fgdm_offered=self.fgdm.isChecked() if starts else None,
                outcome=PreProceedingsOutcome(outcome) if steps and outcome else None,
            )
        except Exception as exc:
            self.show_problem(self.error, user_message(exc))
            return
        show_message(self.error, "")
        self.stamp.setText(f"Recorded by {row.decided_by}: {row.label}.")
        self._show(True)
        self.mark_recorded()
        self.state.changed()
        self.state.tell(f"Decision recorded: {row.label}.")
        self.scroller.ensureWidgetVisible(self.stamp)

    def first_field(self) -> QWidget:
        chosen = self.chosen()
        if chosen is not None:
            return self.buttons[chosen]
        return next(iter(self.buttons.values()), self.reasons)

    def field_for(self, blocker: Blocker) -> QWidget | None:
        return self.first_field()

    def set_editable(self, editable: bool) -> None:
        super().set_editable(editable)
        if hasattr(self, "record"):
            self._enable()
