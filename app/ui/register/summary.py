"""The register's totals (how many children, which LCPPs), worked out off the GUI thread.

Counting means working out every child's clocks, which takes far longer than
the page on screen: it runs on a worker thread (SQLite releases the GIL while
it works) so typing and scrolling never wait for it. The worker touches no Qt
object; the GUI thread collects its answer with a short timer, so nothing is
signalled across threads and a view that goes away leaves nothing dangling.
"""

from __future__ import annotations

import concurrent.futures
import datetime as dt
from typing import Any

from PySide6.QtCore import QObject, QTimer, Signal
from sqlalchemy.exc import SQLAlchemyError

from app.errors import MacptError
from app.services import register
from app.services.register import RegisterFilter, RegisterTotals
from app.storage.workspace import Workspace

_POLL_MS = 15


def _work(
    workspace: Workspace, filters: RegisterFilter, today: dt.date, with_lcpps: bool
) -> tuple[RegisterTotals, list[str] | None]:
    totals = register.register_totals(workspace, filters=filters, today=today)
    if not with_lcpps:
        return totals, None
    # Unfiltered totals name every LCPP already; filtered ones need a second pass.
    if filters == RegisterFilter():
        return totals, list(totals.lcpps)
    return totals, register.register_lcpps(workspace)


class RegisterSummary(QObject):
    """Counts the register for a filter, newest request wins.

    Signals:
        counted(int, int): how many children match the latest filters, and how
            many of them have something overdue.
        lcpps_found(list): the LCPPs of children in the register, when asked for.
    """

    counted = Signal(int, int)
    lcpps_found = Signal(list)

    def __init__(self, workspace: Workspace, parent: Any = None) -> None:
        super().__init__(parent)
        self._workspace: Workspace | None = workspace
        self._executor = concurrent.futures.ThreadPoolExecutor(
            max_workers=1, thread_name_prefix="register-count"
        )
        self._pending: concurrent.futures.Future[tuple[RegisterTotals, list[str] | None]] | None = (
            None
        )
        self._timer = QTimer(self)
        self._timer.setInterval(_POLL_MS)
        self._timer.timeout.connect(self._on_poll)

    @property
    def busy(self) -> bool:
        return self._pending is not None

    def request(self, filters: RegisterFilter, today: dt.date, *, with_lcpps: bool) -> None:
        """Count for ``filters``; an answer still owed for older filters is dropped."""
        if self._workspace is None:
            return
        self.cancel()  # a count already running finishes, unheard
        self._pending = self._executor.submit(_work, self._workspace, filters, today, with_lcpps)
        self._timer.start()

    def cancel(self) -> None:
        """Drop any answer still owed (the filters it was for have changed)."""
        self._timer.stop()
        if self._pending is not None:
            self._pending.cancel()
        self._pending = None

    def stop(self) -> None:
        """Drop any answer still owed and let the worker thread end (on lock or close)."""
        self._workspace = None
        self.cancel()
        self._executor.shutdown(wait=False, cancel_futures=True)

    def _on_poll(self) -> None:
        future = self._pending
        if future is None:
            self._timer.stop()
            return
        if not future.done():
            return
        self._pending = None
        self._timer.stop()
        if future.cancelled():
            return
        try:
            totals, lcpps = future.result()
        except (MacptError, SQLAlchemyError):
            # The page's own query reports problems; a count is not worth a second message.
            return
        self.counted.emit(totals.children, totals.overdue)
        if lcpps is not None:
            self.lcpps_found.emit(lcpps)
