"""Meeting mode and the exports, measured on the real application process at 1,000 and
10,000 children (50,000 with ``--large``).

For each size a workspace is made by the real commands (``macpt init``, ``macpt
demo --children N``, as ``bench_app.py`` makes it), copied once to
``bench-N-meeting.macpt``, and given one strategy meeting with 50 people
invited and 80 actions through the chair's own services
(``meeting_driver.py --seed``); the seeded file itself is left as it was, so
``bench_app.py`` can share the folder. Then, interleaved in one run, ``--runs``
times each:

* the app (``meeting_driver.py --drive``): unlock by typing the passphrase; open
  the child's case, then the meeting (Open meeting → meeting mode painted);
  every agenda item with Next until painted; Actions shown again; an invitee
  marked arrived and put back; keys typed into the notes and an action at a key
  every 200 ms (each key until echoed, then until stored); Export minutes twice
  (the file dialog answered in advance); leave meeting mode;
* ``macpt export census`` in a fresh process, start to finish, as a user runs it;
* the floors (``meeting_floors.py``): a bare PySide6 window with the same lines
  (50 attendees, a page of 80 actions) and keys typed into its notes, and the
  same window again in the app's style sheet and event filters; python-docx
  alone writing the minutes' paragraphs and tables; a bare census (SQLCipher,
  three SQL statements, XML written by hand) in a fresh process.

Printed: one JSON line per process and per figure, then a table: the load
average before and after, medians and 95th percentiles (of the runs, or of
every keystroke), the ratio to the floor, and the growth exponent between the
smallest and largest size (``log(t2/t1) / log(n2/n1)``: 0 is flat, 1 grows with
the workspace).

Run: ``make bench`` or
``QT_QPA_PLATFORM=offscreen .venv/bin/python benchmarks/bench_meeting.py [--large]
[--sizes 1000,10000] [--runs 3] [--keep DIR]``.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from bench_app import PASSPHRASE, _child, _load, _p95, _sizes, _workspace, size_arguments

HERE = Path(__file__).resolve().parent
DRIVER = str(HERE / "meeting_driver.py")
FLOORS = str(HERE / "meeting_floors.py")


def growth(sizes: list[int], medians: list[float]) -> float | None:
    """How a time grows between the smallest and largest size: 0 flat, 1 linear."""
    if len(sizes) < 2 or not all(m > 0 for m in (medians[0], medians[-1])):
        return None
    return math.log(medians[-1] / medians[0]) / math.log(sizes[-1] / sizes[0])


def meeting_workspace(seeded: Path) -> tuple[Path, dict[str, Any]]:
    """The copy of ``seeded`` holding the benchmark's meeting, made once and then reused."""
    copy = seeded.with_name(f"{seeded.stem}-meeting.macpt")
    ids = copy.with_suffix(".json")
    if copy.exists() and ids.exists():
        return copy, json.loads(ids.read_text())
    for stale in (copy, ids, *copy.parent.glob(f"{copy.name}-*")):
        stale.unlink(missing_ok=True)
    started = time.monotonic()
    shutil.copyfile(seeded, copy)
    made = _child([DRIVER, "--seed", str(copy)], PASSPHRASE + "\n")
    ids.write_text(json.dumps(made))
    print(
        f"  added a meeting ({made['attendees']} invited, {made['actions']} actions) "
        f"to a copy in {time.monotonic() - started:.0f} s",
        flush=True,
    )
    return copy, made


def _timed(args: list[str], stdin: str) -> tuple[float, str]:
    """Wall time of a fresh process, start to exit, and what it printed."""
    started = time.perf_counter()
    done = subprocess.run(
        [sys.executable, *args], input=stdin, capture_output=True, text=True, check=False,
        cwd=HERE.parent,
    )  # fmt: skip
    took = round((time.perf_counter() - started) * 1000, 1)
    if done.returncode != 0:
        raise RuntimeError(f"{args[:3]} failed:\n{done.stderr[-3000:]}")
    return took, done.stdout


def measure(path: Path, made: dict[str, Any], runs: int, size: int) -> dict[str, list[float]]:
    """Every figure of every run, by name (keystrokes pooled); one JSON line per process."""
    found: dict[str, list[float]] = {}

    def add(process: str, prefix: str, result: dict[str, Any], run: int) -> None:
        print(json.dumps({"children": size, "run": run, "process": process, **result}), flush=True)
        for name, value in result.items():
            values = value if isinstance(value, list) else [value]
            found.setdefault(prefix + name, []).extend(float(v) for v in values if v is not None)

    for run in range(1, runs + 1):
        with tempfile.TemporaryDirectory(prefix="bench-meeting-") as scratch:
            folder = Path(scratch)
            drive = [DRIVER, "--drive", str(path), made["meeting_id"], made["case_id"], scratch]
            app = _child(drive, PASSPHRASE + "\n")
            add("app", "", app, run)
            floor = _child([FLOORS, "--window", str(int(app["agencies"]))])
            add("floor-window", "floor_", floor, run)
            styled = _child([FLOORS, "--window-styled", str(int(app["agencies"]))])
            add("floor-window-styled", "styled_", styled, run)
            docx = [FLOORS, "--docx", str(folder / "blocks.json"), str(folder / "floor.docx")]
            add("floor-docx", "floor_", _child(docx), run)
            out = folder / "census.xml"
            census = ["-m", "app.cli", "export", "census", "--workspace", str(path)]
            took, said = _timed([*census, "--passphrase-stdin", "--out", str(out)], PASSPHRASE)
            children = re.search(r"for (\d+) children", said)
            add(
                "macpt export census",
                "",
                {
                    "census_ms": took,
                    "census_children": int(children.group(1)) if children else None,
                    "census_kb": round(out.stat().st_size / 1024),
                },
                run,
            )
            took, said = _timed([FLOORS, "--census", str(path), str(out)], PASSPHRASE)
            add("floor-census", "floor_", {"census_ms": took, **json.loads(said)}, run)
    return found


