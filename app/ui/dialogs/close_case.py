"""Close a case entered in error (or a duplicate), saying why. Nothing is deleted."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QLineEdit, QWidget

from app.models import ClosingReason
from app.storage.workspace import Workspace
from app.ui.dialogs.base import FormDialog
from app.ui.widgets import add_row

INTRO = (
    "The case is kept, marked closed, with why, by whom and when; the audit log "
    "records it. It leaves the open cases and the deadlines. A child's journey "
    "otherwise ends with the conference's discharge, not here."
)


class CloseCaseDialog(FormDialog):
    """The reason from a list, and a note; OK closes the case."""

    def __init__(self, workspace: Workspace, case_id: str, parent: QWidget | None = None) -> None:
        super().__init__("Close case…", ok_text="&Close case", intro=INTRO, parent=parent)
        self.workspace = workspace
        self.case_id = case_id
        self.reason = QComboBox()
        for reason in ClosingReason:
            self.reason.addItem(reason.label, reason)
        add_row(self.form, "&Why:", self.reason)
        self.notes = QLineEdit()
        add_row(self.form, "&Note (optional):", self.notes)
        self.reason.setFocus()

    def submit(self) -> bool:
        from app.services.case_closure import close_case

        close_case(
            self.workspace,
            case_id=self.case_id,
            reason=ClosingReason(self.reason.currentData()),
            notes=self.notes.text(),
        )
        return True

    @classmethod
    def ask(cls, parent: QWidget | None, workspace: Workspace, case_id: str) -> bool:
        """True if the case was closed."""
        return cls(workspace, case_id, parent).exec() == FormDialog.DialogCode.Accepted
