"""Saying what went wrong with a workspace's files, one clear error for each cause.

SQLite reports several different problems with the same few words ("unable to
open database file", "disk I/O error"), so the file, its folder and its
``-wal`` and ``-shm`` are looked at to find the cause. Nothing here ever says
"wrong passphrase": only the key check in :mod:`app.storage.pages` does.
"""

from __future__ import annotations

import errno
import os
from pathlib import Path

from app.errors import (
    DiskFull,
    MacptError,
    NameTooLong,
    NotAWorkspace,
    PermissionDenied,
    ReadOnlyDisk,
    StorageFailure,
    WorkspaceDamaged,
    WorkspaceInUse,
    WorkspaceNotFound,
    WorkspaceReadOnly,
)

CORRUPTION_MARKERS = ("file is not a database", "malformed", "hmac check failed", "disk image")
# Less free space than this and a failed write is put down to a full disk.
LOW_SPACE_BYTES = 1 << 20


def companions(path: Path) -> tuple[Path, Path]:
    return Path(f"{path}-wal"), Path(f"{path}-shm")


def _read_only_disk(folder: Path) -> bool:
    try:
        return bool(os.statvfs(folder).f_flag & os.ST_RDONLY)
    except (OSError, AttributeError):
        return False


def _free_bytes(folder: Path) -> int | None:
    try:
        stats = os.statvfs(folder)
    except (OSError, AttributeError):
        return None
    return stats.f_bavail * stats.f_frsize


def preflight(path: Path, *, write: bool = True) -> None:
    """Raise the specific error if ``path`` cannot be opened (for writing).

    Checked before unlocking, so that a read-only file or folder, a missing
    file or a name the disk refuses is named as such.
    """
    try:
        name_max = os.pathconf(path.parent if path.parent.exists() else ".", "PC_NAME_MAX")
    except (OSError, ValueError, AttributeError):
        name_max = 255
    if len(os.fsencode(path.name)) > name_max:
        raise NameTooLong(path)
    try:
        is_file = path.is_file()
        exists = is_file or path.exists()
    except OSError as exc:
        raise from_os_error(exc, path) from exc
    if not exists:
        raise WorkspaceNotFound(path)
    if not is_file:
        raise NotAWorkspace(path)
    folder = path.parent
    if not os.access(path, os.R_OK):
        raise PermissionDenied(path, "read")
    if not os.access(folder, os.X_OK):
        raise PermissionDenied(folder, "open the folder")
    if not write:
        return
    if _read_only_disk(folder):
        raise ReadOnlyDisk(folder)
    if not os.access(path, os.W_OK):
        raise WorkspaceReadOnly(path)
    for companion in companions(path):
        if companion.exists() and not os.access(companion, os.R_OK | os.W_OK):
            raise PermissionDenied(companion, "read and write")
    if not os.access(folder, os.W_OK):
        raise PermissionDenied(folder, "create files in")


def from_os_error(exc: OSError, path: Path) -> MacptError:
    """The error a user should see for an operating-system failure on ``path``."""
    where = Path(exc.filename) if exc.filename else path
    if exc.errno in (errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC), errno.EFBIG):
        return DiskFull(where.parent)
    if exc.errno == errno.EROFS:
        return ReadOnlyDisk(where.parent)
    if exc.errno in (errno.EACCES, errno.EPERM):
        return PermissionDenied(where, "write to" if where.exists() else "create")
    if exc.errno == errno.ENOENT:
        return WorkspaceNotFound(where)
    if exc.errno == errno.ENAMETOOLONG:
        return NameTooLong(where)
    if exc.errno == errno.EISDIR:
        return NotAWorkspace(where)
    return StorageFailure(where, exc.strerror or type(exc).__name__)


STORAGE_MARKERS = (
    *CORRUPTION_MARKERS,
    "disk is full",
    "readonly",
    "unable to open",
    "disk i/o error",
    "database is locked",
)


def is_storage_failure(exc: BaseException) -> bool:
    """Whether an SQLite error is about the file (not a constraint or a query)."""
    text = str(exc).lower()
    return any(marker in text for marker in STORAGE_MARKERS)


def is_corruption(exc: BaseException) -> bool:
    text = str(exc).lower()
    return any(marker in text for marker in CORRUPTION_MARKERS)


def from_sqlite_error(exc: BaseException, path: Path) -> MacptError:
    """The error a user should see for an SQLite failure on the (authenticated) ``path``."""
    text = str(exc).lower()
    if is_corruption(exc):
        return WorkspaceDamaged()
    if "database or disk is full" in text:
        return DiskFull(path.parent)
    if "locked" in text or "busy" in text:
        return WorkspaceInUse()
    try:
        preflight(path, write=True)
    except MacptError as specific:
        return specific
    free = _free_bytes(path.parent)
    if free is not None and free < LOW_SPACE_BYTES:
        return DiskFull(path.parent)
    if "readonly" in text:
        return WorkspaceReadOnly(path)
    return StorageFailure(path, str(exc))
