"""What ``macpt verify`` checks in the audit log, reading it as a stream.

* The chain: numbering without gaps, each entry following the one before and
  its hash covering what it says.
* The guard triggers that make the log append-only are still there.
* Each record still matches the content hash of its newest entry, so a
  record changed, removed or added back outside the app is noticed.
* The chain's head agrees with the anchor kept in the user's data folder, so
  a log cut short, rewritten or rolled back to an older copy is noticed.

Rows are read in order and compared as they come, in constant memory;
at most :data:`MAX_PROBLEMS` are listed.
"""

from __future__ import annotations

from sqlalchemy import Connection, select, text

from app.models import AuditEntry
from app.storage import anchor
from app.storage.audit import DELETED, content_hash, entry_hash, record_tables

GUARD_TRIGGERS = ("audit_log_no_delete", "audit_log_no_update")
MAX_PROBLEMS = 20
_STREAM = {"yield_per": 500}


def chain_problems(connection: Connection) -> tuple[list[str], anchor.Anchor | None]:
    """Problems in the hash chain, and the chain's head (None for an empty log)."""
    problems: list[str] = []
    prev, expected_seq, head = "0" * 64, 1, None
    rows = connection.execution_options(**_STREAM).execute(
        select(
            AuditEntry.seq,
            AuditEntry.at,
            AuditEntry.actor,
            AuditEntry.record_table,
            AuditEntry.record_id,
            AuditEntry.action,
            AuditEntry.prev_hash,
            AuditEntry.entry_hash,
            AuditEntry.content_hash,
        ).order_by(AuditEntry.seq)
    )
    for seq, at, actor, table, rid, action, prev_hash, digest, content in rows:
        if seq != expected_seq:
            problems.append(f"audit entry {expected_seq} is missing")
        if prev_hash != prev:
            problems.append(f"audit entry {seq} does not follow the one before it")
        if entry_hash(prev_hash, seq, at.isoformat(), actor, table, rid, action, content) != digest:
            problems.append(f"audit entry {seq} has been altered")
        prev, expected_seq, head = digest, seq + 1, anchor.Anchor(seq, digest)
        if len(problems) >= MAX_PROBLEMS:
            break
    rows.close()
    return problems, head


def trigger_problems(connection: Connection) -> list[str]:
    present = set(
        connection.execute(
            text("SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'audit_log'")
        ).scalars()
    )
    return [
        f"the audit log's guard trigger {name} has been removed"
        for name in GUARD_TRIGGERS
        if name not in present
    ]


_LATEST = """
SELECT a.record_id, a.content_hash FROM audit_log AS a
WHERE a.record_table = ? AND a.seq = (
    SELECT max(b.seq) FROM audit_log AS b
    WHERE b.record_id = a.record_id AND b.record_table = a.record_table)
ORDER BY a.record_id
"""


_NO_ROWS = "SELECT NULL AS id WHERE 0"


def content_problems(connection: Connection) -> list[str]:
    """Records whose stored content no longer matches their newest audit entry."""
    problems: list[str] = []
    present = set(
        connection.exec_driver_sql("SELECT name FROM sqlite_master WHERE type = 'table'").scalars()
    )
    for table in sorted(record_tables()):
        # A table this workspace lacks (an older schema, or one dropped behind the
        # app's back) reads as empty: any record the log holds for it was removed.
        records = connection.exec_driver_sql(
            f'SELECT * FROM "{table}" ORDER BY id' if table in present else _NO_ROWS
        )
        assert records.cursor is not None
        columns = [d[0] for d in records.cursor.description]
        id_at = columns.index("id")
        latest = connection.exec_driver_sql(_LATEST, (table,))
        row = records.fetchone()
        for record_id, expected in latest:
            while row is not None and row[id_at] < record_id:
                row = records.fetchone()  # a record with no entries (seeded by a migration)
            current = row if row is not None and row[id_at] == record_id else None
            if expected is not None and content_hash(columns, current) != expected:
                if current is None:
                    change = "removed"
                elif expected == DELETED:
                    change = "put back"
                else:
                    change = "changed"
                problems.append(f"{table} record {record_id} was {change} outside the app")
                if len(problems) >= MAX_PROBLEMS:
                    records.close()
                    latest.close()
                    return problems
        records.close()
        latest.close()
    return problems


def anchor_problems(
    connection: Connection, workspace: bytes, key: bytes | bytearray, head: anchor.Anchor | None
) -> list[str]:
    """Whether the log still reaches the head this computer recorded."""
    try:
        anchored = anchor.read(workspace, key)
    except anchor.AnchorForged:
        return [
            "the record of the audit log kept on this computer does not match this "
            "workspace (it was altered, or written before a passphrase change)"
        ]
    if anchored is None:
        return []
    if head is None or head.seq < anchored.seq:
        return [
            f"the audit log ends at entry {head.seq if head else 0}, but this computer saw it "
            f"reach entry {anchored.seq}: entries were removed or an older copy was put back"
        ]
    digest = connection.execute(
        select(AuditEntry.entry_hash).where(AuditEntry.seq == anchored.seq)
    ).scalar()
    if digest != anchored.entry_hash:
        return [
            f"audit entry {anchored.seq} differs from the one this computer recorded: "
            "the log was rewritten or an older copy was put back"
        ]
    return []


def extends(connection: Connection, anchored: anchor.Anchor | None) -> bool:
    """Whether the log holds the anchored head (so the anchor may move forward)."""
    if anchored is None:
        return True
    digest = connection.execute(
        select(AuditEntry.entry_hash).where(AuditEntry.seq == anchored.seq)
    ).scalar()
    return digest == anchored.entry_hash


def head(connection: Connection) -> anchor.Anchor | None:
    """The log's newest entry; None when it is empty or was never built.

    A workspace whose first migration failed has no log: closing it must not
    raise over the failure that is being reported.
    """
    if not _has_audit_log(connection):
        return None
    row = connection.execute(
        select(AuditEntry.seq, AuditEntry.entry_hash).order_by(AuditEntry.seq.desc()).limit(1)
    ).first()
    return anchor.Anchor(row[0], row[1]) if row else None


def _has_audit_log(connection: Connection) -> bool:
    found = connection.exec_driver_sql(
        "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'audit_log'"
    ).first()
    return found is not None
