"""The meetings list: every meeting by date, read a page at a time, with a search box."""

from __future__ import annotations

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import QAbstractItemView, QPushButton, QVBoxLayout, QWidget

from app import clock
from app.services.deadlines import changes_recorded
from app.services.meeting_list import (
    MeetingsSlice,
    MeetingSummary,
    meetings_after,
    meetings_around,
    meetings_before,
)
from app.storage.workspace import Workspace
from app.ui.paged_model import PagedMeetingsModel
from app.ui.pages.list_page import SearchableList
from app.ui.widgets import named

EMPTY_TEXT = (
    "No meetings yet. Open a case and choose Schedule meeting… to arrange "
    "a strategy meeting, review or conference."
)
# Meetings shown above the first one still to come, so the chair sees the last few held.
LEAD = 20
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
            PagedMeetingsModel(self),
            title="Meetings",
            search_label="&Search meetings:",
            placeholder="Child, reference, place, chair or meeting type",
            empty_text=EMPTY_TEXT,
            no_match_text=NO_MATCH_TEXT,
        )
        self.open_button = named(QPushButton("O&pen meeting"), "Open meeting")
        self.open_button.clicked.connect(self._on_open_selected)
        self.list.tools.addWidget(self.open_button)
        self.list.search_changed.connect(lambda _text: self.read())
        self.list.activated.connect(lambda row: self.open_meeting.emit(row.id))
        self._settled = False
        self._read_for: tuple[object, ...] | None = None
        self.list.table.verticalScrollBar().valueChanged.connect(self._on_scrolled)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.list)

    @property
    def model(self) -> PagedMeetingsModel:
        assert isinstance(self.list.model, PagedMeetingsModel)
        return self.list.model

    def refresh(self) -> None:
        """Read the list again, unless nothing was written, the day is the same and so is
        the search: a return to the page then shows it as it was left, at once."""
        search = self.list.search.text()
        today = clock.today()
        read_for = (search, today, changes_recorded(self.workspace))
        if read_for != self._read_for:
            self.read()
            self._read_for = read_for

    def read(self) -> None:
        """Read the list now (a search, or something written)."""
        self._read_for = None
        search = self.list.search.text()
        today = clock.today()
        model = self.model

        def after(last: MeetingSummary, limit: int) -> MeetingsSlice:
            return meetings_after(self.workspace, search=search, after=last, limit=limit)

        def before(first: MeetingSummary, limit: int) -> MeetingsSlice:
            return meetings_before(self.workspace, search=search, before=first, limit=limit)

        # The list runs oldest first; the chair usually wants what is next, so the first
        # page is read from a little before it, and earlier ones as the chair scrolls up.
        page = meetings_around(
            self.workspace, search=search, today=today, limit=model.page_size, lead=LEAD
        )
        # The table jumps to its top as it is reset: that is no request for earlier rows.
        self._settled = False
        model.show_rows(
            page.rows,
            more_before=page.more_before,
            more_after=page.more_after,
            after=after,
            before=before,
        )
        self.list.show_loaded()
        if page.upcoming < model.rowCount():
            self.list.table.selectRow(page.upcoming)
            # Once laid out: a table without its final height cannot place a row at the top.
            QTimer.singleShot(0, lambda: self._settle(page.upcoming))
        else:
            QTimer.singleShot(0, lambda: self._settle(None))

    def _settle(self, row: int | None) -> None:
        if row is not None:
            self._scroll_to(row)
        self._settled = True

    def _scroll_to(self, row: int) -> None:
        index = self.model.index(row, 0)
        if index.isValid():
            self.list.table.scrollTo(index, QAbstractItemView.ScrollHint.PositionAtTop)

    def _on_scrolled(self, value: int) -> None:
        """At the top of what is read, read the page before it, keeping the rows in view."""
        if not self._settled or value > self.list.table.verticalScrollBar().minimum():
            return
        added = self.model.fetch_earlier()
        if added:
            self._scroll_to(added)

    def clear(self) -> None:
        self._read_for = None
        self.list.clear()

    def _on_open_selected(self) -> None:
        row = self.list.selected()
        if isinstance(row, MeetingSummary):
            self.open_meeting.emit(row.id)
        else:
            self.list.table.setFocus()
