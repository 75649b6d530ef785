"""The one way past the database's guard on signed-off records, for the demo's history."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator

from sqlalchemy import delete
from sqlalchemy.orm import Session

from app.models import RecordRewrite
from app.storage import audit


@contextlib.contextmanager
def rewriting_history(session: Session, meeting_id: str) -> Iterator[None]:
    """Within ``session``'s transaction, let a signed-off meeting's records be written.

    Only the fictional demo uses this, to date its history back. The override
    is gone before the transaction commits, and the audit log records its use.
    """
    session.add(RecordRewrite(meeting_id=meeting_id))
    audit.append(session, table="meeting", record_id=meeting_id, action="rewrite-history")
    session.flush()
    try:
        yield
        session.flush()
    finally:
        session.execute(delete(RecordRewrite).where(RecordRewrite.meeting_id == meeting_id))
