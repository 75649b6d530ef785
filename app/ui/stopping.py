"""Ending cleanly when the system asks: SIGTERM, SIGINT, or the desktop session ending.

Pending edits are stored and the workspace closed before the process ends.
Python only sees a signal when it next runs, and Qt's event loop may sleep
in C++ for a long time; the signal therefore wakes the loop through a socket
(``signal.set_wakeup_fd``), and the shell quits from the event loop, where
it is safe to touch widgets and the workspace.
"""

from __future__ import annotations

import signal
import socket
from collections.abc import Callable
from types import FrameType

from PySide6.QtCore import QObject, QSocketNotifier, Signal

STOP_SIGNALS = (signal.SIGTERM, signal.SIGINT)


class StopRequests(QObject):
    """Turns SIGTERM and SIGINT into a Qt signal.

    Signals:
        stop_requested: the operating system asked the app to end.
    """

    stop_requested = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._reader, self._writer = socket.socketpair()
        self._reader.setblocking(False)
        self._writer.setblocking(False)
        self._previous_fd = signal.set_wakeup_fd(self._writer.fileno())
        self._previous: dict[int, Callable[[int, FrameType | None], object] | int | None] = {}
        for number in STOP_SIGNALS:
            self._previous[number] = signal.getsignal(number)
            signal.signal(number, self._note)
        self._notifier = QSocketNotifier(self._reader.fileno(), QSocketNotifier.Type.Read, self)
        self._notifier.activated.connect(self._on_wakeup)
        self._stopping = False

    def _note(self, number: int, frame: FrameType | None) -> None:
        self._stopping = True  # the wake-up byte is already on its way

    def _on_wakeup(self, *_args: object) -> None:
        try:
            while self._reader.recv(64):
                pass
        except BlockingIOError:
            pass
        if self._stopping:
            self._stopping = False
            self.stop_requested.emit()

    def uninstall(self) -> None:
        """Give the signals back to whoever had them before."""
        self._notifier.setEnabled(False)
        for number, handler in self._previous.items():
            signal.signal(number, handler)
        signal.set_wakeup_fd(self._previous_fd)
        self._reader.close()
        self._writer.close()
