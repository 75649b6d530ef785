"""Walk-ins and arrivals in a few keystrokes.

- :class:`WalkInForm`: name, Tab, agency (type its first letters), Tab, role, Enter.
- :class:`ArrivalPicker`: Ctrl+Shift+M, type part of a name, Enter: they are here.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.models import AttendanceStatus
from app.services.conduct.attendance import (
    AttendeeRow,
    add_walk_in,
    list_attendance,
    mark_arrived,
)
from app.ui.meeting.action_form import agency_combo
from app.ui.meeting.state import MeetingState
from app.ui.widgets import add_row, heading, hint, message_label, named, show_message


class WalkInForm(QWidget):
    """Someone who came without an invitation. Enter in the name or role field adds them.

    Signals:
        added(object): the walk-in was stored (their ``AttendeeRow``).
    """

    added = Signal(object)

    def __init__(self, state: MeetingState, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.state = state
        self.name = QLineEdit()
        self.name.setPlaceholderText("Name")
        self.agency = agency_combo(state, none_text="Choose the agency…")
        self.role = QLineEdit()
        self.role.setPlaceholderText("Role (optional)")
        self.add_button = named(QPushButton("Add &walk-in"), "Add walk-in")
        self.add_button.setAutoDefault(False)
        self.add_button.clicked.connect(self.submit)
        self.error = message_label("Problem with the walk-in")
        form = QFormLayout(self)
        form.setContentsMargins(0, 0, 0, 0)
        form.addRow(heading("Walk-in (Ctrl+Shift+W)", level=2))
        add_row(form, "Name:", self.name)
        add_row(form, "Agency:", self.agency)
        add_row(form, "Role:", self.role)
        form.addRow("", self.add_button)
        form.addRow(self.error)
        self.name.returnPressed.connect(self.submit)
        self.role.returnPressed.connect(self.submit)
        if not state.editable:
            self.hide()  # signed-off minutes take no walk-ins

    def start(self) -> None:
        """Put the cursor in the name field, ready to type."""
        self.name.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.name.selectAll()

    def submit(self) -> AttendeeRow | None:
        agency_id = self.agency.currentData()
        if not agency_id:
            show_message(self.error, "Choose the walk-in's agency.", error=True)
            self.agency.setFocus()
            return None
        row = self.state.attempt(
            lambda: add_walk_in(
                self.state.workspace,
                meeting_id=self.state.meeting_id,
                name=self.name.text(),
                agency_id=agency_id,
                role=self.role.text(),
            )
        )
        if row is None:
            self.name.setFocus()
            return None
        show_message(self.error, "")
        self.name.clear()
        self.role.clear()
        self.agency.setCurrentIndex(0)
        self.state.tell(f"{row.name} added as a walk-in for {row.agency_name}.")
        self.added.emit(row)
        return row


class ArrivalPicker(QDialog):
    """Mark someone arrived: filter by typing, Enter on a name.

    Signals:
        arrived(object): someone was marked arrived (their ``AttendeeRow``).
    """

    arrived = Signal(object)

    def __init__(self, state: MeetingState, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.state = state
        self.setWindowTitle("Mark someone arrived")
        self.filter = QLineEdit()
        self.filter.setPlaceholderText("Type part of a name or agency")
        named(self.filter, "Find who arrived")
        self.list = QListWidget()
        self.list.setWordWrap(True)
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        named(self.list, "People not yet here")
        self.empty = hint("Everyone invited is here. Add a walk-in with Ctrl+Shift+W.")
        self.error = message_label("Problem marking arrival")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.ok = buttons.addButton("Mark &arrived", QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.accepted.connect(self._on_choose)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(heading("Who has arrived?", level=2))
        layout.addWidget(self.filter)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.empty)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self.ok.setDefault(True)
        self.filter.textChanged.connect(self._on_filter)
        self.list.itemActivated.connect(lambda _item: self._on_choose())
        self.rows = [
            r
            for r in list_attendance(state.workspace, meeting_id=state.meeting_id)
            if r.status is not AttendanceStatus.ATTENDED
        ]
        self._on_filter("")
        # Wide enough for "Name — Agency" on one line, and for the title.
        self.setMinimumWidth(self.fontMetrics().averageCharWidth() * 72)

    def _on_filter(self, text: str) -> None:
        needle = text.casefold().strip()
        self.list.clear()
        for row in self.rows:
            label = f"{row.name or 'Name not known yet'} — {row.agency_name or 'Family'}"
            if needle and needle not in label.casefold():
                continue
            item = QListWidgetItem(label)
            item.setData(Qt.ItemDataRole.UserRole, row.id)
            self.list.addItem(item)
        if self.list.count():
            self.list.setCurrentRow(0)
        self.empty.setVisible(not self.rows)

    def _on_choose(self) -> None:
        item = self.list.currentItem()
        if item is None:
            show_message(
                self.error, "Nobody matches. Check the spelling, or add a walk-in.", error=True
            )
            return
        attendance_id = item.data(Qt.ItemDataRole.UserRole)
        row = self.state.attempt(
            lambda: mark_arrived(self.state.workspace, attendance_id=attendance_id)
        )
        if row is None:
            return
        self.state.tell(f"{row.name or row.agency_name} marked arrived.")
        self.arrived.emit(row)
        self.accept()
