"""The quiet "Saving…" / "All changes saved" note in the status bar."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QWidget

from app.ui.autosave import Autosave
from app.ui.widgets import named


class SaveIndicator(QLabel):
    """Follows any number of :class:`Autosave` objects and says how saving is going."""

    SAVING = "Saving…"
    SAVED = "All changes saved"

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        named(self, "Save status")
        self._watched: list[Autosave] = []

    def watch(self, autosave: Autosave) -> None:
        if autosave in self._watched:
            return
        self._watched.append(autosave)
        autosave.saving.connect(self._on_saving)
        autosave.saved.connect(self._on_saved)
        autosave.failed.connect(self._on_failed)
        autosave.destroyed.connect(lambda *_: self._forget(autosave))

    def _forget(self, autosave: Autosave) -> None:
        if autosave in self._watched:
            self._watched.remove(autosave)

    def _any_pending(self) -> bool:
        return any(a.pending() for a in self._watched)

    def _set(self, text: str, *, error: bool = False) -> None:
        self.setObjectName("error" if error else "")
        self.style().unpolish(self)
        self.style().polish(self)
        self.setText(text)
        self.setAccessibleDescription(text)

    def _on_saving(self) -> None:
        self._set(self.SAVING)

    def _on_saved(self) -> None:
        errors = [e for a in self._watched for e in a.errors()]
        if errors:
            self._set(f"Not saved: {errors[0]}", error=True)
        else:
            self._set(self.SAVING if self._any_pending() else self.SAVED)

    def _on_failed(self, message: str) -> None:
        self._set(f"Not saved: {message}", error=True)
