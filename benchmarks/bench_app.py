"""What the chair feels, measured on the real application process at 1,000 and 10,000
children (50,000 with ``--large``).

For each size a workspace is made as the issue asks, by the real commands
(``macpt init``, then ``macpt demo --children N``: journeys built through the
chair's own services, on every core), then, interleaved in one run, ``--runs``
times each:

* the app (``app_driver.py --drive``): press Enter on unlock → Home painted;
  each page's first paint and every return to Home; each page shown again;
  the Reports page until its figures are drawn; a word typed into the
  Meetings, Cases and Register searches at a key every 200 ms with the app's
  own debounce (each key until it is echoed, and the results after the last
  key); the register sorted by other columns; the process's peak memory;
* the floors: a bare PySide6 window with a QTableView of 100 rows (first paint
  and peak memory) and the bare open of the encrypted file (key derivation,
  SQLCipher, one count).

Printed: the load average before and after, medians and 95th percentiles (of
the runs, or of every keystroke), and the growth exponent between sizes
(``log(t2/t1) / log(n2/n1)``: 0 is flat, 1 grows with the workspace).

Run: ``make bench`` or
``QT_QPA_PLATFORM=offscreen .venv/bin/python benchmarks/bench_app.py [--large]
[--sizes 1000,10000] [--runs 3] [--keep DIR]`` (``--keep`` seeds into DIR once
and reuses the files).
"""

from __future__ import annotations

import argparse
import json
import math
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
PASSPHRASE = "violet tractor mango harbour"  # fictional, as in bench_register.py


def _child(args: list[str], stdin: str = "") -> dict[str, Any]:
    env = dict(os.environ, QT_QPA_PLATFORM=os.environ.get("QT_QPA_PLATFORM", "offscreen"))
    done = subprocess.run(
        [sys.executable, *args], input=stdin, capture_output=True, text=True, env=env, check=False
    )
    if done.returncode != 0:
        raise RuntimeError(f"{args[0]} failed:\n{done.stderr[-3000:]}")
    return dict(json.loads(done.stdout.strip().splitlines()[-1]))


def _workspace(folder: Path, children: int) -> Path:
    path = folder / f"bench-{children}.macpt"
    if not path.exists():
        started = time.monotonic()
        for command in (["init"], ["demo", "--children", str(children)]):
            subprocess.run(
                [sys.executable, "-m", "app.cli", *command, "--workspace", str(path),
                 "--passphrase-stdin"],
                input=PASSPHRASE + "\n", text=True, check=True, cwd=HERE.parent,
                stdout=subprocess.DEVNULL,
            )  # fmt: skip
        print(
            f"  made {children:,} demo children in {time.monotonic() - started:.0f} s", flush=True
        )
    return path


def _p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, math.ceil(0.95 * len(ordered)) - 1)]


def _load() -> str:
    return "load average " + ", ".join(f"{v:.2f}" for v in os.getloadavg())


def measure(path: Path, runs: int) -> dict[str, list[float]]:
    """Every figure of every run, by name (keystrokes pooled)."""
    found: dict[str, list[float]] = {}

    def add(name: str, value: Any) -> None:
        if value is None:
            return
        values = value if isinstance(value, list) else [value]
        found.setdefault(name, []).extend(float(v) for v in values)

    driver = str(HERE / "app_driver.py")
    for _ in range(runs):
        for name, value in _child([driver, "--drive", str(path)], PASSPHRASE + "\n").items():
            add(name, value)
        for name, value in _child([driver, "--floor-table"]).items():
            add(f"floor_{name}", value)
        for name, value in _child([driver, "--floor-open", str(path)], PASSPHRASE + "\n").items():
            add(f"floor_{name}", value)
    return found


