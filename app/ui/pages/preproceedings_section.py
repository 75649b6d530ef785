"""A case's pre-proceedings (the Public Law Outline): the episodes, and a form for each.

Self-contained: the case page adds it with one line and it reads and writes
through ``app.services.preproceedings``. The checks (dates in order, an outcome
with its decision date) are the service's; the form shows them and keeps what
was typed.
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QGroupBox,
    QHBoxLayout,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.errors import ValidationError
from app.models import PreProceedingsOutcome
from app.services.preproceedings import (
    PreProceedingsRow,
    list_pre_proceedings,
    record_pre_proceedings,
)
from app.storage.workspace import Workspace
from app.ui import text
from app.ui.date_field import DateField
from app.ui.dialogs.base import FormDialog
from app.ui.widgets import add_row, hint, name_buttons, named
from app.workflow.preproceedings import OUTCOME_WORDS, REVIEW_MEETINGS_LIMIT

EMPTY_TEXT = "No pre-proceedings recorded. Record one with Record pre-proceedings…"
NOT_RECORDED = "Not recorded"
COLUMNS = ("Started", "Outcome", "Where it stands")


def stage(row: PreProceedingsRow) -> str:
    """Where the episode stands, in a few words."""
    v = row.values
    parts = []
    if v.letter_sent_on:
        offer = {True: ", FGDM offered", False: ", no FGDM offer", None: ""}[v.fgdm_offered]
        parts.append(f"letter {text.short_date(v.letter_sent_on)}{offer}")
    if v.first_meeting_on:
        parts.append(f"first meeting {text.short_date(v.first_meeting_on)}")
    if v.review_meetings:
        parts.append(f"{v.review_meetings} review meeting{'s' if v.review_meetings > 1 else ''}")
    if v.step_decided_on:
        parts.append(f"decided {text.short_date(v.step_decided_on)}")
    if v.court_application_on:
        parts.append(f"court application {text.short_date(v.court_application_on)}")
    summary = "; ".join(parts) or "decision to start recorded"
    return summary[0].upper() + summary[1:]


class PreProceedingsSection(QGroupBox):
    """The case's pre-proceedings episodes, with Record… and Edit…."""

    def __init__(self, workspace: Workspace, case_id: str, parent: QWidget | None = None) -> None:
        super().__init__("Pre-proceedings (Public Law Outline)", parent)
        named(self, "Pre-proceedings")
        self.workspace = workspace
        self.case_id = case_id
        self.rows: list[PreProceedingsRow] = []
        self.table = named(QTableWidget(0, len(COLUMNS)), "Pre-proceedings episodes")
        self.table.setHorizontalHeaderLabels(COLUMNS)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.setWordWrap(True)
        self.table.setMinimumHeight(self.fontMetrics().lineSpacing() * 6)
        self.table.setMaximumHeight(self.fontMetrics().lineSpacing() * 12)
        self.table.itemActivated.connect(lambda _item: self._on_edit())
        self.empty = hint(EMPTY_TEXT)
        self.record_button = named(
            QPushButton("Record pre-&proceedings…"), "Record pre-proceedings"
        )
        self.record_button.clicked.connect(self._on_record)
        self.edit_button = named(QPushButton("Edit…"), "Edit pre-proceedings")
        self.edit_button.clicked.connect(self._on_edit)
        buttons = QHBoxLayout()
        buttons.addWidget(self.record_button)
        buttons.addWidget(self.edit_button)
        buttons.addStretch(1)
        name_buttons(buttons)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table)
        layout.addWidget(self.empty)
        layout.addLayout(buttons)
        self.refresh()

    def refresh(self) -> None:
        """Read the episodes again."""
        if not self.workspace.is_open:
            return
        self.rows = list_pre_proceedings(self.workspace, case_id=self.case_id)
        self.table.setRowCount(len(self.rows))
        for index, row in enumerate(self.rows):
            outcome = OUTCOME_WORDS[row.values.outcome] if row.values.outcome else "Still open"
            cells = (text.short_date(row.values.decided_on), outcome, stage(row))
            for column, value in enumerate(cells):
                self.table.setItem(index, column, QTableWidgetItem(value))
        self.table.resizeColumnsToContents()
        self.table.setColumnWidth(2, self.table.viewport().width() // 2)
        self.table.resizeRowsToContents()
        self.table.setVisible(bool(self.rows))
        self.empty.setVisible(not self.rows)
        self.edit_button.setEnabled(bool(self.rows))

    def _selected(self) -> PreProceedingsRow | None:
        index = self.table.currentRow()
        if 0 <= index < len(self.rows):
            return self.rows[index]
        return self.rows[-1] if len(self.rows) == 1 else None

    def _on_record(self) -> None:
        if PreProceedingsDialog.ask(self, self.workspace, self.case_id) is not None:
            self.refresh()

    def _on_edit(self) -> None:
        row = self._selected()
        if row is None:
            self.table.setFocus()
            return
        if PreProceedingsDialog.ask(self, self.workspace, self.case_id, row) is not None:
            self.refresh()


def _answer_box(name: str) -> QComboBox:
    box = named(QComboBox(), name)
    for label, value in ((NOT_RECORDED, None), ("Yes", True), ("No", False)):
        box.addItem(label, value)
    return box


class PreProceedingsDialog(FormDialog):
    """One episode's record: new (``row`` None) or changed; stored on OK."""

    def __init__(
        self,
        workspace: Workspace,
        case_id: str,
        row: PreProceedingsRow | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(
            "Pre-proceedings…" if row else "Record pre-proceedings…",
            ok_text="&Save",
            intro="Leave a date empty until it happens. The census (module 5) reports each "
            "episode from these answers.",
            parent=parent,
        )
        self.workspace = workspace
        self.case_id = case_id
        self.row = row
        self.result_row: PreProceedingsRow | None = None
        self.decided_on = DateField()
        self.letter_sent_on = DateField()
        self.fgdm_offered = _answer_box("FGDM meeting offered in the letter")
        self.fgdm_facilitated = _answer_box("FGDM meeting facilitated")
        self.first_meeting_on = DateField()
        self.review_meetings = named(QSpinBox(), "Review meetings held")
        self.review_meetings.setRange(-1, REVIEW_MEETINGS_LIMIT)
        self.review_meetings.setSpecialValueText(NOT_RECORDED)
        self.review_meetings.setValue(-1)
        self.step_decided_on = DateField()
        self.outcome = named(QComboBox(), "Outcome")
        self.outcome.addItem(NOT_RECORDED, None)
        for code, words in OUTCOME_WORDS.items():
            self.outcome.addItem(words, code.value)
        self.court_application_on = DateField()
        self.proceedings_letter_on = DateField()
        add_row(self.form, "&Decision to start (legal planning meeting):", self.decided_on)
        add_row(self.form, "&Letter before proceedings sent:", self.letter_sent_on)
        add_row(self.form, "FGDM meeting &offered in the letter:", self.fgdm_offered)
        add_row(self.form, "FGDM meeting &facilitated:", self.fgdm_facilitated)
        add_row(self.form, "F&irst pre-proceedings meeting:", self.first_meeting_on)
        add_row(self.form, "&Review meetings held:", self.review_meetings)
        add_row(self.form, "Decision to step up or do&wn:", self.step_decided_on)
        add_row(self.form, "O&utcome:", self.outcome)
        add_row(self.form, "&Court application:", self.court_application_on)
        add_row(
            self.form, "Letter to parents starting &care proceedings:", self.proceedings_letter_on
        )
        if row is not None:
            self._load(row)
        self.decided_on.setFocus()

    def _load(self, row: PreProceedingsRow) -> None:
        v = row.values
        for field in (
            "decided_on",
            "letter_sent_on",
            "first_meeting_on",
            "step_decided_on",
            "court_application_on",
            "proceedings_letter_on",
        ):
            date_field: DateField = getattr(self, field)
            date_field.set_date(getattr(v, field))
        self.fgdm_offered.setCurrentIndex(self.fgdm_offered.findData(v.fgdm_offered))
        self.fgdm_facilitated.setCurrentIndex(self.fgdm_facilitated.findData(v.fgdm_facilitated))
        self.review_meetings.setValue(-1 if v.review_meetings is None else v.review_meetings)
        code = v.outcome.value if v.outcome else None
        self.outcome.setCurrentIndex(self.outcome.findData(code))

    def submit(self) -> bool:
        decided_on = self.decided_on.date()
        if decided_on is None:
            self.decided_on.setFocus()
            raise ValidationError(
                "Give the date of the decision to start pre-proceedings "
                "(the legal planning meeting)."
            )
        outcome = self.outcome.currentData()
        reviews = self.review_meetings.value()
        self.result_row = record_pre_proceedings(
            self.workspace,
            case_id=self.case_id,
            episode_id=self.row.id if self.row else None,
            decided_on=decided_on,
            letter_sent_on=self.letter_sent_on.date(),
            fgdm_offered=self.fgdm_offered.currentData(),
            fgdm_facilitated=self.fgdm_facilitated.currentData(),
            first_meeting_on=self.first_meeting_on.date(),
            review_meetings=None if reviews < 0 else reviews,
            step_decided_on=self.step_decided_on.date(),
            outcome=PreProceedingsOutcome(outcome) if outcome else None,
            court_application_on=self.court_application_on.date(),
            proceedings_letter_on=self.proceedings_letter_on.date(),
        )
        return True

    @classmethod
    def ask(
        cls,
        parent: QWidget | None,
        workspace: Workspace,
        case_id: str,
        row: PreProceedingsRow | None = None,
    ) -> PreProceedingsRow | None:
        """The stored episode, or ``None`` if the user cancelled."""
        dialog = cls(workspace, case_id, row, parent)
        if dialog.exec() == FormDialog.DialogCode.Accepted:
            return dialog.result_row
        return None
