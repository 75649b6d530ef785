"""Change the workspace's passphrase: the current one, then the new one twice."""

from __future__ import annotations

from PySide6.QtWidgets import QLineEdit, QWidget

from app.services.passphrase import POLICY_TEXT
from app.storage.workspace import Workspace
from app.ui.create_dialog import passphrase_feedback
from app.ui.dialogs.base import FormDialog
from app.ui.widgets import add_row, fit_to_contents, message_label, show_message
from app.workspace_info import change_passphrase


def _password_field() -> QLineEdit:
    field = QLineEdit()
    field.setEchoMode(QLineEdit.EchoMode.Password)
    return field


class ChangePassphraseDialog(FormDialog):
    """Re-keys the open workspace once the current passphrase is proved."""

    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(
            "Change passphrase…", ok_text="&Change passphrase", intro=POLICY_TEXT, parent=parent
        )
        self.workspace = workspace
        self.changed = False
        self.current = _password_field()
        self.new = _password_field()
        self.again = _password_field()
        add_row(self.form, "C&urrent passphrase:", self.current)
        add_row(self.form, "&New passphrase:", self.new)
        add_row(self.form, "Type the new one &again:", self.again)
        self.feedback = message_label("Passphrase feedback")
        self.form.addRow(self.feedback)
        for field in (self.new, self.again):
            field.textChanged.connect(self._on_changed)
        assert self.ok_button is not None
        self.ok_button.setEnabled(False)
        self.current.setFocus()

    def _on_changed(self) -> None:
        ok, message = passphrase_feedback(self.new.text(), self.again.text())
        show_message(self.feedback, message, error=bool(message) and not ok)
        fit_to_contents(self)
        assert self.ok_button is not None
        self.ok_button.setEnabled(ok)

    def submit(self) -> bool:
        change_passphrase(
            self.workspace,
            current=self.current.text(),
            new=self.new.text(),
            confirmation=self.again.text(),
        )
        self.changed = True
        for field in (self.current, self.new, self.again):
            field.clear()
        return True

    def reject(self) -> None:
        for field in (self.current, self.new, self.again):
            field.clear()
        super().reject()

    @classmethod
    def ask(cls, parent: QWidget | None, workspace: Workspace) -> bool:
        """True if the passphrase was changed."""
        dialog = cls(workspace, parent)
        dialog.exec()
        return dialog.changed
