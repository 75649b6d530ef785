"""The append-only audit log: who, when, which record, what action; never content.

Each entry also holds a hash of the record's content after the change, so
that a record changed outside the app no longer matches its last entry.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Index, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from app.models.base import Record


class AuditEntry(Record):
    __tablename__ = "audit_log"
    # Each record's entries in order: verify finds every record's newest entry by it.
    __table_args__ = (Index("ix_audit_log_record", "record_table", "record_id", "seq"),)

    seq: Mapped[int] = mapped_column(Integer, unique=True)
    at: Mapped[dt.datetime]
    actor: Mapped[str] = mapped_column(String(200))
    record_table: Mapped[str] = mapped_column(String(60))
    record_id: Mapped[str] = mapped_column(String(36), index=True)
    action: Mapped[str] = mapped_column(String(40))
    # Each entry's hash covers the previous one, so a removed or edited entry
    # breaks the chain and `macpt verify` says so.
    prev_hash: Mapped[str] = mapped_column(String(64))
    entry_hash: Mapped[str] = mapped_column(String(64))
    # SHA-256 of the record's columns after the change (None on entries
    # written before revision 0008, and for actions on no single record).
    content_hash: Mapped[str | None] = mapped_column(String(64))
