"""Keep a workspace open until standard input closes (or the process is killed).

Usage: hold_open.py WORKSPACE, with the passphrase on the first line of stdin.
Prints "open" once unlocked and "closed" after closing on end of input.
"""

from __future__ import annotations

import sys
from pathlib import Path

from app.services.workspace import open_workspace


def main() -> None:
    workspace = open_workspace(Path(sys.argv[1]), sys.stdin.readline().rstrip("\n"))
    print("open", flush=True)
    sys.stdin.read()
    workspace.close()
    print("closed", flush=True)


if __name__ == "__main__":
    main()
