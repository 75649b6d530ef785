"""``macpt demo --children N``: how long the real command takes, and what 10,000 would take.

Creates a workspace, then times the command itself in its own process (key
derivation, unlock and all), with the passphrase on standard input. The
figure reported is wall time and the child process's CPU time: on a shared
machine the CPU time is the fairer guide to an idle one. Target (issue 8):
10,000 children in under 10 minutes on a 2-core machine.

Run: ``.venv/bin/python benchmarks/bench_demo_children.py [N]`` (default 1,000,
extrapolated to 10,000: the cost per child does not grow with the workspace,
which ``tests/test_demo_children.py`` holds by counting each child's statements).

Measured on 2 December 2026 (2 cores), the real command on a new workspace:
10,000 children in 9 min 19 s wall, 15 min 26 s of CPU across its processes,
at a load average of 1.1 at the start (~7 min 45 s building in two processes,
~1.5 min merging); again at a load average of 0.1, 6 min 34 s wall and 11 min
33 s of CPU. About 220 SQL statements and ~90 ms of CPU per child. Two changes
took it there from
over 15 minutes: the audit log is written once a transaction commits rather than
at every flush (``app/storage/audit.py``), and a meeting starts with everyone
invited marked arrived in one step.

Where the time went before (cProfile, perf and strace): each child was
~375 SQL statements through the real chair services. With
``PRAGMA cipher_memory_security = ON`` SQLCipher calls ``mlock`` and ``munlock``
on every allocation SQLite makes: a cached statement makes two, but preparing
one makes 75 for the simplest select and hundreds for a join or an insert with
triggers. The driver kept only 128 prepared statements per connection, fewer
than a journey cycles through, so it prepared the same ones again and again:
36,000 ``mlock`` calls per child, ~40% of the CPU in the kernel, ~290 ms of
CPU per child. With 512 (``app/storage/cipher.py``) it is ~14,000 calls and
about half the CPU. The batch itself was not the cause: the same statement
costs the same in a fresh session, and its identity map is emptied at every
commit.
"""

from __future__ import annotations

import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from app.services.workspace import create_workspace  # noqa: E402

PASSPHRASE = "benchmark only: correct horse battery staple"
TARGET_SECONDS = 600


def main() -> None:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 1000
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "bench.macpt"
        create_workspace(path, PASSPHRASE).close()
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        start = time.perf_counter()
        done = subprocess.run(
            [sys.executable, "-m", "app.cli", "demo", "--children", str(count),
             "--workspace", str(path), "--passphrase-stdin"],
            input=PASSPHRASE + "\n", capture_output=True, text=True, check=True, cwd=ROOT,
        )  # fmt: skip
        wall = time.perf_counter() - start
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
        size = path.stat().st_size / 1e6
    scale = 10_000 / count
    print(done.stdout.strip())
    print(f"{count} children: wall {wall:.0f} s, CPU {cpu:.0f} s, workspace {size:.0f} MB")
    print(f"per child: CPU {cpu / count * 1000:.0f} ms, wall {wall / count * 1000:.0f} ms")
    print(f"load average during the run: {os.getloadavg()[0]:.1f} (2 cores: above 2 is shared)")
    print(
        f"10,000 children, extrapolated: wall {wall * scale / 60:.1f} min, "
        f"CPU {cpu * scale / 60:.1f} min (target {TARGET_SECONDS // 60} min)"
    )


if __name__ == "__main__":
    main()
