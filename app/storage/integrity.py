"""The integrity check that runs in the background after each unlock.

``PRAGMA cipher_integrity_check`` authenticates every page's HMAC and
``PRAGMA quick_check`` checks SQLite's structure. Reading may start at once;
the workspace waits for the result before it accepts the first write.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

from app.storage import failures


def page_problems(conn: Any, *, quick: bool = True) -> list[str]:
    """Problems SQLCipher (page HMACs) and SQLite (structure) report; empty if none.

    One short line each: SQLite reports several problems in one multi-line row.
    """
    check = "quick_check" if quick else "integrity_check"
    try:
        rows = [str(row[0]) for row in conn.execute("PRAGMA cipher_integrity_check")]
        rows += [str(row) for (row,) in conn.execute(f"PRAGMA {check}") if row != "ok"]
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
    """Runs :func:`page_problems` on its own connection in a daemon thread."""

    def __init__(self, connect: Callable[[], Any]) -> None:
        self._connect = connect
        self._problems: list[str] = []
        self._error: BaseException | None = None
        self._thread = threading.Thread(target=self._run, name="integrity-check", daemon=True)
        self._thread.start()

    def _run(self) -> None:
        try:
            conn = self._connect()
            try:
                # Each page is read once: a small cache, so that checking a large
                # workspace does not hold tens of megabytes of its pages meanwhile.
                conn.execute("PRAGMA cache_size = -2000")
                self._problems = page_problems(conn)
            finally:
                conn.close()
        except BaseException as exc:
            self._error = exc

    def result(self) -> list[str]:
        """Wait for the check; its problems (empty when the workspace is whole)."""
        self._thread.join()
        if self._error is not None:
            if failures.is_corruption(self._error):
                return ["the file's pages do not decrypt and authenticate"]
            raise self._error
        return self._problems
