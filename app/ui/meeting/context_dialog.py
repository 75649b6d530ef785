"""The context a meeting is about, in meeting mode: what it is, who is responsible for
it, the disruption log; and this child's part (the discussion of the context, the
parents as partners in keeping the child safe, how the child took part), with an
action for a responsible body. Saved on OK through the services, which refuse
another child's name; the form stays open with what was typed."""

from __future__ import annotations

from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QLineEdit,
    QPlainTextEdit,
    QWidget,
)

from app.services.contextual_meetings import (
    MeetingContextView,
    add_context_action,
    meeting_context,
    record_child_part,
    record_context_discussion,
)
from app.ui.date_field import DateField, format_date
from app.ui.dialogs.base import FormDialog
from app.ui.meeting.state import MeetingState
from app.ui.spelling import check_spelling
from app.ui.widgets import add_row, fit_to_contents, hint


def _box(text: str, lines: int = 3) -> QPlainTextEdit:
    box = QPlainTextEdit(text)
    box.setTabChangesFocus(True)
    box.setFixedHeight(box.fontMetrics().lineSpacing() * (lines + 1))
    check_spelling(box)
    return box


def summary_text(view: MeetingContextView) -> str:
    """What the context is, who is responsible and the log, as a few plain lines."""
    lines = [f"{view.name} ({view.kind.label.lower()}). {view.description}".strip()]
    bodies = "; ".join(f"{r.name} ({r.kind.label.lower()})" for r in view.responsible)
    lines.append(f"Responsible: {bodies or 'no one recorded'}.")
    for d in view.disruption:
        outcome = f" Outcome: {d.outcome}" if d.outcome else ""
        lines.append(f"{format_date(d.happened_on)}, {d.agency_name}: {d.activity}{outcome}")
    if not view.disruption:
        lines.append("No disruption activity recorded by the day of this meeting.")
    return "\n".join(lines)


class MeetingContextDialog(FormDialog):
    def __init__(
        self, state: MeetingState, view: MeetingContextView, parent: QWidget | None = None
    ) -> None:
        super().__init__(
            "The context…",
            ok_text="&Save" if state.editable else "",
            cancel_text="Cancel" if state.editable else "Close",
            intro="Held with other children's meetings at one sitting. This child's minutes "
            "carry only this child's details: name no other child here.",
            scroll=True,
            parent=parent,
        )
        self.state, self.view = state, view
        # Labels above the boxes: the labels are long and the boxes need the width.
        self.form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapAllRows)
        self.summary = hint(summary_text(view))
        self.discussion = _box(view.discussion, 4)
        self.whole_sitting = QCheckBox(
            "Give the discussion to every child's meeting at the sitting"
        )
        self.whole_sitting.setChecked(True)
        self.parents = _box(view.parents_as_partners)
        self.participation = _box(view.child_participation)
        self.owner = QComboBox()
        for body in view.responsible:
            self.owner.addItem(body.name, body.id)
        self.action = QLineEdit()
        self.due = DateField()
        self.form.addRow(self.summary)
        add_row(self.form, "&Discussion of the context:", self.discussion)
        self.form.addRow(self.whole_sitting)
        add_row(self.form, "&Parents as partners in keeping the child safe:", self.parents)
        add_row(self.form, "&How the child took part:", self.participation)
        add_row(self.form, "Action &owned by:", self.owner)
        add_row(self.form, "Ac&tion:", self.action)
        add_row(self.form, "D&ue by:", self.due)
        for field in (self.discussion, self.parents, self.participation, self.action, self.due):
            field.setReadOnly(not state.editable)
        self.whole_sitting.setEnabled(state.editable)
        rows: tuple[QWidget, ...] = (self.owner, self.action, self.due)
        for row in rows:  # no new action once signed off
            self.form.setRowVisible(row, state.editable and bool(view.responsible))
        self.whole_sitting.setVisible(state.editable)
        self.discussion.setFocus()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        fit_to_contents(self)  # the wrapped summary needs its full height

    def submit(self) -> bool:
        ws, meeting_id = self.state.workspace, self.state.meeting_id
        discussion = self.discussion.toPlainText()
        if discussion.strip() != self.view.discussion:
            record_context_discussion(
                ws,
                meeting_id=meeting_id,
                discussion=discussion,
                whole_sitting=self.whole_sitting.isChecked(),
            )
        record_child_part(
            ws,
            meeting_id=meeting_id,
            parents_as_partners=self.parents.toPlainText(),
            child_participation=self.participation.toPlainText(),
        )
        if self.action.text().strip() and self.owner.currentData():
            add_context_action(
                ws,
                meeting_id=meeting_id,
                responsible_id=str(self.owner.currentData()),
                description=self.action.text(),
                due_date=self.due.date(),
            )
            self.action.clear()
        return True

    @classmethod
    def for_meeting(
        cls, state: MeetingState, parent: QWidget | None = None
    ) -> MeetingContextDialog | None:
        """The dialog for ``state``'s meeting, or None if it was not held about a context."""
        view = meeting_context(state.workspace, meeting_id=state.meeting_id)
        return cls(state, view, parent) if view is not None else None
