"""Slow reads and exports off the window's thread, so that the page stays responsive.

A :class:`Job` hands one function to Qt's thread pool. The function
reads through the services, which open their own session on the thread that
calls them (a workspace gives each caller its own), reports its progress as
(steps done, steps, what it is doing) and returns a value; the job delivers
all of it back on the window's thread. Connect to its signals, then ``start``.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

# What a background function is given to say how far it has got.
Progress = Callable[[int, int, str], None]


class Job(QObject):
    """One piece of work running on the thread pool.

    Signals:
        progress(int, int, str): steps done, of how many, and what is being done now.
        done(object): the function's result.
        failed(object): the exception it raised.
    """

    progress = Signal(int, int, str)
    done = Signal(object)
    failed = Signal(object)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.cancelled = False

    def start(self, work: Callable[[Progress], Any]) -> Job:
        """Run ``work`` on the thread pool (connect to the signals first)."""
        QThreadPool.globalInstance().start(_Runnable(work, self))
        return self

    def cancel(self) -> None:
        """Drop the result when it comes (the page was cleared or asked again)."""
        self.cancelled = True


class _Runnable(QRunnable):
    def __init__(self, work: Callable[[Progress], Any], job: Job) -> None:
        super().__init__()
        self._work = work
        self._job = job

    def run(self) -> None:
        job = self._job
        try:
            result = self._work(self._report)
        except Exception as exc:  # delivered to the page, which explains it
            self._emit(job.failed, exc)
        else:
            self._emit(job.done, result)

    def _report(self, step: int, steps: int, what: str) -> None:
        self._emit(self._job.progress, step, steps, what)

    def _emit(self, signal: Any, *args: object) -> None:
        if self._job.cancelled:
            return
        # RuntimeError: the page has gone (the window closed while it worked).
        with contextlib.suppress(RuntimeError):
            signal.emit(*args)


def wait_for_background_work(msecs: int = 30_000) -> bool:
    """Wait for every background job to finish (before a workspace closes; in tests)."""
    return bool(QThreadPool.globalInstance().waitForDone(msecs))
