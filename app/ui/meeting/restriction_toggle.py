"""A compact "Restricted" toggle on a free-text field of meeting mode.

One line on a step page puts it on a field::

    restriction_toggle(self.rationale, state, "threshold_decision", "rationale", by_meeting)

It sits in a strip along the top of a text box, or at the right-hand end of a
one-line field, so no page's layout changes.
Ticked, the text never reaches the family copy of the minutes. Until the chair
says otherwise it follows the rule (``app.workflow.restriction``): police text
and text about ABE interviews, medicals, arrests or warning markers start
restricted, and the tick follows what is typed. Lifting a restriction asks for
a reason; both are stored at once through ``set_restriction``.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QCheckBox, QInputDialog, QLineEdit, QPlainTextEdit, QWidget

from app.services.conduct.restriction import set_restriction
from app.ui.meeting.state import MeetingState
from app.ui.widgets import named, user_message
from app.workflow.restriction import RESTRICTED_FROM_THE_START, starts_restricted

LIFT_TITLE = "Lift the restriction"
LIFT_QUESTION = (
    "Once lifted, this text goes into the family copy of the minutes.\n"
    "Why may the family read it? (The reason is kept with the record.)"
)
TIP = "Restricted text is left out of the family copy of the minutes."


def _ask_reason(parent: QWidget) -> str | None:
    text, ok = QInputDialog.getText(parent, LIFT_TITLE, LIFT_QUESTION, QLineEdit.EchoMode.Normal)
    return text if ok else None


class RestrictionToggle(QCheckBox):
    """The toggle on one field. ``ask_reason`` is replaced in tests (no dialog blocks)."""

    ask_reason: Callable[[QWidget], str | None] = staticmethod(_ask_reason)

    def __init__(
        self,
        edit: QPlainTextEdit | QLineEdit,
        state: MeetingState,
        table: str,
        field: str,
        record_id: Callable[[], str | None],
        agency_id: str | None = None,
    ) -> None:
        super().__init__("Restricted", edit)
        self.edit, self.state = edit, state
        self.table, self.field, self.record_id = table, field, record_id
        self.agency_id = agency_id
        named(self, f"Restricted: {edit.accessibleName() or field}")
        self.setToolTip(TIP)
        rules = state.restrictions()
        self._police = agency_id is not None and agency_id in rules.police_agency_ids
        found = record_id()
        change = rules.change(table, found, field) if found else None
        self._chosen: bool | None = change.restricted if change else None
        self._follow()
        edit.textChanged.connect(self._follow)
        self.clicked.connect(self._on_clicked)
        self.setEnabled(state.editable)
        edit.installEventFilter(self)
        if isinstance(edit, QLineEdit):
            edit.setTextMargins(0, 0, self.sizeHint().width() + 4, 0)
        else:
            edit.setViewportMargins(0, self.sizeHint().height(), 0, 0)
        self._place()
        # Tab reaches it straight after its field, wherever the page made it.
        QWidget.setTabOrder(edit, self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.edit and event.type() == QEvent.Type.Resize:
            self._place()
        return False

    def _place(self) -> None:
        hint = self.sizeHint()
        if isinstance(self.edit, QLineEdit):
            top = max((self.edit.height() - hint.height()) // 2, 0)
            self.move(self.edit.width() - hint.width() - 4, top)
        else:
            frame = self.edit.frameWidth()
            self.move(self.edit.width() - hint.width() - frame - 2, frame)
        self.resize(hint)

    def field_text(self) -> str:
        edit = self.edit
        return edit.text() if isinstance(edit, QLineEdit) else edit.toPlainText()

    def _follow(self, *_changed: object) -> None:
        """Until the chair chooses, the tick follows the rule as the text changes."""
        if self._chosen is None:
            text = self.field_text()
            always = (self.table, self.field) in RESTRICTED_FROM_THE_START
            self.setChecked(always or starts_restricted(text, from_police=self._police))

    def _on_clicked(self, checked: bool) -> None:
        record_id = self.record_id()
        reason = ""
        if record_id is None:
            self.state.fail("Type the text first, then restrict it.")
            self.setChecked(not checked)
            return
        if not checked:
            answer = type(self).ask_reason(self)
            if answer is None or not answer.strip():
                self.setChecked(True)
                if answer is not None:
                    self.state.fail("Give the reason for lifting the restriction.")
                return
            reason = answer
        self.state.autosave.flush()
        try:
            set_restriction(
                self.state.workspace,
                meeting_id=self.state.meeting_id,
                record_table=self.table,
                record_id=record_id,
                field=self.field,
                restricted=checked,
                reason=reason,
            )
        except Exception as exc:
            self.setChecked(not checked)
            self.state.fail(user_message(exc))
            return
        self._chosen = checked
        self.state.changed()


def restriction_toggle(
    edit: QPlainTextEdit | QLineEdit,
    state: MeetingState,
    table: str,
    field: str,
    record_id: Callable[[], str | None],
    agency_id: str | None = None,
) -> RestrictionToggle:
    """Put a "Restricted" toggle on ``edit`` (see the module's docstring)."""
    return RestrictionToggle(edit, state, table, field, record_id, agency_id)
