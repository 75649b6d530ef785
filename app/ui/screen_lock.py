"""Noticing that the screen was locked or the computer is going to sleep (Linux desktops).

Qt does not report a locked screen, but desktop sessions announce it on D-Bus:
the screensaver's ``ActiveChanged(true)`` on the session bus, and logind's
``PrepareForSleep(true)`` and a session's ``Lock`` on the system bus. Where no
bus is reachable (Windows, macOS, a bare test machine) this watches nothing.
Locking too eagerly is harmless; not locking is not.
"""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import SLOT, QObject, Signal, Slot
from PySide6.QtDBus import QDBusConnection

SCREENSAVERS = (
    ("/org/freedesktop/ScreenSaver", "org.freedesktop.ScreenSaver"),
    ("/ScreenSaver", "org.freedesktop.ScreenSaver"),
    ("/org/gnome/ScreenSaver", "org.gnome.ScreenSaver"),
)
LOGIND_PATH = "/org/freedesktop/login1"


def _session_bus() -> QDBusConnection:
    """The desktop session's bus, if it has one.

    Without an address, D-Bus would "autolaunch" a daemon of its own on X11,
    which would outlive the app and hear nothing; it is not worth starting.
    """
    runtime = os.environ.get("XDG_RUNTIME_DIR", "")
    if os.environ.get("DBUS_SESSION_BUS_ADDRESS") or (runtime and Path(runtime, "bus").exists()):
        return QDBusConnection.sessionBus()
    return QDBusConnection("no-session-bus")


class ScreenLockWatcher(QObject):
    """Signals:
    screen_locked: the desktop locked the screen.
    going_to_sleep: the computer is about to suspend or hibernate.
    """

    screen_locked = Signal()
    going_to_sleep = Signal()

    def __init__(
        self,
        parent: QObject | None = None,
        *,
        session_bus: QDBusConnection | None = None,
        system_bus: QDBusConnection | None = None,
    ) -> None:
        super().__init__(parent)
        self.watching: list[str] = []
        session = session_bus if session_bus is not None else _session_bus()
        system = system_bus if system_bus is not None else QDBusConnection.systemBus()
        if session.isConnected():
            for path, interface in SCREENSAVERS:
                self._listen(session, path, interface, "ActiveChanged", "_on_active_changed(bool)")
        if system.isConnected():
            manager = "org.freedesktop.login1.Manager"
            self._listen(system, LOGIND_PATH, manager, "PrepareForSleep", "_on_sleep(bool)")
            self._listen(system, "", "org.freedesktop.login1.Session", "Lock", "_on_lock()")

    def _listen(
        self, bus: QDBusConnection, path: str, interface: str, name: str, slot: str
    ) -> None:
        # PySide6 takes the slot as SLOT()'s text, though its stubs ask for bytes.
        if bus.connect("", path, interface, name, self, SLOT(slot)):  # type: ignore[call-overload]
            self.watching.append(f"{interface}.{name}")

    @Slot(bool)
    def _on_active_changed(self, active: bool) -> None:
        if active:
            self.screen_locked.emit()

    @Slot(bool)
    def _on_sleep(self, starting: bool) -> None:
        if starting:
            self.going_to_sleep.emit()

    @Slot()
    def _on_lock(self) -> None:
        self.screen_locked.emit()
