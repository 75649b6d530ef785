"""Where the app asks for file paths. Injected, so that tests never block on a dialog.

Every window takes a ``FileDialogs``; tests give one with fixed answers
(:class:`FixedFileDialogs`), the app gives :class:`QtFileDialogs`.
"""

from __future__ import annotations

from pathlib import Path
from typing import Protocol

from PySide6.QtWidgets import QFileDialog, QWidget

from app.paths import WORKSPACE_SUFFIX

WORKSPACE_FILTER = f"MACPT Companion workspaces (*{WORKSPACE_SUFFIX});;All files (*)"


class FileDialogs(Protocol):
    def choose_workspace(self, parent: QWidget | None, start: Path) -> Path | None:
        """An existing workspace file, or ``None`` if the user cancelled."""

    def choose_backup_target(self, parent: QWidget | None, suggested: Path) -> Path | None:
        """Where to write a backup copy, or ``None`` if the user cancelled."""


class QtFileDialogs:
    """The platform's own file dialogs."""

    def choose_workspace(self, parent: QWidget | None, start: Path) -> Path | None:
        name, _ = QFileDialog.getOpenFileName(
            parent, "Open another workspace", str(start), WORKSPACE_FILTER
        )
        return Path(name) if name else None

    def choose_backup_target(self, parent: QWidget | None, suggested: Path) -> Path | None:
        name, _ = QFileDialog.getSaveFileName(
            parent, "Back up the workspace", str(suggested), WORKSPACE_FILTER
        )
        if not name:
            return None
        path = Path(name)
        return path if path.suffix else path.with_suffix(WORKSPACE_SUFFIX)


class FixedFileDialogs:
    """Answers given in advance, for tests and scripted demonstrations."""

    def __init__(self, *, workspace: Path | None = None, backup: Path | None = None) -> None:
        self.workspace = workspace
        self.backup = backup
        self.asked: list[str] = []

    def choose_workspace(self, parent: QWidget | None, start: Path) -> Path | None:
        self.asked.append("workspace")
        return self.workspace

    def choose_backup_target(self, parent: QWidget | None, suggested: Path) -> Path | None:
        self.asked.append("backup")
        return self.backup
