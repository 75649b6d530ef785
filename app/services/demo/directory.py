"""The people the demo's meetings name, in the directory, so their records link to them.

A chair's meetings name people the directory holds: the LCPP who chairs
(``Meeting.chair_id``) and the practitioner each statutory agency sends (the
invitation's ``practitioner_id``, which ``conduct.invitations`` fills in when
the meeting is scheduled). The demo adds whoever of them the directory lacks,
through the directory's own service, before it schedules anything, so its
attendance and chairs are linked by id as a chair's are, not by name only.
"""

from __future__ import annotations

from sqlalchemy import select

from app.models import Agency, Practitioner
from app.services import cases
from app.services.people import practitioner_named
from app.storage.workspace import Workspace

# The practitioner each statutory agency sends (by the agency's seed key), and their role.
AGENCY_PRACTITIONERS = {
    "social-care": ("Sam Demo-Social-Worker", "Social worker"),
    "police": ("DC Alex Demo-Officer", "Detective constable"),
    "health": ("Nurse Riley Demo-Health", "School nurse"),
    "education": ("Morgan Demo-Teacher", "Designated safeguarding lead"),
}
CHAIR_ROLE = "Lead Child Protection Practitioner (LCPP)"


def email(name: str) -> str:
    return f"{name.split()[-1].lower()}@example.org"


def add_missing(workspace: Workspace, *, chairs: tuple[str, ...]) -> int:
    """Add each statutory agency's practitioner where the agency has nobody current,
    and each of ``chairs`` not in the directory by name; how many were added.

    An agency with exactly one current practitioner has them invited by default,
    so one is added, never a second. The chairs belong to no agency: an LCPP in
    an agency's list would make that agency's default invitee ambiguous.
    """
    with workspace.reading() as session:
        agencies = [
            (agency.id, agency.seed_key)
            for agency in session.scalars(
                select(Agency).where(
                    Agency.statutory_role.is_not(None), Agency.retired_at.is_(None)
                )
            )
        ]
        staffed = set(
            session.scalars(select(Practitioner.agency_id).where(Practitioner.retired_at.is_(None)))
        )
        missing_chairs = [name for name in chairs if practitioner_named(session, name) is None]
    added = 0
    for agency_id, key in agencies:
        if agency_id in staffed or key not in AGENCY_PRACTITIONERS:
            continue
        name, role = AGENCY_PRACTITIONERS[key]
        cases.add_practitioner(
            workspace, name=name, role=role, agency_id=agency_id, email=email(name)
        )
        added += 1
    for name in missing_chairs:
        cases.add_practitioner(workspace, name=name, role=CHAIR_ROLE, email=email(name))
        added += 1
    return added
