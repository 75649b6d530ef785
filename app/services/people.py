"""People named in a meeting, linked to their records when they are named.

A chair is typed as a name; where exactly one practitioner in the directory
has it, the meeting keeps that practitioner's id. An action's owner is linked
to the meeting's invitee of that name (a practitioner or a family member).
From then on the records are compared by id, never by name, so renaming a
person keeps every link.
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.models import AgencyAttendance, MeetingAction, Practitioner


def _key(name: str) -> str:
    return " ".join(name.casefold().split())


_CURRENT = select(Practitioner).where(Practitioner.retired_at.is_(None))


def practitioner_named(session: Session, name: str) -> str | None:
    """The id of the one current practitioner called ``name``; None if none or several."""
    if not name.strip():
        return None
    found = [p.id for p in session.scalars(_CURRENT) if _key(p.name) == _key(name)]
    return found[0] if len(found) == 1 else None


def link_owner(session: Session, action: MeetingAction) -> None:
    """Point ``action`` at the invitee it names (same agency, or the family), if exactly one."""
    matches = [
        row
        for row in session.scalars(
            select(AgencyAttendance).where(AgencyAttendance.meeting_id == action.meeting_id)
        )
        if action.owner_name
        and _key(row.name) == _key(action.owner_name)
        and row.agency_id == action.owner_agency_id
        and (row.practitioner_id or row.family_member_id)
    ]
    invitee = matches[0] if len(matches) == 1 else None
    action.owner_practitioner_id = invitee.practitioner_id if invitee else None
    action.owner_family_member_id = invitee.family_member_id if invitee else None
