"""What each agency shared: one entry per agency present or sending information."""

from __future__ import annotations

import dataclasses

from sqlalchemy import bindparam, select
from sqlalchemy.orm import Session

from app.errors import NotFound
from app.models import Agency, AgencyAttendance, AgencyInformation, StatutoryRole
from app.models.conduct import REPRESENTED
from app.services.conduct._common import editable_meeting, get_agency, get_meeting
from app.storage.workspace import Workspace
from app.validation import validated


@dataclasses.dataclass(frozen=True)
class AgencyInformationRow:
    id: str
    meeting_id: str
    agency_id: str
    agency_name: str
    contributor: str
    information: str
    # Restricted information (police intelligence, say) never reaches a family.
    restricted: bool


@dataclasses.dataclass(frozen=True)
class InformationPanel:
    """One agency's panel in meeting mode: who speaks for it, and what it shared."""

    agency_id: str
    agency_name: str
    statutory_role: StatutoryRole | None
    contributors: tuple[str, ...]
    entry: AgencyInformationRow | None


def _row(entry: AgencyInformation, agency: Agency) -> AgencyInformationRow:
    return AgencyInformationRow(
        entry.id,
        entry.meeting_id,
        entry.agency_id,
        agency.name,
        entry.contributor,
        entry.information,
        entry.restricted,
    )


_ENTRIES = (
    select(AgencyInformation, Agency)
    .join(Agency, Agency.id == AgencyInformation.agency_id)
    .where(AgencyInformation.meeting_id == bindparam("meeting"))
    .order_by(Agency.sort_order, Agency.name)
)


def information_rows(session: Session, meeting_id: str) -> list[AgencyInformationRow]:
    """Every agency's entry, in directory order."""
    pairs = session.execute(_ENTRIES, {"meeting": meeting_id}).all()
    return [_row(entry, agency) for entry, agency in pairs]


def list_agency_information(workspace: Workspace, *, meeting_id: str) -> list[AgencyInformationRow]:
    with workspace.reading() as session:
        return information_rows(session, meeting_id)


def information_panels(workspace: Workspace, *, meeting_id: str) -> list[InformationPanel]:
    """A panel per agency that attended or sent information, or already has an entry."""
    with workspace.reading() as session:
        get_meeting(session, meeting_id)
        contributors: dict[str, list[str]] = {}
        for row in session.scalars(
            select(AgencyAttendance).where(
                AgencyAttendance.meeting_id == meeting_id, AgencyAttendance.agency_id.is_not(None)
            )
        ):
            if row.status in REPRESENTED and row.agency_id:
                names = contributors.setdefault(row.agency_id, [])
                if row.name:
                    names.append(row.name)
        entries = {e.agency_id: e for e in information_rows(session, meeting_id)}
        wanted = set(contributors) | set(entries)
        agencies = session.scalars(
            select(Agency).where(Agency.id.in_(wanted)).order_by(Agency.sort_order, Agency.name)
        )
        return [
            InformationPanel(
                a.id,
                a.name,
                a.statutory_role,
                tuple(contributors.get(a.id, ())),
                entries.get(a.id),
            )
            for a in agencies
        ]


@validated
def save_agency_information(
    workspace: Workspace,
    *,
    meeting_id: str,
    agency_id: str,
    information: str | None = None,
    contributor: str | None = None,
    restricted: bool | None = None,
) -> AgencyInformationRow:
    """Create or update the agency's entry; None leaves a field as it is (for autosave).

    A new entry's contributor defaults to whoever attended or sent information
    for the agency.
    """
    with workspace.transaction() as session:
        editable_meeting(session, meeting_id)
        agency = get_agency(session, agency_id)
        entry = session.scalar(
            select(AgencyInformation).where(
                AgencyInformation.meeting_id == meeting_id,
                AgencyInformation.agency_id == agency_id,
            )
        )
        if entry is None:
            present = session.scalars(
                select(AgencyAttendance.name).where(
                    AgencyAttendance.meeting_id == meeting_id,
                    AgencyAttendance.agency_id == agency_id,
                    AgencyAttendance.status.in_(REPRESENTED),
                    AgencyAttendance.name != "",
                )
            ).all()
            entry = AgencyInformation(
                meeting_id=meeting_id,
                agency_id=agency_id,
                contributor=", ".join(present),
                information="",
                restricted=False,
            )
            session.add(entry)
        if information is not None and entry.information != information:
            entry.information = information
        if contributor is not None and entry.contributor != contributor.strip():
            entry.contributor = contributor.strip()
        if restricted is not None and entry.restricted != restricted:
            entry.restricted = restricted
        session.flush()
        return _row(entry, agency)


@validated
def remove_agency_information(workspace: Workspace, *, meeting_id: str, agency_id: str) -> None:
    with workspace.transaction() as session:
        editable_meeting(session, meeting_id)
        entry = session.scalar(
            select(AgencyInformation).where(
                AgencyInformation.meeting_id == meeting_id,
                AgencyInformation.agency_id == agency_id,
            )
        )
        if entry is None:
            raise NotFound("That agency has no information recorded at this meeting.")
        session.delete(entry)
