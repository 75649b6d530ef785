"""The next meeting of a child invites again the people the last one invited.

A strategy meeting is followed by the initial conference, that by reviews and
core groups: the same practitioners and family come. The chair is offered the
last meeting's invitees and unticks anyone who should not come again.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Collection

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.errors import ValidationError
from app.models import (
    Agency,
    AgencyAttendance,
    CaseEpisode,
    FamilyMember,
    Meeting,
    MeetingType,
    Practitioner,
)
from app.services.conduct.attendance import blank_invitation
from app.storage.workspace import Workspace


@dataclasses.dataclass(frozen=True)
class PreviousInvitee:
    """One person the child's last meeting invited, who may be invited again."""

    attendance_id: str
    name: str
    role: str
    agency_name: str
    is_family: bool

    @property
    def label(self) -> str:
        """How the chair sees them: name, role and agency (or "family")."""
        what = ", ".join(part for part in (self.role, self.agency_name) if part)
        if self.is_family:
            what = ", ".join(part for part in (self.role, "family") if part)
        return f"{self.name} ({what})" if what else self.name


@dataclasses.dataclass(frozen=True)
class PreviousInvitees:
    """The child's latest meeting and whom it invited."""

    meeting_id: str
    meeting_type: MeetingType
    scheduled_date: dt.date
    invitees: tuple[PreviousInvitee, ...]


def _latest_meeting(session: Session, case_id: str, *, before: str | None = None) -> Meeting | None:
    """The child's latest meeting (over all their cases), but ``before``."""
    child_id = session.scalar(select(CaseEpisode.child_id).where(CaseEpisode.id == case_id))
    if child_id is None:
        return None
    query = (
        select(Meeting)
        .join(CaseEpisode, CaseEpisode.id == Meeting.case_id)
        .where(CaseEpisode.child_id == child_id)
        .order_by(Meeting.scheduled_date.desc(), Meeting.created_at.desc())
        .limit(1)
    )
    if before is not None:
        query = query.where(Meeting.id != before)
    return session.scalar(query)


def _carried_rows(
    session: Session, meeting_id: str
) -> list[tuple[AgencyAttendance, Agency | None]]:
    """The meeting's named invitees who could come again (nobody retired)."""
    pairs = session.execute(
        select(AgencyAttendance, Agency)
        .outerjoin(Agency, Agency.id == AgencyAttendance.agency_id)
        .outerjoin(Practitioner, Practitioner.id == AgencyAttendance.practitioner_id)
        .outerjoin(FamilyMember, FamilyMember.id == AgencyAttendance.family_member_id)
        .where(
            AgencyAttendance.meeting_id == meeting_id,
            AgencyAttendance.name != "",
            Practitioner.retired_at.is_(None),
            FamilyMember.retired_at.is_(None),
        )
        .order_by(AgencyAttendance.family_member_id.is_not(None), AgencyAttendance.created_at)
    ).all()
    return [(row, agency) for row, agency in pairs if agency is None or agency.retired_at is None]


def previous_invitees(workspace: Workspace, *, case_id: str) -> PreviousInvitees | None:
    """Whom the child's latest meeting invited, or ``None`` if the child has had none."""
    with workspace.reading() as session:
        meeting = _latest_meeting(session, case_id)
        if meeting is None:
            return None
        invitees = tuple(
            PreviousInvitee(
                row.id,
                row.name,
                row.role,
                agency.name if agency else "",
                row.family_member_id is not None,
            )
            for row, agency in _carried_rows(session, meeting.id)
        )
        return PreviousInvitees(meeting.id, meeting.meeting_type, meeting.scheduled_date, invitees)


def _same_person(new: AgencyAttendance, old: AgencyAttendance) -> bool:
    if old.family_member_id is not None:
        return new.family_member_id == old.family_member_id
    if old.practitioner_id is not None:
        return new.practitioner_id == old.practitioner_id
    return new.agency_id == old.agency_id and new.name.casefold() == old.name.casefold()


def carry_invitations(session: Session, meeting: Meeting, chosen: Collection[str]) -> None:
    """Invite to ``meeting`` the chosen invitees of the child's previous meeting, and
    take off the default list those the chair unticked.

    Called after the ``default_invitations`` are added in the transaction that schedules
    the meeting. A statutory agency keeps its (then blank) invitation when its
    person is unticked: the agency must still be asked to come.
    """
    previous = _latest_meeting(session, meeting.case_id, before=meeting.id)
    rows = _carried_rows(session, previous.id) if previous is not None else []
    unknown = set(chosen) - {row.id for row, _ in rows}
    if unknown:
        raise ValidationError("Someone ticked was not invited to the child's last meeting.")
    invited = list(
        session.scalars(select(AgencyAttendance).where(AgencyAttendance.meeting_id == meeting.id))
    )
    for old, agency in rows:
        match = next((new for new in invited if _same_person(new, old)), None)
        if old.id not in chosen:
            if match is None:
                continue
            if agency is not None and agency.statutory_role is not None:
                match.name, match.role, match.practitioner_id = "", "", None
            else:
                invited.remove(match)
                session.delete(match)
            continue
        if match is not None:
            continue
        row = blank_invitation(session, meeting.id, old.agency_id) if old.agency_id else None
        if row is None:
            row = AgencyAttendance(meeting_id=meeting.id, agency_id=old.agency_id, name="")
            session.add(row)
            invited.append(row)
        row.name, row.role = old.name, old.role
        row.practitioner_id, row.family_member_id = old.practitioner_id, old.family_member_id
        session.flush()
