"""Key derivation and raw SQLCipher connections.

The key is derived **once per unlock**: we run SQLCipher 4's own key
derivation (PBKDF2-HMAC-SHA512, 256,000 iterations, the 16-byte salt at the
start of the file) with ``cryptography``, then hand SQLCipher the raw key on every
connection (``PRAGMA key = "x'…'"``), which skips its derivation. A pool of
connections therefore costs one derivation, not one per connection, and the
file stays compatible with any SQLCipher 4 tool given the passphrase.

The key is checked against the file's pages (:mod:`app.storage.pages`) before
:func:`connect` is called, so a failure here is never a wrong passphrase.
"""

from __future__ import annotations

import os
import unicodedata
from pathlib import Path
from typing import Any

import sqlcipher3
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.pbkdf2 import PBKDF2HMAC

from app.errors import NotAWorkspace, WorkspaceDamaged
from app.storage import failures, secrets

SALT_BYTES = 16
PAGE_SIZE = 4096  # SQLCipher 4 default; a workspace is always whole pages
KEY_BYTES = 32
KDF_ITERATIONS = 256_000  # SQLCipher 4 default
_PLAIN_SQLITE_MAGIC = b"SQLite format 3\x00"

# Prepared statements each connection keeps (see connect).
STATEMENT_CACHE = 512

# Each pragma, the value we set and the value SQLite must report back.
REQUIRED_PRAGMAS: tuple[tuple[str, str, object], ...] = (
    ("journal_mode", "WAL", "wal"),
    ("synchronous", "FULL", 2),
    ("foreign_keys", "ON", 1),
    ("secure_delete", "ON", 1),
    ("temp_store", "MEMORY", 2),
    ("cache_size", "-32000", -32000),  # 32 MB of decrypted pages, not the default 2 MB
    # Fold the WAL in every 256 pages (1 MiB) during long bursts of writing.
    ("wal_autocheckpoint", "256", 256),
)


# SQLCipher's memory security (see :func:`fictional_data_only`).
_memory_security = True
_connected = False


def fictional_data_only() -> None:
    """Run this process without SQLCipher's memory security.

    With ``cipher_memory_security`` on, SQLCipher locks every allocation in
    memory (so that it is never swapped to disk) and wipes it when freed: one
    system call per allocation, which makes every statement about four times
    slower. It protects real records, so the app and every other command keep
    it. The demo loader (and the tests) handle only fictional data and call this
    before anything is opened. The setting is process-wide and, once on, stays
    on, so this must come before the first connection.
    """
    global _memory_security
    if _connected and _memory_security:
        raise RuntimeError("memory security is already on in this process")
    _memory_security = False


def memory_security() -> bool:
    """Whether this process's connections lock and wipe SQLCipher's memory."""
    return _memory_security


class StorageSettingsError(RuntimeError):
    """A connection did not accept a pragma the workspace depends on."""


def normalise_passphrase(passphrase: str) -> bytes:
    """The bytes a passphrase stands for, the same however it was typed."""
    return unicodedata.normalize("NFC", passphrase).encode("utf-8")


def derive_key(passphrase: str, salt: bytes) -> bytearray:
    """SQLCipher 4's key for ``passphrase`` with ``salt``.

    ``cryptography`` rather than :mod:`hashlib`: it brings a current OpenSSL, as
    SQLCipher does, where the system one Python links to may be much slower at
    this, and the derivation is nearly all of the time an unlock takes.
    """
    kdf = PBKDF2HMAC(
        algorithm=hashes.SHA512(), length=KEY_BYTES, salt=salt, iterations=KDF_ITERATIONS
    )
    key = bytearray(KEY_BYTES)
    normalised = unicodedata.normalize("NFC", passphrase)
    material = normalised.encode("utf-8")
    try:
        kdf.derive_into(material, key)
    finally:
        # Copies made here; the caller's own text is theirs to wipe.
        secrets.wipe_immutable(material)
        if normalised is not passphrase:
            secrets.wipe_immutable(normalised)
    return key


def new_salt() -> bytes:
    return os.urandom(SALT_BYTES)