# (what the chair does, the app's figure, the floor's figure or None, unit)
ROWS: list[tuple[str, str, str | None, str]] = [
    ("Enter on unlock → Home painted", "unlock_to_home_ms", None, "ms"),
    ("Case opened → painted", "case_open_ms", None, "ms"),
    ("Open meeting → meeting mode painted", "meeting_open_ms", "floor_meeting_open_ms", "ms"),
    (
        "  floor window, app's style",
        "styled_meeting_open_ms",
        "floor_meeting_open_ms",
        "ms",
    ),
    ("Next → a notes item painted", "item_notes_first_ms", None, "ms"),
    ("Next → Information from each agency", "item_agency-information_first_ms", None, "ms"),
    ("Next → Risk to others", "item_risk-to-others_first_ms", None, "ms"),
    ("Next → Threshold decision", "item_decision_first_ms", None, "ms"),
    ("Next → Actions (80 actions)", "item_actions_first_ms", "floor_item_actions_first_ms", "ms"),
    (
        "  floor's 80 actions, app's style",
        "styled_item_actions_first_ms",
        "floor_item_actions_first_ms",
        "ms",
    ),
    ("Next → Timescales", "item_timescales_first_ms", None, "ms"),
    ("Actions shown again", "item_actions_return_ms", None, "ms"),
    (
        "Arrived → attendance repainted",
        "attendance_arrived_ms",
        "floor_attendance_arrived_ms",
        "ms",
    ),
    ("Back to Invited → repainted", "attendance_status_ms", "floor_attendance_arrived_ms", "ms"),
    ("Notes: a keystroke echoed", "notes_keystroke_ms", "floor_notes_keystroke_ms", "ms"),
    ("An action: a keystroke echoed", "action_keystroke_ms", "floor_notes_keystroke_ms", "ms"),
    ("Notes stored after the last key", "notes_stored_after_last_key_ms", None, "ms"),
    ("Export minutes, first", "minutes_export_1_ms", "floor_minutes_export_1_ms", "ms"),
    ("Export minutes, again", "minutes_export_2_ms", "floor_minutes_export_2_ms", "ms"),
    ("Leave meeting mode → case painted", "leave_ms", None, "ms"),
    ("macpt export census, start to exit", "census_ms", "floor_census_ms", "ms"),
    ("Peak memory, meeting mode open", "peak_kb_meeting_open", None, "MB"),
]


def summary(sizes: list[int], results: dict[int, dict[str, list[float]]]) -> list[dict[str, Any]]:
    """One record per figure and size: median, p95, the floor's median and the ratio."""
    records = []
    for label, key, floor_key, unit in ROWS:
        scale = 1 / 1024 if unit == "MB" else 1
        for n in sizes:
            values = [v * scale for v in results[n].get(key, [])]
            if not values:
                continue
            record: dict[str, Any] = {"figure": label, "key": key, "children": n, "unit": unit}
            record["median"] = round(statistics.median(values), 1)
            record["p95"] = round(_p95(values), 1)
            floor = results[n].get(floor_key or "", [])
            if floor:
                record["floor_median"] = round(statistics.median(floor), 1)
                record["ratio"] = round(record["median"] / max(record["floor_median"], 0.1), 2)
            records.append(record)
    return records


def report(sizes: list[int], records: list[dict[str, Any]]) -> None:
    heads = "".join(f" | {n:>6,}: median    p95  ×floor" for n in sizes)
    print(f"\n{'what the chair feels':<40}{heads} | growth")
    for label, key, _floor, unit in ROWS:
        by_size = {r["children"]: r for r in records if r["key"] == key}
        if not by_size:
            continue
        cells, medians = "", []
        for n in sizes:
            r = by_size.get(n)
            if r is None:
                cells += " |" + " " * 29
                medians.append(float("nan"))
                continue
            ratio = f"{r['ratio']:>6.1f}×" if "ratio" in r else " " * 7
            cells += f" | {r['median']:>12.0f} {unit:<2} {r['p95']:>6.0f} {ratio}"
            medians.append(r["median"])
        exponent = growth(sizes, medians)
        print(f"{label:<40}{cells} | {'' if exponent is None else f'{exponent:6.2f}'}")


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    args = size_arguments(parser, argv)
    sizes = _sizes(args)
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    os.umask(0o077)  # the workspace copies are for this user alone, as the app's own are
    before = _load()
    print(f"Before: {before} ({os.cpu_count()} cores)", flush=True)
    results = {}
    with tempfile.TemporaryDirectory(prefix="bench-meeting-") as scratch:
        folder = args.keep or Path(scratch)
        folder.mkdir(parents=True, exist_ok=True)
        for n in sizes:
            path, made = meeting_workspace(_workspace(folder, n))
            print(f"  measuring {n:,} children ({args.runs} runs)…", flush=True)
            results[n] = measure(path, made, args.runs, n)
    records = summary(sizes, results)
    for record in records:
        print(json.dumps(record))
    after = _load()
    print(json.dumps({"load_before": before, "load_after": after}))
    report(sizes, records)
    print(f"Before: {before}\nAfter: {after}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
