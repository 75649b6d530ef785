"""The Contexts page: places, peer groups and online spaces where children are harmed.

The list of contexts on the left; on the right the one chosen: who is responsible
for it, the children linked to it and its disruption log, each with its button,
and scheduling one meeting per linked child at one sitting.
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QAbstractScrollArea,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QPushButton,
    QScrollArea,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.services.contexts import ContextDetail, get_context, link_child, list_contexts
from app.services.settings import get_settings
from app.services.significant_events import child_id_for
from app.storage.workspace import Workspace
from app.ui.dialogs.context_dialogs import (
    DisruptionDialog,
    NewContextDialog,
    ResponsibleDialog,
    ScheduleSittingDialog,
)
from app.ui.dialogs.text_prompt import TextPrompt
from app.ui.flow_layout import FlowLayout
from app.ui.pages.context_models import (
    ContextsModel,
    DisruptionModel,
    LinkedChildrenModel,
    ResponsibleModel,
)
from app.ui.pages.list_page import make_table
from app.ui.widgets import heading, hint, message_label, name_buttons, named, show_message

EMPTY = (
    "No contexts yet. Choose New context… to record a place, a peer group or an online "
    "space where children are harmed outside the home."
)


def _box(title: str, table: QTableView, *buttons: QPushButton) -> QGroupBox:
    # A few rows always show: the details scroll rather than squash a table to its header.
    rows = table.verticalHeader().defaultSectionSize() * 3
    table.setMinimumHeight(rows + table.horizontalHeader().sizeHint().height() + 4)
    # Asks for the rows it has, not a fixed 192 pixels: the details then ask for no
    # more height than they need, and scroll only when a short screen needs it.
    table.setSizeAdjustPolicy(QAbstractScrollArea.SizeAdjustPolicy.AdjustToContents)
    box = named(QGroupBox(title), title)
    layout = QVBoxLayout(box)
    layout.addWidget(table)
    row = FlowLayout()  # the buttons wrap in a narrow pane rather than widen it
    for button in buttons:
        row.addWidget(button)
    name_buttons(row)
    layout.addLayout(row)
    return box


class ContextsPage(QWidget):
    """Record contexts and their responsible bodies, children and disruption log."""

    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self.detail: ContextDetail | None = None
        self.model = ContextsModel(self)
        self.table = make_table(self.model, "Contexts")
        # The kind and the count show whole; a long name gives way (in full as a tooltip).
        header = self.table.horizontalHeader()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column in (1, 2):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        self.table.selectionModel().currentRowChanged.connect(lambda *_: self._show_selected())
        self.new_button = QPushButton("&New context…")
        self.new_button.clicked.connect(self._on_new)
        self.empty = hint(EMPTY)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.addWidget(heading("Contexts"))
        left_layout.addWidget(hint("Harm outside the home: places, peer groups, online spaces."))
        left_layout.addWidget(self.table)
        left_layout.addWidget(self.empty)
        buttons = QHBoxLayout()
        buttons.addWidget(self.new_button)
        buttons.addStretch(1)
        name_buttons(buttons)
        left_layout.addLayout(buttons)

        self.title = named(heading("", level=2), "The context chosen")
        self.about = named(hint(""), "About the context")
        self.responsible_model = ResponsibleModel(self)
        self.children_model = LinkedChildrenModel(self)
        self.disruption_model = DisruptionModel(self)
        self.add_responsible_button = QPushButton("Add &responsible…")
        self.add_responsible_button.clicked.connect(self._on_add_responsible)
        self.link_button = QPushButton("&Link child…")
        self.link_button.clicked.connect(self._on_link)
        self.schedule_button = QPushButton("&Schedule meeting…")
        self.schedule_button.clicked.connect(self._on_schedule)
        self.disruption_button = QPushButton("Add &disruption…")
        self.disruption_button.clicked.connect(self._on_disruption)
        self.message = message_label("Contexts message")
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.addWidget(self.title)
        right_layout.addWidget(self.about)
        self.detail_tables = (
            make_table(self.responsible_model, "Who is responsible"),
            make_table(self.children_model, "Children linked"),
            make_table(self.disruption_model, "Disruption log"),
        )
        commands: tuple[tuple[QPushButton, ...], ...] = (
            (self.add_responsible_button,),
            (self.link_button, self.schedule_button),
            (self.disruption_button,),
        )
        titles = ("Who is responsible", "Children linked", "Disruption log")
        for title, table, row in zip(titles, self.detail_tables, commands, strict=True):
            right_layout.addWidget(_box(title, table, *row))
        right_layout.addWidget(self.message)
        self.right = right
        # The details scroll, so that at a large text size on a small screen the page
        # never makes the window taller or wider than the screen.
        details = QScrollArea()
        details.setWidgetResizable(True)
        details.setFrameShape(QFrame.Shape.NoFrame)
        details.setWidget(right)
        named(details, "The context chosen")
        splitter = QSplitter()
        splitter.setChildrenCollapsible(False)
        splitter.addWidget(left)
        splitter.addWidget(details)
        splitter.setStretchFactor(0, 1)
        splitter.setStretchFactor(1, 2)
        left.setMinimumWidth(self.fontMetrics().averageCharWidth() * 26)
        splitter.setSizes([1000, 2000])  # a third for the list: room for the names
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(splitter)

    def refresh(self) -> None:
        chosen = self.detail.summary.id if self.detail else None
        rows = list_contexts(self.workspace)
        self.model.set_rows(rows)
        self.table.resizeColumnsToContents()
        self.empty.setVisible(not rows)
        ids = [r.id for r in rows]
        if rows:
            self.table.selectRow(ids.index(chosen) if chosen in ids else 0)
        self._show_selected()

    def clear(self) -> None:
        self.detail = None
        for model in (
            self.model,
            self.responsible_model,
            self.children_model,
            self.disruption_model,
        ):
            model.clear()
        self.title.setText("")
        self.about.setText("")

    def _show_selected(self) -> None:
        row = self.model.row_at(self.table.currentIndex())
        self.right.setEnabled(row is not None)
        if row is None:
            self.detail = None
            self.title.setText("Choose a context")
            self.about.setText("")
            for model in (self.responsible_model, self.children_model, self.disruption_model):
                model.clear()
            return
        self.detail = get_context(self.workspace, context_id=row.id)
        self.title.setText(f"{row.name} ({row.kind.label.lower()})")
        self.about.setText(row.description or "No description.")
        self.responsible_model.set_rows(self.detail.responsible)
        self.children_model.set_rows(self.detail.children)
        self.disruption_model.set_rows(self.detail.disruption)
        for table in self.detail_tables:
            table.resizeColumnsToContents()
        self.schedule_button.setEnabled(len(self.detail.children) >= 2)

    def _select(self, context_id: str) -> None:
        for number, row in enumerate(self.model.rows()):
            if row.id == context_id:
                self.table.selectRow(number)

    def _on_new(self) -> None:
        made = NewContextDialog.ask(self, self.workspace)
        if made is not None and self.workspace.is_open:
            self.refresh()
            self._select(made)
            show_message(self.message, "Recorded the context.")

    def _context_id(self) -> str | None:
        return self.detail.summary.id if self.detail else None

    def _on_add_responsible(self) -> None:
        context_id = self._context_id()
        if context_id and ResponsibleDialog.ask(self, self.workspace, context_id):
            self.refresh()
            show_message(self.message, "Added who is responsible.")

    def _on_disruption(self) -> None:
        context_id = self._context_id()
        earlier = self.detail.disruption if self.detail else ()
        if context_id and DisruptionDialog.ask(self, self.workspace, context_id, earlier):
            self.refresh()
            show_message(self.message, "Added to the disruption log.")

    def _on_link(self) -> None:
        context_id = self._context_id()
        if context_id is None:
            return

        def link(ref: str) -> None:
            child = child_id_for(self.workspace, child_ref=ref)
            link_child(self.workspace, context_id=context_id, child_id=child)

        ref = TextPrompt.ask(
            self, "Link child…", "LA child &reference:", ok_text="&Link", accept_text=link
        )
        if ref is not None and self.workspace.is_open:
            self.refresh()
            show_message(self.message, f"Linked {ref}.")

    def _on_schedule(self) -> None:
        detail = self.detail
        if detail is None:
            return
        made = ScheduleSittingDialog.ask(
            self,
            self.workspace,
            detail.summary.id,
            detail.children,
            chair_name=get_settings(self.workspace).chair_name,
        )
        if made and self.workspace.is_open:
            show_message(
                self.message,
                f"Scheduled {made} meetings, one for each child: open them from Meetings.",
            )
