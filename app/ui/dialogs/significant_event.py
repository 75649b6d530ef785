"""Add a significant event to a child's chronology for court: date, event, source,
significance. Corrections and withdrawals are made with ``macpt event``."""

from __future__ import annotations

from PySide6.QtWidgets import QLineEdit, QWidget

from app import clock
from app.errors import ValidationError
from app.models.chronology import EVENT_SOURCE_LIMIT
from app.services.significant_events import add_significant_event
from app.storage.workspace import Workspace
from app.ui.date_field import DateField
from app.ui.dialogs.base import FormDialog
from app.ui.dialogs.new_case import short_text_box
from app.ui.widgets import add_row

INTRO = (
    "Something that happened to the child that the court should know of, from any "
    "agency: an injury, an arrest, a move of school. It appears in the chronology for "
    "court in date order with the meetings, decisions and plans."
)


class SignificantEventDialog(FormDialog):
    """The event's four columns; OK adds it to the child's chronology."""

    def __init__(self, workspace: Workspace, child_id: str, parent: QWidget | None = None) -> None:
        super().__init__("Add significant event…", ok_text="&Add event", intro=INTRO, parent=parent)
        self.workspace = workspace
        self.child_id = child_id
        self.result_id: str | None = None
        self.occurred_on = DateField()
        self.occurred_on.set_date(clock.today())
        add_row(self.form, "&Date:", self.occurred_on)
        self.event_text = short_text_box()
        add_row(self.form, "&Event:", self.event_text, "What happened")
        self.source = QLineEdit()
        self.source.setMaxLength(EVENT_SOURCE_LIMIT)
        self.source.setPlaceholderText("For example: Police, or Health: Sampletown Hospital")
        add_row(self.form, "&Source:", self.source, "The agency or person it came from")
        self.significance = short_text_box()
        add_row(self.form, "Si&gnificance:", self.significance, "Why it matters")
        self.occurred_on.setFocus()

    def submit(self) -> bool:
        occurred_on = self.occurred_on.date()
        if occurred_on is None:
            raise ValidationError("Give the day it happened, for example 14/12/2026.")
        self.result_id = add_significant_event(
            self.workspace,
            child_id=self.child_id,
            occurred_on=occurred_on,
            event=self.event_text.toPlainText(),
            source=self.source.text(),
            significance=self.significance.toPlainText(),
        )
        return True

    @classmethod
    def ask(cls, parent: QWidget | None, workspace: Workspace, child_id: str) -> str | None:
        """The new event's id, or None if cancelled."""
        dialog = cls(workspace, child_id, parent)
        if dialog.exec() == FormDialog.DialogCode.Accepted:
            return dialog.result_id
        return None
