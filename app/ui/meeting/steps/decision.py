"""The threshold decision: met or not, the outcome, the rationale, each agency's view, dissent."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QFormLayout, QLabel, QPushButton, QWidget

from app import clock
from app.models import ThresholdOutcome
from app.services.conduct import decision as decisions
from app.services.conduct.decision import DecisionRow
from app.ui.meeting.restriction_toggle import restriction_toggle
from app.ui.meeting.steps.agency_views import AgencyViews
from app.ui.meeting.steps.base import StepPage, notes_box
from app.ui.meeting.steps.representation import RepresentationWarning
from app.ui.text import long_date, time_text
from app.ui.widgets import add_row, heading, named
from app.workflow import Blocker, BlockerCode

THRESHOLD_CHOICES: tuple[tuple[str, bool | None], ...] = (
    ("Not answered yet", None),
    ("Yes: the significant-harm threshold is met", True),
    ("No: the significant-harm threshold is not met", False),
)
RATIONALE_LABEL = "&Rationale (required, for every outcome including no further action):"


def _select(combo: QComboBox, value: object) -> None:
    index = combo.findData(value)
    combo.setCurrentIndex(max(index, 0))


class DecisionPage(StepPage):
    """The chair's decision and why; closing is blocked until it is complete."""

    def build(self) -> None:
        state = self.state
        # Made inside the page: shown before it is placed, it would be a window of its own.
        self.warning = RepresentationWarning(state, self)
        self.body.addWidget(self.warning)
        self.threshold = QComboBox()
        for text, value in THRESHOLD_CHOICES:
            self.threshold.addItem(text, value)
        self.outcome = QComboBox()
        self.outcome.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.outcome.setMinimumContentsLength(20)  # the list shows each outcome in full
        self.outcome.addItem("Choose the outcome…", None)
        for outcome in ThresholdOutcome:
            self.outcome.addItem(outcome.label, outcome.value)
        self.rationale = notes_box(
            "Why the meeting reached this decision. The meeting cannot close without it.",
            "Rationale",
        )
        self.rationale_hint = QLabel(
            "The rationale is required: the meeting cannot close without it."
        )
        self.rationale_hint.setObjectName("warning")
        self.rationale_hint.setWordWrap(True)
        self.support = notes_box("Family Help or other support offered, if any.", "Support")
        self.dissent = notes_box("Any agency's disagreement, in its own words.", "Dissent")
        for edit, field in (
            (self.rationale, "rationale"),
            (self.support, "support_detail"),
            (self.dissent, "dissent"),
        ):
            edit.setMinimumHeight(self.fontMetrics().lineSpacing() * 4)
            restriction_toggle(edit, state, "threshold_decision", field, lambda: state.meeting_id)
        form = QFormLayout()
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapAllRows)
        add_row(form, "Is the &threshold met?", self.threshold)
        add_row(form, "&Outcome:", self.outcome)
        # The long label wraps in a narrow column rather than cut the page off.
        add_row(form, RATIONALE_LABEL, self.rationale).setWordWrap(True)
        form.addRow(self.rationale_hint)
        add_row(form, "Family Help or other su&pport:", self.support)
        self.body.addLayout(form)
        self.body.addWidget(heading("Each agency's view", level=2))
        self.views = AgencyViews(state)
        self.body.addWidget(self.views)
        dissent_form = QFormLayout()
        dissent_form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapAllRows)
        add_row(dissent_form, "&Dissent:", self.dissent)
        self.body.addLayout(dissent_form)
        self.confirm = named(QPushButton("Confir&m the decision"), "Confirm the decision")
        self.confirm.clicked.connect(self._on_confirm)
        self.stamp = QLabel()
        self.stamp.setTextFormat(Qt.TextFormat.PlainText)
        self.stamp.setWordWrap(True)
        self.body.addWidget(self.confirm, 0, Qt.AlignmentFlag.AlignLeft)
        self.body.addWidget(self.stamp)

        self._load(decisions.get_decision(state.workspace, meeting_id=state.meeting_id))
        ws, meeting_id = state.workspace, state.meeting_id
        self.threshold.activated.connect(self._on_threshold)
        self.outcome.activated.connect(self._on_outcome)
        state.bind(
            self.rationale,
            lambda v: self._show(decisions.save_decision(ws, meeting_id=meeting_id, rationale=v)),
        )
        state.bind(
            self.support,
            lambda v: self._show(
                decisions.save_decision(ws, meeting_id=meeting_id, support_detail=v)
            ),
        )
        state.bind(
            self.dissent,
            lambda v: self._show(decisions.save_decision(ws, meeting_id=meeting_id, dissent=v)),
        )

    def _load(self, row: DecisionRow) -> None:
        _select(self.threshold, row.threshold_met)
        _select(self.outcome, row.outcome.value if row.outcome else None)
        self.rationale.setPlainText(row.rationale)
        self.support.setPlainText(row.support_detail)
        self.dissent.setPlainText(row.dissent)
        self._show(row)

    def _show(self, row: DecisionRow) -> None:
        self.rationale_hint.setVisible(not row.rationale.strip() and self.state.editable)
        if row.decided_at is not None and row.decided_by:
            local = clock.local_time(row.decided_at)
            self.stamp.setText(
                f"Decision confirmed by {row.decided_by} at {time_text(local.time())} "
                f"on {long_date(local.date())}."
            )
        else:
            self.stamp.setText("Not confirmed yet. Closing the meeting confirms it.")

    def _on_threshold(self, _index: int) -> None:
        value = self.threshold.currentData()
        row = self.state.attempt(
            lambda: decisions.save_decision(
                self.state.workspace, meeting_id=self.state.meeting_id, threshold_met=value
            )
        )
        if row is not None:
            self._show(row)

    def _on_outcome(self, _index: int) -> None:
        value = self.outcome.currentData()
        outcome = ThresholdOutcome(value) if value else None
        row = self.state.attempt(
            lambda: decisions.save_decision(
                self.state.workspace, meeting_id=self.state.meeting_id, outcome=outcome
            )
        )
        if row is not None:
            self._show(row)

    def _on_confirm(self) -> None:
        self.state.autosave.flush()
        row = self.state.attempt(
            lambda: decisions.record_decision(
                self.state.workspace, meeting_id=self.state.meeting_id
            )
        )
        if row is not None:
            self._show(row)
            self.state.tell("Decision confirmed.")

    def refresh(self) -> None:
        self.warning.refresh()
        self.views.refresh()

    def first_field(self) -> QWidget:
        return self.warning.first_reason() or self.threshold

    def field_for(self, blocker: Blocker) -> QWidget | None:
        fields: dict[BlockerCode, QWidget] = {
            BlockerCode.NO_THRESHOLD: self.threshold,
            BlockerCode.NO_OUTCOME: self.outcome,
            BlockerCode.NO_RATIONALE: self.rationale,
        }
        return fields.get(blocker.code) or self.warning.field_for(blocker)

    def set_editable(self, editable: bool) -> None:
        super().set_editable(editable)
        for combo in (self.threshold, self.outcome):
            combo.setEnabled(editable)
        for edit in (self.rationale, self.support, self.dissent):
            edit.setReadOnly(not editable)
        self.confirm.setVisible(editable)
        self.views.set_editable(editable)
