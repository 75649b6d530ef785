"""Ending a plan: the reason, ongoing support, every practitioner's input, who must be told."""

from __future__ import annotations

from html import escape

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.models import DischargeReason, MeetingType, OngoingSupport
from app.services.journey import discharge as service
from app.services.journey.discharge import DischargeInputRow, DischargeView
from app.ui.autosave import optional_date_edit, set_date, widget_value
from app.ui.meeting.action_form import agency_combo
from app.ui.meeting.restriction_toggle import restriction_toggle
from app.ui.meeting.state import MeetingState, clear_layout, tab_in_order
from app.ui.widgets import add_row, heading, hint, named


class InputLine(QFrame):
    """One practitioner on the checklist: asked when, replied when, and what they said.

    Two lines, so the reply has the width of the item: who, asked on, replied on
    and Save; then what they said.
    """

    def __init__(self, panel: DischargePanel, row: DischargeInputRow) -> None:
        super().__init__()
        self.row = row
        who = (
            f"{row.practitioner_name} ({row.agency_name})"
            if row.agency_name
            else row.practitioner_name
        )
        self.label = QLabel(f"<b>{escape(who)}</b>")
        self.label.setWordWrap(True)
        self.asked = optional_date_edit()
        self.replied = optional_date_edit()
        self.asked.setPlaceholderText("Not asked yet")
        self.replied.setPlaceholderText("No reply yet")
        set_date(self.asked, row.asked_on)
        set_date(self.replied, row.responded_on)
        self.response = QLineEdit(row.response)
        self.response.setPlaceholderText("What they said")
        restriction_toggle(
            self.response,
            panel.state,
            "discharge_input",
            "response",
            lambda: row.id,
            row.agency_id,
        )
        self.save = named(QPushButton("Save"), f"Save the input from {row.practitioner_name}")
        self.save.setAutoDefault(False)
        for widget, what in (
            (self.asked, "asked on"),
            (self.replied, "replied on"),
            (self.response, "reply"),
        ):
            named(widget, f"{row.practitioner_name}: {what}")
        self.save.clicked.connect(lambda: panel.save_input(self))
        dates = QHBoxLayout()
        for caption, field in (("Asked on:", self.asked), ("Replied on:", self.replied)):
            label = QLabel(caption)
            label.setBuddy(field)
            dates.addWidget(label)
            dates.addWidget(field)
        dates.addStretch(1)
        dates.addWidget(self.save)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 2, 0, 8)
        layout.addWidget(self.label)
        layout.addLayout(dates)
        layout.addWidget(self.response)

    def widgets(self) -> list[QWidget]:
        return [self.label, self.asked, self.replied, self.response, self.save]

    def tab_chain(self) -> list[QWidget]:
        return [self.asked, self.replied, self.response, self.save]


