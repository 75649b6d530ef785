"""The integrity check that runs in the background after each unlock.

``PRAGMA cipher_integrity_check`` authenticates every page's HMAC and
``PRAGMA quick_check`` checks SQLite's structure. Reading may start at once;
the workspace waits for the result before it accepts the first write.

After unlocking, only the pages are authenticated: a flipped bit, a page cut short
or a page changed by anyone without the key is found, and the first save waits about
a quarter as long as it did for both checks (2.6 s against 9.9 s at 10,000 children,
where the chair's first Next in a meeting waited for all of it). SQLite's own
structure, which only SQLite writes, is checked with the rest by ``macpt verify``.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

from app.storage import failures


def page_problems(conn: Any, *, structure: str | None = "quick_check") -> list[str]:
    """Problems SQLCipher (page HMACs) and SQLite (its ``structure`` check, if any:
    ``quick_check`` or ``integrity_check``) report; empty if none.

    One short line each: SQLite reports several problems in one multi-line row.
    """
    try:
        rows = [str(row[0]) for row in conn.execute("PRAGMA cipher_integrity_check")]
        if structure is not None:
            rows += [str(row) for (row,) in conn.execute(f"PRAGMA {structure}") if row != "ok"]
    except Exception as exc:
        if failures.is_corruption(exc):
            return ["the file's pages do not decrypt and authenticate"]
        raise
    return [
        line.strip()
        for row in rows
        for line in row.splitlines()
        if line.strip() and not line.startswith("*** in database")
    ]


class BackgroundCheck:
    """Authenticates every page (:func:`page_problems`) on its own connection in a
    daemon thread."""

    def __init__(self, connect: Callable[[], Any]) -> None:
        self._connect = connect
        self._problems: list[str] = []
        self._error: BaseException | None = None
        self._conn: Any = None
        self._stopped = threading.Event()
        self._lock = threading.Lock()
        self._thread = threading.Thread(target=self._run, name="integrity-check", daemon=True)
        self._thread.start()

    def _run(self) -> None:
        try:
            conn = self._connect()
            with self._lock:
                self._conn = conn
            try:
                if self._stopped.is_set():
                    return
                # Each page is read once: a small cache, so that checking a large
                # workspace does not hold tens of megabytes of its pages meanwhile.
                conn.execute("PRAGMA cache_size = -2000")
                self._problems = page_problems(conn, structure=None)
            finally:
                with self._lock:
                    self._conn = None
                conn.close()
        except BaseException as exc:
            if not self._stopped.is_set():
                self._error = exc

    def stop(self) -> None:
        """Stop checking (the workspace is closing) and wait for the thread: at once,
        rather than when every page has been read. Nothing is concluded."""
        self._stopped.set()
        with self._lock:
            if self._conn is not None:
                self._conn.interrupt()
        self._thread.join()

    def result(self) -> list[str]:
        """Wait for the check; its problems (empty when the workspace is whole)."""
        self._thread.join()
        if self._error is not None:
            if failures.is_corruption(self._error):
                return ["the file's pages do not decrypt and authenticate"]
            raise self._error
        return self._problems
