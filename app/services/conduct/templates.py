"""Agendas are data: the area's agenda template per meeting type.

A local area adds, removes, reorders and renames items, and can restore the
agenda MACPT Companion ships (resources/agendas/*.json).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.errors import NotFound, ValidationError
from app.models import AgendaTemplateItem, MeetingType
from app.services.conduct._common import required_text
from app.services.conduct.agenda import checked_kind, place, reorder
from app.services.setup import default_agenda, template_item_id
from app.storage.workspace import Workspace
from app.validation import validated


@dataclasses.dataclass(frozen=True)
class AgendaTemplateRow:
    id: str
    meeting_type: MeetingType
    position: int
    title: str
    guidance: str
    kind: str


def _template_row(item: AgendaTemplateItem) -> AgendaTemplateRow:
    return AgendaTemplateRow(
        item.id, item.meeting_type, item.position, item.title, item.guidance, item.kind
    )


def _template(session: Session, meeting_type: MeetingType) -> list[AgendaTemplateItem]:
    return list(
        session.scalars(
            select(AgendaTemplateItem)
            .where(AgendaTemplateItem.meeting_type == meeting_type)
            .order_by(AgendaTemplateItem.position)
        )
    )


def _template_item(session: Session, item_id: str) -> AgendaTemplateItem:
    item = session.get(AgendaTemplateItem, item_id)
    if item is None:
        raise NotFound("That agenda template item no longer exists.")
    return item


def list_template(workspace: Workspace, *, meeting_type: MeetingType) -> list[AgendaTemplateRow]:
    """The area's agenda for ``meeting_type``, in order."""
    with workspace.reading() as session:
        return [_template_row(i) for i in _template(session, meeting_type)]


@validated
def add_template_item(
    workspace: Workspace,
    *,
    meeting_type: MeetingType,
    title: str,
    kind: str = "notes",
    guidance: str = "",
    position: int | None = None,
) -> AgendaTemplateRow:
    """A new item in the template, at ``position`` (0-based; the end by default)."""
    title = required_text(title, "the agenda item a title")
    with workspace.transaction() as session:
        items = _template(session, meeting_type)
        item = AgendaTemplateItem(
            meeting_type=meeting_type,
            position=len(items),
            title=title,
            guidance=guidance.strip(),
            kind=checked_kind(kind),
        )
        session.add(item)
        place(items, item, position)
        session.flush()
        return _template_row(item)


@validated
def edit_template_item(
    workspace: Workspace,
    *,
    item_id: str,
    title: str | None = None,
    guidance: str | None = None,
    kind: str | None = None,
) -> AgendaTemplateRow:
    """Rename an item, or change its guidance or kind; None leaves a field as it is."""
    with workspace.transaction() as session:
        item = _template_item(session, item_id)
        if title is not None:
            item.title = required_text(title, "the agenda item a title")
        if guidance is not None:
            item.guidance = guidance.strip()
        if kind is not None:
            item.kind = checked_kind(kind)
        return _template_row(item)


@validated
def remove_template_item(workspace: Workspace, *, item_id: str) -> None:
    """Take an item out of the template; the last item stays (an agenda needs one)."""
    with workspace.transaction() as session:
        item = _template_item(session, item_id)
        items = _template(session, item.meeting_type)
        if len(items) == 1:
            raise ValidationError("An agenda needs at least one item. Add another first.")
        items.remove(item)
        session.delete(item)
        place(items, None, None)


@validated
def move_template_item(workspace: Workspace, *, item_id: str, position: int) -> None:
    """Move an item to ``position`` (0-based) in its template."""
    with workspace.transaction() as session:
        item = _template_item(session, item_id)
        place(_template(session, item.meeting_type), item, position)


@validated
def reorder_template(
    workspace: Workspace, *, meeting_type: MeetingType, item_ids: Sequence[str]
) -> None:
    """Put the template in the order of ``item_ids`` (every item, once)."""
    with workspace.transaction() as session:
        reorder(_template(session, meeting_type), item_ids)


@validated
def restore_default_template(
    workspace: Workspace, *, meeting_type: MeetingType
) -> list[AgendaTemplateRow]:
    """Replace the area's template with the one MACPT Companion ships."""
    defaults = default_agenda(meeting_type)
    with workspace.transaction() as session:
        for item in _template(session, meeting_type):
            session.delete(item)
        session.flush()
        restored = [
            AgendaTemplateItem(
                id=template_item_id(meeting_type, position),
                meeting_type=meeting_type,
                position=position,
                title=entry["title"],
                guidance=entry.get("guidance", ""),
                kind=entry.get("kind", "notes"),
            )
            for position, entry in enumerate(defaults)
        ]
        session.add_all(restored)
        session.flush()
        return [_template_row(i) for i in restored]
