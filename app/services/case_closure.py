"""Closing a case by hand: one entered in error, or a duplicate of another.

One closed by mistake can be opened again; its closure is kept, saying so.

Nothing is deleted. The case is marked closed (so it leaves the open cases,
the clocks and the deadlines) and a :class:`~app.models.CaseClosure` keeps why,
who and when; the audit log records both. A child's journey ends otherwise
through the conference's discharge, not here.
"""

from __future__ import annotations

import dataclasses
import datetime as dt

from sqlalchemy import select
from sqlalchemy.orm import Session

from app import clock
from app.errors import NotFound, ValidationError
from app.models import CaseClosure, CaseEpisode, CaseStatus, ClosingReason
from app.storage.workspace import Workspace
from app.validation import validated


@dataclasses.dataclass(frozen=True)
class ClosureRow:
    case_id: str
    reason: ClosingReason
    notes: str
    closed_on: dt.date
    closed_by: str


@validated
def close_case(
    workspace: Workspace, *, case_id: str, reason: ClosingReason, notes: str = ""
) -> None:
    """Close an open case for ``reason``; refused for a case already closed."""
    with workspace.transaction() as session:
        case = session.get(CaseEpisode, case_id)
        if case is None:
            raise NotFound("That case no longer exists.")
        if case.status is CaseStatus.CLOSED:
            raise ValidationError("This case is already closed.")
        today = clock.today()
        case.status = CaseStatus.CLOSED
        case.closed_on = today
        session.add(
            CaseClosure(
                case_id=case_id,
                reason=reason,
                notes=notes.strip(),
                closed_on=today,
                closed_by=workspace.actor,
            )
        )


@validated
def reopen_case(workspace: Workspace, *, case_id: str, reason: str) -> None:
    """Open again a case closed here by mistake, saying why; its closure is kept,
    marked reopened, with the reason added to its note (the audit log records both)."""
    reason = reason.strip()
    if not reason:
        raise ValidationError("Say why the case is being reopened.")
    with workspace.transaction() as session:
        case = session.get(CaseEpisode, case_id)
        if case is None:
            raise NotFound("That case no longer exists.")
        closure = _standing(session, case_id)
        if case.status is not CaseStatus.CLOSED or closure is None:
            raise ValidationError("Only a case closed here (entered in error) can be reopened.")
        case.status = CaseStatus.OPEN
        case.closed_on = None
        closure.reopened_on = clock.today()
        closure.reopened_by = workspace.actor
        reopened = f"Reopened on {closure.reopened_on.isoformat()}: {reason}"
        closure.notes = f"{closure.notes}\n{reopened}" if closure.notes else reopened


def _standing(session: Session, case_id: str) -> CaseClosure | None:
    return session.scalars(
        select(CaseClosure)
        .where(CaseClosure.case_id == case_id, CaseClosure.reopened_on.is_(None))
        .order_by(CaseClosure.created_at.desc())
        .limit(1)
    ).first()


def case_closure(workspace: Workspace, *, case_id: str) -> ClosureRow | None:
    """Why, when and by whom the case was closed by hand; None if it is not so closed."""
    with workspace.reading() as session:
        row = _standing(session, case_id)
        if row is None:
            return None
        return ClosureRow(row.case_id, row.reason, row.notes, row.closed_on, row.closed_by)


__all__ = ["ClosureRow", "case_closure", "close_case", "reopen_case"]
