"""The clocks the strategy discussion starts, in working days, written out in full."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFormLayout, QLabel

from app.services.conduct.timescales import TimescalesRow, meeting_timescales
from app.ui.meeting.steps.base import StepPage
from app.ui.text import long_date
from app.ui.widgets import hint, named
from app.workdays import ASSESSMENT_WORKING_DAYS, ICPC_WORKING_DAYS, REVIEW_WORKING_DAYS

NOT_STRATEGY = (
    "These clocks start at a strategy meeting. This meeting works to the dates its "
    "strategy meeting set."
)


def timescale_lines(row: TimescalesRow) -> list[tuple[str, str]]:
    """(what, when) for each clock, dates as "Monday 14 December 2026"."""
    return [
        (
            f"Review meeting ({REVIEW_WORKING_DAYS}th working day)",
            long_date(row.review_due),
        ),
        (
            f"Initial child protection conference ({ICPC_WORKING_DAYS}th working day)",
            long_date(row.icpc_due),
        ),
        (
            f"Section 47 assessment ({ASSESSMENT_WORKING_DAYS}th working day "
            f"{row.as_timescales().assessment_counted_from})",
            long_date(row.assessment_due),
        ),
    ]


class TimescalesPage(StepPage):
    """The review, ICPC and assessment dates, live until the meeting closes."""

    def build(self) -> None:
        self.dates = QFormLayout()
        # Each date under its clock: the same shape for every row, at any width.
        self.dates.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapAllRows)
        self.values: list[QLabel] = []
        self.note = hint()
        self.body.addLayout(self.dates)
        self.body.addWidget(self.note)
        self.refresh()

    def refresh(self) -> None:
        while self.dates.rowCount():
            self.dates.removeRow(0)
        self.values = []
        row = meeting_timescales(self.state.workspace, meeting_id=self.state.meeting_id)
        if row is None:
            self.note.setText(NOT_STRATEGY)
            return
        for what, when in timescale_lines(row):
            value = QLabel(f"<b>{when}</b>")
            value.setTextFormat(Qt.TextFormat.RichText)
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByKeyboard)
            named(value, f"{what}: {when}")
            label = QLabel(f"{what}:")
            label.setWordWrap(True)  # a narrow column wraps it rather than cut the page off
            self.dates.addRow(label, value)
            self.values.append(value)
        self.note.setText(
            f"Counted in working days from {long_date(row.strategy_date)} (day 0), leaving out "
            "weekends, bank holidays and this area's closure days. "
            + (
                "These dates are stored with the meeting."
                if row.stored
                else "They are stored with the meeting when the decision is confirmed or it closes."
            )
        )
