"""The local area's closure days: not working days for its timescales."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDateEdit,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app import clock
from app.errors import ValidationError
from app.services.settings import closure_days, set_closure_days
from app.storage.workspace import Workspace
from app.ui import text
from app.ui.autosave import to_date, to_qdate
from app.ui.widgets import add_row, compact, hint, message_label, name_buttons, named, show_message


class ClosureDaysBox(QGroupBox):
    """List, add and remove closure days (bank holidays are known already)."""

    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__("Local closure days", parent)
        named(self, "Local closure days")
        self.workspace = workspace
        self.days = QListWidget()
        named(self.days, "Closure days")
        self.days.setMinimumHeight(self.fontMetrics().lineSpacing() * 5)
        self.empty = hint("No local closure days yet.")
        self.day = compact(QDateEdit(to_qdate(clock.today())), 30)
        self.day.setCalendarPopup(True)
        self.day.setDisplayFormat("dddd d MMMM yyyy")
        self.description = QLineEdit()
        self.description.setPlaceholderText("For example: council offices closed")
        form = QFormLayout()
        add_row(form, "Closure &day:", self.day)
        add_row(form, "Desc&ription:", self.description)
        self.add_button = QPushButton("Add closure da&y")
        self.add_button.clicked.connect(self._on_add)
        self.remove_button = QPushButton("Remove selected closure day")
        self.remove_button.clicked.connect(self._on_remove)
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.remove_button)
        buttons.addStretch(1)
        name_buttons(buttons)
        self.message = message_label("Closure days message")
        layout = QVBoxLayout(self)
        layout.addWidget(
            hint(
                "Bank holidays in England and Wales are already known. Add the days your "
                "offices close (between Christmas and New Year, say): timescales skip them."
            )
        )
        layout.addWidget(self.days)
        layout.addWidget(self.empty)
        layout.addLayout(form)
        layout.addLayout(buttons)
        layout.addWidget(self.message)

    def refresh(self) -> None:
        self.days.clear()
        for day, description in closure_days(self.workspace):
            label = text.long_date(day) + (f": {description}" if description else "")
            item = QListWidgetItem(label)
            item.setData(Qt.ItemDataRole.UserRole, day.isoformat())
            item.setData(Qt.ItemDataRole.UserRole + 1, description)
            self.days.addItem(item)
        self.remove_button.setEnabled(self.days.count() > 0)
        self.days.setVisible(self.days.count() > 0)
        self.empty.setVisible(self.days.count() == 0)

    def _current(self) -> list[tuple[dt.date, str]]:
        result = []
        for row in range(self.days.count()):
            item = self.days.item(row)
            day = dt.date.fromisoformat(item.data(Qt.ItemDataRole.UserRole))
            result.append((day, str(item.data(Qt.ItemDataRole.UserRole + 1) or "")))
        return result

    def _on_add(self) -> None:
        day = to_date(self.day.date())
        days = dict(self._current())
        if day in days:
            show_message(
                self.message, f"{text.long_date(day)} is already a closure day.", error=True
            )
            return
        days[day] = self.description.text().strip()
        self._save(sorted(days.items()))
        self.description.clear()

    def _on_remove(self) -> None:
        item = self.days.currentItem()
        if item is None:
            show_message(self.message, "Choose a closure day in the list first.", error=True)
            self.days.setFocus()
            return
        day = dt.date.fromisoformat(item.data(Qt.ItemDataRole.UserRole))
        self._save([(d, t) for d, t in self._current() if d != day])

    def _save(self, days: list[tuple[dt.date, str]]) -> None:
        try:
            set_closure_days(self.workspace, days=days)
        except ValidationError as exc:
            show_message(self.message, str(exc), error=True)
            return
        show_message(self.message, "")
        self.refresh()
