"""The register as a Qt table model that fetches rows a page at a time."""

from __future__ import annotations

import functools
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QBrush, QColor, QFont

from app import clock
from app.errors import MacptError
from app.services import register
from app.services.register import RegisterFilter, RegisterRow
from app.storage.workspace import Workspace
from app.ui import style
from app.ui.register.cells import COL, COLUMNS, RegisterLine, line
from app.ui.style import Colours

AnyIndex = QModelIndex | QPersistentModelIndex
CASE_ID_ROLE = Qt.ItemDataRole.UserRole + 1
_DISPLAY = Qt.ItemDataRole.DisplayRole
_TOOLTIP = Qt.ItemDataRole.ToolTipRole
# Worked out once: combining Qt flags in Python costs more than the rest of a cell.
_FLAGS = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemNeverHasChildren
_FOREGROUND = Qt.ItemDataRole.ForegroundRole
_NAME = COL["name"]
_BACKGROUND = Qt.ItemDataRole.BackgroundRole


@functools.cache
def _brushes(colours: Colours) -> dict[int, QBrush]:
    """An overdue cell's brushes and the placeholder's, for the palette in use."""
    return {
        _BACKGROUND: QBrush(QColor(colours.alert_background)),
        _FOREGROUND: QBrush(QColor(colours.alert_text)),
        -1: QBrush(QColor(colours.placeholder)),  # "Hidden" reads as a placeholder
    }


class RegisterModel(QAbstractTableModel):
    """Children in the register, fetched ``page_size`` rows at a time as the view scrolls.

    With names hidden the model holds no child's name at all: rows fetched from
    then on are stripped as they arrive, and showing names fetches them again.

    Signals:
        rows_loaded(): after a reset or a fetched page (the row count changed).
        failed(str): a query failed; the message is fit for the user.
    """

    rows_loaded = Signal()
    failed = Signal(str)

    # About two screens of rows: the first paint waits for no more than it shows.
    page_size = 50

    def __init__(self, workspace: Workspace, parent: Any = None) -> None:
        super().__init__(parent)
        self._workspace: Workspace | None = workspace
        self._lines: list[RegisterLine] = []
        self._exhausted = True
        self._filters = RegisterFilter()
        self._order = "child"
        self._descending = False
        self._names_hidden = False
        # True while rows change: a fetch then (a view or tester reacting to the
        # change) would insert rows in the middle of it.
        self._changing = False
        self._bold = QFont()
        self._bold.setBold(True)

    # -- what is shown -------------------------------------------------------
    @property
    def filters(self) -> RegisterFilter:
        return self._filters

    @property
    def names_hidden(self) -> bool:
        return self._names_hidden

    def row_at(self, row: int) -> RegisterRow:
        return self._lines[row].row

    def set_filters(self, filters: RegisterFilter) -> None:
        """Show the first page of the register narrowed by ``filters``."""
        self._filters = filters
        self.reload()

    def set_names_hidden(self, hidden: bool) -> None:
        """Hide children's names (nothing of them is kept) or fetch them again."""
        if hidden == self._names_hidden:
            return
        self._names_hidden = hidden
        if not hidden:
            self.reload(keep=len(self._lines))
            return
        self._lines = [line(entry.row, names_hidden=True) for entry in self._lines]
        if self._lines:
            last = len(self._lines) - 1
            self.dataChanged.emit(self.index(0, 0), self.index(last, len(COLUMNS) - 1))

    def reload(self, *, keep: int = 0) -> None:
        """Fetch again from the top: the first page, or at least ``keep`` rows."""
        lines, exhausted = self._fetch(start=0, after=None, limit=max(self.page_size, keep))
        self._changing = True
        self.beginResetModel()
        self._lines, self._exhausted = lines, exhausted
        self.endResetModel()
        self._changing = False
        self.rows_loaded.emit()

    def clear(self) -> None:
        """Forget every row and the workspace (when the workspace locks)."""
        if self._workspace is not None:
            register.forget(self._workspace)  # nor does the service keep a row
        self._changing = True
        self.beginResetModel()
        self._lines, self._exhausted = [], True
        self._workspace = None
        self.endResetModel()
        self._changing = False

    # -- paging --------------------------------------------------------------
    def canFetchMore(self, parent: AnyIndex = QModelIndex()) -> bool:  # noqa: B008
        return not (parent.isValid() or self._exhausted or self._changing)

    def fetchMore(self, parent: AnyIndex = QModelIndex()) -> None:  # noqa: B008
        if not self.canFetchMore(parent):
            return
        last = self._lines[-1].row.child if self._lines else None
        lines, self._exhausted = self._fetch(
            start=len(self._lines), after=last, limit=self.page_size
        )
        if lines:
            first = len(self._lines)
            self._changing = True
            self.beginInsertRows(QModelIndex(), first, first + len(lines) - 1)
            self._lines.extend(lines)
            self.endInsertRows()
            self._changing = False
        self.rows_loaded.emit()

    def _fetch(
        self, *, start: int, after: str | None, limit: int
    ) -> tuple[list[RegisterLine], bool]:
        """Up to ``limit`` rows from row ``start`` (in reference order: after the
        reference ``after``), and whether that reached the end of the register."""
        if self._workspace is None:
            return [], True
        # In reference order the next page starts after the last reference seen,
        # which costs the same however far down the register it is.
        by_reference = self._order == "child"
        lines: list[RegisterLine] = []
        try:
            while len(lines) < limit:
                want = min(limit - len(lines), register.MAX_PAGE)
                page = register.register_page(
                    self._workspace,
                    filters=self._filters,
                    today=clock.today(),
                    offset=0 if by_reference else start + len(lines),
                    limit=want,
                    order=self._order,
                    descending=self._descending,
                    after=(lines[-1].row.child if lines else after) if by_reference else None,
                )
                lines.extend(line(row, names_hidden=self._names_hidden) for row in page)
                if len(page) < want:
                    return lines, True
        except MacptError as exc:
            self.failed.emit(str(exc))
            return [], True
        return lines, False

    # -- Qt's model interface --------------------------------------------------
    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._lines)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = _DISPLAY) -> Any:
        horizontal = orientation is Qt.Orientation.Horizontal
        if horizontal and role == _DISPLAY and 0 <= section < len(COLUMNS):
            return COLUMNS[section][1]
        return None

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        return _FLAGS if index.isValid() else Qt.ItemFlag.NoItemFlags

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < len(COLUMNS):
            return
        self._order = COLUMNS[column][0]
        self._descending = order is Qt.SortOrder.DescendingOrder
        self.reload()

    def data(self, index: AnyIndex, role: int = _DISPLAY) -> Any:
        row = index.row()
        if not index.isValid() or row >= len(self._lines):
            return None
        entry = self._lines[row]
        if role == _DISPLAY:
            return entry.cells[index.column()]
        if role == _TOOLTIP:
            return entry.tips[index.column()]
        if role == CASE_ID_ROLE:
            return entry.row.case_id
        if self._names_hidden and role == _FOREGROUND and index.column() == _NAME:
            return _brushes(style.colours())[-1]
        if index.column() in entry.hot:
            if role in (_BACKGROUND, _FOREGROUND):
                return _brushes(style.colours())[role]
            if role == Qt.ItemDataRole.FontRole:
                return self._bold
        return None


__all__ = ["CASE_ID_ROLE", "COL", "COLUMNS", "RegisterModel"]
