"""The meetings list: every meeting by date, with a search box."""

from __future__ import annotations

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import QAbstractItemView, QPushButton, QVBoxLayout, QWidget

from app import clock
from app.services.meetings import MeetingSummary, list_meetings
from app.storage.workspace import Workspace
from app.ui.pages.list_page import SearchableList
from app.ui.table_models import MeetingsTableModel
from app.ui.widgets import named

EMPTY_TEXT = (
    "No meetings yet. Open a case and choose Schedule meeting… to arrange "
    "a strategy meeting, review or conference."
)
NO_MATCH_TEXT = "No meeting matches that search. Check the spelling, or clear the search box."


class MeetingsPage(QWidget):
    """Every meeting, searchable by child, reference, place, chair or type.

    Signals:
        open_meeting(str): the user opened a meeting (its id).
    """

    open_meeting = Signal(str)

    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self.list = SearchableList(
            MeetingsTableModel(self),
            title="Meetings",
            search_label="&Search meetings:",
            placeholder="Child, reference, place, chair or meeting type",
            empty_text=EMPTY_TEXT,
            no_match_text=NO_MATCH_TEXT,
        )
        self.open_button = named(QPushButton("O&pen meeting"), "Open meeting")
        self.open_button.clicked.connect(self._on_open_selected)
        self.list.tools.addWidget(self.open_button)
        self.list.search_changed.connect(lambda _text: self.refresh())
        self.list.activated.connect(lambda row: self.open_meeting.emit(row.id))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.list)

    @property
    def model(self) -> MeetingsTableModel:
        assert isinstance(self.list.model, MeetingsTableModel)
        return self.list.model

    def refresh(self) -> None:
        rows = list_meetings(self.workspace, search=self.list.search.text())
        self.list.set_rows(rows)
        # The list runs oldest first; the chair usually wants what is next.
        today = clock.today()
        upcoming = next((i for i, m in enumerate(rows) if m.scheduled_date >= today), None)
        if upcoming is not None:
            self.list.table.selectRow(upcoming)
            # Once laid out: a table without its final height cannot place a row at the top.
            QTimer.singleShot(0, lambda: self._scroll_to(upcoming))

    def _scroll_to(self, row: int) -> None:
        index = self.model.index(row, 0)
        if index.isValid():
            self.list.table.scrollTo(index, QAbstractItemView.ScrollHint.PositionAtTop)

    def clear(self) -> None:
        self.list.clear()

    def _on_open_selected(self) -> None:
        row = self.list.selected()
        if isinstance(row, MeetingSummary):
            self.open_meeting.emit(row.id)
        else:
            self.list.table.setFocus()
