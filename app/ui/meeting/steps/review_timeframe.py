"""The five-day review's decision on when (or whether) the initial conference is held."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QFormLayout,
    QLabel,
    QPushButton,
    QRadioButton,
    QWidget,
)

from app import clock
from app.models import IcpcTimeframe
from app.services.conduct.timescales import working_calendar
from app.services.journey import review
from app.ui.autosave import set_date, widget_value
from app.ui.meeting.action_form import date_box
from app.ui.meeting.restriction_toggle import restriction_toggle
from app.ui.meeting.steps.base import StepPage, notes_box
from app.ui.meeting.steps.representation import RepresentationWarning
from app.ui.text import long_date
from app.ui.widgets import add_row, message_label, named, show_message, user_message
from app.ui.working_day_hint import working_day_hint
from app.workflow import Blocker

NO_STRATEGY = (
    "No strategy meeting is recorded for this child before this review, so the conference "
    "date cannot be counted. Record the strategy meeting first."
)
CONFIRM = "The MACPT agreed &exceptional circumstances (the chair confirms)"


class ReviewTimeframePage(StepPage):
    """Within 15 working days (the default), extended (reason and confirmation), or not needed."""

    recorded_as = "The conference timeframe"

    def build(self) -> None:
        ws, meeting_id = self.state.workspace, self.state.meeting_id
        self.context = review.review_context(ws, meeting_id=meeting_id)
        # Made inside the page: shown before it is placed, it would be a window of its own.
        self.representation = RepresentationWarning(self.state, self)
        self.clocks = QLabel(self._clocks_text())
        self.clocks.setWordWrap(True)
        self.clocks.setTextFormat(Qt.TextFormat.PlainText)
        self.choices = QButtonGroup(self)
        self.buttons: dict[IcpcTimeframe, QRadioButton] = {}
        for number, timeframe in enumerate(IcpcTimeframe):
            button = QRadioButton(review.TIMEFRAME_LABELS[timeframe])
            self.choices.addButton(button, number)
            self.buttons[timeframe] = button
        self.target = date_box("dd/mm/yyyy (empty: the 15th working day)")
        self.reason = notes_box(
            "Why this timeframe (required for an extension or no conference).", "Reason"
        )
        self.reason.setMinimumHeight(self.fontMetrics().lineSpacing() * 4)
        restriction_toggle(self.reason, self.state, "icpc_timeframe", "reason", lambda: meeting_id)
        self.confirmed = named(QCheckBox(CONFIRM), "The MACPT agreed exceptional circumstances")
        self.record = named(QPushButton("Record the &timeframe"), "Record the timeframe")
        self.record.setAutoDefault(False)
        self.record.clicked.connect(self._on_record)
        self.error = message_label("Problem with the timeframe")
        self.stamp = QLabel()
        self.stamp.setWordWrap(True)
        form = QFormLayout()
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapAllRows)
        self.body.addWidget(self.representation)
        self.body.addWidget(self.clocks)
        for button in self.buttons.values():
            self.body.addWidget(button)
        add_row(form, "Conference &date:", self.target)
        form.addRow(
            working_day_hint(self.target, working_calendar(ws), "The agreed conference date")
        )
        add_row(form, "&Reason:", self.reason)
        self.body.addLayout(form)
        self.body.addWidget(self.confirmed)
        self.body.addWidget(self.record, 0, Qt.AlignmentFlag.AlignLeft)
        self.body.addWidget(self.error)
        self.body.addWidget(self.stamp)
        self.choices.idToggled.connect(lambda _id, _on: self._enable())
        self._load()

    def _clocks_text(self) -> str:
        c = self.context
        if c.strategy_date is None or c.icpc_default_due is None or c.review_due is None:
            return NO_STRATEGY
        late = "" if c.review_on_time else " This review is later than that."
        return (
            f"Strategy discussion: {long_date(c.strategy_date)}. The review was due by "
            f"{long_date(c.review_due)}.{late} By default the initial child protection "
            f"conference is held by {long_date(c.icpc_default_due)} (the 15th working day)."
        )

    def _load(self) -> None:
        view = review.icpc_timeframe(self.state.workspace, meeting_id=self.state.meeting_id)
        chosen = view.timeframe if view else IcpcTimeframe.WITHIN_15_DAYS
        self.buttons[chosen].setChecked(True)
        if view is not None:
            set_date(self.target, view.target_date)
            self.reason.setPlainText(view.reason)
            self.confirmed.setChecked(view.exceptional_circumstances_confirmed)
            when = clock.local_date(view.decided_at) if view.decided_at else None
            self.stamp.setText(
                f"Recorded by {view.decided_by}"
                + (f" on {long_date(when)}" if when else "")
                + (f". Conference by {long_date(view.target_date)}." if view.target_date else ".")
            )
        else:
            self.stamp.setText("Not recorded yet.")
        self._enable()
        self.mark_recorded()

    def snapshot(self) -> object:
        return (
            self.chosen(),
            self.target.text(),
            self.reason.toPlainText(),
            self.confirmed.isChecked(),
        )

    def chosen(self) -> IcpcTimeframe:
        return next(t for t, b in self.buttons.items() if b.isChecked())

    def _enable(self) -> None:
        timeframe = self.chosen() if any(b.isChecked() for b in self.buttons.values()) else None
        editable = self.state.editable
        self.target.setEnabled(editable and timeframe is not IcpcTimeframe.NOT_NEEDED)
        self.confirmed.setEnabled(editable and timeframe is IcpcTimeframe.EXTENDED)

    def _on_record(self) -> None:
        try:
            view = review.record_icpc_timeframe(
                self.state.workspace,
                meeting_id=self.state.meeting_id,
                timeframe=self.chosen(),
                target_date=widget_value(self.target),
                reason=self.reason.toPlainText(),
                exceptional_circumstances_confirmed=self.confirmed.isChecked(),
            )
        except Exception as exc:
            self.show_problem(self.error, user_message(exc))
            return
        show_message(self.error, "")
        self.state.changed()
        self._load()
        self.state.tell(f"ICPC timeframe recorded: {view.label}.")
        self.scroller.ensureWidgetVisible(self.stamp)  # what was recorded, and by whom

    def refresh(self) -> None:
        self.representation.refresh()

    def first_field(self) -> QWidget:
        return self.representation.first_reason() or self.buttons[self.chosen()]

    def field_for(self, blocker: Blocker) -> QWidget | None:
        return self.representation.field_for(blocker)

    def set_editable(self, editable: bool) -> None:
        super().set_editable(editable)
        for button in self.buttons.values():
            button.setEnabled(editable)
        self.reason.setReadOnly(not editable)
        self.record.setVisible(editable)
        self._enable()
