"""Report benchmark: the report's figures against the same SQL run raw.

Issue 12's target: ``macpt report`` computes its figures in at most twice the
time the database needs for the statements it runs. In one run, on one
workspace (a ``bench_app.py --keep`` folder's, or a new one with the demo):

* app: ``report_figures`` for the year, as ``macpt report`` and the Reports page
  call it, with every statement it runs (and its parameters) noted;
* raw: the same statements with the same parameters, replayed on one bare
  SQLCipher connection of the same workspace (every row fetched);
* whole: ``macpt report`` itself, in a fresh process, figures, charts and the
  Word document included (for the record: charts and Word are not SQL).

Runs app and raw interleaved REPEATS times after a warm-up and prints the load
average, medians, 95th percentiles and the ratio.

Run: ``.venv/bin/python benchmarks/bench_report.py [PATH] [--repeats N]``
(PATH: a workspace whose passphrase is the benchmark's; default: a new demo one)
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from sqlalchemy import event  # noqa: E402

from app import clock  # noqa: E402
from app.services.reporting import report_figures  # noqa: E402
from app.services.workspace import create_workspace, open_workspace  # noqa: E402
from app.storage import cipher  # noqa: E402
from app.storage.workspace import Workspace  # noqa: E402

PASSPHRASE = "violet tractor mango harbour"  # fictional, as in bench_register.py
TODAY = dt.date(2026, 11, 23)  # the generators' today
START, END = dt.date(2026, 4, 1), dt.date(2027, 3, 31)
TARGET = 2.0


def _p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


def app_run(workspace: Workspace) -> tuple[float, list[tuple[str, Any]]]:
    noted: list[tuple[str, Any]] = []

    def note(_conn: Any, _cursor: Any, statement: str, parameters: Any, *_rest: Any) -> None:
        noted.append((statement, parameters))

    event.listen(workspace.engine, "before_cursor_execute", note)
    try:
        started = time.perf_counter()
        report_figures(workspace, start=START, end=END)
        elapsed = time.perf_counter() - started
    finally:
        event.remove(workspace.engine, "before_cursor_execute", note)
    return elapsed, noted


def raw_run(connection: Any, statements: list[tuple[str, Any]]) -> float:
    started = time.perf_counter()
    for statement, parameters in statements:
        if statement.lstrip().upper().startswith(("BEGIN", "COMMIT", "ROLLBACK")):
            continue
        connection.execute(statement, parameters or ()).fetchall()
    return time.perf_counter() - started


def whole_command(path: Path) -> float:
    with tempfile.TemporaryDirectory() as folder:
        started = time.perf_counter()
        subprocess.run(
            [sys.executable, "-m", "app.cli", "report", "--workspace", str(path),
             "--passphrase-stdin", "--from", START.isoformat(), "--to", END.isoformat(),
             "--out", str(Path(folder) / "report.docx")],
            input=PASSPHRASE + "\n", capture_output=True, text=True, check=True, cwd=ROOT,
        )  # fmt: skip
        return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("path", type=Path, nargs="?")
    parser.add_argument("--repeats", type=int, default=7)
    args = parser.parse_args()
    cipher.fictional_data_only()
    clock.set_clock(lambda: dt.datetime.combine(TODAY, dt.time(10), tzinfo=dt.UTC))
    with tempfile.TemporaryDirectory() as scratch:
        path = args.path
        if path is None:
            from app.services.demo import add_demo_data

            path = Path(scratch) / "bench.macpt"
            made = create_workspace(path, PASSPHRASE)
            add_demo_data(made)
            made.close()
        print(f"load average before: {os.getloadavg()[0]:.2f}")
        workspace = open_workspace(path, PASSPHRASE)
        try:
            raw = workspace.engine.raw_connection()
            driver = raw.driver_connection
            app_run(workspace)  # warm-up: caches and the page cache of both
            _, statements = app_run(workspace)
            raw_run(driver, statements)
            apps, raws = [], []
            for _ in range(args.repeats):
                elapsed, statements = app_run(workspace)
                apps.append(elapsed)
                raws.append(raw_run(driver, statements))
            raw.close()
        finally:
            workspace.close()
        whole = whole_command(path)
        print(f"load average after: {os.getloadavg()[0]:.2f}")
    app_ms, raw_ms = statistics.median(apps) * 1000, statistics.median(raws) * 1000
    print(f"statements the report runs: {len(statements)}")
    print(f"report figures: median {app_ms:.0f} ms, p95 {_p95(apps) * 1000:.0f} ms")
    print(f"the same SQL raw: median {raw_ms:.0f} ms, p95 {_p95(raws) * 1000:.0f} ms")
    print(f"ratio: {app_ms / raw_ms:.2f}x (target <= {TARGET}x)")
    print(f"macpt report, whole command (charts and Word included): {whole:.1f} s")


if __name__ == "__main__":
    main()
