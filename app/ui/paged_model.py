"""A table model that holds a window of a long list and reads more as the user scrolls.

The window starts where the page asks (often a little before the first meeting still to
come) and grows a page at a time: down through ``fetchMore``, which the view calls as its
last row comes into sight, and up through ``fetch_earlier``, which the page calls when the
view reaches its top.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Generic, Protocol, TypeVar

from PySide6.QtCore import QModelIndex

from app.services.cases import CaseSummary
from app.services.meetings import MeetingSummary
from app.ui.table_models import CasesTableModel, Index, MeetingsTableModel, RowsModel

Row = TypeVar("Row")


class Page(Protocol[Row]):
    @property
    def rows(self) -> list[Row]: ...
    @property
    def offset(self) -> int: ...
    @property
    def total(self) -> int: ...


PAGE_SIZE = 200


class PagedRowsModel(RowsModel[Row], Generic[Row]):
    """Rows ``start`` to ``start + len(rows)`` of a list of ``total`` rows."""

    page_size = PAGE_SIZE

    def __init__(self, parent: object = None) -> None:
        super().__init__(parent)
        self._fetch: Callable[[int, int], Page[Row]] | None = None
        self.start = 0
        self.total = 0

    def show_page(self, page: Page[Row], fetch: Callable[[int, int], Page[Row]]) -> None:
        """Start again from ``page``; ``fetch(offset, limit)`` reads any other page."""
        self._fetch = fetch
        self.start = page.offset
        self.total = page.total
        self.set_rows(page.rows)

    def clear(self) -> None:
        self._fetch = None
        self.start = self.total = 0
        super().clear()

    def canFetchMore(self, parent: Index = QModelIndex()) -> bool:  # noqa: B008
        if parent.isValid() or self._fetch is None:
            return False
        return self.start + len(self._rows) < self.total

    def fetchMore(self, parent: Index = QModelIndex()) -> None:  # noqa: B008
        if not self.canFetchMore(parent):
            return
        assert self._fetch is not None
        page = self._fetch(self.start + len(self._rows), self.page_size)
        self.total = page.total
        if not page.rows:
            return
        first = len(self._rows)
        self.beginInsertRows(QModelIndex(), first, first + len(page.rows) - 1)
        self._rows.extend(page.rows)
        self.endInsertRows()

    def can_fetch_earlier(self) -> bool:
        return self._fetch is not None and self.start > 0

    def fetch_earlier(self) -> int:
        """Read the page before the window; returns how many rows came in at the top."""
        if not self.can_fetch_earlier():
            return 0
        assert self._fetch is not None
        offset = max(self.start - self.page_size, 0)
        page = self._fetch(offset, self.start - offset)
        self.total = page.total
        if not page.rows:
            return 0
        self.beginInsertRows(QModelIndex(), 0, len(page.rows) - 1)
        self._rows[:0] = page.rows
        self.start = page.offset
        self.endInsertRows()
        return len(page.rows)


class PagedMeetingsModel(PagedRowsModel[MeetingSummary]):
    COLUMNS = MeetingsTableModel.COLUMNS


class PagedCasesModel(PagedRowsModel[CaseSummary]):
    COLUMNS = CasesTableModel.COLUMNS
