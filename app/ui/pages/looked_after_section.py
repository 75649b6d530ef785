"""A looked-after child's care planning on the case page: the IRO, the placement,
since when, and the care plan's looked-after review dates.

Self-contained: the case page adds it and tells it when the care status ticks
change; it reads and writes through ``app.services.looked_after`` (which checks
the record) when the chair presses Save.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app import clock
from app.errors import MacptError, ValidationError
from app.models import PlacementType
from app.services.looked_after import LookedAfter, looked_after, record_looked_after
from app.storage.workspace import Workspace
from app.ui import text
from app.ui.autosave import optional_date_edit, set_date
from app.ui.date_field import format_date, parse_date
from app.ui.widgets import add_row, hint, message_label, named, show_message, user_message

NOT_LOOKED_AFTER = (
    "The child is not looked after. Tick \u201cLooked after by the local authority\u201d "
    "under Care status to record the IRO, the placement and the looked-after reviews."
)


def review_dates(typed: str) -> list[dt.date]:
    """Dates typed one after another, split by commas or semicolons."""
    found = []
    for part in typed.replace(";", ",").split(","):
        day = parse_date(part)
        if day is not None:
            found.append(day)
    return found


class LookedAfterSection(QGroupBox):
    """The IRO, the placement and the looked-after review dates, with Save.

    Signals: none (the case page re-reads nothing after a save).
    """

    def __init__(self, workspace: Workspace, case_id: str, parent: QWidget | None = None) -> None:
        super().__init__("Looked after", parent)
        named(self, "Looked after")
        self.workspace = workspace
        self.case_id = case_id
        self.status = hint()
        named(self.status, "Looked-after status")
        self.iro_name = QLineEdit()
        self.iro_contact = QLineEdit()
        self.placement = QComboBox()
        # The longest placement types show whole in the open list; closed, the box
        # does not widen the case page past a small screen at a large text size.
        self.placement.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.placement.setMinimumContentsLength(24)
        self.placement.addItem("Not recorded", None)
        for kind in PlacementType:
            self.placement.addItem(kind.label, kind.value)
        self.since = optional_date_edit()
        self.reviews = QLineEdit()
        self.reviews.setPlaceholderText("07/12/2026, 01/06/2027")
        self.next_review = hint()
        named(self.next_review, "Next looked-after review")
        form = QFormLayout()
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        add_row(form, "IRO:", self.iro_name, "The independent reviewing officer's name")
        add_row(form, "IRO's contact:", self.iro_contact, "A phone number or email address")
        add_row(form, "Placement:", self.placement, "The placement type (SSDA903)")
        add_row(form, "Looked after since:", self.since)
        add_row(
            form,
            "Looked-after reviews:",
            self.reviews,
            "The care plan's review dates, held or planned, separated by commas",
        )
        self.save_button = named(
            QPushButton("Save looked-after details"), "Save looked-after details"
        )
        self.save_button.setAutoDefault(False)
        self.save_button.clicked.connect(self._on_save)
        self.message = message_label("Looked-after details message")
        buttons = QHBoxLayout()
        buttons.addWidget(self.save_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.status)
        layout.addLayout(form)
        layout.addWidget(self.next_review)
        layout.addWidget(self.message)
        layout.addLayout(buttons)
        self._looked_after = False
        self._kinship_care = False
        self.refresh()

    def refresh(self) -> None:
        """Read the record again and show it."""
        if self.workspace.is_open:
            self._show(looked_after(self.workspace, case_id=self.case_id))

    def _show(self, record: LookedAfter) -> None:
        self._looked_after, self._kinship_care = record.looked_after, record.kinship_care
        self.iro_name.setText(record.iro_name)
        self.iro_contact.setText(record.iro_contact)
        index = self.placement.findData(
            record.placement_type.value if record.placement_type else None
        )
        self.placement.setCurrentIndex(max(index, 0))
        set_date(self.since, record.looked_after_since)
        self.reviews.setText(", ".join(format_date(d) for d in record.review_dates))
        upcoming = record.next_review(clock.today())
        self.next_review.setText(
            f"Next looked-after review: {text.long_date(upcoming)}. Conferences are best "
            "held beside it."
            if upcoming and record.looked_after
            else ""
        )
        self.next_review.setVisible(bool(self.next_review.text()))
        self._show_status()

    def set_care_status(self, *, looked_after: bool, kinship_care: bool) -> None:
        """The care status ticks on the case form changed."""
        self._looked_after, self._kinship_care = looked_after, kinship_care
        self._show_status()

    def _show_status(self) -> None:
        if not self._looked_after:
            said = NOT_LOOKED_AFTER
        elif self._kinship_care:
            said = "The child is looked after, in kinship care."
        else:
            said = "The child is looked after by the local authority."
        self.status.setText(said)
        for field in (self.iro_name, self.iro_contact, self.placement, self.since, self.reviews):
            field.setEnabled(self._looked_after)
        self.save_button.setEnabled(self._looked_after)

    def _on_save(self) -> None:
        try:
            placement = self.placement.currentData()
            record = record_looked_after(
                self.workspace,
                case_id=self.case_id,
                looked_after=self._looked_after,
                kinship_care=self._kinship_care,
                iro_name=self.iro_name.text(),
                iro_contact=self.iro_contact.text(),
                placement_type=PlacementType(placement) if placement else None,
                looked_after_since=self.since.date(),
                review_dates=review_dates(self.reviews.text()),
            )
        except (MacptError, ValidationError) as exc:
            show_message(self.message, user_message(exc), error=True)
            return
        self._show(record)
        show_message(self.message, "Saved.")
