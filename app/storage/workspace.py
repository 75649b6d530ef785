"""An encrypted workspace file: create, unlock, re-key, check, back up and close it."""

from __future__ import annotations

import contextlib
import hmac
import os
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import sqlcipher3
from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from sqlalchemy import Connection, Engine, create_engine, event
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.pool import QueuePool

import app.storage.audit  # noqa: F401  (registers the audit listener)
from app import paths
from app.errors import (
    MacptError,
    WorkspaceDamaged,
    WorkspaceExists,
    WrongPassphrase,
)
from app.storage import anchor, audit_check, cipher, failures, secrets
from app.storage.instance import InstanceLock
from app.storage.integrity import BackgroundCheck
from app.storage.quiet import WhenQuiet
from app.storage.unlock import unlock_file

# What a sealed text is bound to (see Workspace.seal).
_SEALED = b"macpt: text kept while locked"


class Workspace:
    """An unlocked workspace: the only holder of the key and the engine.

    Service functions ask it for a transaction; nothing else keeps a session.
    """

    def __init__(self, path: Path, key: bytearray, salt: bytes, lock: InstanceLock) -> None:
        self.path = path
        self._key: bytearray | None = key
        self._salt = salt
        self._lock = lock
        self.actor = "MACPT Companion user"
        self.damaged = False
        self.damage_detail = ""
        self._check: BackgroundCheck | None = None
        self._anchored: anchor.Anchor | None = None
        self._anchor_id = anchor.workspace_id(path, salt)
        self._quiet = WhenQuiet(self._on_quiet)
        self._busy = 0
        self._busy_lock = threading.Lock()
        self.engine: Engine = self._make_engine()
        self._make_sessions()

    # -- connections -----------------------------------------------------
    def _connect(self) -> Any:
        if self._key is None:
            raise MacptError("The workspace is locked. Unlock it to continue.")
        return cipher.connect(self.path, self._key)

    def _make_engine(self) -> Engine:
        import sqlcipher3.dbapi2

        engine = create_engine(
            "sqlite+pysqlite://",
            module=sqlcipher3.dbapi2,
            creator=self._connect,
            poolclass=QueuePool,
            pool_size=2,
            max_overflow=2,
        )
        event.listen(engine, "handle_error", self._on_error)
        event.listen(engine, "begin", _begin)
        return engine

    def _make_sessions(self) -> None:
        self._sessions = sessionmaker(self.engine, expire_on_commit=False)
        # Writers take the write lock when they begin, so that two of them wait
        # for each other (busy_timeout) instead of one failing part-way, and
        # the audit log's numbering sees every committed entry.
        self._writing_sessions = sessionmaker(
            self.engine.execution_options(begin_immediately=True), expire_on_commit=False
        )

    def _on_error(self, context: Any) -> None:
        original = context.original_exception
        if original is None or not failures.is_storage_failure(original):
            return  # constraints, triggers and SQL mistakes are not about the file
        if cipher.is_corruption(original):
            self.damaged = True
        raise failures.from_sqlite_error(original, self.path) from original

    def start_integrity_check(self) -> None:
        """Check every page in the background; writes wait for the result."""
        self._check = BackgroundCheck(self._connect)

    def _await_check(self) -> None:
        if self._check is not None:
            problems = self._check.result()
            self._check = None
            if problems:
                self.damaged = True
                self.damage_detail = problems[0]
        if self.damaged:
            raise WorkspaceDamaged(self.damage_detail)

    @contextlib.contextmanager
    def transaction(self) -> Iterator[Session]:
        """One unit of work: committed on success, rolled back on any error.

        The first waits for the integrity check started at unlock; none is
        accepted once the workspace is found damaged. When nothing else is in
        progress for a moment afterwards, the WAL is folded into the file and the
        audit log's anchor moved on (see :mod:`app.storage.quiet`).
        """
        self._await_check()
        with self._in_use(), self._writing_sessions() as session:
            session.info["actor"] = self.actor
            with session.begin():
                yield session
        if self._busy == 0:
            self._quiet.poke()

    def _on_quiet(self) -> None:
        # Housekeeping in a timer thread: whatever stops it now is met again,
        # and reported, by the next save, close or verify.
        # A connection in use outside a transaction (a schema upgrade, a backup)
        # is activity too: housekeeping waits for the next quiet moment.
        checked_out = getattr(self.engine.pool, "checkedout", lambda: 0)()
        if self._busy == 0 and self._key is not None and checked_out == 0:
            with contextlib.suppress(Exception):
                self.checkpoint()
                self.update_anchor()

    @contextlib.contextmanager
    def _in_use(self) -> Iterator[None]:
        with self._busy_lock:
            self._busy += 1
        try:
            yield
        finally:
            with self._busy_lock:
                self._busy -= 1

    def checkpoint(self) -> None:
        """Fold the WAL into the file and empty it, so little sits in it."""
        if self._key is None or self.damaged:
            return
        # What was committed is safe in the WAL either way: a checkpoint that
        # cannot run now (a full disk, say) is retried at the next idle moment,
        # and the next write reports the cause.
        with contextlib.suppress(sqlcipher3.Error), self.engine.connect() as connection:
            raw = connection.connection.driver_connection
            assert raw is not None
            raw.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchall()

    @contextlib.contextmanager
    def reading(self) -> Iterator[Session]:
        """A read-only look: anything written is rolled back."""
        with self._in_use(), self._sessions() as session:
            session.info["actor"] = self.actor
            try:
                yield session
            finally:
                session.rollback()

    @property
    def is_open(self) -> bool:
        return self._key is not None

    def close(self) -> None:
        """Close every connection, forget the key and release the instance lock."""
        if self._key is None:
            return
        try:
            self._quiet.cancel()
            if self._check is not None:
                # Closing (quit, lock) does not wait for every page to be read: at
                # 50,000 children that took most of a minute. The next unlock checks.
                with contextlib.suppress(Exception):  # closing regardless
                    self._check.stop()
                self._check = None
            with contextlib.suppress(MacptError):
                self.checkpoint()
                self.update_anchor()
        finally:
            self.engine.dispose()
            _wipe(self._key)
            self._key = None
            self._lock.release()

    def __enter__(self) -> Workspace:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    def key_material(self) -> tuple[bytes, bytes]:
        """The raw key and the salt, for a copy of this workspace that another of
        this app's processes fills (:mod:`app.storage.parts`). Never written out."""
        if self._key is None:
            raise MacptError("The workspace is locked. Unlock it to continue.")
        return bytes(self._key), self._salt

    # -- text kept while locked -----------------------------------------------
    def seal(self, data: bytes) -> bytes:
        """``data`` encrypted for holding in memory while this workspace is locked.

        The key is derived from the workspace's own, so only this workspace,
        unlocked again with its passphrase, can :meth:`unseal` it.
        """
        nonce = os.urandom(12)
        return nonce + AESGCM(self._seal_key()).encrypt(nonce, data, _SEALED)

    def unseal(self, sealed: bytes) -> bytes | None:
        """What :meth:`seal` encrypted; None if another workspace sealed it."""
        try:
            return AESGCM(self._seal_key()).decrypt(sealed[:12], sealed[12:], _SEALED)
        except InvalidTag:
            return None

    def _seal_key(self) -> bytes:
        assert self._key is not None, "the workspace is locked"
        return HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=_SEALED).derive(self._key)

    # -- checks ------------------------------------------------------------
    def integrity_problems(self) -> list[str]:
        """Every page, SQLite's structure, and the audit log (see :mod:`audit_check`)."""
        if self._key is None:
            raise MacptError("The workspace is locked. Unlock it to continue.")
        raw = self.engine.raw_connection()
        try:
            # SQLCipher's check reads the file, not the -wal: fold in what the last
            # writer left there first (a change of passphrase killed before its
            # checkpoint leaves every page in the -wal under the new key).
            driver = raw.driver_connection
            assert driver is not None
            driver.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            problems = cipher.integrity_problems(driver)
        finally:
            raw.close()
        if problems:
            self.damaged = True
            return problems
        with self.engine.connect() as connection:
            chain, head = audit_check.chain_problems(connection)
            return [
                *chain,
                *audit_check.trigger_problems(connection),
                *audit_check.content_problems(connection),
                *audit_check.anchor_problems(connection, self._anchor_id, self._key, head),
            ]

    def update_anchor(self, *, accept: bool = False) -> bool:
        """Record the audit log's head outside the workspace; whether it was recorded.

        The anchor only moves forward along the same log. With ``accept`` (the
        chair restored a backup on purpose) this copy's head replaces it.
        """
        if self._key is None or self.damaged:
            return False
        with self.engine.connect() as connection:
            head = audit_check.head(connection)
            if head is None or (head == self._anchored and not accept):
                return False
            try:
                anchored = anchor.read(self._anchor_id, self._key)
            except anchor.AnchorForged:
                anchored = None
                if not accept:
                    return False
            if not accept and not audit_check.extends(connection, anchored):
                return False
        if anchored != head:
            try:
                anchor.write(self._anchor_id, self._key, head)
            except OSError:
                return False  # the data folder is unwritable: verify will say so
        self._anchored = head
        return True

    def backup_to(self, target: Path) -> None:
        """An encrypted, consistent copy that opens with the same passphrase.

        The copy is owner-only and appears complete or not at all: it is
        written beside ``target`` under a temporary name and renamed into place.
        """
        if self._key is None:
            raise MacptError("The workspace is locked. Unlock it to continue.")
        target = target.expanduser().resolve()
        if not target.parent.is_dir():
            raise MacptError(f"The folder {target.parent} does not exist. Choose another.")
        if target.is_dir():
            raise MacptError(f"{target} is a folder. Give a file name for the backup.")
        if target == self.path.resolve():
            raise MacptError("A backup cannot replace the workspace itself. Choose another file.")
        try:
            with paths.atomic_write(target) as tmp:
                tmp.unlink()  # SQLCipher creates the file itself
                raw = self.engine.raw_connection()
                try:
                    cipher.export_copy(raw.driver_connection, tmp, self._key, self._salt)
                finally:
                    raw.close()
        except OSError as exc:
            raise MacptError(
                f"MACPT Companion could not write the backup in {target.parent} "
                f"({exc.strerror or 'the system refused'}). Choose a folder you can write to "
                "with enough free space."
            ) from exc

    def check_passphrase(self, passphrase: str) -> None:
        """Raise :class:`WrongPassphrase` unless ``passphrase`` is this workspace's."""
        if self._key is None:
            raise MacptError("The workspace is locked. Unlock it to continue.")
        key = cipher.derive_key(passphrase, self._salt)
        try:
            if not hmac.compare_digest(key, self._key):
                raise WrongPassphrase()
        finally:
            _wipe(key)

    def rekey(self, new_passphrase: str) -> None:
        """Change the passphrase in place (``PRAGMA rekey``), keeping the salt.

        SQLCipher re-encrypts every page in one transaction, so a process that
        dies part-way leaves the file openable with the old or the new
        passphrase, with nothing lost; callers of :func:`open_workspace` simply
        try what the user typed. If the change fails, the old passphrase stays.
        """
        if self._key is None:
            raise MacptError("The workspace is locked. Unlock it to continue.")
        # The background check and the quiet-time work hold connections with
        # the old key: let them finish first (and never re-key damage).
        self._await_check()
        self._quiet.cancel()
        new_key = cipher.derive_key(new_passphrase, self._salt)
        try:
            carried = anchor.read(self._anchor_id, self._key)
        except anchor.AnchorForged:
            carried = None
        if carried is not None:
            # Signed with both keys until the change is done: a crash part-way
            # leaves an anchor that whichever passphrase opens the file accepts.
            anchor.write(self._anchor_id, self._key, carried, also=new_key)
        self.engine.dispose()
        rekeyed = False
        try:
            conn = cipher.connect(self.path, self._key)
            try:
                conn.isolation_level = None
                # Fold the WAL in first and again after, so that no page
                # encrypted with the old key lingers in it.
                conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
                secrets.run_with_key(conn, b"PRAGMA rekey = {key};", new_key, None)
                rekeyed = True
                conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            finally:
                conn.close()
        finally:
            # Whatever happened, keep the key that now opens the file.
            old_key, self._key = (self._key, new_key) if rekeyed else (new_key, self._key)
            _wipe(old_key)
            self.engine = self._make_engine()
            self._make_sessions()
        if carried is not None:
            anchor.write(self._anchor_id, self._key, carried)


