"""A meeting's own agenda: its items, their order and the notes taken under each.

A meeting copies the area's template (see ``templates``) when it is scheduled,
so later template changes never rewrite an agenda already in use.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping, Sequence
from typing import TypeVar

from sqlalchemy import bindparam, select
from sqlalchemy.orm import Session

from app.errors import NotFound, ValidationError
from app.models import AgendaItem, AgendaTemplateItem
from app.services.conduct._common import editable_meeting, required_text
from app.storage.workspace import Workspace
from app.validation import validated
from app.workflow.steps import StepKind

# Templates and meeting agendas are ordered the same way.
T = TypeVar("T", AgendaItem, AgendaTemplateItem)


@dataclasses.dataclass(frozen=True)
class AgendaItemRow:
    id: str
    meeting_id: str
    position: int
    title: str
    guidance: str
    kind: str
    notes: str
    seconds_spent: int


def agenda_row(item: AgendaItem) -> AgendaItemRow:
    return AgendaItemRow(
        item.id,
        item.meeting_id,
        item.position,
        item.title,
        item.guidance,
        item.kind,
        item.notes,
        item.seconds_spent,
    )


def checked_kind(kind: str) -> str:
    try:
        return StepKind(kind).value
    except ValueError:
        known = ", ".join(k.value for k in StepKind)
        raise ValidationError(f"An agenda item's kind is one of: {known}.") from None


_ITEMS = (
    select(AgendaItem)
    .where(AgendaItem.meeting_id == bindparam("meeting"))
    .order_by(AgendaItem.position)
)


def meeting_items(session: Session, meeting_id: str) -> list[AgendaItem]:
    """A meeting's agenda items, in order."""
    return list(session.scalars(_ITEMS, {"meeting": meeting_id}))


def _agenda_item(session: Session, item_id: str) -> AgendaItem:
    item = session.get(AgendaItem, item_id)
    if item is None:
        raise NotFound("That agenda item no longer exists.")
    editable_meeting(session, item.meeting_id)
    return item


def place(items: list[T], moved: T | None, position: int | None) -> None:
    """Put ``moved`` at ``position`` (the end if None) and number everything 0..n-1."""
    if moved is not None:
        if moved in items:
            items.remove(moved)
        at = len(items) if position is None else max(0, min(position, len(items)))
        items.insert(at, moved)
    for number, item in enumerate(items):
        if item.position != number:
            item.position = number


def reorder(items: list[T], order: Sequence[str]) -> None:
    if sorted(order) != sorted(i.id for i in items):
        raise ValidationError("The new order must list every agenda item exactly once.")
    by_id = {i.id: i for i in items}
    place([by_id[item_id] for item_id in order], None, None)


def list_agenda(workspace: Workspace, *, meeting_id: str) -> list[AgendaItemRow]:
    """The meeting's agenda items, in order, with the notes taken under each."""
    with workspace.reading() as session:
        return [agenda_row(i) for i in meeting_items(session, meeting_id)]


@validated
def save_agenda_notes(workspace: Workspace, *, item_id: str, notes: str) -> None:
    """Store the notes for one agenda item (called as the minute-taker types)."""
    with workspace.transaction() as session:
        item = _agenda_item(session, item_id)
        if item.notes != notes:
            item.notes = notes


@validated
def add_agenda_item(
    workspace: Workspace,
    *,
    meeting_id: str,
    title: str,
    kind: str = "notes",
    guidance: str = "",
    position: int | None = None,
) -> AgendaItemRow:
    """An extra item on this meeting's agenda only."""
    title = required_text(title, "the agenda item a title")
    with workspace.transaction() as session:
        editable_meeting(session, meeting_id)
        items = meeting_items(session, meeting_id)
        item = AgendaItem(
            meeting_id=meeting_id,
            position=len(items),
            title=title,
            guidance=guidance.strip(),
            kind=checked_kind(kind),
        )
        session.add(item)
        place(items, item, position)
        session.flush()
        return agenda_row(item)


@validated
def rename_agenda_item(workspace: Workspace, *, item_id: str, title: str) -> AgendaItemRow:
    title = required_text(title, "the agenda item a title")
    with workspace.transaction() as session:
        item = _agenda_item(session, item_id)
        item.title = title
        return agenda_row(item)


@validated
def remove_agenda_item(workspace: Workspace, *, item_id: str, discard_notes: bool = False) -> None:
    """Take an item off this meeting's agenda. Notes are kept unless ``discard_notes``."""
    with workspace.transaction() as session:
        item = _agenda_item(session, item_id)
        if item.notes.strip() and not discard_notes:
            raise ValidationError(
                "This agenda item has notes. Move them to another item first, "
                "or confirm that they should be discarded."
            )
        items = meeting_items(session, item.meeting_id)
        if len(items) == 1:
            raise ValidationError("A meeting needs at least one agenda item. Add another first.")
        items.remove(item)
        session.delete(item)
        place(items, None, None)


@validated
def move_agenda_item(workspace: Workspace, *, item_id: str, position: int) -> None:
    with workspace.transaction() as session:
        item = _agenda_item(session, item_id)
        place(meeting_items(session, item.meeting_id), item, position)


@validated
def reorder_agenda(workspace: Workspace, *, meeting_id: str, item_ids: Sequence[str]) -> None:
    """Put the meeting's agenda in the order of ``item_ids`` (every item, once)."""
    with workspace.transaction() as session:
        editable_meeting(session, meeting_id)
        reorder(meeting_items(session, meeting_id), item_ids)


@validated
def save_time_spent(
    workspace: Workspace, *, meeting_id: str, seconds_by_item: Mapping[str, int]
) -> None:
    """Store the time spent per agenda item (from ``MeetingFlow.time_spent()``)."""
    with workspace.transaction() as session:
        editable_meeting(session, meeting_id)
        for item in meeting_items(session, meeting_id):
            seconds = seconds_by_item.get(item.id)
            if seconds is not None and seconds >= 0 and item.seconds_spent != seconds:
                item.seconds_spent = seconds
