"""One instance per workspace file, whatever path, link or copy of the name it is opened by.

On POSIX systems the lock is an ``flock`` on the workspace file itself: it
belongs to the file (its device and inode), so a symbolic link or a hard link
finds the same lock, and there is no lock file to delete. ``flock`` locks are
separate from the ``fcntl`` locks SQLite takes, and the OS releases them when
the process dies, so a killed instance leaves nothing to clear up.

On Windows, where a lock on the file would block SQLite's own reads, the lock
is a file in the user's data folder named after the volume and file index
(Windows' device and inode).
"""

from __future__ import annotations

import contextlib
import os
from pathlib import Path

from app.errors import WorkspaceInUse
from app.storage import failures


class InstanceLock:
    def __init__(self, workspace_path: Path) -> None:
        self.workspace_path = workspace_path
        self._fd: int | None = None
        self._fallback: object | None = None

    def acquire(self) -> None:
        """Take the lock, or raise :class:`WorkspaceInUse`. The file must exist."""
        try:
            fd = os.open(self.workspace_path, os.O_RDONLY | getattr(os, "O_CLOEXEC", 0))
        except OSError as exc:
            raise failures.from_os_error(exc, self.workspace_path) from exc
        if os.name != "posix":
            self._acquire_by_identity(fd)
            return
        import fcntl

        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError as exc:
            os.close(fd)
            raise WorkspaceInUse() from exc
        except OSError:
            os.close(fd)  # a file system without flock: fall back to the identity lock
            fd = os.open(self.workspace_path, os.O_RDONLY)
            self._acquire_by_identity(fd)
            return
        self._fd = fd

    def _acquire_by_identity(self, fd: int) -> None:
        import filelock
        import platformdirs

        from app.paths import APP_DIR_NAME, ensure_private_dir

        stat = os.fstat(fd)
        os.close(fd)
        folder = Path(platformdirs.user_data_dir(APP_DIR_NAME, appauthor=False)) / "locks"
        ensure_private_dir(folder)
        lock = filelock.FileLock(
            str(folder / f"{stat.st_dev:x}-{stat.st_ino:x}.lock"), timeout=0, is_singleton=False
        )
        try:
            lock.acquire()
        except filelock.Timeout as exc:
            raise WorkspaceInUse() from exc
        self._fallback = lock

    def release(self) -> None:
        """Let go of the lock; only call it once SQLite has closed the file.

        Closing any descriptor of a file drops every ``fcntl`` lock the process
        holds on it, SQLite's included, so this must come last.
        """
        if self._fd is not None:
            with contextlib.suppress(OSError):
                os.close(self._fd)
            self._fd = None
        if self._fallback is not None:
            self._fallback.release(force=True)  # type: ignore[attr-defined]
            self._fallback = None

    @property
    def held(self) -> bool:
        return self._fd is not None or self._fallback is not None
