"""Writes the audit log from SQLAlchemy's flushes, as each transaction commits.

Every insert, update and delete of a record adds one entry: who, when (the
moment it was flushed), which table and record, what action, and a hash of the
record's content as the transaction stores it (read back just before it
commits, so defaults and ``onupdate`` values are covered). The content itself
never goes in. Each entry's hash covers the previous entry's, forming a chain
that :mod:`app.storage.audit_check` verifies.

The entries are gathered as the transaction flushes and written together when
it commits: one read of the records and one insert for the whole transaction,
however many flushes it made. A savepoint rolled back takes its entries with it.
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import weakref
from typing import Any

from sqlalchemy import Connection, event, insert, select
from sqlalchemy.orm import Session, SessionTransaction

from app import clock
from app.models import AuditEntry, Base, Record, new_id

GENESIS = "0" * 64
# The content hash of a deleted record.
DELETED = hashlib.sha256(b"deleted").hexdigest()
# session.info keys: the changes this transaction has made, (table, record, action,
# when), in order; and how many there were as each savepoint began.
_PENDING = "audit_pending"
_MARKS = "audit_marks"
# Built once: every flush that changes a record adds its entries with it.
_ADD_ENTRIES = insert(AuditEntry)


def entry_hash(
    prev: str,
    seq: int,
    at: str,
    actor: str,
    table: str,
    rid: str,
    action: str,
    content: str | None,
) -> str:
    fields: tuple[str, ...] = (prev, str(seq), at, actor, table, rid, action)
    if content is not None:  # entries from before revision 0008 have none
        fields = (*fields, content)
    return hashlib.sha256("\x1f".join(fields).encode("utf-8")).hexdigest()


def _value(value: object) -> str:
    if value is None:
        return "n"
    if isinstance(value, bytes):
        return "b" + value.hex()
    if isinstance(value, float):
        return "f" + value.hex()
    return ("i" if isinstance(value, int) else "s") + str(value)


def content_hash(columns: list[str], row: tuple[Any, ...] | None) -> str:
    """SHA-256 of a stored row, as SQLite returns it; :data:`DELETED` for none.

    Each column is ``name``, 0x1E, its value (see ``_value``), 0x1F, in the order of
    the columns' names."""
    if row is None:
        return DELETED
    if len(columns) != len(row):
        raise ValueError("a row has one value for each column")
    text = "".join(f"{name}\x1e{_value(row[at])}\x1f" for name, at in _by_name(tuple(columns)))
    return hashlib.sha256(text.encode()).hexdigest()


@functools.lru_cache(maxsize=256)
def _by_name(columns: tuple[str, ...]) -> tuple[tuple[str, int], ...]:
    """Each column's name and place in the row, in the order of the names (a table's
    columns are few and always the same: worked out once for each table)."""
    return tuple(sorted((name, at) for at, name in enumerate(columns)))


@functools.cache
def record_tables() -> frozenset[str]:
    return frozenset(
        {
            mapper.local_table.name  # type: ignore[attr-defined]
            for mapper in Base.registry.mappers
            if issubclass(mapper.class_, Record) and mapper.class_ is not AuditEntry
        }
    )


def stored_content(connection: Connection, table: str, record_id: str) -> str | None:
    """The content hash of ``table``'s row ``record_id`` now (None if not a record table)."""
    if table not in record_tables():
        return None
    cursor = connection.exec_driver_sql(f'SELECT * FROM "{table}" WHERE id = ?', (record_id,))
    columns = [d[0] for d in cursor.cursor.description] if cursor.cursor else []
    return content_hash(columns, cursor.fetchone())


def _stored_contents(
    connection: Connection, changes: list[tuple[str, str, str]]
) -> dict[tuple[str, str], str | None]:
    """:func:`stored_content` of every record in ``changes``, one query per table
    (and per 500 records) rather than one per record: the same hashes, fewer statements."""
    wanted: dict[str, set[str]] = {}
    for table, record_id, _action in changes:
        if table in record_tables():
            wanted.setdefault(table, set()).add(record_id)
    found: dict[tuple[str, str], str | None] = {}
    for table, ids in wanted.items():
        ordered = sorted(ids)
        for start in range(0, len(ordered), 500):
            chunk = ordered[start : start + 500]
            marks = ", ".join("?" * len(chunk))
            cursor = connection.exec_driver_sql(
                f'SELECT * FROM "{table}" WHERE id IN ({marks})', tuple(chunk)
            )
            columns = [d[0] for d in cursor.cursor.description] if cursor.cursor else []
            where = columns.index("id")
            for row in cursor.fetchall():
                found[(table, row[where])] = content_hash(columns, tuple(row))
        for record_id in ids:
            found.setdefault((table, record_id), DELETED)
    return found


