"""Register benchmark: 10,000 children and 40,000 meetings, measured in one run.

Figures (targets from issue 5):

* unlock to first paint: from ``open_workspace`` returning to the first paint
  event of the register table's viewport (the key derivation before it is
  printed separately): target <= 100 ms;
* search keystroke: characters typed one at a time into the search box; for
  each, the time from the key press to the model's reset and the viewport's
  repaint, with the search delay set to 0 so the debounce is not counted
  (median): target <= 30 ms;
* peak memory (ru_maxrss) of this process against a bare PySide6 window
  process started by the same run: target <= 1.6x.

Run: ``QT_QPA_PLATFORM=offscreen .venv/bin/python benchmarks/bench_register.py``
"""

from __future__ import annotations

import datetime as dt
import json
import os
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from sqlalchemy import bindparam, insert, update

from app import clock
from app.models import (
    CaseEpisode,
    Child,
    ChildProtectionPlan,
    ConferenceDecision,
    IcpcTimeframeDecision,
    Meeting,
    MeetingTimescales,
    ThresholdDecision,
    new_id,
)
from app.services.workspace import create_workspace, open_workspace

CHILDREN = 10_000
PASSPHRASE = "violet tractor mango harbour"
TODAY = dt.date(2026, 11, 23)
FIRST = ["Poppy", "Alfie", "Ruby", "Noah", "Ivy", "Leo", "Maisie", "Oscar", "Willow", "Theo"]
LAST = ["Example", "Sample", "Testwood", "Placeholder", "Fictional", "Madeup", "Dummy", "Mock"]
LCPPS = [f"Jordan Demo-Chair {n}" for n in range(1, 13)]

BARE_WINDOW = """
import json, os, resource, sys
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QWidget
app = QApplication(sys.argv)
window = QWidget(); window.resize(1200, 800); window.show()
QTimer.singleShot(200, app.quit)
app.exec()
print(json.dumps({"kb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss}))
"""


def _day(offset: int) -> dt.date:
    return TODAY + dt.timedelta(days=offset)


def _meeting(case_id: str, kind: str, when: dt.date, status: str, chair: str) -> dict[str, Any]:
    return {
        "id": new_id(),
        "case_id": case_id,
        "meeting_type": kind,
        "scheduled_date": when,
        "status": status,
        "chair_name": chair,
    }


def seed(workspace: Any, count: int = CHILDREN) -> int:
    """Bulk-insert ``count`` children with four meetings each; returns meetings added."""
    rng = random.Random(47)
    signed: list[dict[str, Any]] = []
    rows: dict[Any, list[dict[str, Any]]] = {
        table: []
        for table in (
            Child,
            CaseEpisode,
            Meeting,
            ThresholdDecision,
            MeetingTimescales,
            IcpcTimeframeDecision,
            ConferenceDecision,
            ChildProtectionPlan,
        )
    }
    for n in range(count):
        child_id, case_id = new_id(), new_id()
        chair = rng.choice(LCPPS)
        rows[Child].append(
            {
                "id": child_id,
                "la_child_ref": f"BENCH-{n:05d}",
                "first_name": rng.choice(FIRST),
                "last_name": f"{rng.choice(LAST)}{n % 97}",
                "address": "1 Imaginary Lane, Sampletown, ZZ99 1AA",
            }
        )
        rows[CaseEpisode].append(
            {
                "id": case_id,
                "child_id": child_id,
                "opened_on": _day(-400),
                "lcpp_name": chair if n % 3 else None,
            }
        )
        state = n % 10
        start = _day(-rng.randint(1, 300) if state >= 3 else -rng.randint(1, 30))
        # Closed now and signed off once its records are in: the database refuses
        # records added to signed-off minutes.
        strategy = _meeting(case_id, "strategy", start, "closed", chair)
        signed.append({"signed_id": strategy["id"]})
        review = _meeting(case_id, "review", start + dt.timedelta(days=7), "closed", chair)
        icpc = _meeting(case_id, "icpc", start + dt.timedelta(days=21), "closed", chair)
        fourth = _meeting(case_id, "rcpc", start + dt.timedelta(days=100), "closed", chair)
        outcome = "nfa" if state == 9 else rng.choice(["s47-single-agency", "s47-joint"])
        if state < 3:  # an open enquiry: the ICPC is still to come
            icpc["status"] = "scheduled"
            review["status"] = rng.choice(["closed", "scheduled"])
            fourth.update(meeting_type="strategy", scheduled_date=start - dt.timedelta(days=200))
        meetings = [strategy, review, icpc, fourth]
        rows[Meeting] += meetings
        rows[ThresholdDecision].append(
            {
                "id": new_id(),
                "meeting_id": strategy["id"],
                "threshold_met": True,
                "outcome": outcome,
            }
        )
        rows[MeetingTimescales].append(
            {
                "id": new_id(),
                "meeting_id": strategy["id"],
                "strategy_date": start,
                "review_due": start + dt.timedelta(days=7),
                "icpc_due": start + dt.timedelta(days=21),
                "assessment_due": start + dt.timedelta(days=63),
            }
        )
        extended = n % 7 == 0
        rows[IcpcTimeframeDecision].append(
            {
                "id": new_id(),
                "meeting_id": review["id"],
                "strategy_meeting_id": strategy["id"],
                "timeframe": "extended" if extended else "within-15-days",
                "default_due": start + dt.timedelta(days=21),
                "target_date": start + dt.timedelta(days=35) if extended else None,
            }
        )
        if 3 <= state <= 8:
            category = rng.choice(["neglect", "physical-abuse", "emotional-abuse", "multiple"])
            rows[ConferenceDecision].append(
                {
                    "id": new_id(),
                    "meeting_id": icpc["id"],
                    "outcome": "plan-needed",
                    "category": category,
                    "core_group": [],
                    "ongoing_support": [],
                }
            )
            rows[ChildProtectionPlan].append(
                {
                    "id": new_id(),
                    "case_id": case_id,
                    "start_date": icpc["scheduled_date"],
                    "icpc_meeting_id": icpc["id"],
                    "initial_category": category,
                    "latest_category": category,
                    "lcpp_name": chair,
                    "next_review_due": start + dt.timedelta(days=rng.randint(100, 300)),
                    "end_date": _day(-1) if state == 8 else None,
                }
            )
    with workspace.transaction() as session:
        for model, values in rows.items():
            session.execute(insert(model.__table__), values)
        table = Meeting.__table__
        session.execute(
            update(table).where(table.c.id == bindparam("signed_id")).values(status="signed-off"),
            signed,
        )
    return len(rows[Meeting])


