"""The representation check: are social care, police, health and education represented?

Represented means someone for the agency attended or sent information. The
chair may go ahead without one, but must say why; the reason goes in the minutes.
"""

from __future__ import annotations

import dataclasses
import datetime as dt

from sqlalchemy import bindparam, select
from sqlalchemy.orm import Session

from app import clock
from app.errors import ValidationError
from app.models import (
    Agency,
    AgencyAttendance,
    RepresentationAcknowledgement,
    StatutoryRole,
)
from app.models.conduct import REPRESENTED
from app.services.conduct._common import editable_meeting, get_meeting, required_text
from app.storage.workspace import Workspace
from app.validation import validated


@dataclasses.dataclass(frozen=True)
class AcknowledgementRow:
    """The chair's recorded reason for going ahead without a statutory agency."""

    id: str
    role: StatutoryRole
    agency_name: str
    reason: str
    acknowledged_by: str
    acknowledged_at: dt.datetime
    # False once someone for the agency is recorded as attending or sending information.
    still_absent: bool


@dataclasses.dataclass(frozen=True)
class RepresentationRow:
    """One statutory agency at one meeting."""

    role: StatutoryRole
    agency_id: str | None
    agency_name: str
    represented: bool
    representatives: tuple[str, ...]
    acknowledgement: AcknowledgementRow | None

    @property
    def needs_acknowledgement(self) -> bool:
        return not self.represented and self.acknowledgement is None


_ROLE_NAMES = {
    StatutoryRole.SOCIAL_CARE: "Children's social care",
    StatutoryRole.POLICE: "Police",
    StatutoryRole.HEALTH: "Health",
    StatutoryRole.EDUCATION: "Education",
}


# Built once: the check runs at every step of a meeting, and again to close it.
_STATUTORY = select(Agency).where(Agency.statutory_role.is_not(None))
_ATTENDANCE = select(AgencyAttendance).where(AgencyAttendance.meeting_id == bindparam("meeting"))
_ACKNOWLEDGED = select(RepresentationAcknowledgement).where(
    RepresentationAcknowledgement.meeting_id == bindparam("meeting")
)


def representation_rows(session: Session, meeting_id: str) -> list[RepresentationRow]:
    """The four statutory agencies, in law's order, with who represents each."""
    agencies = {a.statutory_role: a for a in session.scalars(_STATUTORY)}
    attendance = session.scalars(_ATTENDANCE, {"meeting": meeting_id}).all()
    acks = {a.statutory_role: a for a in session.scalars(_ACKNOWLEDGED, {"meeting": meeting_id})}
    rows = []
    for role in StatutoryRole:
        agency = agencies.get(role)
        name = agency.name if agency else _ROLE_NAMES[role]
        present = tuple(
            a.name or "(name not recorded)"
            for a in attendance
            if agency and a.agency_id == agency.id and a.status in REPRESENTED
        )
        ack = acks.get(role)
        rows.append(
            RepresentationRow(
                role,
                agency.id if agency else None,
                name,
                bool(present),
                present,
                _ack_row(ack, name, still_absent=not present) if ack else None,
            )
        )
    return rows


def _ack_row(
    ack: RepresentationAcknowledgement, agency_name: str, *, still_absent: bool
) -> AcknowledgementRow:
    return AcknowledgementRow(
        ack.id,
        ack.statutory_role,
        agency_name,
        ack.reason,
        ack.acknowledged_by,
        ack.acknowledged_at,
        still_absent,
    )


def representation_check(workspace: Workspace, *, meeting_id: str) -> list[RepresentationRow]:
    """All four statutory agencies, represented or not."""
    with workspace.reading() as session:
        get_meeting(session, meeting_id)
        return representation_rows(session, meeting_id)


def unrepresented(workspace: Workspace, *, meeting_id: str) -> list[RepresentationRow]:
    """The statutory agencies nobody represents (acknowledged or not)."""
    return [r for r in representation_check(workspace, meeting_id=meeting_id) if not r.represented]


@validated
def acknowledge_absence(
    workspace: Workspace, *, meeting_id: str, role: StatutoryRole, reason: str
) -> AcknowledgementRow:
    """Record why the meeting goes ahead without ``role``'s agency (who and when, too)."""
    reason = required_text(reason, "the reason the meeting is going ahead without this agency")
    with workspace.transaction() as session:
        editable_meeting(session, meeting_id)
        row = next(r for r in representation_rows(session, meeting_id) if r.role is role)
        if row.represented:
            raise ValidationError(
                f"{row.agency_name} is represented at this meeting: there is no absence to explain."
            )
        ack = session.scalar(
            select(RepresentationAcknowledgement).where(
                RepresentationAcknowledgement.meeting_id == meeting_id,
                RepresentationAcknowledgement.statutory_role == role,
            )
        )
        if ack is None:
            ack = RepresentationAcknowledgement(meeting_id=meeting_id, statutory_role=role)
            session.add(ack)
        ack.reason = reason
        ack.acknowledged_by = workspace.actor
        ack.acknowledged_at = clock.utcnow()
        session.flush()
        return _ack_row(ack, row.agency_name, still_absent=True)


@validated
def withdraw_acknowledgement(workspace: Workspace, *, meeting_id: str, role: StatutoryRole) -> None:
    """Remove a recorded reason (made in error, or the agency joined after all)."""
    with workspace.transaction() as session:
        editable_meeting(session, meeting_id)
        ack = session.scalar(
            select(RepresentationAcknowledgement).where(
                RepresentationAcknowledgement.meeting_id == meeting_id,
                RepresentationAcknowledgement.statutory_role == role,
            )
        )
        if ack is not None:
            session.delete(ack)