def chain_head(connection: Connection) -> tuple[int, str]:
    """The newest entry's number and hash (0 and :data:`GENESIS` for an empty log)."""
    last = connection.execute(
        select(AuditEntry.seq, AuditEntry.entry_hash).order_by(AuditEntry.seq.desc()).limit(1)
    ).first()
    return (last[0], last[1]) if last else (0, GENESIS)


def chained_row(
    prev: str,
    seq: int,
    entry_id: str,
    at: dt.datetime,
    actor: str,
    table: str,
    record_id: str,
    action: str,
    content: str | None,
) -> dict[str, Any]:
    """The log row for entry ``seq`` after the entry hashed ``prev``, its hash worked out."""
    digest = entry_hash(prev, seq, at.isoformat(), actor, table, record_id, action, content)
    return {
        "id": entry_id,
        "seq": seq,
        "at": at,
        "actor": actor,
        "record_table": table,
        "record_id": record_id,
        "action": action,
        "prev_hash": prev,
        "entry_hash": digest,
        "content_hash": content,
    }


def _insert(session: Session, changes: list[tuple[str, str, str, dt.datetime]]) -> None:
    """Add the entries for ``changes`` (table, record, action, when) after the chain's head."""
    connection = session.connection()
    # Read here, at the end of the transaction: writers hold the write lock, so
    # nobody else appends meanwhile.
    seq, prev = chain_head(connection)
    contents = _stored_contents(connection, [change[:3] for change in changes])
    actor = str(session.info.get("actor", "unknown"))
    rows = []
    for table, record_id, action, at in changes:
        seq += 1
        row = chained_row(
            prev, seq, new_id(), at, actor, table, record_id, action,
            contents.get((table, record_id)),
        )  # fmt: skip
        rows.append(row)
        prev = row["entry_hash"]
    connection.execute(_ADD_ENTRIES, rows)


def _pending(session: Session) -> list[tuple[str, str, str, dt.datetime]]:
    return session.info.setdefault(_PENDING, [])  # type: ignore[no-any-return]


def append(session: Session, *, table: str, record_id: str, action: str) -> None:
    """Add one entry to the log (for actions that are not row changes, like exports)."""
    _pending(session).append((table, record_id, action, clock.utcnow()))


@event.listens_for(Session, "before_flush")
def _record_changes(session: Session, _flush_context: Any, _instances: Any) -> None:
    changes: list[tuple[Record, str]] = []
    changes += [(obj, "create") for obj in session.new if isinstance(obj, Record)]
    changes += [
        (obj, "update")
        for obj in session.dirty
        if isinstance(obj, Record) and session.is_modified(obj, include_collections=False)
    ]
    changes += [(obj, "delete") for obj in session.deleted if isinstance(obj, Record)]
    pending = _pending(session)
    now = clock.utcnow()
    for obj, action in changes:
        if isinstance(obj, AuditEntry):
            continue
        if obj.id is None:
            obj.id = new_id()
        pending.append((obj.__tablename__, obj.id, action, now))


@event.listens_for(Session, "before_commit")
def _write_entries(session: Session) -> None:
    # A savepoint's changes wait for the transaction around it.
    if session.in_nested_transaction():
        return
    session.flush()
    pending = session.info.pop(_PENDING, None)
    if pending:
        _insert(session, pending)


@event.listens_for(Session, "after_transaction_create")
def _mark(session: Session, transaction: SessionTransaction) -> None:
    # How many changes came before a savepoint: rolling it back drops those after.
    if transaction.nested:
        marks = session.info.setdefault(_MARKS, weakref.WeakKeyDictionary())
        marks[transaction] = len(session.info.get(_PENDING, ()))


@event.listens_for(Session, "after_soft_rollback")
def _forget(session: Session, previous: SessionTransaction) -> None:
    if previous.nested:
        mark = session.info.get(_MARKS, {}).get(previous)
        if mark is not None:
            del _pending(session)[mark:]


@event.listens_for(Session, "after_transaction_end")
def _end(session: Session, transaction: SessionTransaction) -> None:
    # Committed, the entries are written; rolled back, they go with it.
    if transaction.parent is None:
        session.info.pop(_PENDING, None)
