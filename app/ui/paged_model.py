"""A table model that holds a window of a long list and reads more as the user scrolls.

The window starts where the page asks (often a little before the first meeting still to
come) and grows a page at a time: down through ``fetchMore``, which the view calls as its
last row comes into sight, and up through ``fetch_earlier``, which the page calls when the
view reaches its top.

Each page is read from the row it joins on to (the last row for the next page, the
first for the one before), never by counting from the top of the list, and the list is
never counted whole: a page then costs the same at 50,000 children as at 50, wherever
it falls. The scroll bar grows as pages come in, as in any list Qt reads in pages.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Generic, Protocol, TypeVar

from PySide6.QtCore import QModelIndex

from app.services.cases import CaseSummary
from app.services.meeting_list import MeetingSummary
from app.ui.table_models import CasesTableModel, Index, MeetingsTableModel, RowsModel

Row = TypeVar("Row")
Row_co = TypeVar("Row_co", covariant=True)


class Slice(Protocol[Row_co]):
    """Rows next to each other in the list, and whether it goes on past them."""

    @property
    def rows(self) -> Sequence[Row_co]: ...
    @property
    def more(self) -> bool: ...


PAGE_SIZE = 200


class PagedRowsModel(RowsModel[Row], Generic[Row]):
    """A window of rows in a longer list, with more to read before or after it."""

    page_size = PAGE_SIZE

    def __init__(self, parent: object = None) -> None:
        super().__init__(parent)
        self._after: Callable[[Row, int], Slice[Row]] | None = None
        self._before: Callable[[Row, int], Slice[Row]] | None = None
        self.more_before = False
        self.more_after = False

    def show_rows(
        self,
        rows: list[Row],
        *,
        more_before: bool,
        more_after: bool,
        after: Callable[[Row, int], Slice[Row]],
        before: Callable[[Row, int], Slice[Row]] | None = None,
    ) -> None:
        """Start again from ``rows``; ``after(last, n)`` reads the ``n`` rows that follow
        ``last`` and ``before(first, n)`` the ``n`` rows before ``first``."""
        self._after, self._before = after, before
        self.more_before = more_before and before is not None
        self.more_after = more_after
        self.set_rows(rows)

    def clear(self) -> None:
        self._after = self._before = None
        self.more_before = self.more_after = False
        super().clear()

    def canFetchMore(self, parent: Index = QModelIndex()) -> bool:  # noqa: B008
        if parent.isValid() or self._after is None:
            return False
        return self.more_after and bool(self._rows)

    def fetchMore(self, parent: Index = QModelIndex()) -> None:  # noqa: B008
        if not self.canFetchMore(parent):
            return
        assert self._after is not None
        page = self._after(self._rows[-1], self.page_size)
        self.more_after = page.more
        if not page.rows:
            return
        first = len(self._rows)
        self.beginInsertRows(QModelIndex(), first, first + len(page.rows) - 1)
        self._rows.extend(page.rows)
        self.endInsertRows()

    def can_fetch_earlier(self) -> bool:
        return self._before is not None and self.more_before and bool(self._rows)

    def fetch_earlier(self) -> int:
        """Read the page before the window; returns how many rows came in at the top."""
        if not self.can_fetch_earlier():
            return 0
        assert self._before is not None
        page = self._before(self._rows[0], self.page_size)
        self.more_before = page.more
        if not page.rows:
            return 0
        self.beginInsertRows(QModelIndex(), 0, len(page.rows) - 1)
        self._rows[:0] = page.rows
        self.endInsertRows()
        return len(page.rows)


class PagedMeetingsModel(PagedRowsModel[MeetingSummary]):
    COLUMNS = MeetingsTableModel.COLUMNS


class PagedCasesModel(PagedRowsModel[CaseSummary]):
    COLUMNS = CasesTableModel.COLUMNS
