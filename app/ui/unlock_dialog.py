"""The unlock screen: one passphrase field for an existing workspace.

The workspace is opened on the GUI thread under a wait cursor. Key derivation
takes about 0.2 s, during which there is nothing useful the user could do in
this window; a worker thread would have to hand SQLite connections and the
instance lock across threads for no visible gain.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app import APP_NAME
from app.errors import WrongPassphrase
from app.ui.widgets import (
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

if TYPE_CHECKING:
    from app.storage.workspace import Workspace


class UnlockDialog(QDialog):
    """Asks for the passphrase and opens the workspace at ``path``.

    It never creates a workspace: a file that fails to open is left as it is.

    Signals:
        unlocked(object): the workspace is open; the argument is the Workspace.
        open_another: the user wants to choose a different workspace file.
    """

    unlocked = Signal(object)
    open_another = Signal()

    def __init__(self, path: Path, *, reason: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.path = path
        self.workspace: Workspace | None = None
        self.setWindowTitle(f"Unlock – {APP_NAME}")
        self.setObjectName("unlockDialog")

        title = "Workspace locked" if reason else "Unlock your workspace"
        self.title = heading(title)
        # Fixed wording and a file path, never record data: shown without the
        # plain-text switch, which would load the whole Qt namespace first.
        self.reason = hint(reason, plain=False)
        self.reason.setVisible(bool(reason))
        self.where = hint(f"Workspace: {path.name}\nFolder: {path.parent}", plain=False)
        named(self.where, "Workspace file")

        self.error = message_label("Unlock problem", plain=False)
        self.passphrase = QLineEdit()
        self.passphrase.setEchoMode(QLineEdit.EchoMode.Password)
        self.passphrase.returnPressed.connect(self._on_unlock)
        self.passphrase.textEdited.connect(lambda _text: show_message(self.error, ""))
        label = QLabel("&Passphrase:")
        label.setBuddy(self.passphrase)
        named(self.passphrase, "Passphrase", "The passphrase that protects this workspace")

        self.show_text = named(QCheckBox("&Show passphrase"), "Show passphrase")
        self.show_text.toggled.connect(self._on_show_toggled)

        self.status = hint("", plain=False)
        named(self.status, "Unlock progress")

        self.unlock_button = named(QPushButton("&Unlock"), "Unlock")
        self.unlock_button.setDefault(True)
        self.unlock_button.clicked.connect(self._on_unlock)
        self.another_button, self.quit_button, buttons = gate_buttons(
            self.unlock_button, open_another=self.open_another, quit_=self.reject
        )

        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.reason)
        layout.addWidget(self.where)
        layout.addSpacing(8)
        layout.addWidget(label)
        layout.addWidget(self.passphrase)
        layout.addWidget(self.show_text)
        layout.addWidget(self.error)
        layout.addWidget(self.status)
        layout.addStretch(1)
        layout.addLayout(buttons)

        QWidget.setTabOrder(self.passphrase, self.show_text)
        QWidget.setTabOrder(self.show_text, self.unlock_button)
        QWidget.setTabOrder(self.unlock_button, self.another_button)
        QWidget.setTabOrder(self.another_button, self.quit_button)
        self.passphrase.setFocus()
        self.setMinimumWidth(self.fontMetrics().averageCharWidth() * 60)

    def _on_show_toggled(self, shown: bool) -> None:
        mode = QLineEdit.EchoMode.Normal if shown else QLineEdit.EchoMode.Password
        self.passphrase.setEchoMode(mode)

    def _on_unlock(self) -> None:
        passphrase = self.passphrase.text()
        if not passphrase:
            show_message(self.error, "Type your passphrase, then choose Unlock.", error=True)
            fit_to_contents(self)
            self.passphrase.setFocus()
            return
        show_message(self.error, "")
        self._set_busy(True)
        from app.services.workspace import open_workspace

        try:
            with busy(self):
                workspace = open_workspace(self.path, passphrase)
        except Exception as exc:
            self._set_busy(False)
            show_message(self.error, user_message(exc), error=True)
            fit_to_contents(self)
            if isinstance(exc, WrongPassphrase):
                self.passphrase.selectAll()
            self.passphrase.setFocus()
            return
        self._set_busy(False)
        self.passphrase.clear()
        self.workspace = workspace
        self.unlocked.emit(workspace)
        # The shell closes this dialog once the main window is up.

    def show_error(self, message: str) -> None:
        """Say why the workspace could not be shown; the user can try again."""
        self.workspace = None
        show_message(self.error, message, error=True)
        fit_to_contents(self)

    def _set_busy(self, on: bool) -> None:
        self.status.setText("Unlocking…" if on else "")
        for widget in (self.passphrase, self.unlock_button, self.another_button, self.show_text):
            widget.setEnabled(not on)