ROWS = [
    ("Enter on unlock → Home painted", "unlock_to_home_ms", "ms"),
    ("Enter on unlock → Home's deadlines shown", "unlock_to_deadlines_ms", "ms"),
    ("  floor: open the encrypted file", "floor_open_ms", "ms"),
    ("  floor: bare QTableView first paint", "floor_table_paint_ms", "ms"),
    *[
        (f"{page.capitalize()}: first paint", f"{page}_first_ms", "ms")
        for page in ("register", "cases", "meetings", "reports", "settings", "about")
    ],
    ("Reports: figures drawn (after first paint)", "reports_ready_ms", "ms"),
    *[
        (f"{page.capitalize()}: shown again", f"{page}_return_ms", "ms")
        for page in ("register", "cases", "meetings", "reports", "settings", "about")
    ],
    *[
        (f"Return to Home from {page}", f"home_after_{page}_return_ms", "ms")
        for page in ("register", "cases", "meetings", "reports")
    ],
    *[
        (f"{page.capitalize()} search: a keystroke", f"{page}_keystroke_ms", "ms")
        for page in ("meetings", "cases", "register")
    ],
    *[
        (f"{page.capitalize()} search: results after the last key", key, "ms")
        for page, key in (
            ("meetings", "meetings_results_after_last_key_ms"),
            ("cases", "cases_results_after_last_key_ms"),
            ("register", "register_results_after_last_key_ms"),
        )
    ],
    ("Register sorted by another column", "register_sort_ms", "ms"),
    ("Peak memory after unlock", "peak_kb_after_unlock", "MB"),
    ("Peak memory, whole run", "peak_kb", "MB"),
    ("  floor: bare QTableView window", "floor_peak_kb", "MB"),
]


def report(sizes: list[int], results: dict[int, dict[str, list[float]]]) -> None:
    heads = "".join(f" | {n:>6,} median |    p95" for n in sizes)
    growth = " | growth" if len(sizes) > 1 else ""
    print(f"\n{'what the chair feels':<46}{heads}{growth}")
    for label, key, unit in ROWS:
        cells, medians = "", []
        for n in sizes:
            values = results[n].get(key, [])
            if unit == "MB":
                values = [v / 1024 for v in values]
            if not values:
                cells += " |            - |      -"
                medians.append(float("nan"))
                continue
            median = statistics.median(values)
            medians.append(median)
            cells += f" | {median:>10.0f} {unit} | {_p95(values):>6.0f}"
        line = f"{label:<46}{cells}"
        if len(sizes) > 1 and all(m > 0 for m in medians):
            line += f" | {math.log(medians[-1] / medians[0]) / math.log(sizes[-1] / sizes[0]):6.2f}"
        print(line)
    for n in sizes:
        peak = statistics.median(results[n].get("peak_kb_after_unlock", [0]))
        floor = statistics.median(results[n].get("floor_peak_kb", [1]))
        print(f"Peak memory after unlock at {n:,}: {peak / floor:.2f}x the bare table window")


def size_arguments(parser: argparse.ArgumentParser, argv: list[str]) -> argparse.Namespace:
    """The options every benchmark of the real app takes: sizes, runs, a seed folder."""
    parser.add_argument("--sizes", default="1000,10000")
    parser.add_argument("--large", action="store_true", help="add 50,000 children (slow to seed)")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--keep", type=Path, help="seed into this folder once and reuse it")
    return parser.parse_args(argv)


def _sizes(args: argparse.Namespace) -> list[int]:
    sizes = [int(s) for s in args.sizes.split(",")]
    if args.large and 50_000 not in sizes:
        sizes.append(50_000)
    return sizes


def main(argv: list[str]) -> int:
    args = size_arguments(argparse.ArgumentParser(description=__doc__.splitlines()[0]), argv)
    sizes = _sizes(args)
    print(f"Before: {_load()} ({os.cpu_count()} cores)", flush=True)
    with tempfile.TemporaryDirectory(prefix="bench-app-") as scratch:
        folder = args.keep or Path(scratch)
        folder.mkdir(parents=True, exist_ok=True)
        results = {}
        for n in sizes:
            path = _workspace(folder, n)
            print(f"  measuring {n:,} children ({args.runs} runs)…", flush=True)
            results[n] = measure(path, args.runs)
    report(sizes, results)
    print(f"After: {_load()}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
