"""A desktop that locks its screen (or goes to sleep) locks the workspace too.

A private D-Bus daemon stands in for the desktop session: the signals are the
ones real screensavers and logind send.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtDBus import QDBusConnection
from pytestqt.qtbot import QtBot

from app.ui.file_dialogs import FixedFileDialogs
from app.ui.screen_lock import ScreenLockWatcher
from app.ui.shell import LOCKED_WITH_SCREEN, Shell
from tests.ui.conftest import ManualClock, unlock

pytestmark = pytest.mark.skipif(
    shutil.which("dbus-daemon") is None or shutil.which("dbus-send") is None,
    reason="needs dbus-daemon and dbus-send to stand in for a desktop session",
)


@pytest.fixture
def bus_address() -> Iterator[str]:
    daemon = subprocess.Popen(
        ["dbus-daemon", "--session", "--nofork", "--print-address"],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    assert daemon.stdout is not None
    address = daemon.stdout.readline().strip()
    yield address
    daemon.terminate()
    daemon.wait(timeout=10)
    daemon.stdout.close()


def _send(address: str, path: str, member: str, *args: str) -> None:
    env = {**os.environ, "DBUS_SESSION_BUS_ADDRESS": address}
    subprocess.run(
        ["dbus-send", "--session", "--type=signal", path, member, *args], env=env, check=True
    )


@pytest.fixture
def watcher(bus_address: str) -> Iterator[ScreenLockWatcher]:
    # A fresh name each time: Qt hands back an existing connection of the same
    # name, which may belong to an earlier test's daemon, now gone.
    name = f"screen-lock-test-{uuid.uuid4()}"
    bus = QDBusConnection.connectToBus(bus_address, name)
    assert bus.isConnected()
    yield ScreenLockWatcher(session_bus=bus, system_bus=QDBusConnection("no-system-bus"))
    QDBusConnection.disconnectFromBus(name)


def test_the_screensaver_signal_is_heard(
    qtbot: QtBot, watcher: ScreenLockWatcher, bus_address: str
) -> None:
    assert "org.freedesktop.ScreenSaver.ActiveChanged" in watcher.watching
    with qtbot.assertNotEmitted(watcher.screen_locked, wait=200):
        _send(
            bus_address,
            "/org/freedesktop/ScreenSaver",
            "org.freedesktop.ScreenSaver.ActiveChanged",
            "boolean:false",  # unlocking the screen is not a reason to lock
        )
    with qtbot.waitSignal(watcher.screen_locked, timeout=5000):
        _send(
            bus_address,
            "/org/freedesktop/ScreenSaver",
            "org.freedesktop.ScreenSaver.ActiveChanged",
            "boolean:true",
        )


def test_a_locked_screen_locks_the_workspace(
    qtbot: QtBot,
    watcher: ScreenLockWatcher,
    bus_address: str,
    demo_path: Path,
    idle_clock: ManualClock,
) -> None:
    shell = Shell(
        demo_path, file_dialogs=FixedFileDialogs(), idle_clock=idle_clock, screen_lock=watcher
    )
    shell.start()
    try:
        unlock(qtbot, shell)
        with qtbot.waitSignal(shell.locked, timeout=5000):
            _send(
                bus_address,
                "/org/gnome/ScreenSaver",
                "org.gnome.ScreenSaver.ActiveChanged",
                "boolean:true",
            )
        assert shell.workspace is None
        assert shell.gate is not None and LOCKED_WITH_SCREEN in shell.gate.reason.text()
    finally:
        shell.quit()


def test_without_a_bus_nothing_is_watched() -> None:
    quiet = ScreenLockWatcher(
        session_bus=QDBusConnection("no-session-bus"), system_bus=QDBusConnection("no-bus")
    )
    assert quiet.watching == []
