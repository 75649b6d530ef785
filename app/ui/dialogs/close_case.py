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


class ReopenCaseDialog(FormDialog):
    """Why a case closed by hand is opened again; OK reopens it."""

    def __init__(
        self, workspace: Workspace, case_id: str, closed: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(
            "Reopen case…",
            ok_text="&Reopen case",
            intro=f"{closed} The closure is kept, marked reopened, with the reason given "
            "here; the audit log records it.",
            parent=parent,
        )
        self.workspace = workspace
        self.case_id = case_id
        self.reason = QLineEdit()
        self.reason.setPlaceholderText("For example: closed by mistake, not a duplicate")
        add_row(self.form, "&Why reopen:", self.reason)
        self.reason.setFocus()

    def submit(self) -> bool:
        from app.services.case_closure import reopen_case

        reopen_case(self.workspace, case_id=self.case_id, reason=self.reason.text())
        return True

    @classmethod
    def ask(cls, parent: QWidget | None, workspace: Workspace, case_id: str, closed: str) -> bool:
        """True if the case was reopened."""
        return cls(workspace, case_id, closed, parent).exec() == FormDialog.DialogCode.Accepted
