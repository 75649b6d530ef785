"""A searchable list of records with an empty state that says what to do."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.ui.table_models import RowsModel
from app.ui.widgets import SEARCH_DELAY_MS, heading, hint, named


def make_table(model: RowsModel[Any], name: str) -> QTableView:
    """A keyboard-friendly, row-selecting, read-only table over ``model``."""
    table = QTableView()
    table.setModel(model)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setAlternatingRowColors(True)
    table.setTabKeyNavigation(False)  # Tab leaves the table, as everywhere else
    table.setWordWrap(False)
    table.verticalHeader().setVisible(False)
    table.horizontalHeader().setStretchLastSection(True)
    table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    # Columns fit the rows on screen and a hundred more: measuring a thousand (Qt's
    # default) took half a second on a workspace's full list of meetings.
    table.horizontalHeader().setResizeContentsPrecision(100)
    named(table, name)
    return table


class SearchableList(QWidget):
    """A heading, a search box and a table that gives way to a helpful empty state.

    Signals:
        search_changed(str): the user changed the search text (once they pause for
            ``search_delay_ms``, or at once on Enter, so a word typed is one query).
        activated(object): the user opened a row (Enter or double-click).
    """

    search_changed = Signal(str)
    activated = Signal(object)

    search_delay_ms = SEARCH_DELAY_MS

    def __init__(
        self,
        model: RowsModel[Any],
        *,
        title: str,
        search_label: str,
        placeholder: str,
        empty_text: str,
        no_match_text: str,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.model = model
        self._empty_text = empty_text
        self._no_match_text = no_match_text

        self.search = QLineEdit()
        self.search.setPlaceholderText(placeholder)
        self.search.setClearButtonEnabled(True)
        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.timeout.connect(self._emit_search)
        self.search.textChanged.connect(
            lambda _text: self._search_timer.start(self.search_delay_ms)
        )
        self.search.returnPressed.connect(self._on_search_return)
        self.search.installEventFilter(self)
        search_label_widget = QLabel(search_label)
        search_label_widget.setBuddy(self.search)
        named(self.search, search_label.replace("&", "").rstrip(":"))

        self.table = make_table(model, title)
        self.table.activated.connect(self._on_activated)
        self.empty = hint(empty_text)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        named(self.empty, "Empty list")
        self.stack = QStackedWidget()
        self.stack.addWidget(self.table)
        self.stack.addWidget(self.empty)

        self.tools = QHBoxLayout()
        self.tools.addWidget(search_label_widget)
        self.tools.addWidget(self.search, 1)

        layout = QVBoxLayout(self)
        layout.addWidget(heading(title))
        layout.addLayout(self.tools)
        layout.addWidget(self.stack, 1)

    def set_rows(self, rows: list[Any]) -> None:
        """Show ``rows``, or the empty state when there are none."""
        self.model.set_rows(rows)
        self.show_loaded()

    def show_loaded(self) -> None:
        """Show the model's rows, or the empty state when it has none."""
        if self.model.rowCount() > 0:
            self.table.resizeColumnsToContents()
            self.stack.setCurrentWidget(self.table)
        else:
            searching = bool(self.search.text().strip())
            self.empty.setText(self._no_match_text if searching else self._empty_text)
            self.stack.setCurrentWidget(self.empty)

    def selected(self) -> Any:
        return self.model.row_at(self.table.currentIndex())

    def clear(self) -> None:
        self.model.clear()
        self.search.clear()
        self._search_timer.stop()  # nothing may query a workspace that is locking

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # Down from the search box goes into the results, as in a browser's address bar.
        if (
            watched is self.search
            and event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() == Qt.Key.Key_Down
        ):
            self._flush_search()
            if self.model.rowCount() > 0:
                self.table.setFocus()
                self.table.selectRow(0)
                return True
        return super().eventFilter(watched, event)

    def _on_search_return(self) -> None:
        """Enter in the search box opens the only match (or the selected one)."""
        self._flush_search()
        row = self.selected()
        if row is None and self.model.rowCount() == 1:
            row = self.model.rows()[0]
        if row is not None:
            self.activated.emit(row)

    def _flush_search(self) -> None:
        """Search now for what was typed, if that is still waiting."""
        if self._search_timer.isActive():
            self._search_timer.stop()
            self._emit_search()  # the rows must match what was typed before one is chosen

    def _emit_search(self) -> None:
        self.search_changed.emit(self.search.text())

    def _on_activated(self, index: Any) -> None:
        row = self.model.row_at(index)
        if row is not None:
            self.activated.emit(row)
