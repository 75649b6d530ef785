"""Drafts of what the chair typed on a page that stores with a button of its own.

A decision, a timeframe, a safety plan or the action being added is stored only
when the chair presses its button. Until then every field on the page is kept
as a draft in the workspace (see :mod:`app.services.conduct.drafts`): written a
moment after typing stops (never more than a second after it began), when the
cursor leaves the page's fields, and whenever every autosave is flushed (moving
item, leaving meeting mode, Ctrl+F, Ctrl+N, locking, quitting). Opening the
meeting again puts the drafts back. Recording the item clears them.

The keeper is an :class:`~app.ui.autosave.Autosave`, so the main window flushes
it with the others and holds a lock or quit while a draft cannot be stored.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import TYPE_CHECKING, Protocol

from PySide6.QtCore import QElapsedTimer, QObject, QTimer
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QComboBox,
    QLineEdit,
    QPlainTextEdit,
    QWidget,
)

from app import clock
from app.services.conduct.drafts import clear_drafts, list_drafts, save_draft
from app.ui.autosave import Autosave
from app.ui.text import time_text
from app.ui.widgets import user_message

if TYPE_CHECKING:
    from app.storage.workspace import Workspace

TICK_MS = 300
MAX_WAIT_MS = 1000
# A widget with this property set is stored some other way (or is not the chair's input).
NOT_DRAFTED = "notDrafted"


class DraftPage(Protocol):
    """What the keeper needs of a step page."""

    def draft_key(self) -> str: ...
    def draft_root(self) -> QWidget: ...
    def prepare_draft(self, values: dict[str, str]) -> None: ...


def _fields(root: QWidget) -> Iterator[tuple[str, QWidget]]:
    """Every input under ``root`` the chair can type in, with a key that names it.

    The key is the field's accessible name (or its text) and its place among
    fields of that name, so "Worry#1" is the second safety-plan item's worry.
    Fields stored as they are typed (``autosaved``) and those marked
    :data:`NOT_DRAFTED` are left out; discarded rows have left the page already.
    """
    seen: dict[str, int] = {}
    for widget in root.findChildren(QWidget):
        if not isinstance(widget, QLineEdit | QPlainTextEdit | QComboBox | QAbstractButton):
            continue
        if isinstance(widget, QAbstractButton) and not widget.isCheckable():
            continue
        if widget.property(NOT_DRAFTED) or widget.property("autosaved"):
            continue
        if isinstance(widget, QLineEdit) and isinstance(widget.parent(), QComboBox):
            continue  # an editable combo box's own line
        name = widget.accessibleName() or (
            widget.text() if isinstance(widget, QAbstractButton) else ""
        )
        name = (name or type(widget).__name__).replace("&", "")
        number = seen.get(name, 0)
        seen[name] = number + 1
        yield f"{name}#{number}", widget


def read(widget: QWidget) -> str:
    if isinstance(widget, QPlainTextEdit):
        return widget.toPlainText()
    if isinstance(widget, QLineEdit):
        return widget.text()
    if isinstance(widget, QComboBox):
        return widget.currentText()
    assert isinstance(widget, QAbstractButton)
    return "1" if widget.isChecked() else "0"


def write(widget: QWidget, text: str) -> None:
    if isinstance(widget, QPlainTextEdit):
        if widget.toPlainText() != text:
            widget.setPlainText(text)
    elif isinstance(widget, QLineEdit):
        widget.setText(text)
    elif isinstance(widget, QComboBox):
        index = widget.findText(text)
        if index >= 0:
            widget.setCurrentIndex(index)
    elif isinstance(widget, QAbstractButton) and text == "1":
        widget.setChecked(True)


def values_of(root: QWidget) -> dict[str, str]:
    return {key: read(widget) for key, widget in _fields(root)}


class _Watched:
    """One page: what was last stored, what is on screen, and since when it differs."""

    def __init__(self, page: DraftPage, baseline: dict[str, str]) -> None:
        self.page = page
        self.baseline = baseline  # what the records hold (no draft needed)
        self.stored: dict[str, str] = {}  # what the draft rows hold
        self.last_seen = baseline
        self.since = QElapsedTimer()


class DraftKeeper(Autosave):
    """Keeps every watched page's unconfirmed fields as drafts of one meeting."""

    def __init__(
        self, workspace: Workspace, meeting_id: str, parent: QObject | None = None
    ) -> None:
        super().__init__(workspace, parent)
        self.meeting_id = meeting_id
        self._pages: list[_Watched] = []
        self.saved_at: dt.datetime | None = None
        self._error = ""
        rows = list_drafts(workspace, meeting_id=meeting_id)
        self._waiting = {row.field_key: row.text for row in rows}
        self.saved_at = max((row.updated_at for row in rows), default=None)
        self._timer = QTimer(self)
        self._timer.setInterval(TICK_MS)
        self._timer.timeout.connect(self._tick)
        app = QApplication.instance()
        if isinstance(app, QApplication):
            app.focusChanged.connect(self._on_focus_changed)

    # -- pages ----------------------------------------------------------------------
    def watch(self, page: DraftPage) -> bool:
        """Put back the page's drafts (if any) and keep its fields from now on.

        True if drafts were put back: the page shows text not yet recorded.
        """
        root = page.draft_root()
        watched = _Watched(page, values_of(root))
        prefix = page.draft_key() + "/"
        drafts = {
            k.removeprefix(prefix): v for k, v in self._waiting.items() if k.startswith(prefix)
        }
        if drafts:
            page.prepare_draft(drafts)
            for key, widget in _fields(root):
                if key in drafts:
                    write(widget, drafts[key])
            watched.stored = dict(drafts)
        watched.last_seen = values_of(root)
        self._pages.append(watched)
        root.destroyed.connect(lambda *_: self._unwatch(watched))
        self._timer.start()
        return bool(drafts)

    def confirmed(self, page: DraftPage) -> None:
        """The page's record was stored: its drafts go, and what it shows is the baseline."""
        for watched in self._pages:
            if watched.page is page:
                values = values_of(page.draft_root())
                watched.baseline = watched.last_seen = values
                watched.stored = {}
                watched.since.invalidate()
        prefix = page.draft_key() + "/"
        self._waiting = {k: v for k, v in self._waiting.items() if not k.startswith(prefix)}
        try:
            clear_drafts(self._workspace(), meeting_id=self.meeting_id, prefix=prefix)
        except Exception as exc:  # the record is stored; a stale draft is only noise
            self.failed.emit(f"An old draft could not be cleared: {user_message(exc)}")
            return
        self.saved.emit()

    def unconfirmed(self) -> bool:
        """True while any watched page shows something its records do not hold."""
        return any(w.last_seen != w.baseline for w in self._pages)

    def status_text(self) -> str:
        """What the status line says about drafts ("" when there are none)."""
        if not self.unconfirmed():
            return ""
        when = clock.local_time(self.saved_at).time() if self.saved_at else None
        return f"Draft saved {time_text(when)}" if when else "Draft kept"

    # -- storing --------------------------------------------------------------------
    @staticmethod
    def _kept(watched: _Watched) -> dict[str, str]:
        """What the workspace holds for the page: its draft if it has one, else its record."""
        return watched.stored or watched.baseline

    def _tick(self) -> None:
        for watched in list(self._pages):
            now = values_of(watched.page.draft_root())
            if now != watched.last_seen:
                watched.last_seen = now
                if not watched.since.isValid():
                    watched.since.start()
                    self.saving.emit()
                if watched.since.elapsed() < MAX_WAIT_MS:
                    continue  # still typing: wait for a pause
            if watched.since.isValid():
                self._store(watched)

    def _on_focus_changed(self, old: QWidget | None, new: QWidget | None) -> None:
        for watched in list(self._pages):
            root = watched.page.draft_root()
            if old is not None and old is not new and root.isAncestorOf(old):
                watched.last_seen = values_of(root)
                if watched.last_seen != self._kept(watched):
                    self._store(watched)

    def _store(self, watched: _Watched) -> bool:
        """Write the page's fields as its draft (every field, so its shape comes back too)."""
        values = watched.last_seen = values_of(watched.page.draft_root())
        prefix = watched.page.draft_key() + "/"
        try:
            if values != self._kept(watched):
                workspace = self._workspace()
                if set(watched.stored) - set(values):  # a row was removed
                    clear_drafts(workspace, meeting_id=self.meeting_id, prefix=prefix)
                    watched.stored = {}
                for key, text in values.items():
                    if watched.stored.get(key) != text:
                        save_draft(
                            workspace,
                            meeting_id=self.meeting_id,
                            field_key=prefix + key,
                            draft=text,
                        )
                        watched.stored[key] = text
                self.saved_at = clock.utcnow()
        except Exception as exc:
            self._fail(user_message(exc))
            return False
        watched.since.invalidate()
        self._error = ""
        self.saved.emit()
        return True

    def _fail(self, message: str) -> None:
        self._error = f"A draft could not be stored: {message}"
        self.failed.emit(self._error)

    def _workspace(self) -> Workspace:
        assert self.workspace is not None
        return self.workspace

    def _unwatch(self, watched: _Watched) -> None:
        if watched in self._pages:
            self._pages.remove(watched)

    # -- the Autosave interface -----------------------------------------------------
    def pending(self) -> bool:
        return bool(self._error) or any(w.since.isValid() for w in self._pages)

    def errors(self) -> list[str]:
        return [self._error] if self._error else []

    def unsaved_text(self) -> list[tuple[str, str]]:
        kept: list[tuple[str, str]] = []
        for watched in self._pages:
            stored = self._kept(watched)
            for key, widget in _fields(watched.page.draft_root()):
                text = read(widget)
                if text.strip() and text != stored.get(key):
                    kept.append((widget.accessibleName() or "A field", text))
        return kept

    def flush(self) -> bool:
        results = []
        for watched in list(self._pages):
            watched.last_seen = values_of(watched.page.draft_root())
            if watched.since.isValid() or watched.last_seen != self._kept(watched):
                results.append(self._store(watched))
        return all(results) and not self._error

    def unbind_all(self) -> None:
        self._timer.stop()
        self._pages.clear()
        super().unbind_all()