def _begin(connection: Connection) -> None:
    """Start every SQLAlchemy transaction with a real BEGIN (IMMEDIATE for writers).

    The driver's own transaction handling begins only before INSERT, UPDATE
    and DELETE, so a schema change that came first would commit on its own
    and a failed migration would leave half a schema behind.
    """
    immediate = connection.get_execution_options().get("begin_immediately", False)
    connection.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")


def _wipe(key: bytearray) -> None:
    """Overwrite a key in memory once it is no longer needed."""
    secrets.wipe(key)


def new_workspace_file(path: Path, passphrase: str) -> Workspace:
    """Create the encrypted, still empty file at ``path`` and unlock it.

    Refuses to overwrite anything. The schema and the seeded records are the
    workspace services' business (``app.services.workspace``).
    """
    paths.private_umask()
    path = path.expanduser()
    if path.exists():
        raise WorkspaceExists(path)
    paths.ensure_private_dir(path.parent)
    try:
        os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
    except FileExistsError as exc:
        raise WorkspaceExists(path) from exc
    except OSError as exc:
        raise failures.from_os_error(exc, path) from exc
    lock = InstanceLock(path)
    try:
        lock.acquire()
    except BaseException:
        path.unlink(missing_ok=True)
        raise
    salt = cipher.new_salt()
    key = cipher.derive_key(passphrase, salt)
    try:
        cipher.connect(path, key, salt=salt).close()
        return Workspace(path, key, salt, lock)
    except BaseException:
        lock.release()
        remove_workspace_files(path)
        raise


def remove_workspace_files(path: Path) -> None:
    """Delete a workspace that was never finished (its file, WAL and shared memory)."""
    for suffix in ("", "-wal", "-shm"):
        Path(str(path) + suffix).unlink(missing_ok=True)


def unlock_workspace_file(path: Path, passphrase: str) -> Workspace:
    """Unlock ``path`` as it is. Never creates a file; never writes to one it cannot open."""
    paths.private_umask()
    key, salt, lock = unlock_file(path.expanduser(), passphrase)
    try:
        return Workspace(path.expanduser(), key, salt, lock)
    except BaseException:
        _wipe(key)
        lock.release()
        raise
