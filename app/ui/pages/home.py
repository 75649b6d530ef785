"""Home: what is coming up, and the quickest ways to start."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from app import clock
from app.models import MeetingStatus
from app.services.cases import count_cases
from app.services.deadlines import changes_recorded
from app.services.meeting_list import list_meetings
from app.services.settings import get_settings
from app.storage.workspace import Workspace
from app.ui.consultations_view import ConsultationsSection
from app.ui.deadlines_view import DeadlinesView
from app.ui.pages.list_page import make_table
from app.ui.table_models import MeetingsTableModel
from app.ui.widgets import heading, hint, name_buttons, named

UPCOMING_DAYS = 14
OPEN_STATUSES = (MeetingStatus.SCHEDULED, MeetingStatus.IN_PROGRESS)


class HomePage(QWidget):
    """A summary of the workspace and the meetings of the next two weeks.

    Signals:
        open_meeting(str): the user opened a meeting (its id).
        new_case: the user asked to create a case.
        go(str): the user asked for another page ("cases", "meetings").
    """

    open_meeting = Signal(str)
    new_case = Signal()
    go = Signal(str)

    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self._read_for: tuple[dt.date, int] | None = None
        self.title = heading("Home")
        self.summary = hint()
        named(self.summary, "Workspace summary")
        # Until the chair gives their name, decisions and sign-offs carry the login name.
        self.no_chair = hint(
            "Add your name in Settings: until you do, decisions and sign-offs are "
            "recorded under this computer's login name."
        )
        named(self.no_chair, "Your name is not set")
        self.no_chair_button = named(QPushButton("Add &your name…"), "Add your name in Settings")
        self.no_chair_button.clicked.connect(lambda: self.go.emit("settings"))
        self.deadlines = DeadlinesView(workspace, load=False)
        self.deadlines.meeting_activated.connect(self.open_meeting)
        self.model = MeetingsTableModel(self)
        self.table = make_table(self.model, "Meetings coming up")
        self.table.activated.connect(self._on_activated)
        self.empty = hint(
            f"No meetings in the next {UPCOMING_DAYS} days. Schedule one from a case."
        )
        named(self.empty, "Meetings coming up")
        self.consultations = ConsultationsSection(workspace)

        new_case = QPushButton("&New case…")
        new_case.clicked.connect(self.new_case)
        find_case = QPushButton("F&ind a case")
        find_case.clicked.connect(lambda: self.go.emit("cases"))
        all_meetings = QPushButton("All &meetings")
        all_meetings.clicked.connect(lambda: self.go.emit("meetings"))
        buttons = QHBoxLayout()
        for button in (new_case, find_case, all_meetings):
            buttons.addWidget(button)
        buttons.addStretch(1)
        name_buttons(buttons)

        # Long text (200 % and more) scrolls the page rather than squeezing its parts.
        body = QWidget()
        layout = QVBoxLayout(body)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(body)
        named(scroll, "Home")
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(scroll)
        layout.addWidget(self.title)
        layout.addWidget(self.summary)
        layout.addLayout(buttons)
        chair_row = QHBoxLayout()
        chair_row.addWidget(self.no_chair, 1)
        chair_row.addWidget(self.no_chair_button)
        layout.addLayout(chair_row)
        layout.addWidget(self.deadlines, 2)
        layout.addWidget(heading("Meetings coming up", level=2))
        layout.addWidget(self.table, 1)
        layout.addWidget(self.empty)
        layout.addWidget(self.consultations)
        layout.addStretch(0)

    def refresh(self) -> None:
        """Read again, unless nothing was written and the day is the same: a return to
        Home then shows it as it was left, at once."""
        read_for = (clock.today(), changes_recorded(self.workspace))
        if read_for != self._read_for:
            self.read()
            self._read_for = read_for

    def read(self) -> None:
        """Read the summary, the meetings coming up and the consultations now."""
        self._read_for = None
        today = clock.today()
        until = today + dt.timedelta(days=UPCOMING_DAYS)
        # Asked of the database, not filtered here: a team's workspace holds years of meetings.
        upcoming = list_meetings(
            self.workspace, from_date=today, to_date=until, statuses=OPEN_STATUSES
        )
        settings = get_settings(self.workspace)
        open_cases = count_cases(self.workspace)
        where = settings.local_authority or "This workspace"
        self.summary.setText(
            f"{where}. {open_cases} open {'case' if open_cases == 1 else 'cases'}; "
            f"{len(upcoming)} {'meeting' if len(upcoming) == 1 else 'meetings'} "
            f"in the next {UPCOMING_DAYS} days."
        )
        # Read again off the window's thread, and only when something changed: Home
        # is painted at once and every return to it is quick.
        self.deadlines.refresh_when_changed()
        self.no_chair.setVisible(not settings.chair_name)
        self.no_chair_button.setVisible(not settings.chair_name)
        self.model.set_rows(upcoming)
        self.table.resizeColumnsToContents()
        self.table.setVisible(bool(upcoming))
        self.empty.setVisible(not upcoming)
        self.consultations.refresh()

    def clear(self) -> None:
        self._read_for = None
        self.deadlines.clear()
        self.model.clear()
        self.consultations.clear()
        self.summary.clear()

    def _on_activated(self, index: object) -> None:
        row = self.model.row_at(index)  # type: ignore[arg-type]
        if row is not None:
            self.open_meeting.emit(row.id)
