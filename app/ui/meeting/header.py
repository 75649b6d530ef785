"""The top of meeting mode: what meeting this is, its status, the clocks, and its commands."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QFrame,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app import clock
from app.models import MeetingStatus, MeetingType
from app.services.conduct.timescales import meeting_timescales
from app.services.contextual_meetings import has_context
from app.ui.flow_layout import FlowingLabel, FlowLayout
from app.ui.meeting.agenda_panel import clock_text
from app.ui.meeting.state import MeetingState
from app.ui.text import long_date, meeting_status, short_date, time_text
from app.ui.widgets import named


def command(text: str, shortcut: str = "") -> QPushButton:
    """A header button whose label shows its shortcut, so the keyboard is discoverable."""
    label = f"{text} ({shortcut})" if shortcut else text
    button = QPushButton(label)
    button.setAutoDefault(False)
    # On a short screen the label goes without its shortcut (the tooltip keeps it).
    button.setProperty("labels", (label, text))
    if shortcut:
        button.setToolTip(shortcut)
    named(button, text.replace("&", "").rstrip("…"), f"Shortcut: {shortcut}" if shortcut else "")
    return button


class HeaderBar(QFrame):
    """Title, status, elapsed time, live timescales and the meeting's commands.

    The buttons are public: the view connects them (and the same actions'
    shortcuts) to what they do.
    """

    def __init__(self, state: MeetingState, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.state = state
        self.setObjectName("meetingHeader")
        self.title = FlowingLabel()
        self.title.setObjectName("heading")
        font = self.title.font()
        if font.pointSizeF() > 0:
            font.setPointSizeF(font.pointSizeF() * 1.4)
        font.setBold(True)
        self.title.setFont(font)
        self.title.setWordWrap(True)
        self.details = QLabel()
        self.details.setWordWrap(True)
        self.status = FlowingLabel()
        self.status.setObjectName("statusChip")
        # "Signed off by … on …" is long: it wraps rather than widen the window past a
        # 1024-pixel screen.
        self.status.setWordWrap(True)
        self.clocks = QLabel()
        self.clocks.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        named(self.clocks, "Elapsed time")
        self.timescales = QLabel()
        self.timescales.setWordWrap(True)
        named(self.timescales, "Timescales")

        # On a short screen the date, place and timescales wait behind a button, so the
        # item keeps its room; the button says what it holds.
        self.more = QPushButton("Date, place and timescales")
        self.more.setCheckable(True)
        self.more.setAutoDefault(False)
        named(self.more, "Date, place and timescales", "Shows or hides the meeting's details.")
        self.more.toggled.connect(lambda _shown: self._show_details())
        self.short = False
        # Alt+G is the main window's Go menu; Alt+S is free while the meeting has not started.
        self.start = command("&Start the meeting", "Ctrl+Shift+S")
        self.invitations = command("&Invitations…", "Ctrl+Shift+I")
        self.close_meeting = command("&Close meeting…", "Ctrl+Shift+E")
        self.sign_off = command("&Sign off…")
        self.amend = command("Record an a&mendment…")
        self.reissue = command("&Reissue minutes")
        self.export = command("E&xport minutes…", "Ctrl+Shift+X")
        self.letters = command("Letters…", "Ctrl+Shift+L")
        self.family_copy = command("&Family copy…", "Ctrl+Shift+F")
        self.leave = command("&Leave meeting mode", "Ctrl+Shift+Q")
        # A meeting held with other children's about a place or group (read once).
        self.context = command("The context…", "Ctrl+Shift+T")
        self.has_context = has_context(state.workspace, meeting_id=state.meeting_id)
        # Out of the Tab order, so that no Tab and Space from a field leaves the meeting;
        # Ctrl+Shift+Q, Alt+L and a click still reach it (and leaving asks once).
        self.leave.setFocusPolicy(Qt.FocusPolicy.ClickFocus)

        # Title, status, clocks and Leave flow onto more rows when the window is narrow
        # or the text large, rather than forcing the window wider than the screen.
        top = FlowLayout()
        for widget in (self.title, self.status, self.clocks, self.more, self.leave):
            top.addWidget(widget)
        self.buttons = (
            self.start,
            self.invitations,
            self.close_meeting,
            self.sign_off,
            self.amend,
            self.reissue,
            self.export,
            self.family_copy,
            self.letters,
            self.context,
        )
        # The commands wrap onto more rows in the same way.
        commands = self.commands = FlowLayout(spacing=6)
        for button in self.buttons:
            commands.addWidget(button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.details)
        layout.addWidget(self.timescales)
        layout.addLayout(commands)
        state.header_changed.connect(self.refresh)
        self.refresh()

    def refresh(self) -> None:
        header = self.state.header
        self.title.setText(f"{header.title}: {header.child_ref} {header.child_name}".strip())
        when = long_date(header.scheduled_date)
        if header.scheduled_time:
            when += f" at {time_text(header.scheduled_time)}"
        parts = [when, header.location, f"Chair: {header.chair_name}" if header.chair_name else ""]
        self.details.setText(" · ".join(p for p in parts if p))
        status = meeting_status(header.status)
        if header.status is MeetingStatus.SIGNED_OFF and header.signed_off_at:
            status += f" by {header.signed_off_by} on {short_date(clock.local_date(header.signed_off_at))}"
        self.status.setText(f"Status: {status}")
        self.status.setAccessibleName(f"Status: {status}")
        due = meeting_timescales(self.state.workspace, meeting_id=self.state.meeting_id)
        self.due_shown = due is not None
        if due is not None:
            self.timescales.setText(
                f"Review due {long_date(due.review_due)} · Initial conference due "
                f"{long_date(due.icpc_due)} · Section 47 assessment due {long_date(due.assessment_due)}"
                f" ({due.as_timescales().assessment_counted_from})"
            )
        running = header.status in (MeetingStatus.SCHEDULED, MeetingStatus.IN_PROGRESS)
        self.start.setVisible(header.status is MeetingStatus.SCHEDULED)
        self.invitations.setVisible(header.editable)
        self.close_meeting.setVisible(running)
        self.sign_off.setVisible(header.status is MeetingStatus.CLOSED)
        self.amend.setVisible(header.status is MeetingStatus.SIGNED_OFF)
        self.reissue.setVisible(header.status is MeetingStatus.SIGNED_OFF)
        conference = header.meeting_type in (MeetingType.ICPC, MeetingType.RCPC)
        self.letters.setVisible(
            not running or (conference and header.status is MeetingStatus.SCHEDULED)
        )
        self.family_copy.setVisible(conference and not running)
        self.context.setVisible(self.has_context)
        self.tick()
        self._show_details()

    def set_short(self, short: bool) -> None:
        """On a short screen, hide the details behind the button (until it is pressed)."""
        self.short = short
        for button in (*self.buttons, self.leave):
            long, plain = button.property("labels")
            button.setText(plain if short else long)
        self._show_details()

    def _show_details(self) -> None:
        shown = not self.short or self.more.isChecked()
        self.more.setVisible(self.short)
        self.details.setVisible(shown)
        self.timescales.setVisible(shown and self.due_shown)

    def tick(self) -> None:
        """Redraw the clocks (the step model keeps the time; this only shows it)."""
        flow = self.state.flow
        if flow.started_at is None:
            self.clocks.setText("Clock not started")
            return
        item = clock_text(flow.elapsed_in_step())
        meeting = clock_text(flow.elapsed_in_meeting())
        if self.state.header.status in (MeetingStatus.CLOSED, MeetingStatus.SIGNED_OFF):
            self.clocks.setText(f"This item {item}")
        else:
            self.clocks.setText(f"This item {item} · Meeting {meeting}")
