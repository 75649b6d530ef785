"""An encrypted workspace file: create, unlock, re-key, check, back up and close it."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine, create_engine, event
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.pool import QueuePool

import app.storage.audit  # noqa: F401  (registers the audit listener)
from app import paths
from app.errors import (
    MacptError,
    NotAWorkspace,
    WorkspaceDamaged,
    WorkspaceExists,
    WorkspaceNotFound,
    WrongPassphrase,
)
from app.storage import cipher
from app.storage.instance import InstanceLock


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
        if context.original_exception is not None and cipher.is_corruption(
            context.original_exception
        ):
            self.damaged = True
            raise WorkspaceDamaged() from context.original_exception

    @contextlib.contextmanager
    def transaction(self) -> Iterator[Session]:
        """One unit of work: committed on success, rolled back on any error."""
        if self.damaged:
            raise WorkspaceDamaged()
        with self._writing_sessions() as session:
            session.info["actor"] = self.actor
            with session.begin():
                yield session

    @contextlib.contextmanager
    def reading(self) -> Iterator[Session]:
        """A read-only look: anything written is rolled back."""
        with self._sessions() as session:
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
        self.engine.dispose()
        _wipe(self._key)
        self._key = None
        self._lock.release()

    def __enter__(self) -> Workspace:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    # -- checks ------------------------------------------------------------
    def integrity_problems(self) -> list[str]:
        """SQLCipher page check, SQLite structure check and the audit chain."""
        from app.storage.audit import verify_chain

        raw = self.engine.raw_connection()
        try:
            problems = cipher.integrity_problems(raw.driver_connection)
        except Exception as exc:
            if cipher.is_corruption(exc):
                self.damaged = True
                return ["the file's pages do not decrypt and authenticate"]
            raise
        finally:
            raw.close()
        if problems:
            self.damaged = True
            return problems
        with self.reading() as session:
            return verify_chain(session)

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

    def rekey(self, new_passphrase: str) -> None:
        """Change the passphrase in place (``PRAGMA rekey``), keeping the salt.

        SQLCipher re-encrypts every page in one transaction, so a process that
        dies part-way leaves the file openable with the old or the new
        passphrase, with nothing lost; callers of :func:`open_workspace` simply
        try what the user typed. If the change fails, the old passphrase stays.
        """
        if self._key is None:
            raise MacptError("The workspace is locked. Unlock it to continue.")
        new_key = cipher.derive_key(new_passphrase, self._salt)
        self.engine.dispose()
        rekeyed = False
        try:
            conn = cipher.connect(self.path, self._key)
            try:
                conn.isolation_level = None
                # Fold the WAL in first and again after, so that no page
                # encrypted with the old key lingers in it.
                conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
                conn.execute(f'PRAGMA rekey = "{cipher.raw_key_literal(new_key)}"')
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
    for i in range(len(key)):
        key[i] = 0


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
    lock = InstanceLock(path)
    lock.acquire()
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
    path = path.expanduser()
    if not path.exists():
        raise WorkspaceNotFound(path)
    if not path.is_file():
        raise NotAWorkspace(path)
    salt = cipher.read_salt(path)
    lock = InstanceLock(path)
    lock.acquire()
    try:
        key = cipher.derive_key(passphrase, salt)
        try:
            cipher.connect(path, key).close()
        except WrongPassphrase:
            raise
        except Exception as exc:
            if cipher.is_corruption(exc):
                raise WorkspaceDamaged() from exc
            raise
        return Workspace(path, key, salt, lock)
    except BaseException:
        lock.release()
        raise
