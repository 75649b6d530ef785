"""Noticing when to lock: idle time, and the system going to sleep.

:class:`IdleWatcher` feeds every user input in the application into an
:class:`app.idle.IdleLock` and polls it with a timer. Tests give the policy a
clock they move by hand and call :meth:`IdleWatcher.check` instead of waiting.
"""

from __future__ import annotations

import hashlib
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, QTimer, Signal
from PySide6.QtGui import QClipboard, QGuiApplication, QInputEvent, QInputMethodEvent, QKeyEvent

from app.idle import IdleLock

if TYPE_CHECKING:
    from PySide6.QtCore import Qt

# Events that mean a person is at the keyboard. Window activation and paint
# events are not among them: they happen without anyone there.
INPUT_EVENTS = frozenset(
    {
        QEvent.Type.KeyPress,
        QEvent.Type.KeyRelease,
        QEvent.Type.MouseButtonPress,
        QEvent.Type.MouseButtonRelease,
        QEvent.Type.MouseButtonDblClick,
        QEvent.Type.MouseMove,
        QEvent.Type.Wheel,
        QEvent.Type.TouchBegin,
        QEvent.Type.TouchUpdate,
        QEvent.Type.TabletPress,
        QEvent.Type.InputMethod,
    }
)
_INPUT_CLASSES = (QInputEvent, QInputMethodEvent)  # the classes of INPUT_EVENTS


class ClipboardGuard(QObject):
    """Remembers text copied from this app, so that locking can clear it.

    Text is the app's when Qt says the app owns the clipboard, or when it
    changed while the app was the active one (not every platform reports
    ownership). Only a hash of the text is kept.
    """

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._digest: bytes | None = None
        self._clipboard = QGuiApplication.clipboard()
        self._clipboard.dataChanged.connect(self._on_changed)

    def _on_changed(self) -> None:
        from PySide6.QtCore import Qt

        ours = self._clipboard.ownsClipboard() or (
            QGuiApplication.applicationState() == Qt.ApplicationState.ApplicationActive
        )
        self._digest = _digest(self._clipboard.text()) if ours else None

    def clear_if_ours(self) -> bool:
        """Empty the clipboard (and selection) if it holds text copied from the app."""
        clipboard = self._clipboard
        text = clipboard.text()
        ours = clipboard.ownsClipboard() or (
            bool(text) and self._digest is not None and _digest(text) == self._digest
        )
        if ours:
            clipboard.clear(QClipboard.Mode.Clipboard)
        if clipboard.supportsSelection() and clipboard.ownsSelection():
            clipboard.clear(QClipboard.Mode.Selection)
        self._digest = None
        return ours


def _digest(text: str) -> bytes:
    return hashlib.sha256(text.encode("utf-8")).digest()


class IdleWatcher(QObject):
    """Says when the workspace should lock.

    Signals:
        idle: the user has done nothing for the whole idle window.
        lock_pressed: Ctrl+L was pressed where the main window's own Lock
            shortcut cannot fire (a dialog blocks it, or it is not active yet).
        suspended: the application is being suspended (the system is going to
            sleep, or the session is locked, where the platform says so).
    """

    idle = Signal()
    suspended = Signal()
    lock_pressed = Signal()

    def __init__(self, policy: IdleLock, *, poll_ms: int = 5000, parent: QObject | None = None):
        super().__init__(parent)
        self.policy = policy
        self._timer = QTimer(self)
        self._timer.setInterval(poll_ms)
        self._timer.timeout.connect(self.check)
        self._app = QGuiApplication.instance()
        self._watching = False
        # Created with the watcher (at unlock) and cleared when it stops (at lock).
        self.clipboard = ClipboardGuard(self)

    def start(self) -> None:
        """Start watching input and polling; the idle window starts now."""
        self.policy.touch()
        if self._app is not None and not self._watching:
            self._app.installEventFilter(self)
            self._app.applicationStateChanged.connect(self._on_state_changed)  # type: ignore[attr-defined]
            self._watching = True
        self._timer.start()

    def stop(self) -> None:
        """Stop watching and polling (safe to call more than once).

        The workspace is locking: text copied from it leaves the clipboard.
        """
        self._timer.stop()
        self.clipboard.clear_if_ours()
        if self._app is not None and self._watching:
            self._app.removeEventFilter(self)
            self._app.applicationStateChanged.disconnect(self._on_state_changed)  # type: ignore[attr-defined]
            self._watching = False

    @property
    def running(self) -> bool:
        return self._timer.isActive()

    def set_minutes(self, minutes: int) -> None:
        self.policy.minutes = minutes

    def check(self) -> bool:
        """Emit ``idle`` (once) if the idle window has passed; say whether it did."""
        if not self.running or not self.policy.due():
            return False
        self.stop()
        self.idle.emit()
        return True

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # Called for every event of every widget: the event's class is checked before its
        # type is asked for, which costs far more from Python.
        if isinstance(event, _INPUT_CLASSES) and event.type() in INPUT_EVENTS:
            self.policy.touch()
            # The main window's Lock shortcut fires only while it is the active window:
            # Ctrl+L that reaches a widget some other way (a dialog blocks the window,
            # or it is not active yet just after unlocking) locks here, and the key
            # never lands in a field.
            if (
                isinstance(event, QKeyEvent)
                and event.type() == QEvent.Type.KeyPress
                and event.keyCombination() == _lock_keys()
            ):
                self.lock_pressed.emit()
                return True
        return False

    def _on_state_changed(self, state: Qt.ApplicationState) -> None:
        from PySide6.QtCore import Qt

        if state == Qt.ApplicationState.ApplicationSuspended and self.running:
            self.stop()
            self.suspended.emit()


def _lock_keys() -> object:
    # Built on first use: the Qt namespace is slow to load and the unlock
    # window, which imports this module, must not wait for it.
    from PySide6.QtCore import Qt

    return Qt.KeyboardModifier.ControlModifier | Qt.Key.Key_L
