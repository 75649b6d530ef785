"""Unlock benchmark: ``open_workspace`` against one bare SQLCipher passphrase open.

In one run, on the same workspace file (holding the demo data):

* unlock: ``open_workspace`` as the app does it: read the salt, take the
  instance lock, derive the key once, connect with the raw key, set and
  assert every pragma, build the connection pool and check the schema revision;
* bare: ``sqlcipher3.connect``, ``PRAGMA key`` with the passphrase (SQLCipher
  derives the key itself) and one read of ``sqlite_master``.

The bare open succeeding also shows the file is a standard SQLCipher 4
database. Each is run REPEATS times, interleaved, after a warm-up; closing is
not timed. Medians and their ratio are printed. Target: ratio <= 1.2.

Run: ``.venv/bin/python benchmarks/bench_unlock.py [--repeats N] [--json]``
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import sqlcipher3

from app.services.demo import add_demo_data
from app.services.workspace import create_workspace, open_workspace

TARGET = 1.2
PASSPHRASE = "violet tractor mango harbour"  # the tests' fictional passphrase


def unlock(path: Path) -> float:
    started = time.perf_counter()
    workspace = open_workspace(path, PASSPHRASE)
    elapsed = time.perf_counter() - started
    workspace.close()
    return elapsed


def bare(path: Path) -> float:
    started = time.perf_counter()
    conn = sqlcipher3.connect(str(path))
    quoted = PASSPHRASE.replace("'", "''")  # PRAGMA takes no parameters
    conn.execute(f"PRAGMA key = '{quoted}'")
    tables = conn.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]
    elapsed = time.perf_counter() - started
    conn.close()
    if not tables:
        raise SystemExit("the bare open read nothing: is the passphrase right?")
    return elapsed


def measure(repeats: int) -> dict[str, object]:
    with tempfile.TemporaryDirectory(prefix="macpt-bench-") as folder:
        path = Path(folder) / "bench.macpt"
        with create_workspace(path, PASSPHRASE) as workspace:
            add_demo_data(workspace)
        unlock(path)  # warm-up: imports, page cache
        bare(path)
        unlock_times, bare_times = [], []
        for _ in range(repeats):
            unlock_times.append(unlock(path))
            bare_times.append(bare(path))
    unlock_ms = statistics.median(unlock_times) * 1000
    bare_ms = statistics.median(bare_times) * 1000
    return {
        "repeats": repeats,
        "unlock_ms": round(unlock_ms, 1),
        "bare_ms": round(bare_ms, 1),
        "ratio": round(unlock_ms / bare_ms, 2),
        "target": TARGET,
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=7)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    result = measure(args.repeats)
    if args.json:
        print(json.dumps(result, indent=2))
        return 0
    verdict = "within" if float(result["ratio"]) <= TARGET else "OVER"  # type: ignore[arg-type]
    print(f"Unlock (median of {args.repeats}):")
    print(f"  open_workspace:                             {result['unlock_ms']} ms")
    print(f"  bare sqlcipher3 connect, PRAGMA key, read:  {result['bare_ms']} ms")
    print(f"  ratio: {result['ratio']}x ({verdict} the target of {TARGET}x)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
