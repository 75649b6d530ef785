"""Command-line start benchmark: ``macpt --version`` and ``macpt --help`` from
process start to exit, against a bare interpreter.

Issue 12's target: ``macpt --version`` in at most 100 ms, each command importing
only what it needs. In one run, interleaved, REPEATS times each after a warm-up,
every one a fresh process of this virtual environment's Python:

* floor: the bare interpreter (``python -c pass``), what any command costs;
* ``macpt --version``, through the installed console script as a user runs it;
* ``macpt --help``, which lists every command without loading any of them.

Prints the load average before and after, medians, 95th percentiles and each
command's time over the floor. The modules each loads are held by
``tests/test_cli_imports.py``; this only measures.

Run: ``.venv/bin/python benchmarks/bench_cli.py [--repeats N]``
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

from bench_app import _load, _p95

TARGET_MS = 100.0


def _macpt() -> list[str]:
    """The console script beside this Python (as installed), or the module if none is."""
    script = Path(sys.executable).with_name("macpt")
    if script.exists():
        return [str(script)]
    found = shutil.which("macpt")
    return [found] if found else [sys.executable, "-m", "app.cli"]


def _time(args: list[str]) -> float:
    started = time.perf_counter()
    subprocess.run(args, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return (time.perf_counter() - started) * 1000


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=21)
    args = parser.parse_args(argv)
    macpt = _macpt()
    runs = {
        "floor: bare interpreter": [sys.executable, "-c", "pass"],
        "macpt --version": [*macpt, "--version"],
        "macpt --help": [*macpt, "--help"],
    }
    print(f"Before: {_load()} ({os.cpu_count()} cores)", flush=True)
    for command in runs.values():  # warm the file cache and the bytecode
        _time(command)
    times: dict[str, list[float]] = {name: [] for name in runs}
    for _ in range(args.repeats):
        for name, command in runs.items():
            times[name].append(_time(command))
    floor = statistics.median(times["floor: bare interpreter"])
    print(f"\n{'start to exit':28} | median |    p95 | over the floor")
    for name, values in times.items():
        median = statistics.median(values)
        over = "" if name.startswith("floor") else f"{median / floor:.2f}x"
        print(f"{name:28} | {median:4.0f} ms | {_p95(values):4.0f} | {over}")
    version = statistics.median(times["macpt --version"])
    verdict = "met" if version <= TARGET_MS else "missed"
    print(f"\nmacpt --version: {version:.0f} ms against a target of {TARGET_MS:.0f} ms ({verdict})")
    print(f"After: {_load()}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
