"""Checking a key against the workspace's pages, read directly and never written.

SQLCipher 4 ends each page with a 16-byte IV and an HMAC-SHA512 of the
encrypted page, the IV and the page number, keyed with a key derived from the
encryption key and the salt. Checking that HMAC here tells a wrong passphrase
from a damaged file before any SQLite connection exists: a connection would
recover and checkpoint a crashed workspace's ``-wal`` (and clear its ``-shm``)
before the key had been authenticated.

A key that authenticates the current first page is right. One that
authenticates none of the pages sampled is wrong. One that authenticates some
pages but not the first means the file is damaged.
"""

from __future__ import annotations

import contextlib
import hmac
import os
import struct
from hashlib import sha512
from pathlib import Path
from typing import BinaryIO

from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.pbkdf2 import PBKDF2HMAC

from app.errors import NotAWorkspace, WorkspaceDamaged, WrongPassphrase
from app.storage import secrets
from app.storage.wal import WalReport, wal_path

PAGE_SIZE = 4096
SALT_BYTES = 16
HMAC_BYTES = 64
HMAC_SALT_MASK = 0x3A
HMAC_KDF_ITERATIONS = 2
SAMPLE_PAGES = 16


def hmac_key(key: bytes | bytearray, salt: bytes) -> bytearray:
    """SQLCipher 4's page-HMAC key for ``key`` and ``salt`` (wipe it after use)."""
    out = bytearray(32)
    kdf = PBKDF2HMAC(
        algorithm=hashes.SHA512(),
        length=32,
        salt=bytes(b ^ HMAC_SALT_MASK for b in salt),
        iterations=HMAC_KDF_ITERATIONS,
    )
    kdf.derive_into(key, out)
    return out


def authentic(page: bytes, pgno: int, mac_key: bytearray) -> bool:
    if len(page) != PAGE_SIZE:
        return False
    start = SALT_BYTES if pgno == 1 else 0
    body = page[start : PAGE_SIZE - HMAC_BYTES] + struct.pack("<I", pgno)
    expected = hmac.new(mac_key, body, sha512).digest()
    return hmac.compare_digest(expected, page[PAGE_SIZE - HMAC_BYTES :])


def _read_page(handle: BinaryIO, offset: int) -> bytes:
    handle.seek(offset)
    return handle.read(PAGE_SIZE)


def check_key(path: Path, key: bytearray, salt: bytes, wal: WalReport) -> None:
    """Raise unless ``key`` opens the workspace as SQLite will read it.

    Raises :class:`WrongPassphrase` when no page authenticates,
    :class:`NotAWorkspace` for a file of odd size that nothing authenticates,
    and :class:`WorkspaceDamaged` when the key is right but the first page or
    the file's length is not.
    """
    mac_key = hmac_key(key, salt)
    try:
        with contextlib.ExitStack() as files:
            db = files.enter_context(path.open("rb"))
            size = os.fstat(db.fileno()).st_size
            wal_file = files.enter_context(wal_path(path).open("rb")) if wal.pages else None

            def current(pgno: int) -> bytes:
                if wal_file is not None and pgno in wal.pages:
                    return _read_page(wal_file, wal.pages[pgno])
                return _read_page(db, (pgno - 1) * PAGE_SIZE)

            if authentic(current(1), 1, mac_key):
                if size % PAGE_SIZE:
                    raise WorkspaceDamaged("the file has been cut short")
                return
            pages = max(size // PAGE_SIZE, max(wal.pages, default=0))
            sample = range(2, min(pages, SAMPLE_PAGES) + 1)
            if any(authentic(current(n), n, mac_key) for n in sample):
                raise WorkspaceDamaged("its first page does not decrypt")
    finally:
        secrets.wipe(mac_key)
    if size % PAGE_SIZE:
        raise NotAWorkspace(path)
    raise WrongPassphrase()
