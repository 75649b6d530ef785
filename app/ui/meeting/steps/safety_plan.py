"""The interim safety plan editor: every save of a change is a new dated version.

Earlier versions are chosen from the version picker and shown read-only, so
what was agreed on any day stays readable.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app import clock
from app.services.conduct.restriction import safety_plan_item_id
from app.services.journey import safety_plan as plans
from app.services.journey.safety_plan import SafetyPlanItemInput, SafetyPlanVersionView
from app.ui.meeting.action_form import agency_combo
from app.ui.meeting.drafts import NOT_DRAFTED
from app.ui.meeting.export import export_folder
from app.ui.meeting.restriction_toggle import restriction_toggle
from app.ui.meeting.state import MeetingState, clear_layout, discard
from app.ui.meeting.steps.base import StepPage
from app.ui.spelling import check_spelling
from app.ui.text import short_date, time_text
from app.ui.widgets import add_row, heading, hint, message_label, named, show_message, user_message

NO_PLAN = "No interim safety plan yet. Add each worry and what will keep the child safe, then save."


def _box(placeholder: str) -> QPlainTextEdit:
    edit = QPlainTextEdit()
    edit.setPlaceholderText(placeholder)
    edit.setTabChangesFocus(True)
    edit.setFixedHeight(edit.fontMetrics().lineSpacing() * 3 + 12)
    check_spelling(edit)
    return edit


class ItemEditor(QGroupBox):
    """One worry and what keeps the child safe from it."""

    def __init__(self, state: MeetingState, number: int, item: SafetyPlanItemInput | None) -> None:
        super().__init__(f"Item {number}")
        self.worry = _box("The worry or concern")
        self.keeps_safe = _box("What will keep the child safe")
        self.who = QLineEdit()
        self.who.setPlaceholderText("Person responsible")
        self.agency = agency_combo(state)
        self.by_when = QLineEdit()
        self.by_when.setPlaceholderText("For example: from today, or by Friday 4 December")
        self.how_we_know = QLineEdit()
        self.how_we_know.setPlaceholderText("How everyone will know it is working")
        self.contingency = QLineEdit()
        self.contingency.setPlaceholderText("What happens if it does not")
        self.remove = named(
            QPushButton("Remove this item"),
            f"Remove item {number}",
            "Ctrl+Shift+R in the item; asks before removing what was typed",
        )
        self.remove.setAutoDefault(False)
        # Out of the Tab order (Tab from the last field must not reach it); its key, a click.
        self.remove.setFocusPolicy(Qt.FocusPolicy.ClickFocus)
        self.confirming = False
        key = QShortcut(QKeySequence("Ctrl+Shift+R"), self)
        key.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        key.activated.connect(self.remove.click)
        form = QFormLayout(self)
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        add_row(form, "Worry:", self.worry)
        add_row(form, "Keeps the child safe:", self.keeps_safe)
        add_row(form, "Who:", self.who)
        add_row(form, "Agency:", self.agency)
        add_row(form, "By when:", self.by_when)
        add_row(form, "How we will know:", self.how_we_know)
        add_row(form, "If it does not work:", self.contingency)
        form.addRow("", self.remove)
        if item is not None:
            self.worry.setPlainText(item.worry)
            self.keeps_safe.setPlainText(item.keeps_safe)
            self.who.setText(item.responsible_name)
            self.agency.setCurrentIndex(max(self.agency.findData(item.responsible_agency_id), 0))
            self.by_when.setText(item.by_when)
            self.how_we_know.setText(item.how_we_know)
            self.contingency.setText(item.contingency)

    def value(self) -> SafetyPlanItemInput:
        return SafetyPlanItemInput(
            worry=self.worry.toPlainText(),
            keeps_safe=self.keeps_safe.toPlainText(),
            responsible_name=self.who.text(),
            responsible_agency_id=self.agency.currentData(),
            by_when=self.by_when.text(),
            how_we_know=self.how_we_know.text(),
            contingency=self.contingency.text(),
        )

    def set_editable(self, editable: bool) -> None:
        for edit in (self.worry, self.keeps_safe):
            edit.setReadOnly(not editable)
        for line in (self.who, self.by_when, self.how_we_know, self.contingency):
            line.setReadOnly(not editable)
        self.agency.setEnabled(editable)
        self.remove.setVisible(editable)


class SafetyPlanPage(StepPage):
    """Version picker, the items, who agreed it, and Save as a new version."""

    recorded_as = "The interim safety plan"

    def build(self) -> None:
        self.plan: SafetyPlanVersionView | None = None
        self.shown: SafetyPlanVersionView | None = None
        self.versions = QComboBox()
        # "Version n: date, agreed by …" can be long; the box follows the page's width.
        self.versions.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.versions.setMinimumContentsLength(24)
        named(self.versions, "Version of the safety plan")
        self.versions.setProperty(NOT_DRAFTED, True)  # a choice of what to show, not an input
        self.versions.activated.connect(self._on_version)
        self.export = named(QPushButton("Export safety &plan…"), "Export safety plan")
        self.export.setAutoDefault(False)
        self.export.clicked.connect(self._on_export)
        top = QHBoxLayout()
        label = QLabel("&Version:")
        label.setBuddy(self.versions)
        top.addWidget(label)
        top.addWidget(self.versions, 1)
        top.addWidget(self.export)
        self.empty = hint(NO_PLAN)
        self.read_only = hint(
            "An earlier version, shown as it was agreed. Choose the current version to change the plan."
        )
        self.item_box = QVBoxLayout()
        self.items: list[ItemEditor] = []
        self.add_item = named(QPushButton("A&dd an item"), "Add an item to the safety plan")
        self.add_item.setAutoDefault(False)
        self.add_item.clicked.connect(lambda: self._add(None, focus=True))
        self.agreed_by = QLineEdit()
        self.agreed_by.setPlaceholderText(
            "For example: both parents, the social worker and the school"
        )
        self.change_note = QLineEdit()
        self.change_note.setPlaceholderText("What changed in this version")
        self.save = named(
            QPushButton("Save as a &new version"), "Save the safety plan as a new version"
        )
        self.save.setAutoDefault(False)
        self.save.clicked.connect(self._on_save)
        self.error = message_label("Problem with the safety plan")
        self.gaps_text = QLabel()
        self.gaps_text.setObjectName("warning")
        self.gaps_text.setWordWrap(True)
        form = QFormLayout()
        add_row(form, "Agreed &by:", self.agreed_by)
        add_row(form, "What c&hanged:", self.change_note)
        self.body.addLayout(top)
        self.body.addWidget(self.empty)
        self.body.addWidget(self.read_only)
        self.body.addLayout(self.item_box)
        self.body.addWidget(self.add_item, 0, Qt.AlignmentFlag.AlignLeft)
        self.body.addWidget(heading("Agreement", level=2))
        self.body.addLayout(form)
        self.body.addWidget(self.save, 0, Qt.AlignmentFlag.AlignLeft)
        self.body.addWidget(self.error)
        self.body.addWidget(self.gaps_text)
        self._reload(None)

    # -- loading ------------------------------------------------------------------
    def _reload(self, version: int | None) -> None:
        ws = self.state.workspace
        self.plan = plans.safety_plan_for_case(ws, case_id=self.state.header.case_id)
        self.versions.clear()
        if self.plan is None:
            self.shown = None
            self.versions.addItem("No plan yet", None)
        else:
            for summary in reversed(plans.safety_plan_versions(ws, plan_id=self.plan.plan_id)):
                made = clock.local_time(summary.made_at)
                current = " (current)" if summary.version == self.plan.current_version else ""
                self.versions.addItem(
                    f"Version {summary.version}{current}: {short_date(made.date())} "
                    f"{time_text(made.time())}, agreed by {summary.agreed_by}",
                    summary.version,
                )
            wanted = version or self.plan.current_version
            self.versions.setCurrentIndex(self.versions.findData(wanted))
            self.shown = plans.safety_plan(ws, plan_id=self.plan.plan_id, version=wanted)
        self._show()

    def _show(self) -> None:
        clear_layout(self.item_box)
        self.items = []
        shown = self.shown
        for row in shown.items if shown else ():
            self._add(row.as_input())
        if shown is None:
            self._add(None)
        self.agreed_by.setText(shown.agreed_by if shown else "")
        self.change_note.clear()
        self.change_note.setEnabled(shown is not None)
        self.empty.setVisible(shown is None)
        self.export.setEnabled(shown is not None)
        gaps = shown.gaps if shown else []
        self.gaps_text.setText("A clear plan also says:\n• " + "\n• ".join(gaps) if gaps else "")
        self.gaps_text.setVisible(bool(gaps))
        self.set_editable(self.state.editable)
        self.mark_recorded()

    def _add(self, item: SafetyPlanItemInput | None, *, focus: bool = False) -> None:
        editor = ItemEditor(self.state, len(self.items) + 1, item)
        restriction_toggle(editor.worry, self.state, "safety_plan_item", "item", self._key(editor))
        editor.remove.clicked.connect(lambda: self._remove(editor))
        self.item_box.addWidget(editor)
        self.items.append(editor)
        editor.set_editable(self.current)
        if focus:
            editor.worry.setFocus()

    def _key(self, editor: ItemEditor) -> Callable[[], str | None]:
        """The item's restriction key: its plan and its worry (None before a plan exists)."""
        return lambda: (
            safety_plan_item_id(self.plan.plan_id, editor.worry.toPlainText())
            if self.plan is not None
            else None
        )

    def _remove(self, editor: ItemEditor) -> None:
        item = editor.value()
        texts = (item.worry, item.keeps_safe, item.responsible_name, item.by_when)
        typed = any(t.strip() for t in (*texts, item.how_we_know, item.contingency))
        if typed and not editor.confirming:
            editor.confirming = True  # a second press removes it
            editor.remove.setText("Press again to remove this item")
            return
        self.items.remove(editor)
        discard(editor)
        for number, other in enumerate(self.items, start=1):
            other.setTitle(f"Item {number}")

    @property
    def current(self) -> bool:
        """True when the current version (or a new plan) is shown: only it can change."""
        return self.shown is None or self.shown.is_current

    # -- actions --------------------------------------------------------------------
    def _on_version(self, _index: int) -> None:
        version = self.versions.currentData()
        if version is not None:
            self._reload(int(version))

    def _on_save(self) -> None:
        ws, items = self.state.workspace, [editor.value() for editor in self.items]
        try:
            if self.plan is None:
                plans.create_safety_plan(
                    ws,
                    case_id=self.state.header.case_id,
                    meeting_id=self.state.meeting_id,
                    items=items,
                    agreed_by=self.agreed_by.text(),
                )
            else:
                plans.revise_safety_plan(
                    ws,
                    plan_id=self.plan.plan_id,
                    items=items,
                    agreed_by=self.agreed_by.text(),
                    change_note=self.change_note.text(),
                )
        except Exception as exc:
            self.show_problem(self.error, user_message(exc))
            return
        show_message(self.error, "")
        self._reload(None)
        self.state.changed()  # the review's "no safety plan" gap is gone
        assert self.plan is not None
        self.state.tell(f"Safety plan saved as version {self.plan.current_version}.")

    def _on_export(self) -> None:
        from app.exporters.safety_plan import export_safety_plan  # Word loads when first used

        if self.plan is None or self.shown is None:
            return
        name = f"Interim safety plan v{self.shown.version}.docx"
        target = self.state.dialogs.choose_document_target(
            self, "Export safety plan", export_folder() / name
        )
        if target is None:
            return
        try:
            written = export_safety_plan(
                self.state.workspace,
                plan_id=self.plan.plan_id,
                target=target,
                version=self.shown.version,
            )
        except Exception as exc:
            self.state.fail(user_message(exc))
            return
        self.state.tell(f"Safety plan saved as {written.name} in {written.parent}.")

    def first_field(self) -> QWidget:
        return self.items[0].worry if self.items and self.current else self.versions

    def set_editable(self, editable: bool) -> None:
        super().set_editable(editable)
        can_change = editable and self.current
        for editor in self.items:
            editor.set_editable(can_change)
        for widget in (self.add_item, self.save):
            widget.setVisible(can_change)
        self.agreed_by.setReadOnly(not can_change)
        self.change_note.setReadOnly(not can_change)
        self.read_only.setVisible(not self.current)

    def prepare_draft(self, values: dict[str, str]) -> None:
        """As many item editors as the draft had items."""
        wanted = max(sum(1 for key in values if key.startswith("Worry#")), 1)
        while len(self.items) < wanted:
            self._add(None)
        while len(self.items) > wanted:
            self._remove(self.items[-1])

    def snapshot(self) -> object:
        if not self.current:
            return None  # an earlier version cannot be changed
        items = tuple(editor.value() for editor in self.items)
        return (items, self.agreed_by.text(), self.change_note.text())
