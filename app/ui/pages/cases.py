"""The cases list: search by name or reference; open one; start a new one."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QPushButton, QVBoxLayout, QWidget

from app.services.cases import CasesSlice, CaseSummary, cases_after
from app.services.deadlines import changes_recorded
from app.storage.workspace import Workspace
from app.ui.paged_model import PagedCasesModel
from app.ui.pages.list_page import SearchableList
from app.ui.widgets import named

EMPTY_TEXT = "No cases yet. Create one with New case… (Ctrl+N)"
NO_MATCH_TEXT = "No case matches that search. Check the spelling, or clear the search box."


class CasesPage(QWidget):
    """Every case, newest first, with a search box; a page at a time as the user scrolls.

    Signals:
        open_case(str): the user opened a case (its id).
        new_case: the user asked to create a case.
    """

    open_case = Signal(str)
    new_case = Signal()

    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self.list = SearchableList(
            PagedCasesModel(self),
            title="Cases",
            search_label="&Search cases:",
            placeholder="Name or local authority reference",
            empty_text=EMPTY_TEXT,
            no_match_text=NO_MATCH_TEXT,
        )
        self.new_button = named(QPushButton("&New case…"), "New case")
        self.new_button.clicked.connect(self.new_case)
        self.open_button = named(QPushButton("O&pen case"), "Open case")
        self.open_button.clicked.connect(self._on_open_selected)
        self.list.tools.addWidget(self.open_button)
        self.list.tools.addWidget(self.new_button)
        self.list.search_changed.connect(lambda _text: self.read())
        self.list.activated.connect(lambda row: self.open_case.emit(row.case_id))
        self._read_for: tuple[object, ...] | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.list)

    @property
    def model(self) -> PagedCasesModel:
        assert isinstance(self.list.model, PagedCasesModel)
        return self.list.model

    def refresh(self) -> None:
        """Read the list again, unless nothing was written and the search is the same:
        a return to the page then shows it as it was left, at once."""
        search = self.list.search.text()
        read_for = (search, changes_recorded(self.workspace))
        if read_for != self._read_for:
            self.read()
            self._read_for = read_for

    def read(self) -> None:
        """Read the list now (a search, or something written)."""
        self._read_for = None
        search = self.list.search.text()

        def after(last: CaseSummary | None, limit: int) -> CasesSlice:
            return cases_after(self.workspace, search=search, after=last, limit=limit)

        first = after(None, self.model.page_size)
        self.model.show_rows(first.rows, more_before=False, more_after=first.more, after=after)
        self.list.show_loaded()

    def clear(self) -> None:
        self._read_for = None
        self.list.clear()

    def _on_open_selected(self) -> None:
        row = self.list.selected()
        if isinstance(row, CaseSummary):
            self.open_case.emit(row.case_id)
        else:
            self.list.table.setFocus()
