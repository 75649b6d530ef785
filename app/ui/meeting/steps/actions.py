"""Actions: what, who (person and agency), by when; and the open ones carried over."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.models import ActionStatus
from app.services.conduct import actions as service
from app.services.conduct.actions import ActionRow
from app.ui.autosave import optional_date_edit, set_date
from app.ui.meeting.action_form import ActionForm, agency_combo
from app.ui.meeting.action_progress import MARKED_DONE, add_progress_note, mark_done
from app.ui.meeting.restriction_toggle import restriction_toggle
from app.ui.meeting.state import MeetingState, clear_layout, discard, tab_in_order
from app.ui.meeting.steps.base import StepPage
from app.ui.text import long_date, short_date
from app.ui.widgets import heading, hint, named
from app.workflow import Blocker, BlockerCode

STATUS_CHOICES = (
    ("Open", ActionStatus.OPEN),
    ("Done", ActionStatus.DONE),
    ("Cancelled", ActionStatus.CANCELLED),
)
NO_ACTIONS = "No actions yet. Add one below, or press Ctrl+Shift+A from any item."
NO_CARRIED = "No open actions from earlier meetings about this child."
UNDO_KEPT = 3  # how many actions just marked done keep an Undo beside them


def carried_text(row: ActionRow) -> str:
    """One carried-over action: when, what, who, by when, where it stands, what came of
    it and its latest progress note."""
    who = ", ".join(x for x in (row.owner_name, row.owner_agency_name) if x) or "no owner"
    due = f" by {short_date(row.due_date)}" if row.due_date else ""
    state = "open" if row.is_open else f"{row.status.value} {short_date(row.completed_on)}"
    text = f"From {long_date(row.raised_on)}: {row.description} ({who}{due}; {state})"
    if row.outcome:
        text += f"\nOutcome: {row.outcome}"
    if row.progress_notes:
        latest = row.progress_notes[-1]
        count = len(row.progress_notes)
        text += (
            f"\nLatest of {count} progress notes: {latest.text}"
            if count > 1
            else (f"\nProgress: {latest.text}")
        )
    return text


class ActionLine(QFrame):
    """One agreed action, edited in place (saved as you type).

    Three short lines, so that each field is wide enough to read in the middle
    column: the action; who and their agency; by when and its status.
    """

    def __init__(self, state: MeetingState, row: ActionRow) -> None:
        super().__init__()
        self.state = state
        self.id = row.id
        self.row = row
        self._status = row.status
        ws = state.workspace
        self.number = QLabel(f"<b>{row.number}.</b>")
        self.description = QLineEdit(row.description)
        self.description.setPlaceholderText("What will be done")
        self.owner = QLineEdit(row.owner_name)
        self.owner.setPlaceholderText("Who will do it")
        self.agency = agency_combo(state)
        self.agency.setCurrentIndex(max(self.agency.findData(row.owner_agency_id), 0))
        self.due = optional_date_edit()
        set_date(self.due, row.due_date)
        self.status = QComboBox()
        for text, status in STATUS_CHOICES:
            self.status.addItem(text, status.value)
        self.status.setCurrentIndex(self.status.findData(row.status.value))
        for widget, what in (
            (self.description, "what"),
            (self.owner, "who"),
            (self.agency, "agency"),
            (self.due, "by when"),
            (self.status, "status"),
        ):
            named(widget, f"Action {row.number}: {what}")
        state.bind(
            self.description, lambda v: service.edit_action(ws, action_id=self.id, description=v)
        )
        state.bind(self.owner, lambda v: service.edit_action(ws, action_id=self.id, owner_name=v))
        if row.meeting_id == state.meeting_id:  # one carried over keeps its own meeting's
            restriction_toggle(
                self.description,
                state,
                "meeting_action",
                "description",
                lambda: self.id,
                row.owner_agency_id,
            )
        # "No agency" has no data, which the autosave binder would read as the item's text.
        self.agency.activated.connect(
            lambda _i: state.attempt(
                lambda: service.edit_action(
                    ws, action_id=self.id, owner_agency_id=self.agency.currentData()
                )
            )
        )
        state.bind(self.due, lambda v: service.edit_action(ws, action_id=self.id, due_date=v))
        self.status.activated.connect(self._on_status)
        first = QHBoxLayout()
        first.addWidget(self.number)
        first.addWidget(self.description, 1)
        second, third = QHBoxLayout(), QHBoxLayout()
        for line in (second, third):
            line.addSpacing(self.number.sizeHint().width() + first.spacing())
        for line, label, widget, stretch in (
            (second, "Who:", self.owner, 3),
            (second, "Agency:", self.agency, 2),
            (third, "By when:", self.due, 0),
            (third, "Status:", self.status, 0),
        ):
            caption = QLabel(label)
            caption.setBuddy(widget)
            line.addWidget(caption)
            line.addWidget(widget, stretch)
        third.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 2, 0, 8)
        for line in (first, second, third):
            layout.addLayout(line)

    def tab_chain(self) -> list[QWidget]:
        return [self.description, self.owner, self.agency, self.due, self.status]

    def _on_status(self, _index: int) -> None:
        status = ActionStatus(self.status.currentData())
        ws, meeting_id = self.state.workspace, self.state.meeting_id
        if status is ActionStatus.DONE and self._status is not ActionStatus.DONE:
            # Marking it done asks for the outcome; cancelling leaves it as it was.
            if mark_done(self, self.state, self.row):
                self._status = status
                self.state.tell("Action marked done. Set its status back to Open to undo.")
            else:
                self.status.setCurrentIndex(self.status.findData(self._status.value))
            return
        self._status = status
        change = {
            ActionStatus.OPEN: service.reopen_action,
            ActionStatus.DONE: service.complete_action,
            ActionStatus.CANCELLED: service.cancel_action,
        }[status]
        self.state.attempt(lambda: change(ws, action_id=self.id, at_meeting_id=meeting_id))

    def set_editable(self, editable: bool) -> None:
        for widget in (self.description, self.owner):
            widget.setReadOnly(not editable)
        for other in (self.agency, self.due, self.status):
            other.setEnabled(editable)


class ActionsPage(StepPage):
    """The actions agreed at this meeting, a form to add one, and those carried over."""

    def build(self) -> None:
        self.lines: dict[str, ActionLine] = {}
        self.line_box = QVBoxLayout()
        self.line_box.setSpacing(0)
        self.empty = hint(NO_ACTIONS)
        self.form = ActionForm(self.state)
        self.form.added.connect(lambda _row: self.refresh())
        self.form.added.connect(lambda _row: self.mark_recorded())  # its draft goes
        self.carried = QLabel()
        self.carried.setWordWrap(True)
        self.carried.setTextFormat(Qt.TextFormat.PlainText)
        self.carried_grid = QGridLayout()
        self.carried_buttons: dict[str, QPushButton] = {}
        self.note_buttons: dict[str, QPushButton] = {}
        self.undo: list[str] = []  # actions just marked done here, newest last
        self.body.addLayout(self.line_box)
        self.body.addWidget(self.empty)
        self.body.addWidget(heading("Add an action", level=2))
        self.body.addWidget(self.form)
        self.body.addWidget(heading("Carried over from earlier meetings", level=2))
        self.body.addWidget(self.carried)
        self.body.addLayout(self.carried_grid)
        self.refresh()

    def refresh(self) -> None:
        ws, meeting_id = self.state.workspace, self.state.meeting_id
        rows = service.list_actions(ws, meeting_id=meeting_id)
        if [r.id for r in rows] != list(self.lines):
            self.state.autosave.flush()
            for line in self.lines.values():
                discard(line)
            self.lines = {}
            for row in rows:
                line = ActionLine(self.state, row)
                self.line_box.addWidget(line)
                line.set_editable(self.state.editable)
                self.lines[row.id] = line
            fields = [w for line in self.lines.values() for w in line.tab_chain()]
            tab_in_order(*fields, self.form.description)
        self.empty.setVisible(not rows)
        self._carried(service.carried_over_actions(ws, meeting_id=meeting_id))

    def _carried(self, rows: list[ActionRow]) -> None:
        for button in self.carried_buttons.values():
            discard(button)
        for button in self.note_buttons.values():
            discard(button)
        clear_layout(self.carried_grid)
        self.carried_buttons, self.note_buttons = {}, {}
        self.carried.setText("" if rows else NO_CARRIED)
        self.carried.setVisible(not rows)
        for line, row in enumerate(rows):
            text = QLabel(carried_text(row))
            text.setWordWrap(True)
            text.setTextFormat(Qt.TextFormat.PlainText)
            self.carried_grid.addWidget(text, line, 0)
            raised = f"action from {long_date(row.raised_on)}"
            label = "Mark done…" if row.is_open else "Undo" if row.id in self.undo else "Reopen"
            button = named(QPushButton(label), f"{label.rstrip('…')}: {raised}")
            button.clicked.connect(lambda _=False, r=row: self._on_carried(r))
            note = named(QPushButton("Add progress note…"), f"Add progress note: {raised}")
            note.clicked.connect(lambda _=False, r=row: self._on_note(r))
            for column, widget in ((1, button), (2, note)):
                widget.setEnabled(self.state.editable)
                self.carried_grid.addWidget(widget, line, column)
            self.carried_buttons[row.id] = button
            self.note_buttons[row.id] = note
        self.carried_grid.setColumnStretch(0, 1)
        # Made again after each change, they would otherwise come last in the Tab
        # order, after the notes and the attendance panel.
        pairs = [(self.carried_buttons[r.id], self.note_buttons[r.id]) for r in rows]
        tab_in_order(self.form.add_button, *[b for pair in pairs for b in pair])

    def _on_carried(self, row: ActionRow) -> None:
        ws, meeting_id = self.state.workspace, self.state.meeting_id
        if row.is_open:
            if mark_done(self, self.state, row):
                # Undo stays offered beside the last few marked done here.
                self.undo = [*[i for i in self.undo if i != row.id], row.id][-UNDO_KEPT:]
                self.refresh()
                self.state.tell(MARKED_DONE)
            return
        if self.state.attempt(
            lambda: service.reopen_action(ws, action_id=row.id, at_meeting_id=meeting_id)
        ):
            self.undo = [i for i in self.undo if i != row.id]
            self.refresh()
            self.state.tell("Action reopened.")

    def _on_note(self, row: ActionRow) -> None:
        if add_progress_note(self, self.state, row):
            self.refresh()

    def first_field(self) -> QWidget:
        return self.form.description

    def keeps_drafts(self) -> bool:
        return True  # the action being added is stored by "Add action"

    def draft_root(self) -> QWidget:
        return self.form

    def focus_blocker(self, blocker: Blocker) -> None:
        line = self.lines.get(blocker.subject)
        if line is None:
            super().focus_blocker(blocker)
            return
        target = line.owner if blocker.code is BlockerCode.ACTION_WITHOUT_OWNER else line.due
        target.setFocus(Qt.FocusReason.OtherFocusReason)
        self.scroller.ensureWidgetVisible(target)

    def set_editable(self, editable: bool) -> None:
        super().set_editable(editable)
        self.form.setVisible(editable)
        for line in self.lines.values():
            line.set_editable(editable)
