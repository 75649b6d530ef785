"""The register's search box and filters: status, LCPP, category, overdue, hide names."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.models import PlanCategory
from app.services.register import STATUS_LABELS, STATUSES, RegisterFilter
from app.ui.flow_layout import FlowLayout
from app.ui.register.cells import STATUS_SHORT
from app.ui.widgets import SEARCH_DELAY_MS

ALL_LCPPS = "All LCPPs"


class RegisterFilterBar(QWidget):
    """What the chair narrows the register by.

    Signals:
        filters_changed(object): a new ``RegisterFilter`` (typing waits
            ``search_delay_ms`` after the last key, so a word is one query).
        names_hidden_changed(bool): the "Hide names" button was toggled.
    """

    filters_changed = Signal(object)
    names_hidden_changed = Signal(bool)

    search_delay_ms = SEARCH_DELAY_MS

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.search = QLineEdit(self)
        self.search.setPlaceholderText("Search names or references")
        self.search.setClearButtonEnabled(True)
        self.search.setAccessibleName("Search the register by name or reference")
        self.search.setMinimumWidth(220)

        self.status = QComboBox(self)
        self.status.setAccessibleName("Status")
        self.status.addItem("All statuses", None)
        for status in STATUSES:
            # The table's own words, short enough to fit at twice the text size.
            self.status.addItem(STATUS_SHORT[status], status)
            self.status.setItemData(
                self.status.count() - 1, STATUS_LABELS[status], Qt.ItemDataRole.ToolTipRole
            )

        self.lcpp = QComboBox(self)
        self.lcpp.setAccessibleName("LCPP")
        self.lcpp.addItem(ALL_LCPPS, None)
        # Long names must not widen the bar past the screen: the list shows them whole.
        self.lcpp.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.lcpp.setMinimumContentsLength(16)

        self.category = QComboBox(self)
        self.category.setAccessibleName("Plan category")
        self.category.addItem("All categories", None)
        for category in PlanCategory:
            self.category.addItem(category.label, category.value)

        self.overdue = QCheckBox("&Overdue only", self)
        self.overdue.setAccessibleName("Show only children with something overdue")

        self.hide_names = QPushButton("Hide names (Ctrl+H)", self)
        self.hide_names.setCheckable(True)
        self.hide_names.setAccessibleName("Hide children's names")
        self.hide_names.setToolTip("Hide every child's name, for when the screen is shared")

        search_label = QLabel("&Search:", self)
        search_label.setBuddy(self.search)
        # Two rows, so the bar fits a laptop screen at twice the text size.
        searching = QHBoxLayout()
        searching.addWidget(search_label)
        searching.addWidget(self.search, 2)
        searching.addStretch(1)
        searching.addWidget(self.hide_names)
        # The filters wrap onto another row rather than widen the window past the screen.
        narrowing = FlowLayout()
        for widget in (self.status, self.lcpp, self.category, self.overdue):
            narrowing.addWidget(widget)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(searching)
        layout.addLayout(narrowing)

        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.timeout.connect(self._emit)
        self.search.textChanged.connect(self._on_search_typed)
        self.search.returnPressed.connect(self._emit_now)
        for combo in (self.status, self.lcpp, self.category):
            combo.currentIndexChanged.connect(self._emit_now)
        self.overdue.toggled.connect(self._emit_now)
        self.hide_names.toggled.connect(self._on_hide_toggled)

    def filters(self) -> RegisterFilter:
        """The filters as they stand."""
        return RegisterFilter(
            search=self.search.text(),
            status=self.status.currentData(),
            lcpp=self.lcpp.currentData(),
            overdue_only=self.overdue.isChecked(),
            category=PlanCategory(category) if (category := self.category.currentData()) else None,
        )

    def set_lcpps(self, names: list[str]) -> None:
        """Offer these LCPPs, keeping the one chosen if it is still there."""
        chosen = self.lcpp.currentData()
        self.lcpp.blockSignals(True)
        self.lcpp.clear()
        self.lcpp.addItem(ALL_LCPPS, None)
        for name in names:
            self.lcpp.addItem(name, name)
        found = self.lcpp.findData(chosen) if chosen is not None else 0
        self.lcpp.setCurrentIndex(max(found, 0))
        self.lcpp.blockSignals(False)
        if chosen is not None and found < 0:
            self._emit_now()  # the chosen LCPP has no children left

    def clear_search(self) -> None:
        self.search.clear()
        self._emit_now()

    def _on_search_typed(self, _text: str) -> None:
        self._search_timer.start(self.search_delay_ms)

    def _emit_now(self) -> None:
        self._search_timer.stop()
        self._emit()

    def _emit(self) -> None:
        self.filters_changed.emit(self.filters())

    def _on_hide_toggled(self, hidden: bool) -> None:
        self.hide_names.setText("Show names (Ctrl+H)" if hidden else "Hide names (Ctrl+H)")
        # What was typed to find a child is often their name: it is hidden too.
        self.search.setEchoMode(
            QLineEdit.EchoMode.Password if hidden else QLineEdit.EchoMode.Normal
        )
        self.names_hidden_changed.emit(hidden)


# The one keystroke that hides names (the view wires it; the main window's own
# shortcuts must leave it free, or Qt finds the key ambiguous and does neither).
HIDE_NAMES_KEY = Qt.Modifier.CTRL | Qt.Key.Key_H
