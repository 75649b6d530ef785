"""Audit entries that migrations write when they change records themselves.

The log is append-only and the integrity check compares each record with its
newest entry's content hash. So a migration that adds a column to a table of
records (every row's content changes) calls :func:`log_rewritten` after it,
and a downgrade that deletes records or drops their table calls
:func:`log_dropped` before it; otherwise the next integrity check reports
records "changed" or "removed outside the app".
"""

from __future__ import annotations

from collections.abc import Iterable

import sqlalchemy as sa

from app import clock
from app.models import new_id
from app.storage.audit import DELETED, GENESIS, content_hash, entry_hash

ACTOR = "MACPT Companion (workspace update)"
_INSERT = sa.text(
    "INSERT INTO audit_log (id, created_at, updated_at, seq, at, actor, record_table,"
    " record_id, action, prev_hash, entry_hash, content_hash) VALUES (:id, :at, :at,"
    " :seq, :at, :actor, :table, :rid, :action, :prev, :hash, :content)"
).bindparams(sa.bindparam("at", type_=sa.DateTime()))


def _append(
    connection: sa.Connection, table: str, action: str, entries: Iterable[tuple[str, str]]
) -> None:
    """Append ``(record id, content hash)`` entries to the hash chain."""
    last = connection.execute(
        sa.text("SELECT seq, entry_hash FROM audit_log ORDER BY seq DESC LIMIT 1")
    ).first()
    seq, prev = (int(last[0]), str(last[1])) if last else (0, GENESIS)
    for record_id, content in entries:
        seq += 1
        at = clock.utcnow()
        digest = entry_hash(prev, seq, at.isoformat(), ACTOR, table, record_id, action, content)
        connection.execute(
            _INSERT,
            {
                "id": new_id(),
                "at": at.replace(tzinfo=None),
                "seq": seq,
                "actor": ACTOR,
                "table": table,
                "rid": record_id,
                "action": action,
                "prev": prev,
                "hash": digest,
                "content": content,
            },
        )
        prev = digest


def log_dropped(connection: sa.Connection, table: str, where: str = "1") -> None:
    """A "delete" entry for every row of ``table`` matching the SQL ``where`` (rows about
    to be deleted, or the whole table about to be dropped)."""
    ids = connection.execute(sa.text(f'SELECT id FROM "{table}" WHERE {where} ORDER BY id'))
    _append(connection, table, "delete", [(str(i), DELETED) for i in ids.scalars().all()])


def log_rewritten(connection: sa.Connection, table: str) -> None:
    """An "update" entry, with the row's new content, for every row of ``table`` (after
    a column was added or dropped, or values filled in)."""
    cursor = connection.exec_driver_sql(f'SELECT * FROM "{table}" ORDER BY id')
    columns = [d[0] for d in cursor.cursor.description] if cursor.cursor else []
    where = columns.index("id")
    rows = [(str(row[where]), content_hash(columns, tuple(row))) for row in cursor.fetchall()]
    _append(connection, table, "update", rows)
