"""Home's "Consultations awaiting follow-up": those with no outcome yet.

Opening one asks what happened next; Ctrl+Shift+K records a new one.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex
from PySide6.QtWidgets import QVBoxLayout, QWidget

from app.services.consultations import ConsultationRow, awaiting_follow_up
from app.storage.workspace import Workspace
from app.ui import text
from app.ui.dialogs.consultation import SHORTCUT, FollowUpDialog
from app.ui.pages.list_page import make_table
from app.ui.table_models import RowsModel
from app.ui.widgets import heading, hint, named

TITLE = "Consultations awaiting follow-up"
SHOWN_ROWS = 4


class ConsultationsTableModel(RowsModel[ConsultationRow]):
    COLUMNS = (
        ("Asked on", lambda c: text.long_date(c.asked_on)),
        ("Who asked", lambda c: f"{c.asked_by_name} ({c.agency_name})"),
        ("Child", lambda c: c.child or "Not given"),
        ("Threshold view", lambda c: c.threshold_view.label),
    )


class ConsultationsSection(QWidget):
    """The consultations with no outcome yet, newest first, or a line saying there are none.
    Opening one asks what happened next."""

    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self.model = ConsultationsTableModel(self)
        self.table = make_table(self.model, TITLE)
        self.table.activated.connect(self._on_activated)
        self.empty = named(
            hint(f"None awaiting follow-up. {SHORTCUT} records a consultation from anywhere."),
            TITLE,
        )
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(heading(TITLE, level=2))
        layout.addWidget(self.table)
        layout.addWidget(self.empty)

    def refresh(self) -> None:
        rows = awaiting_follow_up(self.workspace)
        self.model.set_rows(rows)
        self.table.resizeColumnsToContents()
        # As tall as its rows, up to SHOWN_ROWS: Home's meetings keep the room they need.
        shown = max(1, min(len(rows), SHOWN_ROWS))
        header = self.table.horizontalHeader().sizeHint().height()
        rows_height = sum(self.table.rowHeight(i) for i in range(shown))
        self.table.setFixedHeight(header + rows_height + 2 * self.table.frameWidth() + 2)
        self.table.setVisible(bool(rows))
        self.empty.setVisible(not rows)

    def clear(self) -> None:
        self.model.clear()

    def _on_activated(self, index: QModelIndex) -> None:
        row = self.model.row_at(index)
        if row is not None and FollowUpDialog.ask(self, self.workspace, row):
            self.refresh()