def seed_workspace_file(path: Path) -> None:
    """Create the benchmark workspace (run in its own process: seeding's memory is not counted)."""
    started = time.perf_counter()
    workspace = create_workspace(path, PASSPHRASE)
    meetings = seed(workspace)
    workspace.close()
    print(
        json.dumps(
            {"children": CHILDREN, "meetings": meetings, "seconds": time.perf_counter() - started}
        )
    )


def measure(path: Path) -> None:
    """Unlock, show the register, type into its search box; print the figures as JSON."""
    from PySide6.QtCore import QEvent, QEventLoop, QObject
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication, QLineEdit

    from app.ui.register import RegisterView

    app = QApplication(sys.argv)
    painted: list[float] = []

    class PaintWatch(QObject):
        def eventFilter(self, watched: Any, event: Any) -> bool:
            if event.type() == QEvent.Type.Paint:
                painted.append(time.perf_counter())
            return False

    def spin_until(done: Any) -> None:
        deadline = time.perf_counter() + 30
        while not done() and time.perf_counter() < deadline:
            app.processEvents(QEventLoop.ProcessEventsFlag.WaitForMoreEvents, 5)

    # The app shows its unlock window before unlocking, so Qt's fonts and style
    # are ready by then: a passphrase field shown and painted stands in for it.
    stand_in = QLineEdit()
    stand_in.installEventFilter(PaintWatch(stand_in))
    stand_in.show()
    spin_until(lambda: bool(painted))
    stand_in.close()
    painted.clear()

    started = time.perf_counter()
    workspace = open_workspace(path, PASSPHRASE)
    unlocked = time.perf_counter()
    before_view_kb = _rss_kb()
    view = RegisterView(workspace)
    watch = PaintWatch()
    view.table.viewport().installEventFilter(watch)
    view.resize(1280, 800)
    view.show()
    spin_until(lambda: bool(painted))
    first_paint = time.perf_counter()
    counted: list[float] = []
    view.summary.counted.connect(lambda _n: counted.append(time.perf_counter()))
    spin_until(lambda: bool(counted))

    view.filter_bar.search_delay_ms = 0  # the debounce is a choice, not work
    search = view.filter_bar.search
    search.setFocus()
    resets: list[float] = []
    view.model.modelReset.connect(lambda: resets.append(time.perf_counter()))
    keystrokes: list[float] = []
    for word in ("poppy", "sample", "bench-01", "oscar mock"):
        search.clear()
        spin_until(lambda: not view.summary.busy)
        for character in word:
            painted.clear()
            resets.clear()
            pressed = time.perf_counter()
            QTest.keyClicks(search, character)
            spin_until(lambda: bool(resets) and any(p > resets[0] for p in painted))
            keystrokes.append(time.perf_counter() - pressed)
    rows = view.model.rowCount()
    view.summary.stop()
    view.hide()
    workspace.close()
    print(
        json.dumps(
            {
                "unlock_ms": (unlocked - started) * 1000,
                "first_paint_ms": (first_paint - unlocked) * 1000,
                "count_ready_ms": (counted[0] - unlocked) * 1000,
                "keystroke_median_ms": statistics.median(keystrokes) * 1000,
                "keystroke_max_ms": max(keystrokes) * 1000,
                "keystrokes": len(keystrokes),
                "rows_after_search": rows,
                "maxrss_kb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,
                "before_view_kb": before_view_kb,
            }
        )
    )


