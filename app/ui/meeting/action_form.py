"""Adding an action in a few keystrokes: what, who, agency, by when, Enter.

Used on the actions step and in the quick dialog (Ctrl+Shift+A) that works
from any item of the agenda.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.services.conduct.actions import ActionRow, add_action
from app.services.conduct.timescales import working_calendar
from app.ui.autosave import optional_date_edit, set_date, widget_value
from app.ui.date_field import DateField
from app.ui.meeting.state import MeetingState
from app.ui.widgets import (
    add_row,
    compact,
    heading,
    message_label,
    named,
    show_message,
    user_message,
)
from app.ui.working_day_hint import working_day_hint


def agency_combo(state: MeetingState, *, none_text: str = "No agency") -> QComboBox:
    """The directory's agencies, with a first entry for none; type to jump to one."""
    combo = QComboBox()
    # Some agency names are long: the list shows them in full, the box need not.
    combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
    combo.setMinimumContentsLength(16)
    combo.addItem(none_text, None)
    for agency in state.agencies():
        combo.addItem(agency.name, agency.id)
    return combo


def date_box(placeholder: str) -> DateField:
    """An optional date whose placeholder says what an empty field means, all of it readable
    (date fields are otherwise kept short)."""
    edit = optional_date_edit()
    edit.setPlaceholderText(placeholder)
    compact(edit, len(placeholder) + 2)
    return edit


def due_date_edit() -> DateField:
    return date_box("dd/mm/yyyy, or leave empty for now")


class ActionForm(QWidget):
    """The fields of a new action and an Add button (Enter adds from any text field).

    Signals:
        added(object): an action was stored (its ``ActionRow``).
    """

    added = Signal(object)

    def __init__(self, state: MeetingState, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.state = state
        self.description = QLineEdit()
        self.description.setPlaceholderText("What will be done")
        self.owner = QLineEdit()
        self.owner.setPlaceholderText("Who will do it")
        self.agency = agency_combo(state)
        self.due = due_date_edit()
        self.add_button = named(QPushButton("Add acti&on"), "Add action")
        # Enter in a text field adds the action; a dialog's default button must not add it twice.
        self.add_button.setAutoDefault(False)
        self.add_button.clicked.connect(self.submit)
        self.error = message_label("Problem with the action")
        form = QFormLayout(self)
        form.setContentsMargins(0, 0, 0, 0)
        add_row(form, "Wha&t:", self.description)
        add_row(form, "W&ho:", self.owner)
        add_row(form, "Agenc&y:", self.agency)
        add_row(form, "&By when:", self.due)
        form.addRow("", working_day_hint(self.due, working_calendar(state.workspace), "This date"))
        form.addRow("", self.add_button)
        form.addRow(self.error)
        for edit in (self.description, self.owner, self.due):
            edit.returnPressed.connect(self.submit)

    def submit(self) -> ActionRow | None:
        """Store the action; on a problem say what, and keep what was typed."""
        try:
            row = add_action(
                self.state.workspace,
                meeting_id=self.state.meeting_id,
                description=self.description.text(),
                owner_name=self.owner.text(),
                owner_agency_id=self.agency.currentData(),
                due_date=widget_value(self.due),
            )
        except Exception as exc:
            show_message(self.error, user_message(exc), error=True)
            self.description.setFocus()
            return None
        show_message(self.error, "")
        self.description.clear()
        self.owner.clear()
        self.agency.setCurrentIndex(0)
        set_date(self.due, None)
        self.description.setFocus(Qt.FocusReason.OtherFocusReason)  # ready for the next one
        self.state.changed()
        self.added.emit(row)
        return row

    def set_editable(self, editable: bool) -> None:
        for widget in (self.description, self.owner, self.agency, self.due, self.add_button):
            widget.setEnabled(editable)


class QuickActionDialog(QDialog):
    """Ctrl+Shift+A from anywhere in the meeting: add one action and carry on."""

    def __init__(self, state: MeetingState, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Add an action")
        self.form = ActionForm(state)
        self.form.added.connect(lambda _row: self.accept())
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        buttons.rejected.connect(self.reject)
        for button in buttons.buttons():
            if isinstance(button, QPushButton):
                button.setAutoDefault(False)
        layout = QVBoxLayout(self)
        layout.addWidget(heading("Add an action", level=2))
        layout.addWidget(self.form)
        layout.addWidget(buttons)
        self.setMinimumWidth(self.fontMetrics().averageCharWidth() * 60)
        self.form.description.setFocus(Qt.FocusReason.OtherFocusReason)
