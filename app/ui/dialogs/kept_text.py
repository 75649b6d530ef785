"""After unlocking: the text that could not be stored when the workspace was locked."""

from __future__ import annotations

from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.ui.widgets import heading, hint, named

EXPLANATION = (
    "When the workspace was locked, these changes had not been stored: the file "
    "could not be written. They were kept, encrypted, until you unlocked it again. "
    "Copy them back where they belong; they are not kept after you close this."
)


def kept_text(entries: list[tuple[str, str]]) -> str:
    """The entries as the chair reads them: each field's name, then its text."""
    return "\n\n".join(f"{field}:\n{text}" for field, text in entries)


class KeptTextDialog(QDialog):
    def __init__(self, entries: list[tuple[str, str]], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Text that could not be stored")
        self.text = named(QPlainTextEdit(kept_text(entries)), "Text that could not be stored")
        self.text.setReadOnly(True)
        copy = named(QPushButton("&Copy all"), "Copy all the text")
        copy.clicked.connect(self.copy_all)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.addButton(copy, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(heading("Text that could not be stored"))
        layout.addWidget(hint(EXPLANATION))
        layout.addWidget(self.text)
        layout.addWidget(buttons)
        self.text.setFocus()

    def copy_all(self) -> None:
        clipboard = QGuiApplication.clipboard()
        if clipboard is not None:
            clipboard.setText(self.text.toPlainText())
