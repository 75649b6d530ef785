"""Copies of a workspace that other processes fill, and their merging back.

Only the demo uses them (``macpt demo --children N`` builds its children on
every core): each process takes an encrypted copy of the workspace, adds its
share through the ordinary services, and the workspace then takes in what each
copy added, in one transaction:

* every record the copy created, byte for byte, so that each still matches
  the content hash in its audit entry;
* the copy's audit entries after the point it was taken, numbered on from the
  workspace's own and each hash chained to the one before, as if they had been
  written here;
* nothing else: a copy that changed or removed a record it was given is
  refused, so no change made elsewhere can overwrite one made here.

The search indexes are kept by the workspace's own triggers as the records
arrive, and every guard trigger stays in force. The records of the meetings the
copy signed off come in as the amendment path writes such records: each of
those meetings is named in ``record_rewrite`` for the transaction, and the
names are removed before it commits. (Merging a signed-off meeting after its
records instead, with foreign keys checked at commit, made SQLite look through
every table that refers to meetings for each one merged: at 10,000 children
the second copy took more than ten minutes.)
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, insert, select, text

from app.errors import MacptError
from app.models import AuditEntry, Base
from app.storage import audit, secrets
from app.storage.instance import InstanceLock
from app.storage.workspace import Workspace, remove_workspace_files

# Tables the merge never copies: the audit log is chained anew, and a rewrite
# marker only lives inside one amendment's transaction.
_NOT_COPIED = {"audit_log", "record_rewrite"}
_CHUNK = 2000


@dataclass(frozen=True)
class Part:
    """A copy of a workspace for one process: where it is and how to open it."""

    path: Path
    key: bytes
    salt: bytes
    base_seq: int


class PartWorkspace(Workspace):
    """A part opened in its own process. It keeps no anchor in the user's data
    folder: it is removed once merged, and only the workspace's own log counts."""

    def update_anchor(self, *, accept: bool = False) -> bool:
        return False


def make_part(workspace: Workspace, target: Path) -> Part:
    """An encrypted copy of ``workspace`` at ``target`` (which must not exist)."""
    key, salt = workspace.key_material()
    workspace.checkpoint()
    workspace.backup_to(target)
    with workspace.reading() as session:
        seq = session.scalar(select(AuditEntry.seq).order_by(AuditEntry.seq.desc()).limit(1))
    return Part(path=target, key=key, salt=salt, base_seq=int(seq or 0))


def open_part(part: Part) -> Workspace:
    """Open a part in this process (the caller closes it)."""
    lock = InstanceLock(part.path)
    lock.acquire()
    try:
        return PartWorkspace(part.path, bytearray(part.key), part.salt, lock)
    except BaseException:
        lock.release()
        raise


def remove_part(part: Part) -> None:
    remove_workspace_files(part.path)


class PartRefused(MacptError):
    """A part changed something it was given; nothing of it was merged."""


def merge_part(workspace: Workspace, part: Part) -> int:
    """Take in everything ``part`` added since it was made; the records added.

    All or nothing: any failure leaves the workspace as it was.
    """
    with _attached(workspace, part) as connection:
        created = _check_only_additions(connection, part)
        added = 0
        tables = [t for t in Base.metadata.sorted_tables if t.name not in _NOT_COPIED]
        connection.exec_driver_sql(
            "CREATE TEMP TABLE merging AS SELECT p.id FROM part.meeting AS p "
            "WHERE NOT EXISTS (SELECT 1 FROM main.meeting AS m WHERE m.id = p.id)"
        )
        connection.exec_driver_sql(
            "INSERT INTO main.record_rewrite (meeting_id) SELECT id FROM temp.merging"
        )
        for table in tables:
            keys = [c.name for c in table.primary_key.columns]
            match = " AND ".join(f'p."{k}" = m."{k}"' for k in keys)
            result = connection.exec_driver_sql(
                f'INSERT INTO main."{table.name}" SELECT * FROM part."{table.name}" AS p '
                f'WHERE NOT EXISTS (SELECT 1 FROM main."{table.name}" AS m WHERE {match})'
            )
            added += max(result.rowcount, 0)
        connection.exec_driver_sql(
            "DELETE FROM main.record_rewrite WHERE meeting_id IN (SELECT id FROM temp.merging)"
        )
        connection.exec_driver_sql("DROP TABLE temp.merging")
        if added != created:
            raise PartRefused(
                f"The copy held {added} new records but its audit log created {created}; "
                "nothing was merged."
            )
        _chain_entries(connection, part)
    return added


@contextlib.contextmanager
def _attached(workspace: Workspace, part: Part) -> Iterator[Connection]:
    """A connection to ``workspace`` with ``part`` attached as ``part``, in one
    write transaction committed on success; the part is detached either way."""
    with workspace.engine.connect() as connection:
        driver = connection.connection.driver_connection
        assert driver is not None
        quoted = str(part.path).replace("'", "''").encode("utf-8")
        # ATTACH is refused inside a transaction: before the first statement begins one.
        secrets.run_with_key(
            driver, b"ATTACH DATABASE '" + quoted + b"' AS part KEY {key};", part.key, part.salt
        )
        try:
            writer = connection.execution_options(begin_immediately=True)
            with writer.begin():
                yield writer
        finally:
            # Outside any transaction again, so on the driver's own connection.
            driver.execute("DETACH DATABASE part")
    workspace.checkpoint()
    workspace.update_anchor()


def _check_only_additions(connection: Connection, part: Part) -> int:
    """How many records the part created; refused if it changed any it was given."""
    rows = connection.execute(
        text(
            "SELECT record_table, record_id, action FROM part.audit_log "
            "WHERE seq > :base ORDER BY seq"
        ),
        {"base": part.base_seq},
    ).all()
    created: set[tuple[str, str]] = set()
    removed: set[tuple[str, str]] = set()
    for table, record_id, action in rows:
        if action == "create":
            created.add((table, record_id))
        elif action in ("update", "delete") and (table, record_id) not in created:
            raise PartRefused(
                f"The copy changed a {table} record it was given; nothing was merged."
            )
        if action == "delete":
            removed.add((table, record_id))
    in_tables = {t.name for t in Base.metadata.sorted_tables} - _NOT_COPIED
    return sum(1 for key in created - removed if key[0] in in_tables)


def _chain_entries(connection: Connection, part: Part) -> None:
    """Append the part's new audit entries to the workspace's chain."""
    seq, prev = audit.chain_head(connection)
    source = connection.execute(
        select(
            AuditEntry.id,
            AuditEntry.at,
            AuditEntry.actor,
            AuditEntry.record_table,
            AuditEntry.record_id,
            AuditEntry.action,
            AuditEntry.content_hash,
        )
        .where(AuditEntry.seq > part.base_seq)
        .order_by(AuditEntry.seq),
        execution_options={"schema_translate_map": {None: "part"}, "yield_per": _CHUNK},
    )
    batch: list[dict[str, Any]] = []
    for entry_id, at, actor, table, record_id, action, content in source:
        seq += 1
        row = audit.chained_row(prev, seq, entry_id, at, actor, table, record_id, action, content)
        batch.append(row)
        prev = row["entry_hash"]
        if len(batch) >= _CHUNK:
            connection.execute(insert(AuditEntry), batch)
            batch = []
    source.close()
    if batch:
        connection.execute(insert(AuditEntry), batch)
