"""The local area's agenda templates: add, rename, remove, reorder, restore defaults.

Each meeting type has its own template; a meeting scheduled afterwards copies
the template as it stands, and meetings already scheduled keep their own agenda.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.models import MeetingType
from app.services.conduct.templates import (
    AgendaTemplateRow,
    add_template_item,
    edit_template_item,
    list_template,
    move_template_item,
    remove_template_item,
    restore_default_template,
)
from app.storage.workspace import Workspace
from app.ui.dialogs.text_prompt import TextPrompt
from app.ui.widgets import (
    add_row,
    hint,
    message_label,
    name_buttons,
    named,
    show_message,
    user_message,
)
from app.workflow.steps import StepKind, kind_at


class AgendaTemplatesBox(QGroupBox):
    """Edit the agenda template of one meeting type at a time."""

    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__("Agenda templates", parent)
        named(self, "Agenda templates")
        self.workspace = workspace
        self.meeting_type = named(QComboBox(), "Meeting type")
        for meeting_type in MeetingType:
            self.meeting_type.addItem(meeting_type.label, meeting_type.value)
        self.meeting_type.currentIndexChanged.connect(lambda _i: self.refresh())
        self.items = named(QListWidget(), "Agenda items", "In the order the meeting takes them")
        self.items.setMinimumHeight(self.fontMetrics().lineSpacing() * 9)
        self.items.currentRowChanged.connect(lambda _row: self._update_buttons())

        self.add_button = QPushButton("&Add item…")
        self.add_button.clicked.connect(self._on_add)
        self.rename_button = QPushButton("Rena&me…")
        self.rename_button.clicked.connect(self._on_rename)
        self.remove_button = QPushButton("Remo&ve")
        self.remove_button.clicked.connect(self._on_remove)
        self.up_button = QPushButton("Move &up")
        self.up_button.clicked.connect(lambda: self._on_move(-1))
        self.down_button = QPushButton("Move do&wn")
        self.down_button.clicked.connect(lambda: self._on_move(+1))
        self.restore_button = QPushButton("Restore default&s")
        self.restore_button.clicked.connect(self._on_restore)
        row1, row2 = QHBoxLayout(), QHBoxLayout()
        for button in (self.add_button, self.rename_button, self.remove_button):
            row1.addWidget(button)
        row1.addStretch(1)
        for button in (self.up_button, self.down_button, self.restore_button):
            row2.addWidget(button)
        row2.addStretch(1)
        name_buttons(row1)
        name_buttons(row2)
        self.message = message_label("Agenda templates message")

        layout = QVBoxLayout(self)
        layout.addWidget(
            hint(
                "Meetings scheduled from now on start with this agenda. "
                "Meetings already scheduled keep theirs."
            )
        )
        form_row = QHBoxLayout()
        layout.addLayout(form_row)
        form = QFormLayout()
        add_row(form, "Meeting &type:", self.meeting_type)
        form_row.addLayout(form)
        form_row.addStretch(1)
        layout.addWidget(self.items)
        layout.addLayout(row1)
        layout.addLayout(row2)
        layout.addWidget(self.message)

    # -- public ---------------------------------------------------------------
    def current_type(self) -> MeetingType:
        return MeetingType(self.meeting_type.currentData())

    def refresh(self, *, select: str | None = None) -> None:
        selected = select or self._selected_id()
        rows = list_template(self.workspace, meeting_type=self.current_type())
        self.items.clear()
        for row in rows:
            item = QListWidgetItem(_describe(row, self.current_type()))
            item.setData(Qt.ItemDataRole.UserRole, row.id)
            self.items.addItem(item)
            if row.id == selected:
                self.items.setCurrentItem(item)
        self._update_buttons()

    def clear(self) -> None:
        self.items.clear()

    # -- helpers --------------------------------------------------------------
    def _selected_id(self) -> str | None:
        item = self.items.currentItem()
        return None if item is None else str(item.data(Qt.ItemDataRole.UserRole))

    def _update_buttons(self) -> None:
        row = self.items.currentRow()
        chosen = row >= 0
        for button in (self.rename_button, self.remove_button):
            button.setEnabled(chosen)
        self.up_button.setEnabled(chosen and row > 0)
        self.down_button.setEnabled(chosen and row < self.items.count() - 1)

    def _title_of(self, item_id: str) -> str:
        rows = list_template(self.workspace, meeting_type=self.current_type())
        return next(r.title for r in rows if r.id == item_id)

    # -- actions --------------------------------------------------------------
    def _on_add(self) -> None:
        added: list[str] = []
        position = self.items.currentRow() + 1 if self.items.currentRow() >= 0 else None

        def accept(title: str) -> None:
            row = add_template_item(
                self.workspace,
                meeting_type=self.current_type(),
                title=title,
                position=position,
            )
            added.append(row.id)

        title = TextPrompt.ask(
            self, "Add agenda item…", "Item &title:", ok_text="&Add item", accept_text=accept
        )
        if title is not None and self.workspace.is_open:
            self.refresh(select=added[0] if added else None)
            show_message(self.message, f"Added “{title}”.")

    def _on_rename(self) -> None:
        item_id = self._selected_id()
        if item_id is None:
            return
        old = self._title_of(item_id)

        def accept(title: str) -> None:
            edit_template_item(self.workspace, item_id=item_id, title=title)

        title = TextPrompt.ask(
            self,
            "Rename agenda item…",
            "New &title:",
            ok_text="&Rename",
            text=old,
            accept_text=accept,
        )
        if title is not None and self.workspace.is_open:
            self.refresh(select=item_id)
            show_message(self.message, f"Renamed “{old}” to “{title}”.")

    def _on_remove(self) -> None:
        item_id = self._selected_id()
        if item_id is None:
            return
        title = self._title_of(item_id)
        row = self.items.currentRow()
        try:
            remove_template_item(self.workspace, item_id=item_id)
        except Exception as exc:
            show_message(self.message, user_message(exc), error=True)
            return
        self.refresh()
        self.items.setCurrentRow(min(row, self.items.count() - 1))
        show_message(self.message, f"Removed “{title}”. Restore defaults brings it back.")

    def _on_move(self, step: int) -> None:
        item_id = self._selected_id()
        if item_id is None:
            return
        move_template_item(self.workspace, item_id=item_id, position=self.items.currentRow() + step)
        self.refresh(select=item_id)
        self.items.setFocus()

    def _on_restore(self) -> None:
        restore_default_template(self.workspace, meeting_type=self.current_type())
        self.refresh()
        show_message(
            self.message, f"Restored the default {self.current_type().label.lower()} agenda."
        )


def _describe(row: AgendaTemplateRow, meeting_type: MeetingType) -> str:
    kind = kind_at(meeting_type, row.kind)
    if kind is StepKind.NOTES or kind.label.lower() == row.title.lower():
        return row.title
    return f"{row.title}  ({kind.label.lower()})"
