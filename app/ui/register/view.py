"""The register page: every child with an open section 47 enquiry or a plan."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QEvent, QModelIndex, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app import clock
from app.services.register import RegisterFilter
from app.storage.workspace import Workspace
from app.ui.register.filter_bar import HIDE_NAMES_KEY, RegisterFilterBar
from app.ui.register.model import CASE_ID_ROLE, COL, RegisterModel
from app.ui.register.summary import RegisterSummary

EMPTY_REGISTER = (
    "No child is in the register. A child appears here when a strategy meeting "
    "starts a section 47 enquiry, and stays while the enquiry or a child protection "
    "plan is open, or while pre-proceedings are."
)
NO_MATCH = "No child matches. Clear the search or a filter to see more."


class RegisterView(QWidget):
    """The register: a filter bar over a table that loads rows as it scrolls.

    Ctrl+H hides (and shows again) every child's name; Alt+S goes to the search
    box (the main window's Ctrl+F can call :meth:`focus_search`); Enter or a
    double-click on a row opens that child's case.

    Signals:
        case_activated(str): the case id of the row the chair opened.
    """

    case_activated = Signal(str)

    # Counting waits this long after the last change, so typing a word costs one count.
    count_delay_ms = 250
    # Names hidden stay hidden in the next register this process shows (after a
    # lock, say): a screen still shared must not show them again unasked.
    hide_names_from_start = False

    def __init__(self, workspace: Workspace, parent: Any = None) -> None:
        super().__init__(parent)
        self.setAccessibleName("Register of children")
        self.model = RegisterModel(workspace, self)
        self.model.set_names_hidden(RegisterView.hide_names_from_start)  # before any row
        self.summary = RegisterSummary(workspace, self)
        self.filter_bar = RegisterFilterBar(self)

        self.heading = QLabel("<h2>Register</h2>", self)
        self.status_line = QLabel(self)
        self.status_line.setAccessibleName("Register summary")
        self.status_line.setWordWrap(True)

        self.table = QTableView(self)
        self.table.setAccessibleName("Children in the register")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setDefaultSectionSize(self.table.fontMetrics().height() + 10)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        header.setHighlightSections(False)
        self._size_columns()
        # Sorting asks the model for the first page, in reference order.
        header.setSortIndicator(COL["child"], Qt.SortOrder.AscendingOrder)
        self.table.setSortingEnabled(True)

        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.filter_bar)
        layout.addWidget(self.status_line)
        layout.addWidget(self.table, 1)

        self.filter_bar.filters_changed.connect(self._on_filters_changed)
        self.filter_bar.names_hidden_changed.connect(self._on_names_hidden)
        self.filter_bar.hide_names.setChecked(self.model.names_hidden)
        self.model.rows_loaded.connect(self._show_status)
        self.model.failed.connect(self._on_failed)
        self.summary.counted.connect(self._on_counted)
        self.summary.lcpps_found.connect(self._on_lcpps_found)
        self.table.activated.connect(self._on_activated)

        # Wherever the focus is in the window (the navigation, say), as long as
        # the register is on screen: a shared screen cannot wait for a click.
        hide = QShortcut(QKeySequence(HIDE_NAMES_KEY), self)
        hide.setContext(Qt.ShortcutContext.WindowShortcut)
        hide.activated.connect(self.filter_bar.hide_names.toggle)
        self.setFocusProxy(self.filter_bar.search)

        self._count: int | None = None
        self._overdue = 0
        self._failure = ""
        self._want_lcpps = True
        self._count_timer = QTimer(self)
        self._count_timer.setSingleShot(True)
        self._count_timer.timeout.connect(self._on_count_due)
        # The totals are worked out once the first page is on screen, so the
        # count never competes with it.
        self.table.viewport().installEventFilter(self)
        self._show_status()

    # -- for the main window -------------------------------------------------
    def refresh(self) -> None:
        """Fetch the register again (after records changed elsewhere)."""
        self.model.reload()
        self._count = None
        self._want_lcpps = True
        self._count_timer.start(0)
        self._show_status()

    def focus_search(self) -> None:
        """Put the cursor in the search box, its text selected."""
        self.filter_bar.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.filter_bar.search.selectAll()

    def clear(self) -> None:
        """Forget everything shown and the workspace (the workspace is locking)."""
        self._count_timer.stop()
        self.summary.stop()
        self.model.clear()
        self.filter_bar.search.clear()
        self.filter_bar.set_lcpps([])
        self._count = None
        self.status_line.clear()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint and watched is self.table.viewport():
            watched.removeEventFilter(self)
            self._count_timer.start(0)
        return False

    # -- slots -------------------------------------------------------------
    def _on_filters_changed(self, filters: RegisterFilter) -> None:
        self._failure = ""
        self._count = None
        self.summary.cancel()
        self.model.set_filters(filters)
        self._count_timer.start(self.count_delay_ms)
        self._show_status()

    def _on_count_due(self) -> None:
        self.summary.request(self.model.filters, clock.today(), with_lcpps=self._want_lcpps)

    def _on_names_hidden(self, hidden: bool) -> None:
        RegisterView.hide_names_from_start = hidden
        self.model.set_names_hidden(hidden)

    def _on_lcpps_found(self, names: list[str]) -> None:
        self._want_lcpps = False
        self.filter_bar.set_lcpps(names)

    def _on_counted(self, count: int, overdue: int) -> None:
        self._count, self._overdue = count, overdue
        self._show_status()

    def _on_failed(self, message: str) -> None:
        self._failure = message
        self._show_status()

    def _on_activated(self, index: QModelIndex) -> None:
        case_id = self.model.data(index, CASE_ID_ROLE)
        if case_id:
            self.case_activated.emit(case_id)

    def _show_status(self) -> None:
        self.status_line.setText(self._status_text())

    def _status_text(self) -> str:
        if self._failure:
            return self._failure
        filtered = self.model.filters != RegisterFilter()
        loaded = self.model.rowCount()
        if loaded == 0 and not self.model.canFetchMore():
            return NO_MATCH if filtered else EMPTY_REGISTER
        if self._count is None:
            return f"Showing {loaded:,} so far; counting…"
        noun = "child" if self._count == 1 else "children"
        if self.model.filters.overdue_only:
            return f"{self._count:,} {noun} with something overdue."
        what = "match" if filtered else "in the register"
        if filtered and self._count == 1:
            what = "matches"
        overdue = f"{self._overdue:,} with something overdue" if self._overdue else "none overdue"
        return f"{self._count:,} {noun} {what}; {overdue}."

    def _size_columns(self) -> None:
        # Wide enough for the header (and its sort arrow) or a typical value.
        metrics = self.table.fontMetrics()
        samples = {
            "child": "DEMO00000",
            "name": "Maisie-Rose Placeholder",
            "status": "Section 47",
            "overdue": "Review, ICPC",
            "lcpp": "Jordan Demo-Chair",
            "strategy_date": "30 Sep 2026",
            "review_due": "30 Sep 2026",
            "icpc_due": "30 Sep 2026 (extended)",
            "plan_start": "30 Sep 2026",
            "category": "Emotional abuse",
            "next_review_due": "30 Sep 2026",
        }
        for key, sample in samples.items():
            header = str(self.model.headerData(COL[key], Qt.Orientation.Horizontal))
            width = max(metrics.horizontalAdvance(sample), metrics.horizontalAdvance(header) + 18)
            self.table.setColumnWidth(COL[key], width + 16)
