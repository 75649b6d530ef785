"""Creating a workspace: the passphrase typed twice, with the policy explained."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QDialog,
    QFormLayout,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app import APP_NAME
from app.errors import WeakPassphrase
from app.services.passphrase import POLICY_TEXT, check_new_passphrase
from app.services.workspace import create_workspace
from app.storage.workspace import Workspace
from app.ui.widgets import (
    add_row,
    busy,
    fit_to_contents,
    gate_buttons,
    heading,
    hint,
    message_label,
    named,
    show_message,
    user_message,
)


def passphrase_feedback(passphrase: str, confirmation: str) -> tuple[bool, str]:
    """Whether the pair is acceptable, and what to tell the user as they type."""
    if not passphrase:
        return False, ""
    try:
        check_new_passphrase(passphrase, passphrase)
    except WeakPassphrase as exc:
        return False, str(exc)
    if not confirmation:
        return False, "That passphrase is strong enough. Now type it again below."
    if confirmation != passphrase:
        return False, "The two passphrases are not the same yet."
    return True, "The passphrases match."


class CreateWorkspaceDialog(QDialog):
    """Creates a new workspace at ``path`` once an acceptable passphrase is typed twice.

    Signals:
        created(object): the workspace exists and is open; the argument is it.
        open_another: the user wants to open an existing workspace instead.
    """

    created = Signal(object)
    open_another = Signal()

    def __init__(self, path: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.path = path
        self.workspace: Workspace | None = None
        self.setWindowTitle(f"Create a workspace – {APP_NAME}")
        self.setObjectName("createDialog")

        intro = hint(
            f"{APP_NAME} keeps every record in one encrypted file, protected by a passphrase. "
            f"It will be created here:\n{path}"
        )
        named(intro, "Where the workspace will be created")
        policy = hint(POLICY_TEXT)
        named(policy, "Passphrase rules")

        self.passphrase = QLineEdit()
        self.passphrase.setEchoMode(QLineEdit.EchoMode.Password)
        self.confirmation = QLineEdit()
        self.confirmation.setEchoMode(QLineEdit.EchoMode.Password)
        form = QFormLayout()
        add_row(form, "&New passphrase:", self.passphrase)
        add_row(form, "Type it &again:", self.confirmation)
        for field in (self.passphrase, self.confirmation):
            field.textChanged.connect(self._on_changed)
        self.confirmation.returnPressed.connect(self._on_create)

        self.feedback = message_label("Passphrase feedback")
        self.error = message_label("Problem creating the workspace")

        self.create_button = named(QPushButton("&Create workspace"), "Create workspace")
        self.create_button.setDefault(True)
        self.create_button.setEnabled(False)
        self.create_button.clicked.connect(self._on_create)
        self.another_button, self.quit_button, buttons = gate_buttons(
            self.create_button, open_another=self.open_another, quit_=self.reject
        )

        layout = QVBoxLayout(self)
        layout.addWidget(heading("Create your workspace"))
        layout.addWidget(intro)
        layout.addWidget(policy)
        layout.addLayout(form)
        layout.addWidget(self.feedback)
        layout.addWidget(self.error)
        layout.addStretch(1)
        layout.addLayout(buttons)

        QWidget.setTabOrder(self.passphrase, self.confirmation)
        QWidget.setTabOrder(self.confirmation, self.create_button)
        QWidget.setTabOrder(self.create_button, self.another_button)
        QWidget.setTabOrder(self.another_button, self.quit_button)
        self.passphrase.setFocus()
        self.setMinimumWidth(self.fontMetrics().averageCharWidth() * 70)

    def show_error(self, message: str) -> None:
        """Say why the new workspace could not be shown."""
        self.workspace = None
        show_message(self.error, message, error=True)
        fit_to_contents(self)

    def _on_changed(self) -> None:
        ok, message = passphrase_feedback(self.passphrase.text(), self.confirmation.text())
        show_message(self.feedback, message, error=bool(message) and not ok)
        fit_to_contents(self)
        self.create_button.setEnabled(ok)

    def _on_create(self) -> None:
        ok, _ = passphrase_feedback(self.passphrase.text(), self.confirmation.text())
        if not ok:
            return
        self.create_button.setEnabled(False)
        try:
            with busy(self):
                workspace = create_workspace(self.path, self.passphrase.text())
        except Exception as exc:
            show_message(self.error, user_message(exc), error=True)
            fit_to_contents(self)
            self.create_button.setEnabled(True)
            return
        self.passphrase.clear()
        self.confirmation.clear()
        self.workspace = workspace
        self.created.emit(workspace)
        # The shell closes this dialog once the main window is up.
