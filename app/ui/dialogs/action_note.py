"""Ask for a note on an agreed action: a progress note, or the outcome on marking it done.

``store(text, restricted)`` makes the one service call; it may raise to refuse
the note, and the dialog stays open with what was typed.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QCheckBox, QPlainTextEdit, QWidget

from app.ui.dialogs.base import FormDialog
from app.ui.spelling import check_spelling
from app.ui.widgets import add_row, named

RESTRICTED = "&Restricted: leave it out of the family's copy"


class ActionNoteDialog(FormDialog):
    """A note box and a "restricted" tick; OK stores them through ``store``."""

    def __init__(
        self,
        title: str,
        label: str,
        *,
        ok_text: str,
        intro: str,
        store: Callable[[str, bool], object],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(title, ok_text=ok_text, intro=intro, parent=parent)
        self._store = store
        self.note = named(QPlainTextEdit(), label.replace("&", "").rstrip(":"))
        self.note.setTabChangesFocus(True)  # Tab leaves the box, as everywhere else
        check_spelling(self.note)
        self.note.setMinimumHeight(self.fontMetrics().lineSpacing() * 5)
        add_row(self.form, label, self.note)
        self.restricted = named(QCheckBox(RESTRICTED), "Restricted")
        self.form.addRow(self.restricted)
        self.note.setFocus()

    def submit(self) -> bool:
        self._store(self.note.toPlainText(), self.restricted.isChecked())
        return True

    @classmethod
    def ask(
        cls,
        parent: QWidget | None,
        title: str,
        label: str,
        *,
        ok_text: str,
        intro: str,
        store: Callable[[str, bool], object],
    ) -> bool:
        """Whether the note was stored (False: the user cancelled)."""
        dialog = cls(title, label, ok_text=ok_text, intro=intro, store=store, parent=parent)
        return dialog.exec() == FormDialog.DialogCode.Accepted
