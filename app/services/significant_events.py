"""Significant events the chair adds to a child's chronology for court.

Each call is one transaction. A correction changes the event in place and the
audit log keeps who changed it and when; an event added in error is retired
with a reason, never deleted, and leaves the chronology.
"""

from __future__ import annotations

import dataclasses
import datetime as dt

from sqlalchemy import select
from sqlalchemy.orm import Session

from app import clock
from app.errors import NotFound, ValidationError
from app.models import Child, SignificantEvent
from app.models.chronology import EVENT_SOURCE_LIMIT
from app.services.cases import retire
from app.storage.workspace import Workspace
from app.validation import validated


@dataclasses.dataclass(frozen=True)
class SignificantEventRow:
    id: str
    child_id: str
    occurred_on: dt.date
    event: str
    source: str
    significance: str
    recorded_by: str


def _row(event: SignificantEvent) -> SignificantEventRow:
    return SignificantEventRow(
        id=event.id,
        child_id=event.child_id,
        occurred_on=event.occurred_on,
        event=event.event,
        source=event.source,
        significance=event.significance,
        recorded_by=event.recorded_by,
    )


def _clean(occurred_on: dt.date, event: str, source: str, significance: str) -> tuple[str, ...]:
    event, source, significance = event.strip(), source.strip(), significance.strip()
    if not event:
        raise ValidationError("Say what happened.")
    if not source:
        raise ValidationError("Say where the information came from (an agency or a person).")
    if len(source) > EVENT_SOURCE_LIMIT:
        raise ValidationError(f"Keep the source to {EVENT_SOURCE_LIMIT} characters.")
    if occurred_on > clock.today():
        raise ValidationError("A significant event cannot be dated on a day still to come.")
    return event, source, significance


def events_of(session: Session, child_id: str) -> list[SignificantEventRow]:
    """The child's events in force, oldest first (for a caller's own read transaction)."""
    rows = session.scalars(
        select(SignificantEvent)
        .where(SignificantEvent.child_id == child_id, SignificantEvent.retired_at.is_(None))
        .order_by(SignificantEvent.occurred_on, SignificantEvent.created_at)
    )
    return [_row(event) for event in rows]


def list_significant_events(workspace: Workspace, *, child_id: str) -> list[SignificantEventRow]:
    """The child's significant events in force, oldest first."""
    with workspace.reading() as session:
        return events_of(session, child_id)


@validated
def add_significant_event(
    workspace: Workspace,
    *,
    child_id: str,
    occurred_on: dt.date,
    event: str,
    source: str,
    significance: str = "",
) -> str:
    """Add an event to the child's chronology; its id."""
    event, source, significance = _clean(occurred_on, event, source, significance)
    with workspace.transaction() as session:
        if session.get(Child, child_id) is None:
            raise NotFound("That child is not in this workspace.")
        row = SignificantEvent(
            child_id=child_id,
            occurred_on=occurred_on,
            event=event,
            source=source,
            significance=significance,
            recorded_by=workspace.actor,
        )
        session.add(row)
        session.flush()
        return row.id


def _event(session: Session, event_id: str) -> SignificantEvent:
    row = session.get(SignificantEvent, event_id)
    if row is None or row.retired:
        raise NotFound("That significant event is no longer in the chronology.")
    return row


@validated
def correct_significant_event(
    workspace: Workspace,
    *,
    event_id: str,
    occurred_on: dt.date,
    event: str,
    source: str,
    significance: str = "",
) -> None:
    """Correct an event; the audit log keeps that it changed, when and by whom."""
    event, source, significance = _clean(occurred_on, event, source, significance)
    with workspace.transaction() as session:
        row = _event(session, event_id)
        row.occurred_on = occurred_on
        row.event = event
        row.source = source
        row.significance = significance


@validated
def retire_significant_event(workspace: Workspace, *, event_id: str, reason: str) -> None:
    """Take an event added in error out of the chronology; it is kept, with the reason."""
    reason = reason.strip()
    if not reason:
        raise ValidationError("Say why this event is being taken out of the chronology.")
    with workspace.transaction() as session:
        retire(_event(session, event_id), workspace.actor, reason)


def child_id_for(workspace: Workspace, *, child_ref: str) -> str:
    """The id of the child with the LA reference ``child_ref``."""
    with workspace.reading() as session:
        child_id = session.scalar(select(Child.id).where(Child.la_child_ref == child_ref.strip()))
    if child_id is None:
        raise NotFound(f"No child with the reference {child_ref!r} is in this workspace.")
    return child_id
