"""No Save button: edits are stored as the user types.

Bind an editing widget to a record field once its value has been loaded::

    autosave = Autosave(workspace, parent=page)
    autosave.bind_field(first_name_edit, table="child", record_id=child.id, field="first_name")
    autosave.bind(chair_edit, lambda value: update_setting(ws, key="chair_name", value=value))

Typing is debounced per field (``delay_ms`` after the last keystroke, but never
more than ``max_wait_ms`` after the first unsaved one, so that an abrupt kill
loses at most about a second); ticking a box or choosing from a list is stored
at once; leaving a field stores it at once; :meth:`Autosave.flush` stores
everything pending (before locking or closing). A save that fails keeps what
the user typed and says why.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QDate, QElapsedTimer, QEvent, QObject, QTime, QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QLineEdit,
    QPlainTextEdit,
    QSpinBox,
    QTimeEdit,
    QWidget,
)
from sqlalchemy.exc import IntegrityError

from app.services.records import save_field
from app.storage.workspace import Workspace
from app.ui.date_field import DateField
from app.ui.widgets import user_message

SaveFunction = Callable[[Any], None]


def optional_date_edit() -> DateField:
    """A date field that may be left empty ("not known")."""
    return DateField()


def to_qdate(value: dt.date) -> QDate:
    return QDate(value.year, value.month, value.day)


def to_date(value: QDate) -> dt.date:
    return dt.date(value.year(), value.month(), value.day())


def to_time(value: QTime) -> dt.time:
    return dt.time(value.hour(), value.minute())


def set_date(edit: DateField | QDateEdit, value: dt.date | None) -> None:
    if isinstance(edit, DateField):
        edit.set_date(value)
    elif value is not None:
        edit.setDate(to_qdate(value))


def widget_value(widget: QWidget) -> Any:
    """What the user has put in ``widget``, as the service layer expects it."""
    if isinstance(widget, DateField):
        return widget.date()
    if isinstance(widget, QLineEdit):
        return widget.text()
    if isinstance(widget, QPlainTextEdit):
        return widget.toPlainText()
    if isinstance(widget, QCheckBox):
        return widget.isChecked()
    if isinstance(widget, QComboBox):
        data = widget.currentData()
        return widget.currentText() if data is None else data
    if isinstance(widget, QDateEdit):
        return to_date(widget.date())
    if isinstance(widget, QTimeEdit):
        return to_time(widget.time())
    if isinstance(widget, QSpinBox):
        return widget.value()
    raise TypeError(f"Autosave cannot read a {type(widget).__name__}.")


def _failure_text(exc: Exception) -> str:
    if isinstance(exc, IntegrityError):
        # The database's own text would quote the values: never show it.
        return "That would duplicate another record (a reference already in use, say). Change it."
    return user_message(exc)


class _Binding(QObject):
    """One widget, its save function and its debounce timer."""

    def __init__(self, owner: Autosave, widget: QWidget, save: SaveFunction) -> None:
        super().__init__(owner)
        self.owner = owner
        self.widget = widget
        self.save = save
        self.dirty = False
        self.error = ""
        self._since = QElapsedTimer()
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self.store)
        self._connect_signals(widget)
        widget.installEventFilter(self)

    def _connect_signals(self, widget: QWidget) -> None:
        # Only user edits for text fields (``textEdited``), so loading a value never saves it.
        if isinstance(widget, QLineEdit):
            self._signal, self._slot = widget.textEdited, self.changed
        elif isinstance(widget, QPlainTextEdit):
            self._signal, self._slot = widget.textChanged, self.changed
        elif isinstance(widget, QCheckBox):
            self._signal, self._slot = widget.clicked, self.changed_now
        elif isinstance(widget, QComboBox):
            self._signal, self._slot = widget.activated, self.changed_now
        elif isinstance(widget, QDateEdit):
            self._signal, self._slot = widget.dateChanged, self.changed
        elif isinstance(widget, QTimeEdit):
            self._signal, self._slot = widget.timeChanged, self.changed
        elif isinstance(widget, QSpinBox):
            self._signal, self._slot = widget.valueChanged, self.changed
        else:
            raise TypeError(f"Autosave cannot watch a {type(widget).__name__}.")
        self._signal.connect(self._slot)

    def disconnect_widget(self) -> None:
        self._timer.stop()
        self.widget.removeEventFilter(self)
        self._signal.disconnect(self._slot)

    def changed(self, *_args: object) -> None:
        if not self.dirty:
            self.dirty = True
            self._since.start()
            self.owner.saving.emit()
        remaining = self.owner.max_wait_ms - self._since.elapsed()
        if remaining <= 0:
            self.store()
        else:
            self._timer.start(min(self.owner.delay_ms, remaining))

    def changed_now(self, *_args: object) -> None:
        self.dirty = True
        self.owner.saving.emit()
        self.store()

    def store(self) -> bool:
        """Save now if anything is pending; True when nothing is left unsaved."""
        self._timer.stop()
        if not self.dirty:
            return True
        try:
            self.save(widget_value(self.widget))
        except Exception as exc:
            self.error = _failure_text(exc)
            self._mark(self.error)
            self.owner.failed.emit(self.error)
            return False
        self.dirty = False
        if self.error:
            self.error = ""
            self._mark("")
        self.owner.saved.emit()
        return True

    def _mark(self, error: str) -> None:
        self.widget.setProperty("saveFailed", bool(error))
        self.widget.setToolTip(error)
        self.widget.style().unpolish(self.widget)
        self.widget.style().polish(self.widget)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.FocusOut and self.dirty:
            self.store()
        return False


class Autosave(QObject):
    """Stores each bound widget's value shortly after the user changes it.

    Signals:
        saving: an edit is waiting to be stored.
        saved: an edit was stored (``pending()`` says whether others wait).
        failed(str): an edit could not be stored; the message says why and
            what to do. The widget keeps what the user typed.
    """

    saving = Signal()
    saved = Signal()
    failed = Signal(str)

    def __init__(
        self,
        workspace: Workspace | None = None,
        parent: QObject | None = None,
        *,
        delay_ms: int = 400,
        max_wait_ms: int = 1000,
    ) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self.delay_ms = delay_ms
        self.max_wait_ms = max_wait_ms
        self._bindings: list[_Binding] = []

    def bind(self, widget: QWidget, save: SaveFunction) -> None:
        """Call ``save(value)`` whenever the user changes ``widget`` (debounced)."""
        if isinstance(widget, QAbstractSpinBox):
            widget.setKeyboardTracking(True)
        binding = _Binding(self, widget, save)
        self._bindings.append(binding)
        widget.destroyed.connect(lambda *_: self._forget(binding))

    def bind_field(self, widget: QWidget, *, table: str, record_id: str, field: str) -> None:
        """Store ``widget``'s value in ``table.field`` of ``record_id`` (see ``save_field``)."""
        workspace = self.workspace
        if workspace is None:
            raise ValueError("This Autosave has no workspace to save fields in.")

        def save(value: Any) -> None:
            save_field(workspace, table=table, record_id=record_id, field=field, value=value)

        self.bind(widget, save)

    def pending(self) -> bool:
        """True while any edit is not yet stored (waiting, or failed)."""
        return any(b.dirty for b in self._bindings)

    def errors(self) -> list[str]:
        return [b.error for b in self._bindings if b.error]

    def unsaved_text(self) -> list[tuple[str, str]]:
        """(field, text) of every typed edit not yet stored: what locking would lose."""
        return [
            (b.widget.accessibleName() or "A field", value)
            for b in self._bindings
            if b.dirty and isinstance(value := widget_value(b.widget), str) and value.strip()
        ]

    def flush(self) -> bool:
        """Store every pending edit now; True if all of them were stored."""
        results = [b.store() for b in list(self._bindings)]
        return all(results)

    def unbind_all(self) -> None:
        """Stop watching every widget (pending edits are dropped: flush first)."""
        for binding in self._bindings:
            binding.disconnect_widget()
            binding.deleteLater()
        self._bindings.clear()

    def _forget(self, binding: _Binding) -> None:
        if binding in self._bindings:
            self._bindings.remove(binding)