def _rss_kb() -> int:
    """The resident memory now (Linux), to tell the register's share from the imports'."""
    with open("/proc/self/status", encoding="ascii") as status:
        for entry in status:
            if entry.startswith("VmRSS:"):
                return int(entry.split()[1])
    return 0


def _child(*args: str) -> dict[str, Any]:
    env = dict(os.environ, QT_QPA_PLATFORM=os.environ.get("QT_QPA_PLATFORM", "offscreen"))
    result = subprocess.run(
        [sys.executable, *args], capture_output=True, text=True, check=True, env=env
    )
    return dict(json.loads(result.stdout.strip().splitlines()[-1]))


# Each side runs in this many fresh processes; the median is reported, so one
# run disturbed by other work on the machine does not decide the figures.
RUNS = 3


def main() -> int:
    clock.set_clock(lambda: dt.datetime.combine(TODAY, dt.time(10), tzinfo=dt.UTC))
    with tempfile.TemporaryDirectory(prefix="bench-register-") as folder:
        path = Path(folder) / "bench.macpt"
        seeded = _child(__file__, "--seed", str(path))
        bare_kb = statistics.median(int(_child("-c", BARE_WINDOW)["kb"]) for _ in range(RUNS))
        runs = [_child(__file__, "--measure", str(path)) for _ in range(RUNS)]

    def median(key: str) -> float:
        return float(statistics.median(run[key] for run in runs))

    def spread(key: str) -> str:
        return ", ".join(f"{run[key]:.1f}" for run in runs)

    peak_kb, before_kb = median("maxrss_kb"), median("before_view_kb")
    print(
        f"Seeded {seeded['children']:,} children and {seeded['meetings']:,} meetings "
        f"in {seeded['seconds']:.1f} s; medians of {RUNS} runs (each run in brackets)"
    )
    print(f"Unlock (key derivation and checks)     {median('unlock_ms'):7.1f} ms")
    print(
        f"Unlock to first paint of the register  {median('first_paint_ms'):7.1f} ms"
        f"  [{spread('first_paint_ms')}]  target <= 100 ms"
    )
    print(f"Count and LCPPs ready (worker thread)  {median('count_ready_ms'):7.1f} ms after unlock")
    print(
        f"Search keystroke, median of {runs[0]['keystrokes']}        "
        f"{median('keystroke_median_ms'):7.1f} ms  [{spread('keystroke_median_ms')}]"
        f"  slowest {max(run['keystroke_max_ms'] for run in runs):.1f} ms; target <= 30 ms"
    )
    print(
        f"Peak memory {peak_kb / 1024:.0f} MB vs a bare PySide6 window {bare_kb / 1024:.0f} MB:"
        f" {peak_kb / bare_kb:.2f}x  target <= 1.6x"
    )
    print(
        f"  unlocked, before the register was shown: {before_kb / 1024:.0f} MB"
        f" ({before_kb / bare_kb:.2f}x); the register's own share:"
        f" {(peak_kb - before_kb) / 1024:.0f} MB"
    )
    return 0


if __name__ == "__main__":
    if len(sys.argv) == 3 and sys.argv[1] == "--seed":
        clock.set_clock(lambda: dt.datetime.combine(TODAY, dt.time(10), tzinfo=dt.UTC))
        seed_workspace_file(Path(sys.argv[2]))
    elif len(sys.argv) == 3 and sys.argv[1] == "--measure":
        clock.set_clock(lambda: dt.datetime.combine(TODAY, dt.time(10), tzinfo=dt.UTC))
        measure(Path(sys.argv[2]))
    else:
        sys.exit(main())
