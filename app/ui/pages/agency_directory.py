"""The agency directory: the local area's list, which it can extend."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QCheckBox,
    QGroupBox,
    QHBoxLayout,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.services.agencies import AgencyRow, add_agency, list_agencies, rename_agency, retire_agency
from app.storage.workspace import Workspace
from app.ui.dialogs.text_prompt import TextPrompt
from app.ui.pages.list_page import make_table
from app.ui.table_models import AgenciesTableModel
from app.ui.widgets import hint, message_label, name_buttons, named, show_message, user_message


class AgencyDirectoryBox(QGroupBox):
    """Add, rename, retire and restore agencies. Statutory agencies cannot be retired."""

    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__("Agency directory", parent)
        named(self, "Agency directory")
        self.workspace = workspace
        self.model = AgenciesTableModel(self)
        self.table = make_table(self.model, "Agencies")
        self.table.setMinimumHeight(self.fontMetrics().lineSpacing() * 10)
        self.table.selectionModel().currentRowChanged.connect(lambda *_: self._update_buttons())
        self.show_retired = named(QCheckBox("Show retired agencies"), "Show retired agencies")
        self.show_retired.toggled.connect(lambda _on: self.refresh())
        # Short labels keep the row narrow at large text sizes; the names say it in full.
        self.add_button = named(QPushButton("Add agen&cy…"), "Add agency")
        self.add_button.clicked.connect(self._on_add)
        self.rename_button = named(QPushButton("Re&name…"), "Rename agency")
        self.rename_button.clicked.connect(self._on_rename)
        self.retire_button = QPushButton("Retire")
        self.retire_button.clicked.connect(self._on_retire)
        buttons = QHBoxLayout()
        for button in (self.add_button, self.rename_button, self.retire_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        name_buttons(buttons)
        self.message = message_label("Agency directory message")
        layout = QVBoxLayout(self)
        layout.addWidget(
            hint(
                "The agencies your meetings invite. Retired agencies stay in past records "
                "but are no longer offered."
            )
        )
        layout.addWidget(self.show_retired)
        layout.addWidget(self.table)
        layout.addLayout(buttons)
        layout.addWidget(self.message)

    def refresh(self) -> None:
        current = self._selected()
        self.model.set_rows(
            list_agencies(self.workspace, include_retired=self.show_retired.isChecked())
        )
        self.table.resizeColumnsToContents()
        if current is not None:
            self._select(current.id)
        self._update_buttons()

    def _selected(self) -> AgencyRow | None:
        return self.model.row_at(self.table.currentIndex())

    def _select(self, agency_id: str) -> None:
        for row, agency in enumerate(self.model.rows()):
            if agency.id == agency_id:
                self.table.selectRow(row)
                return

    def _update_buttons(self) -> None:
        agency = self._selected()
        self.rename_button.setEnabled(agency is not None)
        self.retire_button.setEnabled(agency is not None and agency.statutory_role is None)
        restore = bool(agency and agency.retired)
        self.retire_button.setText("Restore" if restore else "Retire")
        self.retire_button.setAccessibleName("Restore agency" if restore else "Retire agency")

    def _on_add(self) -> None:
        name = TextPrompt.ask(
            self,
            "Add agency…",
            "Agency &name:",
            ok_text="&Add agency",
            accept_text=lambda name: self._remember(add_agency(self.workspace, name=name)),
        )
        if name is not None and self.workspace.is_open:
            self.refresh()
            self._select(self._last_added)
            show_message(self.message, f"Added {name}.")

    def _remember(self, agency_id: str) -> None:
        self._last_added = agency_id

    def _on_rename(self) -> None:
        agency = self._selected()
        if agency is None:
            self.table.setFocus()
            return
        name = TextPrompt.ask(
            self,
            "Rename agency…",
            "New &name:",
            ok_text="&Rename",
            text=agency.name,
            accept_text=lambda name: rename_agency(self.workspace, agency_id=agency.id, name=name),
        )
        if name is not None and self.workspace.is_open:
            self.refresh()
            show_message(self.message, f"Renamed {agency.name} to {name}.")

    def _on_retire(self) -> None:
        agency = self._selected()
        if agency is None:
            self.table.setFocus()
            return
        if not agency.retired:
            reason = TextPrompt.ask(
                self,
                "Retire agency…",
                "Why is it being &retired?",
                ok_text="&Retire",
                accept_text=lambda why: retire_agency(
                    self.workspace, agency_id=agency.id, reason=why
                ),
            )
            if reason is None or not self.workspace.is_open:
                return
        else:
            try:
                retire_agency(self.workspace, agency_id=agency.id, retired=False)
            except Exception as exc:
                show_message(self.message, user_message(exc), error=True)
                return
        done = "Restored" if agency.retired else "Retired"
        if not agency.retired and not self.show_retired.isChecked():
            done += " (tick Show retired agencies to see it)"
        self.refresh()
        show_message(self.message, f"{done}: {agency.name}.")