def read_salt(path: Path) -> bytes:
    """The salt SQLCipher stored in the first bytes of the file.

    Raises :class:`NotAWorkspace` for what cannot be a workspace: a folder, an
    empty or short file, or a plain SQLite database (an encrypted workspace is
    otherwise indistinguishable from random bytes, so anything else, a file
    cut short included, is left to the key check to decide).
    """
    try:
        with path.open("rb") as handle:
            head = handle.read(1024)
    except IsADirectoryError as exc:
        raise NotAWorkspace(path) from exc
    except OSError as exc:
        raise failures.from_os_error(exc, path) from exc
    if len(head) < 1024 or head.startswith(_PLAIN_SQLITE_MAGIC):
        raise NotAWorkspace(path)
    return head[:SALT_BYTES]


def connect(path: Path, key: bytes | bytearray, *, salt: bytes | None = None) -> Any:
    """Open ``path`` with a raw key, apply and assert every required pragma.

    ``salt`` is given only when creating a file, so that SQLCipher stores ours;
    without it the file must already exist (it is never created in place of
    one that went missing). Every failure is explained by
    :mod:`app.storage.failures`: the key was checked before this is called.
    """
    mode = "rwc" if salt else "rw"
    try:
        conn = sqlcipher3.connect(
            f"{path.absolute().as_uri()}?mode={mode}",
            uri=True,
            check_same_thread=False,
            isolation_level=None,
            # Room for every statement the services use. The driver's default
            # of 128 made a long run of calls prepare the same statements again
            # and again, and with memory security each preparation locks and
            # wipes dozens to hundreds of allocations (one system call each).
            cached_statements=STATEMENT_CACHE,
        )
    except sqlcipher3.Error as exc:
        raise failures.from_sqlite_error(exc, path) from exc
    global _connected
    _connected = True
    try:
        # Silence SQLCipher's own logging before anything can fail: its messages
        # go to stderr and would show up in crash output.
        conn.execute("PRAGMA cipher_log_level = NONE")
        # SQLCipher then locks its key material in memory and wipes what it frees.
        if _memory_security:
            conn.execute("PRAGMA cipher_memory_security = ON")
        secrets.run_with_key(conn, b"PRAGMA key = {key};", key, salt)
        try:
            conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
            apply_pragmas(conn)
        except sqlcipher3.Error as exc:
            raise failures.from_sqlite_error(exc, path) from exc
    except BaseException:
        conn.close()
        raise
    # Left in autocommit: the workspace's engine issues BEGIN itself, so that a
    # transaction covers DDL too (the driver's own would begin only before DML).
    return conn


def apply_pragmas(conn: Any) -> None:
    """Set every required pragma, then read each back and insist it holds."""
    conn.execute("PRAGMA busy_timeout = 5000")
    for name, value, _expected in REQUIRED_PRAGMAS:
        conn.execute(f"PRAGMA {name} = {value}")
    assert_pragmas(conn)


def assert_pragmas(conn: Any) -> None:
    for name, _value, expected in REQUIRED_PRAGMAS:
        actual = conn.execute(f"PRAGMA {name}").fetchone()[0]
        if isinstance(actual, str):
            actual = actual.lower()
        if actual != expected:
            raise StorageSettingsError(f"PRAGMA {name} is {actual!r}, expected {expected!r}")


def is_corruption(exc: BaseException) -> bool:
    return failures.is_corruption(exc)


def integrity_problems(conn: Any) -> list[str]:
    """Every page's HMAC and SQLite's full structure check; empty if none."""
    from app.storage.integrity import page_problems

    return page_problems(conn, structure="integrity_check")


def export_copy(conn: Any, target: Path, key: bytes | bytearray, salt: bytes) -> None:
    """Write an encrypted, consistent copy of the open database to ``target``."""
    quoted = str(target).replace("'", "''").encode("utf-8")
    try:
        secrets.run_with_key(
            conn, b"ATTACH DATABASE '" + quoted + b"' AS backup_copy KEY {key};", key, salt
        )
        conn.execute("SELECT sqlcipher_export('backup_copy')")
        conn.execute("DETACH DATABASE backup_copy")
    except sqlcipher3.DatabaseError as exc:
        if is_corruption(exc):
            raise WorkspaceDamaged() from exc
        raise
