"""One table model per domain list. Each is reset whole by ``set_rows``.

Rows are the services' frozen dataclasses, so no model ever holds a session;
``clear()`` empties a model when the workspace locks.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any, ClassVar, Generic, TypeVar

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from app.services.agencies import AgencyRow
from app.services.cases import CaseSummary, FamilyMemberRow, MeetingRow
from app.services.meeting_list import MeetingSummary
from app.ui import text

Row = TypeVar("Row")
Index = QModelIndex | QPersistentModelIndex


class RowsModel(QAbstractTableModel, Generic[Row]):
    """A read-only table of rows; ``COLUMNS`` gives each heading and how to show it."""

    COLUMNS: ClassVar[tuple[tuple[str, Callable[[Any], str]], ...]] = ()

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[Row] = []

    def set_rows(self, rows: Iterable[Row]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def clear(self) -> None:
        self.set_rows([])

    def rows(self) -> list[Row]:
        return list(self._rows)

    def row_at(self, index: Index) -> Row | None:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        return self._rows[index.row()]

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.COLUMNS)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        row = self.row_at(index)
        if row is None or not 0 <= index.column() < len(self.COLUMNS):
            return None
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return self.COLUMNS[index.column()][1](row)
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if (
            role == Qt.ItemDataRole.DisplayRole
            and orientation == Qt.Orientation.Horizontal
            and 0 <= section < len(self.COLUMNS)
        ):
            return self.COLUMNS[section][0]
        return None


def _first_line(value: str) -> str:
    return value.strip().splitlines()[0] if value.strip() else ""


class CasesTableModel(RowsModel[CaseSummary]):
    COLUMNS = (
        ("Reference", lambda c: c.la_child_ref),
        ("Child", lambda c: c.child_name),
        ("Opened", lambda c: text.short_date(c.opened_on)),
        ("Status", lambda c: text.CASE_STATUS_WORDS[c.status]),
        ("Concern", lambda c: _first_line(c.concern)),
    )


class MeetingsTableModel(RowsModel[MeetingSummary]):
    COLUMNS = (
        ("Date", lambda m: text.short_date(m.scheduled_date)),
        ("Time", lambda m: text.time_text(m.scheduled_time)),
        ("Meeting", lambda m: text.meeting_type(m.meeting_type, short=True)),
        ("Reference", lambda m: m.la_child_ref),
        ("Child", lambda m: m.child_name),
        ("Status", lambda m: text.meeting_status(m.status)),
        ("Place", lambda m: m.location),
    )


class CaseMeetingsTableModel(RowsModel[MeetingRow]):
    COLUMNS = (
        ("Date", lambda m: text.short_date(m.scheduled_date)),
        ("Time", lambda m: text.time_text(m.scheduled_time)),
        ("Meeting", lambda m: text.meeting_type(m.meeting_type)),
        ("Status", lambda m: text.meeting_status(m.status)),
    )


def _yes(flag: bool) -> str:
    return "Yes" if flag else "No"


class FamilyTableModel(RowsModel[FamilyMemberRow]):
    COLUMNS = (
        ("Name", lambda f: f.name),
        ("Relationship", lambda f: f.relationship_to_child),
        ("Parental responsibility", lambda f: _yes(f.parental_responsibility)),
        ("Carer", lambda f: _yes(f.is_carer)),
        ("Invited to conferences", lambda f: _yes(f.invite_to_conferences)),
        ("Phone", lambda f: f.phone or ""),
    )


AGENCY_KIND_WORDS = {"statutory": "Statutory", "relevant": "Relevant", "other": "Other"}


class AgenciesTableModel(RowsModel[AgencyRow]):
    COLUMNS = (
        ("Agency", lambda a: a.name),
        ("Kind", lambda a: AGENCY_KIND_WORDS.get(a.kind.value, a.kind.value)),
        ("Status", lambda a: "Retired" if a.retired else "In use"),
    )
