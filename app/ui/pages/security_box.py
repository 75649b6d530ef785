"""Keeping the workspace safe: change the passphrase, check it, back it up."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QGroupBox, QHBoxLayout, QPushButton, QVBoxLayout, QWidget

from app import clock
from app.paths import WORKSPACE_SUFFIX
from app.storage.workspace import Workspace
from app.ui.dialogs.change_passphrase import ChangePassphraseDialog
from app.ui.file_dialogs import FileDialogs
from app.ui.widgets import busy, message_label, name_buttons, named, show_message, user_message


class SecurityBox(QGroupBox):
    """Passphrase, integrity check and backup, with the outcome shown inline."""

    def __init__(
        self, workspace: Workspace, file_dialogs: FileDialogs, parent: QWidget | None = None
    ) -> None:
        super().__init__("Passphrase, checks and backups", parent)
        named(self, "Passphrase, checks and backups")
        self.workspace = workspace
        self.file_dialogs = file_dialogs
        self.change_button = QPushButton("Change &passphrase…")
        self.change_button.clicked.connect(self._on_change)
        self.check_button = QPushButton("Check &integrity")
        self.check_button.clicked.connect(self._on_check)
        self.backup_button = QPushButton("&Back up…")
        self.backup_button.clicked.connect(self._on_backup)
        buttons = QHBoxLayout()
        for button in (self.change_button, self.check_button, self.backup_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        name_buttons(buttons)
        self.message = message_label("Result")
        layout = QVBoxLayout(self)
        layout.addLayout(buttons)
        layout.addWidget(self.message)

    def _on_change(self) -> None:
        if ChangePassphraseDialog.ask(self, self.workspace) and self.workspace.is_open:
            show_message(
                self.message, "The passphrase has been changed. Use the new one from now on."
            )

    def _on_check(self) -> None:
        try:
            with busy(self):
                problems = self.workspace.integrity_problems()
        except Exception as exc:
            show_message(self.message, user_message(exc), error=True)
            return
        if problems:
            show_message(
                self.message,
                "The workspace failed its checks: "
                + "; ".join(problems[:5])
                + ". Nothing more will be written to it. Restore it from a backup "
                "and contact your IT service desk.",
                error=True,
            )
        else:
            show_message(
                self.message,
                "The workspace is intact: encryption, structure and audit log all check out.",
            )

    def suggested_backup(self) -> Path:
        stamp = clock.today().isoformat()
        return self.workspace.path.with_name(
            f"{self.workspace.path.stem}-backup-{stamp}{WORKSPACE_SUFFIX}"
        )

    def _on_backup(self) -> None:
        target = self.file_dialogs.choose_backup_target(self, self.suggested_backup())
        if target is None:
            return
        if target.resolve() == self.workspace.path.resolve():
            show_message(
                self.message, "Choose a different file from the workspace itself.", error=True
            )
            return
        try:
            with busy(self):
                self.workspace.backup_to(target)
        except Exception as exc:
            show_message(self.message, user_message(exc), error=True)
            return
        show_message(
            self.message,
            f"Wrote an encrypted backup to {target}. It opens with the same passphrase.",
        )
