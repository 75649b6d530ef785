"""Attendance by agency: each invitee's status, role and times, and walk-ins in a few keystrokes."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from app import clock
from app.models import AttendanceStatus
from app.services.conduct import attendance as service
from app.services.conduct.attendance import AttendeeRow
from app.ui.meeting.read_only import show_read_only
from app.ui.meeting.state import MeetingState, clear_layout
from app.ui.meeting.walk_in import WalkInForm
from app.ui.text import time_text
from app.ui.widgets import heading, hint, named

EMPTY = "Nobody is invited yet. Use Invitations… to invite people, or add a walk-in below."
NAME_UNKNOWN = "Name not known yet"


def group_name(row: AttendeeRow) -> str:
    """The heading an invitee is listed under: their agency, or the family."""
    return "Family members" if row.is_family else row.agency_name or "No agency"


def times_text(row: AttendeeRow) -> str:
    parts = []
    if row.arrived_at:
        parts.append(f"arrived {time_text(clock.local_time(row.arrived_at).time())}")
    if row.departed_at:
        parts.append(f"left {time_text(clock.local_time(row.departed_at).time())}")
    return ", ".join(parts)


class AttendeeLine(QWidget):
    """One invitee: name, role, status, times, and buttons for arriving and leaving."""

    def __init__(
        self,
        state: MeetingState,
        row: AttendeeRow,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.state = state
        self.row = row
        self.name = QLineEdit(row.name)
        self.name.setPlaceholderText(NAME_UNKNOWN)
        self.role = QLineEdit(row.role)
        self.role.setPlaceholderText("Role")
        self.status = QComboBox()
        for status in AttendanceStatus:
            self.status.addItem(status.label, status.value)
        for edit in (self.name, self.role):
            edit.setCursorPosition(0)  # show the start of a long role, not its end
        self.times = QLabel()
        self.arrived = QPushButton("Arrived")
        self.left = QPushButton("Left")
        ws, attendance_id = state.workspace, row.id
        state.bind(
            self.name, lambda v: service.update_attendee(ws, attendance_id=attendance_id, name=v)
        )
        state.bind(
            self.role, lambda v: service.update_attendee(ws, attendance_id=attendance_id, role=v)
        )
        self.status.activated.connect(self._on_status)
        self.arrived.clicked.connect(lambda: self._change(service.mark_arrived))
        self.left.clicked.connect(lambda: self._change(service.mark_departed))
        top = QHBoxLayout()
        top.setContentsMargins(0, 0, 0, 0)
        top.addWidget(self.name, 2)
        top.addWidget(self.status, 1)
        bottom = QHBoxLayout()
        bottom.setContentsMargins(0, 0, 0, 0)
        bottom.addWidget(self.role, 3)
        bottom.addWidget(self.times, 1)
        bottom.addWidget(self.arrived)
        bottom.addWidget(self.left)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 6)
        layout.setSpacing(2)
        layout.addLayout(top)
        layout.addLayout(bottom)
        self.show_row(row)

    def show_row(self, row: AttendeeRow) -> None:
        """Show ``row`` (this invitee as now stored): status, times, buttons, and the name
        and role unless a store of what was typed there failed (the typing is kept)."""
        self.row = row
        who = row.name or row.agency_name or "invitee"
        for edit, value in ((self.name, row.name), (self.role, row.role)):
            if edit.text() != value and not edit.property("saveFailed"):
                edit.setText(value)
                edit.setCursorPosition(0)
        self.status.setCurrentIndex(self.status.findData(row.status.value))
        self.times.setText(times_text(row))
        for widget, what in (
            (self.name, "name"),
            (self.role, "role"),
            (self.status, "attendance"),
            (self.arrived, "mark arrived now"),
            (self.left, "mark left now"),
        ):
            named(widget, f"{who}: {what}")
        # Only once placed: a button shown without a parent would be a window of its own.
        self.left.setVisible(row.status is AttendanceStatus.ATTENDED and row.departed_at is None)
        self.arrived.setVisible(row.status is not AttendanceStatus.ATTENDED)
        editable = self.state.editable
        self.name.setReadOnly(not editable or row.is_family)
        self.role.setReadOnly(not editable)
        for button in (self.status, self.arrived, self.left):
            button.setEnabled(editable)
        show_read_only(self)

    def _on_status(self, _index: int) -> None:
        status = AttendanceStatus(self.status.currentData())
        self._change(
            lambda ws, attendance_id: service.set_status(
                ws, attendance_id=attendance_id, status=status
            )
        )

    def _change(self, change: Callable[..., AttendeeRow]) -> None:
        ws, attendance_id = self.state.workspace, self.row.id
        if self.state.attempt(lambda: change(ws, attendance_id=attendance_id)) is not None:
            self.state.people_changed.emit()


class AttendancePanel(QWidget):
    """Everyone invited, grouped by agency (family members last), and the walk-in form."""

    def __init__(self, state: MeetingState, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.state = state
        self.lines: dict[str, AttendeeLine] = {}
        self._groups: list[tuple[str, str]] | None = None  # (invitee, group) as shown
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.empty = hint(EMPTY)
        inner = self.inner = QWidget()
        self.rows = QVBoxLayout(inner)
        self.rows.setContentsMargins(0, 0, 4, 0)
        scroll = QScrollArea()
        scroll.setWidget(inner)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        named(scroll, "Who was invited and who came")
        self.scroller = scroll
        # Made before the walk-in form, so that Tab reaches it first, as it reads.
        self.all_arrived = QPushButton("Everyone invited is here")
        named(self.all_arrived, "mark everyone still shown as invited as arrived now")
        self.all_arrived.clicked.connect(self.mark_everyone_arrived)
        self.walk_in = WalkInForm(state)
        self.walk_in.added.connect(lambda _row: state.people_changed.emit())
        summary_line = QHBoxLayout()
        summary_line.addWidget(self.summary, 1)
        summary_line.addWidget(self.all_arrived)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(heading("Attendance", level=2))
        layout.addLayout(summary_line)
        layout.addWidget(self.empty)
        layout.addWidget(scroll, 1)
        layout.addWidget(self.walk_in)
        state.people_changed.connect(self.refresh)
        self.refresh()

    def refresh(self) -> None:
        """Show the list as stored: each line in place when the same people are listed in
        the same groups (someone arrived or left), else rebuilt (keeping the cursor on the
        same person)."""
        self.state.autosave.flush()
        rows = service.list_attendance(self.state.workspace, meeting_id=self.state.meeting_id)
        groups = [(row.id, group_name(row)) for row in rows]
        if groups == self._groups:
            # Fifty lines made again for one arrival took about a second: each is updated.
            for row in rows:
                self.lines[row.id].show_row(row)
        else:
            self._rebuild(rows)
            self._groups = groups
        self.empty.setVisible(not rows)
        counts = [
            f"{sum(1 for r in rows if r.status is s)} {s.label.lower()}"
            for s in AttendanceStatus
            if any(r.status is s for r in rows)
        ]
        self.summary.setText(", ".join(counts))
        waiting = any(r.status is AttendanceStatus.INVITED for r in rows)
        self.all_arrived.setVisible(self.state.editable and waiting)
        self.state.refresh_facts()

    def _rebuild(self, rows: list[AttendeeRow]) -> None:
        focused = next(
            (i for i, line in self.lines.items() if line.isAncestorOf(self.focusWidget())), None
        )
        clear_layout(self.rows)
        self.lines = {}
        group = None
        for row in rows:
            name = group_name(row)
            if name != group:
                group = name
                title = QLabel(f"<b>{name}</b>", self.inner)
                title.setTextFormat(Qt.TextFormat.RichText)
                self.rows.addWidget(title)
            line = AttendeeLine(self.state, row, self.inner)  # built in place
            self.rows.addWidget(line)
            self.lines[row.id] = line
        self.rows.addStretch(1)
        if focused in self.lines:
            self.lines[focused].status.setFocus()

    def mark_everyone_arrived(self) -> None:
        """Everyone still shown as invited came: one step when the room is full."""
        ws, meeting_id = self.state.workspace, self.state.meeting_id
        if (
            self.state.attempt(lambda: service.mark_everyone_arrived(ws, meeting_id=meeting_id))
            is not None
        ):
            self.state.people_changed.emit()

    def line_for(self, name: str) -> AttendeeLine:
        """The line for the invitee called ``name`` (for keyboard pickers and tests)."""
        return next(line for line in self.lines.values() if line.row.name == name)
