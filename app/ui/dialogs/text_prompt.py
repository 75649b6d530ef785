"""Ask for one line of text (an agency's name, say)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QLineEdit, QWidget

from app.ui.dialogs.base import FormDialog
from app.ui.widgets import add_row


class TextPrompt(FormDialog):
    """One text field; ``accept_text`` stores it (and may raise to refuse it)."""

    def __init__(
        self,
        title: str,
        label: str,
        *,
        ok_text: str,
        text: str = "",
        accept_text: Callable[[str], None],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(title, ok_text=ok_text, parent=parent)
        self._accept_text = accept_text
        self.field = QLineEdit(text)
        self.field.selectAll()
        add_row(self.form, label, self.field)
        self.field.setFocus()

    def submit(self) -> bool:
        self._accept_text(self.field.text())
        return True

    @classmethod
    def ask(
        cls,
        parent: QWidget | None,
        title: str,
        label: str,
        *,
        ok_text: str,
        accept_text: Callable[[str], None],
        text: str = "",
    ) -> str | None:
        """The text the user gave (already accepted), or ``None`` if they cancelled."""
        dialog = cls(
            title, label, ok_text=ok_text, text=text, accept_text=accept_text, parent=parent
        )
        if dialog.exec() == FormDialog.DialogCode.Accepted:
            return dialog.field.text().strip()
        return None
