"""The agency directory: list, add, rename and retire."""

from __future__ import annotations

import dataclasses

from sqlalchemy import select

from app.errors import NotFound, ValidationError
from app.models import Agency, AgencyKind, StatutoryRole
from app.services.cases import retire
from app.storage.workspace import Workspace
from app.validation import validated


@dataclasses.dataclass(frozen=True)
class AgencyRow:
    id: str
    name: str
    kind: AgencyKind
    statutory_role: StatutoryRole | None
    retired: bool


def _row(agency: Agency) -> AgencyRow:
    return AgencyRow(agency.id, agency.name, agency.kind, agency.statutory_role, agency.retired)


def list_agencies(workspace: Workspace, *, include_retired: bool = False) -> list[AgencyRow]:
    with workspace.reading() as session:
        query = select(Agency).order_by(Agency.sort_order, Agency.name)
        if not include_retired:
            query = query.where(Agency.retired_at.is_(None))
        return [_row(a) for a in session.scalars(query)]


def statutory_agencies(workspace: Workspace) -> dict[StatutoryRole, AgencyRow]:
    return {a.statutory_role: a for a in list_agencies(workspace) if a.statutory_role}


@validated
def add_agency(workspace: Workspace, *, name: str, kind: AgencyKind = AgencyKind.OTHER) -> str:
    name = name.strip()
    if not name:
        raise ValidationError("Give the agency a name.")
    with workspace.transaction() as session:
        taken = session.scalar(select(Agency.id).where(Agency.name == name))
        if taken:
            raise ValidationError(f"There is already an agency called {name}.")
        agency = Agency(name=name, kind=kind, sort_order=1000)
        session.add(agency)
        session.flush()
        return agency.id


@validated
def rename_agency(workspace: Workspace, *, agency_id: str, name: str) -> None:
    name = name.strip()
    if not name:
        raise ValidationError("Give the agency a name.")
    with workspace.transaction() as session:
        agency = session.get(Agency, agency_id)
        if agency is None:
            raise NotFound("That agency no longer exists.")
        agency.name = name


@validated
def retire_agency(
    workspace: Workspace, *, agency_id: str, retired: bool = True, reason: str = ""
) -> None:
    """Retire (with a reason) or bring back an agency. Statutory agencies cannot be retired.

    A retired agency stays in every record that names it; it is only no longer offered.
    """
    reason = reason.strip()
    if retired and not reason:
        raise ValidationError("Say why this agency is being retired.")
    with workspace.transaction() as session:
        agency = session.get(Agency, agency_id)
        if agency is None:
            raise NotFound("That agency no longer exists.")
        if retired and agency.statutory_role is not None:
            raise ValidationError(
                f"{agency.name} is a statutory agency: every MACPT must have it. Rename it instead."
            )
        if retired:
            retire(agency, workspace.actor, reason)
        else:
            agency.retired_at = agency.retired_by = agency.retired_reason = None
