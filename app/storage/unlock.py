"""Unlocking a workspace file without changing it until the key is known to be right.

Every check here reads; nothing writes to the workspace, its ``-wal`` or its
``-shm`` before the key has authenticated the current first page and the
``-wal`` has been found readable, so a wrong passphrase or a damaged file
leaves every byte as it was.
"""

from __future__ import annotations

import contextlib
import hashlib
import shutil
import time
from pathlib import Path

from app.errors import WalDamaged
from app.storage import cipher, failures, pages, secrets, wal
from app.storage.instance import InstanceLock

# A backup's temporary file untouched for this long belongs to a killed backup.
STALE_PARTIAL_SECONDS = 15 * 60


def unlock_file(path: Path, passphrase: str) -> tuple[bytearray, bytes, InstanceLock]:
    """The key, salt and instance lock for ``path``; raises the specific error otherwise."""
    failures.preflight(path)
    salt = cipher.read_salt(path)
    lock = InstanceLock(path)
    lock.acquire()
    key: bytearray | None = None
    try:
        report = wal.analyse(path, cipher.PAGE_SIZE)
        key = cipher.derive_key(passphrase, salt)
        if report.damaged:
            # The key is checked on the main file alone, then nothing goes further.
            pages.check_key(path, key, salt, wal.WalReport())
            raise WalDamaged(report.describe(), set_aside(path))
        pages.check_key(path, key, salt, report)
    except BaseException:
        if key is not None:
            secrets.wipe(key)
        lock.release()
        raise
    clear_stale_partials(path.parent)
    return key, salt, lock


def set_aside(path: Path) -> Path:
    """Copy the workspace and its ``-wal`` and ``-shm``, as they are, into a folder beside it."""
    wal_file = wal.wal_path(path)
    digest = hashlib.sha256(wal_file.read_bytes()).hexdigest()[:12]
    folder = path.with_name(f"{path.name}.damaged-{digest}")
    if folder.exists():
        return folder
    partial = path.with_name(f".partial-{folder.name}")
    shutil.rmtree(partial, ignore_errors=True)
    partial.mkdir(mode=0o700)
    for source in (path, *failures.companions(path)):
        if source.exists():
            shutil.copy2(source, partial / source.name)
    partial.rename(folder)
    return folder


def clear_stale_partials(folder: Path) -> list[Path]:
    """Remove temporary files left by backups that were killed part-way.

    A backup in progress writes its file continually; one untouched for
    :data:`STALE_PARTIAL_SECONDS` was abandoned.
    """
    removed = []
    cutoff = time.time() - STALE_PARTIAL_SECONDS
    with contextlib.suppress(OSError):
        for candidate in folder.glob(".partial-*"):
            with contextlib.suppress(OSError):
                if candidate.is_file() and candidate.stat().st_mtime < cutoff:
                    candidate.unlink()
                    removed.append(candidate)
    return removed
