"""What a new (or newly upgraded) workspace starts with, from resources/."""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy import select

from app import paths
from app.models import (
    Agency,
    AgencyKind,
    AgendaTemplateItem,
    MeetingType,
    StatutoryRole,
    seed_id,
)
from app.storage.workspace import Workspace


def load_resource(name: str) -> Any:
    with (paths.resources_dir() / name).open(encoding="utf-8") as handle:
        return json.load(handle)


def default_agenda(meeting_type: MeetingType) -> list[dict[str, str]]:
    items: list[dict[str, str]] = load_resource(f"agendas/{meeting_type.value}.json")["items"]
    return items


def template_item_id(meeting_type: MeetingType, position: int) -> str:
    """The fixed id of the shipped agenda template's item at ``position``."""
    return seed_id("agenda-template", f"{meeting_type.value}/{position}")


def seed_workspace(workspace: Workspace) -> None:
    """Add seeded agencies and agenda templates that are missing. Never overwrites."""
    with workspace.transaction() as session:
        known = set(session.scalars(select(Agency.seed_key).where(Agency.seed_key.is_not(None))))
        for order, item in enumerate(load_resource("agencies.json")["agencies"]):
            if item["key"] in known:
                continue
            role = item.get("statutory_role")
            session.add(
                Agency(
                    id=seed_id("agency", item["key"]),
                    name=item["name"],
                    kind=AgencyKind(item["kind"]),
                    statutory_role=StatutoryRole(role) if role else None,
                    seed_key=item["key"],
                    sort_order=order,
                )
            )
        have = set(session.scalars(select(AgendaTemplateItem.meeting_type).distinct()))
        for meeting_type in MeetingType:
            if meeting_type in have:
                continue
            for position, item in enumerate(default_agenda(meeting_type)):
                session.add(
                    AgendaTemplateItem(
                        id=template_item_id(meeting_type, position),
                        meeting_type=meeting_type,
                        position=position,
                        title=item["title"],
                        guidance=item.get("guidance", ""),
                        kind=item.get("kind", "notes"),
                    )
                )
