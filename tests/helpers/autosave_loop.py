"""Autosave one child's field in an endless loop, acknowledging each commit.

Usage: autosave_loop.py WORKSPACE CHILD_ID PREFIX, with the passphrase on stdin.
Saves "PREFIX N" into the child's "known as" field for N = 1, 2, … and prints
"ready" once unlocked, then "ack N" after the N-th save has committed.
The test kills this process with SIGKILL at an arbitrary moment.
"""

from __future__ import annotations

import itertools
import sys
from pathlib import Path

from app.services.records import save_field
from app.services.workspace import open_workspace


def main() -> None:
    path, child_id, prefix = Path(sys.argv[1]), sys.argv[2], sys.argv[3]
    workspace = open_workspace(path, sys.stdin.readline().rstrip("\n"))
    print("ready", flush=True)
    for n in itertools.count(1):
        save_field(
            workspace, table="child", record_id=child_id, field="known_as", value=f"{prefix} {n}"
        )
        print(f"ack {n}", flush=True)


if __name__ == "__main__":
    main()
