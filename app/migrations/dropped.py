"""For downgrades that drop a table of records: the audit log says the records went.

The log is append-only and the integrity check compares each record with its
newest entry, so a record dropped with its table would read as "removed outside
the app" after the next upgrade. A downgrade calls :func:`log_dropped` first.
"""

from __future__ import annotations

import sqlalchemy as sa

from app import clock
from app.models import new_id
from app.storage.audit import DELETED, GENESIS, entry_hash

ACTOR = "MACPT Companion (workspace update)"


def log_dropped(connection: sa.Connection, table: str, where: str = "1") -> None:
    """Append a "delete" entry for every row of ``table`` matching the SQL ``where``
    (rows about to be deleted, or the whole table about to be dropped)."""
    last = connection.execute(
        sa.text("SELECT seq, entry_hash FROM audit_log ORDER BY seq DESC LIMIT 1")
    ).first()
    seq, prev = (int(last[0]), str(last[1])) if last else (0, GENESIS)
    ids = (
        connection.execute(sa.text(f'SELECT id FROM "{table}" WHERE {where} ORDER BY id'))
        .scalars()
        .all()
    )
    insert = sa.text(
        "INSERT INTO audit_log (id, created_at, updated_at, seq, at, actor, record_table,"
        " record_id, action, prev_hash, entry_hash, content_hash) VALUES (:id, :at, :at,"
        " :seq, :at, :actor, :table, :rid, 'delete', :prev, :hash, :content)"
    ).bindparams(sa.bindparam("at", type_=sa.DateTime()))
    for record_id in ids:
        seq += 1
        at = clock.utcnow()
        digest = entry_hash(prev, seq, at.isoformat(), ACTOR, table, record_id, "delete", DELETED)
        connection.execute(
            insert,
            {
                "id": new_id(),
                "at": at.replace(tzinfo=None),
                "seq": seq,
                "actor": ACTOR,
                "table": table,
                "rid": record_id,
                "prev": prev,
                "hash": digest,
                "content": DELETED,
            },
        )
        prev = digest
