"""A case's arrival other than by a referral: the birth of a baby first known unborn,
and a transfer in from another area, with forms for both.

Self-contained: the case page adds it with one line; it reads and writes through
``app.services.arrivals`` and shows the clocks the journey rules start
(``app.workflow.arrivals``). ``changed`` tells the page the child's record moved
on (a birth gives the child a date of birth, and a name when one is given).
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QGroupBox, QHBoxLayout, QLineEdit, QPushButton, QVBoxLayout, QWidget

from app.errors import ValidationError
from app.services.arrivals import Arrivals, case_arrivals, record_birth, record_transfer_in
from app.services.cases import get_case
from app.services.clocks import journey
from app.storage.workspace import Workspace
from app.ui import text
from app.ui.date_field import DateField
from app.ui.dialogs.base import FormDialog
from app.ui.widgets import add_row, hint, name_buttons, named
from app.workflow.clocks import Clock, ClockKind

NOT_UNBORN = "The child was not recorded as unborn: no birth to record."


def _clock_words(found: Clock | None, what: str) -> str:
    if found is None:
        return ""
    if found.held_on is not None:
        return f" The {what} was held on {text.long_date(found.held_on)}."
    return f" The {what} is due by {text.long_date(found.due)}."


class ArrivalSection(QGroupBox):
    """Birth and transfer in: what is recorded, the clocks, and Record… buttons."""

    changed = Signal()

    def __init__(self, workspace: Workspace, case_id: str, parent: QWidget | None = None) -> None:
        super().__init__("Birth and transfer in", parent)
        named(self, "Birth and transfer in")
        self.workspace = workspace
        self.case_id = case_id
        self.arrivals: Arrivals | None = None
        self.birth_text = named(hint(), "Birth")
        self.transfer_text = named(hint(), "Transfer in")
        self.birth_button = named(QPushButton("Record the birth…"), "Record the birth")
        self.birth_button.clicked.connect(self._on_birth)
        self.transfer_button = named(QPushButton("Record a transfer in…"), "Record a transfer in")
        self.transfer_button.clicked.connect(self._on_transfer)
        buttons = QHBoxLayout()
        buttons.addWidget(self.birth_button)
        buttons.addWidget(self.transfer_button)
        buttons.addStretch(1)
        name_buttons(buttons)
        layout = QVBoxLayout(self)
        layout.addWidget(self.birth_text)
        layout.addWidget(self.transfer_text)
        layout.addLayout(buttons)
        self.refresh()

    def refresh(self) -> None:
        """Read the birth, the transfer in and their clocks again."""
        if not self.workspace.is_open:
            return
        case = get_case(self.workspace, case_id=self.case_id)
        self.arrivals = arrivals = case_arrivals(self.workspace, case_id=self.case_id)
        state = journey(self.workspace, case_id=self.case_id)
        birth = arrivals.birth
        if birth is not None:
            before = (
                f" (recorded before the birth as {birth.name_before})" if birth.name_before else ""
            )
            self.birth_text.setText(
                f"Born on {text.long_date(birth.born_on)}{before}."
                + _clock_words(
                    state.clock(ClockKind.BIRTH_REVIEW), "first review conference after the birth"
                )
            )
        elif case.date_of_birth is None and case.expected_date_of_birth is not None:
            self.birth_text.setText(
                f"Unborn: expected {text.long_date(case.expected_date_of_birth)}. An initial "
                "conference held before the birth is a pre-birth conference."
            )
        else:
            self.birth_text.setText(NOT_UNBORN)
        moved = arrivals.transfer_in
        if moved is not None:
            self.transfer_text.setText(
                f"Moved in from {moved.from_area}: notified on "
                f"{text.long_date(moved.received_on)}."
                + _clock_words(state.clock(ClockKind.TRANSFER_IN), "transfer-in conference")
            )
        else:
            self.transfer_text.setText("No transfer in from another area is recorded.")
        unborn = case.date_of_birth is None and case.expected_date_of_birth is not None
        self.birth_button.setEnabled(birth is None and unborn)
        self.transfer_button.setText(
            "Correct the transfer in…" if moved is not None else "Record a transfer in…"
        )

    def _on_birth(self) -> None:
        if BirthDialog(self.workspace, self.case_id, self).exec() == FormDialog.DialogCode.Accepted:
            self.refresh()
            self.changed.emit()

    def _on_transfer(self) -> None:
        moved = self.arrivals.transfer_in if self.arrivals else None
        dialog = TransferInDialog(self.workspace, self.case_id, self, correcting=moved is not None)
        if moved is not None:
            dialog.received_on.set_date(moved.received_on)
            dialog.from_area.setText(moved.from_area)
            dialog.notes.setText(moved.notes)
        if dialog.exec() == FormDialog.DialogCode.Accepted:
            self.refresh()
            self.changed.emit()


class BirthDialog(FormDialog):
    """The date of birth and, when known, the child's name."""

    def __init__(self, workspace: Workspace, case_id: str, parent: QWidget | None = None) -> None:
        super().__init__(
            "Record the birth…",
            ok_text="&Record",
            intro="The child's record carries on under the name given: the same reference, "
            "case, meetings and plan. Leave a name empty to keep the one recorded.",
            parent=parent,
        )
        self.workspace = workspace
        self.case_id = case_id
        self.born_on = DateField()
        self.first_name = named(QLineEdit(), "First name")
        self.last_name = named(QLineEdit(), "Last name")
        add_row(self.form, "&Date of birth:", self.born_on)
        add_row(self.form, "&First name:", self.first_name)
        add_row(self.form, "&Last name:", self.last_name)
        self.born_on.setFocus()

    def submit(self) -> bool:
        born_on = self.born_on.date()
        if born_on is None:
            self.born_on.setFocus()
            raise ValidationError("Give the date of birth.")
        record_birth(
            self.workspace,
            case_id=self.case_id,
            born_on=born_on,
            first_name=self.first_name.text(),
            last_name=self.last_name.text(),
        )
        return True


class TransferInDialog(FormDialog):
    """The other area's notification: when it came, and from where."""

    def __init__(
        self,
        workspace: Workspace,
        case_id: str,
        parent: QWidget | None = None,
        *,
        correcting: bool = False,
    ) -> None:
        super().__init__(
            # Said as the button that opened it: a correction replaces what was recorded.
            "Correct the transfer in…" if correcting else "Record a transfer in…",
            ok_text="&Save the correction" if correcting else "&Record",
            intro="A child on a plan in another area has moved here. The transfer-in "
            "conference is due within 15 working days of the notification.",
            parent=parent,
        )
        self.workspace = workspace
        self.case_id = case_id
        self.received_on = DateField()
        self.from_area = named(QLineEdit(), "The other area")
        self.notes = named(QLineEdit(), "Notes")
        add_row(self.form, "&Notification received:", self.received_on)
        add_row(self.form, "&From the area:", self.from_area)
        add_row(self.form, "N&otes:", self.notes)
        self.received_on.setFocus()

    def submit(self) -> bool:
        received_on = self.received_on.date()
        if received_on is None:
            self.received_on.setFocus()
            raise ValidationError("Give the date the notification was received.")
        record_transfer_in(
            self.workspace,
            case_id=self.case_id,
            received_on=received_on,
            from_area=self.from_area.text(),
            notes=self.notes.text(),
        )
        return True
