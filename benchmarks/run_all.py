"""Run every benchmark (benchmarks/bench_*.py) in turn, each in its own process.

Each prints its own figures and ratios; this prints them one after another and
exits non-zero if any benchmark failed to run (not if a ratio misses its
target: a benchmark measures, it does not pass or fail).

Run: ``make bench`` (or ``.venv/bin/python benchmarks/run_all.py [NAME …]``,
where NAME picks benchmarks by part of their file name, e.g. ``unlock``).
"""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent


def main(argv: list[str]) -> int:
    # bench_app.py and bench_meeting.py drive the whole app at several sizes: `make bench`
    # runs them on their own.
    scripts = sorted(
        s for s in HERE.glob("bench_*.py") if s.stem not in ("bench_app", "bench_meeting")
    )
    if argv:
        scripts = [s for s in scripts if any(name in s.stem for name in argv)]
    if not scripts:
        print("No benchmark matches.", file=sys.stderr)
        return 2
    failed = []
    for script in scripts:
        print(f"== {script.name}", flush=True)
        started = time.monotonic()
        result = subprocess.run([sys.executable, str(script)], check=False)
        print(f"   ({time.monotonic() - started:.0f} s)\n", flush=True)
        if result.returncode != 0:
            failed.append(script.name)
    if failed:
        print("Failed to run: " + ", ".join(failed), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
