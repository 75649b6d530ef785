"""Commit a run of changes with checkpoints off, then die by SIGKILL.

Usage: crash_writer.py WORKSPACE COMMITS, with the passphrase on stdin.
Leaves a crashed workspace whose committed changes are all still in its
``-wal``, as a power cut or a crash would between checkpoints. Prints
"ack N" after the N-th commit; the process never exits normally.
"""

from __future__ import annotations

import os
import signal
import sys
from pathlib import Path

from app.storage import cipher


def main() -> None:
    path, commits = Path(sys.argv[1]), int(sys.argv[2])
    key = cipher.derive_key(sys.stdin.readline().rstrip("\n"), cipher.read_salt(path))
    conn = cipher.connect(path, key)
    conn.execute("PRAGMA wal_autocheckpoint = 0")
    conn.execute("CREATE TABLE IF NOT EXISTS crash_note (n INTEGER, note TEXT)")
    for n in range(1, commits + 1):
        conn.execute("BEGIN IMMEDIATE")
        # Enough text to spread over a few pages, as a real edit of minutes might.
        conn.execute("INSERT INTO crash_note VALUES (?, ?)", (n, f"note {n} " * 300))
        conn.execute("COMMIT")
        print(f"ack {n}", flush=True)
    os.kill(os.getpid(), signal.SIGKILL)


if __name__ == "__main__":
    main()
