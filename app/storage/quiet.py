"""Running an action once the workspace has been quiet for a moment.

The WAL is folded into the file and the audit anchor moved on when no
transaction has run for :data:`QUIET_SECONDS`, not after every save: a burst
of saves (an import, the demo data) pays for it once.
"""

from __future__ import annotations

import threading
from collections.abc import Callable

QUIET_SECONDS = 2.0


class WhenQuiet:
    def __init__(self, action: Callable[[], None], seconds: float = QUIET_SECONDS) -> None:
        self._action = action
        self._seconds = seconds
        self._timer: threading.Timer | None = None
        self._guard = threading.Lock()

    def poke(self) -> None:
        """Something happened: run the action once things stay quiet."""
        with self._guard:
            if self._timer is not None:
                self._timer.cancel()
            self._timer = threading.Timer(self._seconds, self._action)
            self._timer.daemon = True
            self._timer.name = "workspace-quiet"
            self._timer.start()

    def cancel(self) -> None:
        """Stop waiting; if the action is running, wait for it to finish."""
        with self._guard:
            timer, self._timer = self._timer, None
        if timer is not None:
            timer.cancel()
            if timer.is_alive() and timer is not threading.current_thread():
                timer.join()
