"""The child processes of ``bench_app.py``: the real application driven as a chair uses it,
and the floors it is compared with. Each prints one line of JSON.

* ``--drive PATH``: starts the app exactly as ``macpt gui`` does
  (``create_application`` and ``start_shell``), types the passphrase (read from
  stdin, never argv or the environment) into the unlock window at a person's
  pace and presses Enter; then visits every page, returns to Home, types searches at a
  person's pace with the app's own debounce, sorts the register and reads its
  own peak memory. Times are taken by an event filter on the application that
  notes the first Paint event of the widget waited for: what the chair sees.
* ``--floor-table``: a bare PySide6 window showing a QTableView of a register's
  first page (100 rows): its first paint and its peak memory.
* ``--floor-open PATH``: the bare cost of opening the encrypted file: the key
  derived from the passphrase (stdin), SQLCipher opened with it, one count.

No record data is printed: only timings, counts and sizes.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import resource
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

TODAY = dt.date.today()  # the demo builds its journeys up to the day it runs
PACE_S = 0.2  # a key every 200 ms: about 60 words a minute
WORDS = {"meetings": "sample", "cases": "madeup", "register": "specimen"}  # as in the demo
PAGES = ("register", "cases", "meetings", "reports", "settings", "about")


def _ms(seconds: float) -> float:
    return round(seconds * 1000, 1)


def _peak_kb() -> int:
    return int(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)


class Painted:
    """Notes when a widget (or anything inside it) is next painted."""

    def __init__(self, app: Any) -> None:
        from PySide6.QtCore import QEvent, QObject

        self.target: Callable[[], Any] = lambda: None
        self.at: float | None = None
        paint = QEvent.Type.Paint
        outer = self

        class Filter(QObject):
            def eventFilter(self, watched: Any, event: Any) -> bool:
                if outer.at is None and event.type() == paint:
                    target = outer.target()
                    if target is not None and (watched is target or target.isAncestorOf(watched)):
                        outer.at = time.perf_counter()
                return False

        self._app = app
        self._filter = Filter()
        app.installEventFilter(self._filter)

    def expect(self, target: Callable[[], Any]) -> None:
        self.target, self.at = target, None

    def spin(self, done: Callable[[], bool], limit: float = 120) -> None:
        """Run the event loop until ``done()``; TimeoutError after ``limit`` seconds."""
        from PySide6.QtCore import QEventLoop

        give_up = time.perf_counter() + limit
        while not done():
            if time.perf_counter() > give_up:
                raise TimeoutError("the app did not get there")
            self._app.processEvents(QEventLoop.ProcessEventsFlag.WaitForMoreEvents, 5)

    def until(self, target: Callable[[], Any], action: Callable[[], object]) -> float:
        """Seconds from ``action()`` to the first paint of ``target()``."""
        self.expect(target)
        started = time.perf_counter()
        action()
        self.spin(lambda: self.at is not None)
        assert self.at is not None
        return self.at - started

    def paced(self, field: Any, text: str) -> None:
        """``text`` typed into ``field`` at a key every :data:`PACE_S`, as a person types
        (the passphrase: no echo is timed), ending when the next key would be due."""
        from PySide6.QtTest import QTest

        start = time.perf_counter()
        for n, character in enumerate(text):
            self.spin(lambda d=start + n * PACE_S: time.perf_counter() >= d)  # type: ignore[misc]
            QTest.keyClicks(field, character)
        self.spin(lambda: time.perf_counter() >= start + len(text) * PACE_S)

    def typed(self, field: Any, word: str) -> list[float]:
        """``word`` typed into ``field`` at a key every :data:`PACE_S`: each key's echo
        in ms, from when it was due until the field was painted."""
        from PySide6.QtTest import QTest

        keys = []
        start = time.perf_counter()
        for n, character in enumerate(word):
            due = start + n * PACE_S
            self.spin(lambda d=due: time.perf_counter() >= d)  # type: ignore[misc]
            self.expect(lambda: field)
            QTest.keyClicks(field, character)
            self.spin(lambda: self.at is not None)
            keys.append(_ms(self.at - due))  # type: ignore[operator]
        return keys


def drive(path: Path, passphrase: str) -> dict[str, Any]:
    # As `macpt gui` loads them: the app's window package first, then the rest of Qt.
    from app.ui.application import create_application, start_shell

    # isort: split
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest

    from app import clock, paths

    clock.set_clock(lambda: dt.datetime.combine(TODAY, dt.time(10), tzinfo=dt.UTC))
    paths.private_umask()
    app = create_application()
    painted = Painted(app)
    spin, until_painted = painted.spin, painted.until

    shell = start_shell(path)
    spin(lambda: shell.gate is not None and shell.gate.isVisible())
    gate = shell.gate
    assert gate is not None
    until_painted(lambda: gate, lambda: None)
    # Typed at a person's pace, as the chair does (the app loads the database layer
    # meanwhile); a passphrase pasted and Enter pressed at once waits for it.
    painted.paced(gate.passphrase, passphrase)

    def home() -> Any:
        window = shell.window
        return window.pages.get("home") if window is not None else None

    found: dict[str, Any] = {}
    pressed = time.perf_counter()
    found["unlock_to_home_ms"] = _ms(
        until_painted(home, lambda: QTest.keyClick(gate.passphrase, Qt.Key.Key_Return))
    )
    # Home reads its deadlines off the window's thread: when they are on screen too.
    spin(lambda: not home().deadlines.is_loading())
    app.processEvents()
    found["unlock_to_deadlines_ms"] = _ms(time.perf_counter() - pressed)
    found["peak_kb_after_unlock"] = _peak_kb()
    window = shell.window
    assert window is not None
    window.resize(1366, 768)
    app.processEvents()

    def page(key: str) -> Callable[[], Any]:
        return lambda: window.pages.get(key)

    for visit in ("first", "return"):
        for key in PAGES:
            found[f"{key}_{visit}_ms"] = _ms(
                until_painted(page(key), lambda k=key: window.show_page(k))
            )
            if key == "reports" and visit == "first":
                reports = window.pages["reports"]
                spin(lambda r=reports: not r.is_working())
                found["reports_ready_ms"] = _ms(time.perf_counter() - painted.at)  # type: ignore[operator]
            found[f"home_after_{key}_{visit}_ms"] = _ms(
                until_painted(home, lambda: window.show_page("home"))
            )

    print("pages visited", file=sys.stderr, flush=True)
    for key, word in WORDS.items():
        window.show_page(key)
        view = window.pages[key]
        search = view.filter_bar.search if key == "register" else view.list.search
        table = view.table if key == "register" else view.list.table
        search.setFocus()
        app.processEvents()
        keys = painted.typed(search, word)
        last = time.perf_counter()
        model = table.model()
        reset: list[float] = []
        model.modelReset.connect(lambda r=reset: r.append(time.perf_counter()))
        model.layoutChanged.connect(lambda r=reset: r.append(time.perf_counter()))
        try:
            spin(lambda r=reset: bool(r), limit=30)
            painted.expect(lambda t=table: t)
            table.viewport().update()
            spin(lambda: painted.at is not None)
            found[f"{key}_results_after_last_key_ms"] = _ms(painted.at - last)  # type: ignore[operator]
        except TimeoutError:
            found[f"{key}_results_after_last_key_ms"] = None
        found[f"{key}_keystroke_ms"] = keys
        found[f"{key}_rows_found"] = model.rowCount()
        model.modelReset.disconnect()
        model.layoutChanged.disconnect()

    register = window.pages["register"]
    register.filter_bar.search.clear()
    app.processEvents()
    sorts: list[float] = []
    # What a click on a column's header does (the header calls sortByColumn).
    for column, order in ((2, "Asc"), (3, "Asc"), (3, "Desc"), (1, "Asc")):
        direction = getattr(Qt.SortOrder, f"{order}endingOrder")
        sorts.append(
            _ms(
                until_painted(
                    lambda: register.table,
                    lambda c=column, d=direction: register.table.sortByColumn(c, d),
                )
            )
        )
    found["register_sort_ms"] = sorts
    found["peak_kb"] = _peak_kb()
    shell.quit()
    return found


def floor_table() -> dict[str, Any]:
    from PySide6.QtCore import QEvent, QEventLoop, QObject
    from PySide6.QtGui import QStandardItem, QStandardItemModel
    from PySide6.QtWidgets import QApplication, QTableView

    app = QApplication(sys.argv[:1])
    model = QStandardItemModel(100, 9)
    for row in range(100):
        for column in range(9):
            model.setItem(row, column, QStandardItem(f"BENCH-{row:05d} cell {column}"))
    seen: list[float] = []

    class Watch(QObject):
        def eventFilter(self, watched: Any, event: Any) -> bool:
            if event.type() == QEvent.Type.Paint and not seen:
                seen.append(time.perf_counter())
            return False

    view = QTableView()
    view.setModel(model)
    view.resize(1366, 768)
    watch = Watch()
    view.viewport().installEventFilter(watch)
    started = time.perf_counter()
    view.show()
    while not seen:
        app.processEvents(QEventLoop.ProcessEventsFlag.WaitForMoreEvents, 5)
    return {"table_paint_ms": _ms(seen[0] - started), "peak_kb": _peak_kb()}


def floor_open(path: Path, passphrase: str) -> dict[str, Any]:
    from app.storage import cipher
    from app.storage.unlock import unlock_file

    started = time.perf_counter()
    key, _salt, lock = unlock_file(path, passphrase)
    try:
        conn = cipher.connect(path, key)
        conn.execute("SELECT count(*) FROM child").fetchone()
        conn.close()
    finally:
        lock.release()
    return {"open_ms": _ms(time.perf_counter() - started)}


if __name__ == "__main__":
    mode = sys.argv[1]
    if mode == "--floor-table":
        result = floor_table()
    else:
        secret = sys.stdin.readline().rstrip("\n")
        target = Path(sys.argv[2])
        result = drive(target, secret) if mode == "--drive" else floor_open(target, secret)
    print(json.dumps(result), flush=True)
