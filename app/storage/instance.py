"""One instance per workspace, by an OS file lock beside the workspace.

The OS releases the lock when its process dies, so a lock left behind by a
killed process is recovered simply by taking it again.
"""

from __future__ import annotations

import os
from pathlib import Path

import filelock

from app.errors import WorkspaceInUse


class InstanceLock:
    def __init__(self, workspace_path: Path) -> None:
        self.path = workspace_path.with_name(workspace_path.name + ".lock")
        self._lock = filelock.FileLock(str(self.path), timeout=0, is_singleton=False)

    def acquire(self) -> None:
        try:
            self._lock.acquire()
        except filelock.Timeout as exc:
            raise WorkspaceInUse() from exc
        # The pid helps an administrator; it is not needed for recovery.
        try:
            with open(self.path, "w", encoding="ascii") as handle:
                handle.write(f"{os.getpid()}\n")
        except OSError:
            pass

    def release(self) -> None:
        if self._lock.is_locked:
            self._lock.release(force=True)

    @property
    def held(self) -> bool:
        return bool(self._lock.is_locked)
