"""Writes the audit log from SQLAlchemy's flush, and checks its hash chain.

Every insert, update and delete of a record adds one entry: who, when, which
table and record, what action. The content of the record never goes in.
"""

from __future__ import annotations

import hashlib
from typing import Any

from sqlalchemy import event, func, select
from sqlalchemy.orm import Session

from app import clock
from app.models import AuditEntry, Record, new_id

GENESIS = "0" * 64


def _entry_hash(prev: str, seq: int, at: str, actor: str, table: str, rid: str, action: str) -> str:
    payload = "\x1f".join((prev, str(seq), at, actor, table, rid, action))
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


def append(session: Session, *, table: str, record_id: str, action: str) -> None:
    """Add one entry to the log (for actions that are not row changes, like exports)."""
    last = session.execute(
        select(AuditEntry.seq, AuditEntry.entry_hash).order_by(AuditEntry.seq.desc()).limit(1)
    ).first()
    seq, prev = (last[0] + 1, last[1]) if last else (1, GENESIS)
    pending = session.info.setdefault("audit_pending", [])
    if pending:
        seq, prev = pending[-1].seq + 1, pending[-1].entry_hash
    now = clock.utcnow()
    actor = str(session.info.get("actor", "unknown"))
    entry = AuditEntry(
        seq=seq,
        at=now,
        actor=actor,
        record_table=table,
        record_id=record_id,
        action=action,
        prev_hash=prev,
        entry_hash=_entry_hash(prev, seq, now.isoformat(), actor, table, record_id, action),
    )
    pending.append(entry)
    session.add(entry)


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
    for obj, action in changes:
        if isinstance(obj, AuditEntry):
            continue
        if obj.id is None:
            obj.id = new_id()
        append(session, table=obj.__tablename__, record_id=obj.id, action=action)


@event.listens_for(Session, "after_commit")
@event.listens_for(Session, "after_rollback")
def _reset(session: Session) -> None:
    session.info.pop("audit_pending", None)


def verify_chain(session: Session) -> list[str]:
    """Problems in the audit log's hash chain; empty when it is whole."""
    problems: list[str] = []
    prev, expected_seq = GENESIS, 1
    count = session.scalar(select(func.count()).select_from(AuditEntry)) or 0
    for entry in session.scalars(select(AuditEntry).order_by(AuditEntry.seq)):
        if entry.seq != expected_seq:
            problems.append(f"audit entry {expected_seq} is missing")
        if entry.prev_hash != prev:
            problems.append(f"audit entry {entry.seq} does not follow the one before it")
        digest = _entry_hash(
            entry.prev_hash,
            entry.seq,
            entry.at.isoformat(),
            entry.actor,
            entry.record_table,
            entry.record_id,
            entry.action,
        )
        if digest != entry.entry_hash:
            problems.append(f"audit entry {entry.seq} has been altered")
        prev, expected_seq = entry.entry_hash, entry.seq + 1
    if count and not problems and expected_seq - 1 != count:
        problems.append("the audit log's numbering is broken")
    return problems
