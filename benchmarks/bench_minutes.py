"""Minutes export benchmark (issue 3): the app's export against bare python-docx.

In one run, for the same full strategy meeting:

* export: ``export_minutes`` as the app does it: read the meeting from the
  encrypted workspace, render on the template (marking, PAGE/NUMPAGES fields,
  properties), write atomically (fsync, rename) and add the audit entry;
* bare: python-docx's default document with the same paragraphs and tables
  (taken from one exported copy) and nothing else, saved with ``Document.save``.

Each is run REPEATS times, interleaved, after a warm-up; the medians and
their ratio are printed. Target: ratio <= 1.5.

Run: ``.venv/bin/python benchmarks/bench_minutes.py [--repeats N] [--json]``
"""

from __future__ import annotations

import argparse
import functools
import io
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from docx_floor import bare, body_of

from app import clock
from app.exporters.minutes import export_minutes, render_minutes
from app.exporters.minutes_data import load_minutes_data
from app.services.workspace import create_workspace
from tests.conftest import FIXED_NOW, PASSPHRASE
from tests.test_minutes_sample import add_full_meeting

TARGET = 1.5


def render_in_memory(data: Any) -> None:
    render_minutes(data).save(io.BytesIO())


def timed(work: Any) -> float:
    start = time.perf_counter()
    work()
    return time.perf_counter() - start


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=15)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    clock.set_clock(lambda: FIXED_NOW)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        with create_workspace(folder / "bench.macpt", PASSPHRASE) as workspace:
            meeting_id = add_full_meeting(workspace).meeting_id
            exported, plain = folder / "minutes.docx", folder / "bare.docx"

            def export() -> None:
                export_minutes(workspace, meeting_id=meeting_id, target=exported)

            export()
            blocks = body_of(exported)
            for _ in range(2):  # warm-up
                export()
                bare(blocks, plain)
            export_times, bare_times, load_times, render_times = [], [], [], []
            for _ in range(args.repeats):
                export_times.append(timed(export))
                bare_times.append(timed(lambda: bare(blocks, plain)))
                load_times.append(
                    timed(lambda: load_minutes_data(workspace, meeting_id=meeting_id))
                )
                data = load_minutes_data(workspace, meeting_id=meeting_id)
                render_times.append(timed(functools.partial(render_in_memory, data)))
    result = {
        "repeats": args.repeats,
        "paragraphs": sum(1 for kind, _ in blocks if kind == "paragraph"),
        "tables": sum(1 for kind, _ in blocks if kind == "table"),
        "export_ms": round(statistics.median(export_times) * 1000, 1),
        "bare_ms": round(statistics.median(bare_times) * 1000, 1),
        "load_ms": round(statistics.median(load_times) * 1000, 1),
        "render_and_save_in_memory_ms": round(statistics.median(render_times) * 1000, 1),
    }
    result["ratio"] = round(result["export_ms"] / result["bare_ms"], 2)
    result["target"] = TARGET
    if args.json:
        print(json.dumps(result, indent=2))
    else:
        print(
            f"Minutes export ({result['paragraphs']} paragraphs, {result['tables']} tables), "
            f"median of {args.repeats}:"
        )
        print(f"  app export (read, render, atomic save, audit): {result['export_ms']} ms")
        print(f"    of which reading the meeting:                {result['load_ms']} ms")
        print(
            f"    of which rendering and saving in memory:     {result['render_and_save_in_memory_ms']} ms"
        )
        print(f"  bare python-docx, same paragraphs and tables:  {result['bare_ms']} ms")
        verdict = "meets" if result["ratio"] <= TARGET else "misses"
        print(f"  ratio: {result['ratio']}x ({verdict} the target of {TARGET}x)")
    return 0 if result["ratio"] <= TARGET else 1


if __name__ == "__main__":
    sys.exit(main())