class DischargePanel(QFrame):
    """Shown on a review conference's decision when the plan ends."""

    def __init__(self, state: MeetingState, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.state = state
        self.reason = QComboBox()
        self.reason.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.reason.setMinimumContentsLength(20)  # the list shows each reason in full
        for reason in DischargeReason:
            self.reason.addItem(service.REASON_LABELS[reason], reason.value)
        self.support = {s: QCheckBox(service.SUPPORT_LABELS[s]) for s in OngoingSupport}
        self.support_detail = QLineEdit()
        self.support_detail.setPlaceholderText(
            "Who provides it, or where the plan was transferred to"
        )
        self.inputs = QVBoxLayout()
        self.inputs.setSpacing(0)
        self.lines: list[InputLine] = []
        self.prefill = named(
            QPushButton("Fill in from the child's &meetings"), "Fill in the checklist"
        )
        self.prefill.setAutoDefault(False)
        self.prefill.clicked.connect(self._on_prefill)
        self.new_name = QLineEdit()
        self.new_name.setPlaceholderText("Practitioner's name")
        named(self.new_name, "Practitioner to add to the checklist")
        self.new_agency = agency_combo(state)
        self.add = named(QPushButton("Add"), "Add the practitioner to the checklist")
        self.add.setAutoDefault(False)
        self.add.clicked.connect(self._on_add)
        self.told = QLabel()
        self.told.setWordWrap(True)
        form = QFormLayout()
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapAllRows)
        add_row(form, "Why the plan &ends:", self.reason)
        boxes = QVBoxLayout()
        for box in self.support.values():
            boxes.addWidget(box)
        form.addRow("Ongoing support after the plan ends:", boxes)
        add_row(form, "Support detail:", self.support_detail)
        adding = QHBoxLayout()
        adding.addWidget(self.new_name, 2)
        adding.addWidget(self.new_agency, 2)
        adding.addWidget(self.add)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(heading("Ending the plan", level=2))
        layout.addLayout(form)
        layout.addWidget(heading("Input from every practitioner involved", level=2))
        layout.addWidget(
            hint(
                "Everyone involved must be asked for their view before the plan ends. "
                "Filling in from the child's meetings also records as replied whoever's "
                "agency gave its view or information at this conference."
            )
        )
        layout.addLayout(self.inputs)
        layout.addWidget(self.prefill)
        layout.addLayout(adding)
        layout.addWidget(heading("Who must be told", level=2))
        layout.addWidget(self.told)
        self._load()

    def _load(self) -> None:
        self.view: DischargeView | None = None
        if self.state.header.meeting_type is not MeetingType.RCPC:
            return  # only a review conference ends a plan
        self.view = view = service.discharge(self.state.workspace, meeting_id=self.state.meeting_id)
        if view is None:
            return
        self.reason.setCurrentIndex(max(self.reason.findData(view.reason.value), 0))
        for support, box in self.support.items():
            box.setChecked(support in view.ongoing_support)
        self.support_detail.setText(view.ongoing_support_detail)

    def snapshot(self) -> object:
        """The reason and support as chosen (the checklist saves row by row)."""
        chosen = tuple(s for s, box in self.support.items() if box.isChecked())
        return (self.reason.currentData(), chosen, self.support_detail.text())

    def _focus_in_checklist(self) -> tuple[str, int] | None:
        """Which practitioner's field has the cursor (their row id, the field's place)."""
        where = self.window().focusWidget()
        for line in self.lines:
            chain = line.tab_chain()
            if where in chain:
                return line.row.id, chain.index(where)
        return None

    def refresh(self) -> None:
        ws, meeting_id = self.state.workspace, self.state.meeting_id
        # The rows are made again: the cursor goes back where it was, not nowhere.
        focus = self._focus_in_checklist()
        clear_layout(self.inputs)
        self.lines = []
        rows = service.discharge_inputs(ws, meeting_id=meeting_id)
        for row in rows:
            line = InputLine(self, row)
            self.inputs.addWidget(line)
            self.lines.append(line)
        if not rows:
            self.inputs.addWidget(hint("Nobody on the checklist yet."))
        checklist = [w for line in self.lines for w in line.tab_chain()]
        tab_in_order(self.support_detail, *checklist, self.prefill, self.new_name)
        if focus is not None:
            row_id, place = focus
            again = next((line for line in self.lines if line.row.id == row_id), None)
            (again.tab_chain()[place] if again else self.prefill).setFocus()
        told = service.who_must_be_told(ws, meeting_id=meeting_id)
        self.told.setText(
            "\n".join(
                f"• {r.name}"
                + (
                    f" ({r.agency_name})"
                    if r.agency_name
                    else f" ({r.relationship or 'parent or carer'})"
                )
                for r in told
            )
            or "Nobody yet."
        )

    def save_input(self, line: InputLine) -> None:
        saved = self.state.attempt(
            lambda: service.update_discharge_input(
                self.state.workspace,
                input_id=line.row.id,
                asked_on=widget_value(line.asked),
                responded_on=widget_value(line.replied),
                response=line.response.text(),
            )
        )
        if saved is not None:
            self.state.tell(f"Input from {saved.practitioner_name} saved: {saved.status.lower()}.")

    def _on_prefill(self) -> None:
        if (
            self.state.attempt(
                lambda: service.prefill_discharge_inputs(
                    self.state.workspace, meeting_id=self.state.meeting_id
                )
            )
            is not None
        ):
            self.refresh()

    def _on_add(self) -> None:
        added = self.state.attempt(
            lambda: service.add_discharge_input(
                self.state.workspace,
                meeting_id=self.state.meeting_id,
                practitioner_name=self.new_name.text(),
                agency_id=self.new_agency.currentData(),
            )
        )
        if added is not None:
            self.new_name.clear()
            self.refresh()

    def record(self, *, progress: str, rationale: str, dissent: str) -> DischargeView:
        """End the plan (raises the service's error, which the page shows)."""
        self.view = service.record_discharge(
            self.state.workspace,
            meeting_id=self.state.meeting_id,
            reason=DischargeReason(self.reason.currentData()),
            ongoing_support=[s for s, box in self.support.items() if box.isChecked()],
            progress=progress,
            rationale=rationale,
            ongoing_support_detail=self.support_detail.text(),
            dissent=dissent,
        )
        self.refresh()
        return self.view

    def set_editable(self, editable: bool) -> None:
        self.reason.setEnabled(editable)
        for box in self.support.values():
            box.setEnabled(editable)
        self.support_detail.setReadOnly(not editable)
        for widget in (self.prefill, self.new_name, self.new_agency, self.add):
            widget.setEnabled(editable)
        for line in self.lines:
            for part in line.widgets()[1:]:
                part.setEnabled(editable)
