"""Sign-off locks the minutes; after it, changes are amendments (what, why) and a reissue."""

from __future__ import annotations

from PySide6.QtWidgets import QPlainTextEdit, QWidget

from app.services.conduct.signoff import AmendmentRow, record_amendment, sign_off
from app.ui.dialogs.base import FormDialog
from app.ui.meeting.state import MeetingState
from app.ui.widgets import add_row

SIGN_OFF_INTRO = (
    "Signing off locks the minutes. Nothing in them can then be changed silently: "
    "any later change is recorded as an amendment (what changed and why) and goes "
    "out in a reissued version."
)
AMENDMENT_INTRO = (
    "These minutes are signed off. Record what is changing and why; the amendment "
    "goes in the next reissued version, with who made it and when."
)


def _text_box(placeholder: str) -> QPlainTextEdit:
    edit = QPlainTextEdit()
    edit.setPlaceholderText(placeholder)
    edit.setTabChangesFocus(True)
    edit.setMinimumHeight(edit.fontMetrics().lineSpacing() * 4)
    return edit


class SignOffDialog(FormDialog):
    """The chair confirms sign-off of a closed meeting's minutes."""

    def __init__(self, state: MeetingState, parent: QWidget | None = None) -> None:
        super().__init__(
            "Sign off the minutes",
            ok_text="&Sign off the minutes",
            intro=f"{SIGN_OFF_INTRO}\n\nYou are signing off as {state.workspace.actor}.",
            parent=parent,
        )
        self.state = state

    def submit(self) -> bool:
        self.state.autosave.flush()
        issue = sign_off(self.state.workspace, meeting_id=self.state.meeting_id)
        self.state.refresh_header()
        self.state.tell(
            f"Minutes signed off (version {issue.version}). Changes are now recorded as amendments."
        )
        return True


class AmendmentDialog(FormDialog):
    """Record an amendment to signed-off minutes: what changes, and why."""

    def __init__(self, state: MeetingState, parent: QWidget | None = None) -> None:
        super().__init__(
            "Record an amendment…",
            ok_text="&Record the amendment",
            intro=AMENDMENT_INTRO,
            parent=parent,
        )
        self.state = state
        self.amendment: AmendmentRow | None = None
        self.what = _text_box("For example: the police officer's name was spelt wrongly.")
        self.why = _text_box("For example: corrected at the officer's request.")
        add_row(self.form, "&What changes:", self.what)
        add_row(self.form, "W&hy:", self.why)

    def submit(self) -> bool:
        self.amendment = record_amendment(
            self.state.workspace,
            meeting_id=self.state.meeting_id,
            what=self.what.toPlainText(),
            reason=self.why.toPlainText(),
        )
        self.state.refresh_header()
        self.state.tell("Amendment recorded. Reissue the minutes to send it out.")
        return True
