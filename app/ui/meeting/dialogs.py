"""Where meeting mode asks for files and folders, and asks the chair to confirm a step.
Injected, so tests never block on a dialog.

:class:`QtMeetingFileDialogs` uses the platform's dialogs; tests and scripted
demonstrations give :class:`FixedMeetingFileDialogs` answers in advance.
"""

from __future__ import annotations

from pathlib import Path
from typing import Protocol

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

WORD_FILTER = "Word documents (*.docx)"


class MeetingFileDialogs(Protocol):
    def choose_document_target(
        self, parent: QWidget | None, title: str, suggested: Path
    ) -> Path | None:
        """Where to save a Word document (minutes, a safety plan); None if cancelled."""

    def choose_folder(self, parent: QWidget | None, title: str, start: Path) -> Path | None:
        """A folder to write several files into (letters); None if cancelled."""

    def open_folder(self, folder: Path) -> None:
        """Show ``folder`` in the desktop's file manager."""

    def confirm(self, parent: QWidget | None, title: str, question: str, action: str) -> bool:
        """Whether the chair goes ahead with ``action`` (a button's words); False if not."""


class QtMeetingFileDialogs:
    """The platform's own dialogs."""

    def choose_document_target(
        self, parent: QWidget | None, title: str, suggested: Path
    ) -> Path | None:
        name, _ = QFileDialog.getSaveFileName(parent, title, str(suggested), WORD_FILTER)
        if not name:
            return None
        path = Path(name)
        return path if path.suffix.lower() == ".docx" else path.with_suffix(".docx")

    def choose_folder(self, parent: QWidget | None, title: str, start: Path) -> Path | None:
        name = QFileDialog.getExistingDirectory(parent, title, str(start))
        return Path(name) if name else None

    def open_folder(self, folder: Path) -> None:
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder)))

    def confirm(self, parent: QWidget | None, title: str, question: str, action: str) -> bool:
        box = QMessageBox(QMessageBox.Icon.Question, title, question, parent=parent)
        go = box.addButton(action, QMessageBox.ButtonRole.AcceptRole)
        box.setDefaultButton(box.addButton(QMessageBox.StandardButton.Cancel))
        box.exec()
        return box.clickedButton() is go


class FixedMeetingFileDialogs:
    """Answers given in advance; records what was asked and which folders were opened."""

    def __init__(
        self, *, document: Path | None = None, folder: Path | None = None, confirm: bool = False
    ) -> None:
        self.document = document
        self.folder = folder
        self.confirms = confirm
        self.questions: list[str] = []
        self.asked: list[str] = []
        self.suggested: list[Path] = []
        self.opened: list[Path] = []

    def choose_document_target(
        self, parent: QWidget | None, title: str, suggested: Path
    ) -> Path | None:
        self.asked.append(title)
        self.suggested.append(suggested)
        return self.document

    def choose_folder(self, parent: QWidget | None, title: str, start: Path) -> Path | None:
        self.asked.append(title)
        return self.folder

    def open_folder(self, folder: Path) -> None:
        self.opened.append(folder)

    def confirm(self, parent: QWidget | None, title: str, question: str, action: str) -> bool:
        self.questions.append(question)
        return self.confirms
