"""A child's family members and carers: list, add, edit in place, remove."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QGroupBox,
    QHBoxLayout,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.services.cases import FamilyMemberRow, retire_family_member
from app.storage.workspace import Workspace
from app.ui.dialogs.family_member import FamilyMemberDialog
from app.ui.dialogs.text_prompt import TextPrompt
from app.ui.pages.list_page import make_table
from app.ui.table_models import FamilyTableModel
from app.ui.widgets import hint, name_buttons, named

EMPTY_TEXT = "No family members or carers recorded yet. Add them with Add…"


class FamilySection(QGroupBox):
    """The family table with its buttons.

    Signals:
        changed: a family member was added, edited or removed.
    """

    changed = Signal()

    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__("Family members and carers", parent)
        named(self, "Family members and carers")
        self.workspace = workspace
        self.child_id = ""
        self.model = FamilyTableModel(self)
        self.table = make_table(self.model, "Family members and carers")
        self.table.activated.connect(lambda _index: self._on_edit())
        self.table.setMinimumHeight(self.fontMetrics().lineSpacing() * 6)
        self.empty = hint(EMPTY_TEXT)

        # Short labels keep the row narrow at large text sizes; the names say it in full.
        self.add_button = named(QPushButton("Add…"), "Add family member")
        self.add_button.clicked.connect(self._on_add)
        self.edit_button = named(QPushButton("Edit…"), "Edit family member")
        self.edit_button.clicked.connect(self._on_edit)
        self.remove_button = named(QPushButton("Retire…"), "Retire family member")
        self.remove_button.clicked.connect(self._on_retire)
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.edit_button)
        buttons.addWidget(self.remove_button)
        buttons.addStretch(1)
        name_buttons(buttons)

        layout = QVBoxLayout(self)
        layout.addWidget(self.table)
        layout.addWidget(self.empty)
        layout.addLayout(buttons)

    def set_rows(self, child_id: str, rows: list[FamilyMemberRow]) -> None:
        self.child_id = child_id
        rows = [r for r in rows if not r.retired]
        self.model.set_rows(rows)
        self.table.resizeColumnsToContents()
        self.table.setVisible(bool(rows))
        self.empty.setVisible(not rows)
        self.edit_button.setEnabled(bool(rows))
        self.remove_button.setEnabled(bool(rows))

    def clear(self) -> None:
        self.model.clear()

    def _selected(self) -> FamilyMemberRow | None:
        row = self.model.row_at(self.table.currentIndex())
        if row is None and self.model.rowCount() == 1:
            row = self.model.rows()[0]
        return row

    def _on_add(self) -> None:
        if (
            FamilyMemberDialog.ask_new(self, self.workspace, self.child_id)
            and self.workspace.is_open
        ):
            self.changed.emit()

    def _on_edit(self) -> None:
        member = self._selected()
        if member is None:
            self.table.setFocus()
            return
        FamilyMemberDialog.ask_edit(self, self.workspace, self.child_id, member)
        if self.workspace.is_open:
            self.changed.emit()

    def _on_retire(self) -> None:
        member = self._selected()
        if member is None:
            self.table.setFocus()
            return
        # Retired, not deleted: the meetings and letters that named them keep them.
        reason = TextPrompt.ask(
            self,
            "Retire family member…",
            f"Why is {member.name} no longer on this child's list?",
            ok_text="&Retire",
            accept_text=lambda why: retire_family_member(
                self.workspace, member_id=member.id, reason=why
            ),
        )
        if reason is not None and self.workspace.is_open:
            self.changed.emit()
