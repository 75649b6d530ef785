"""Change a workspace's passphrase back and forth until killed.

Usage: rekey_loop.py WORKSPACE, with two passphrases on stdin: the current one,
then the other. Prints "ready" once unlocked, then "now 1" or "now 2" after
each change has completed, naming the passphrase line that now opens it.
"""

from __future__ import annotations

import itertools
import sys
from pathlib import Path

from app.services.workspace import open_workspace


def main() -> None:
    path = Path(sys.argv[1])
    passphrases = [sys.stdin.readline().rstrip("\n") for _ in range(2)]
    workspace = open_workspace(path, passphrases[0])
    print("ready", flush=True)
    for n in itertools.count(1):
        workspace.rekey(passphrases[n % 2])
        print(f"now {n % 2 + 1}", flush=True)


if __name__ == "__main__":
    main()
