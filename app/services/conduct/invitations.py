"""Who is invited: the statutory agencies by default, practitioners, family, the guardian."""

from __future__ import annotations

import dataclasses

from sqlalchemy import bindparam, func, select
from sqlalchemy.orm import Session

from app.errors import NotFound, ValidationError
from app.models import (
    Agency,
    AgencyAttendance,
    CaseEpisode,
    FamilyMember,
    LookedAfterRecord,
    Meeting,
    MeetingType,
    Practitioner,
    ProceedingsType,
    StatutoryRole,
)
from app.services.conduct._common import (
    editable_meeting,
    get_agency,
    get_meeting,
    required_text,
)
from app.services.conduct.attendance import AttendeeRow, attendee_row, blank_invitation
from app.storage.workspace import Workspace
from app.validation import validated
from app.workflow.looked_after import IRO_ROLE

CAFCASS_KEY = "cafcass"
CONFERENCES = frozenset({MeetingType.ICPC, MeetingType.RCPC})
# The family are members of the core group as they are invited to conferences.
FAMILY_INVITED = CONFERENCES | {MeetingType.CORE_GROUP}


@dataclasses.dataclass(frozen=True)
class GuardianPrompt:
    """The child is in proceedings and no guardian or representative is invited."""

    message: str
    guardian_name: str | None
    guardian_contact: str | None


# Built once: every meeting scheduled runs them.
_SENT_BEFORE = (
    select(AgencyAttendance.agency_id, Practitioner)
    .join(Practitioner, AgencyAttendance.practitioner_id == Practitioner.id)
    .join(Meeting, Meeting.id == AgencyAttendance.meeting_id)
    # The case's own meetings are a handful: SQLite starts from them, never
    # from the agency's every invitation.
    .where(Meeting.case_id == bindparam("case"), Practitioner.retired_at.is_(None))
    .order_by(Meeting.scheduled_date.desc(), Meeting.created_at.desc())
)
_ONLY_PRACTITIONER = (
    select(Practitioner.agency_id, func.min(Practitioner.id))
    .where(
        Practitioner.agency_id.in_(bindparam("agencies", expanding=True)),
        Practitioner.retired_at.is_(None),
    )
    .group_by(Practitioner.agency_id)
    .having(func.count() == 1)
)
_STATUTORY = (
    select(Agency)
    .where(Agency.statutory_role.is_not(None), Agency.retired_at.is_(None))
    .order_by(Agency.sort_order)
)
_IRO = select(LookedAfterRecord).where(LookedAfterRecord.case_id == bindparam("case"))


def _known_practitioners(
    session: Session, case_id: str, agency_ids: list[str]
) -> dict[str, Practitioner]:
    """For each agency, who it sent to the case's last meeting, or else its only practitioner.

    Two queries however many agencies, both before any invitation is added (so
    that nothing is flushed part-way through).
    """
    known: dict[str, Practitioner] = {}
    invited = session.execute(_SENT_BEFORE, {"case": case_id})
    for agency_id, person in invited:
        if agency_id in agency_ids:
            known.setdefault(agency_id, person)
    missing = [agency_id for agency_id in agency_ids if agency_id not in known]
    if missing:
        only = session.execute(_ONLY_PRACTITIONER, {"agencies": missing})
        for agency_id, practitioner_id in only.all():
            found = session.get(Practitioner, practitioner_id)
            if found is not None and agency_id is not None:
                known[agency_id] = found
    return known


def default_invitations(
    session: Session, meeting: Meeting, case: CaseEpisode
) -> list[AgencyAttendance]:
    """The invitations of the four statutory agencies (and, to conferences and core
    groups, the family) to ``meeting``, about ``case``, for the caller to add.

    Called in the transaction that schedules the meeting, before its agenda is added
    (so that the two are written together). Each agency gets a row with the
    practitioner it is known to send, or a blank name to fill in.
    """
    statutory = list(session.scalars(_STATUTORY))
    if meeting.meeting_type is MeetingType.LEGAL_PLANNING:
        statutory = _legal_planning_agencies(session, statutory)
    known = _known_practitioners(session, case.id, [agency.id for agency in statutory])
    iro = (
        _iro_invitation(session, meeting, case, statutory)
        if meeting.meeting_type in CONFERENCES
        else None
    )
    invitations = [
        AgencyAttendance(
            meeting_id=meeting.id,
            agency_id=agency.id,
            practitioner_id=person.id if person else None,
            name=person.name if person else "",
            role=person.role if person else "",
        )
        for agency in statutory
        for person in [known.get(agency.id)]
    ]
    if iro is not None:
        invitations.append(iro)
    if meeting.meeting_type in FAMILY_INVITED:
        invitations += [
            _family_invitation(meeting.id, member)
            for member in case.child.family
            if member.invite_to_conferences and not member.retired
        ]
    return invitations


def _iro_invitation(
    session: Session, meeting: Meeting, case: CaseEpisode, statutory: list[Agency]
) -> AgencyAttendance | None:
    """A looked-after child's IRO is invited to the child's conferences, for the local
    authority's children's social care (where IROs sit, independent of the case)."""
    iro = session.scalar(_IRO, {"case": case.id})
    if not case.looked_after or iro is None or not iro.iro_name:
        return None
    agency = next((a for a in statutory if a.statutory_role is StatutoryRole.SOCIAL_CARE), None)
    return AgencyAttendance(
        meeting_id=meeting.id,
        agency_id=agency.id if agency else None,
        name=iro.iro_name,
        role=IRO_ROLE,
    )


def _legal_planning_agencies(session: Session, statutory: list[Agency]) -> list[Agency]:
    """A legal planning meeting is the local authority's: social care, and its legal
    services where the directory has them (an agency whose name says "legal")."""
    social_care = [a for a in statutory if a.statutory_role is StatutoryRole.SOCIAL_CARE]
    legal = session.scalars(
        select(Agency)
        .where(Agency.name.ilike("%legal%"), Agency.retired_at.is_(None))
        .order_by(Agency.sort_order)
    )
    return social_care + [a for a in legal if a not in social_care]


def _family_invitation(meeting_id: str, member: FamilyMember) -> AgencyAttendance:
    return AgencyAttendance(
        meeting_id=meeting_id,
        family_member_id=member.id,
        name=member.name,
        role=member.relationship_to_child,
    )


def _invite(
    session: Session, meeting_id: str, agency: Agency, name: str, role: str
) -> AgencyAttendance:
    row = blank_invitation(session, meeting_id, agency.id)
    if row is None:
        row = AgencyAttendance(meeting_id=meeting_id, agency_id=agency.id, name=name)
        session.add(row)
    row.name, row.role = name, role
    session.flush()
    return row


@validated
def invite_practitioner(
    workspace: Workspace, *, meeting_id: str, practitioner_id: str, role: str | None = None
) -> AttendeeRow:
    """Invite someone from the directory (filling their agency's blank invitation)."""
    with workspace.transaction() as session:
        editable_meeting(session, meeting_id)
        person = session.get(Practitioner, practitioner_id)
        if person is None:
            raise NotFound("That practitioner is no longer in the directory.")
        if person.agency_id is None:
            raise ValidationError("Give the practitioner's agency in the directory first.")
        agency = get_agency(session, person.agency_id)
        taken = session.scalar(
            select(AgencyAttendance.id).where(
                AgencyAttendance.meeting_id == meeting_id,
                AgencyAttendance.practitioner_id == person.id,
            )
        )
        if taken:
            raise ValidationError("That practitioner is already invited to this meeting.")
        row = _invite(
            session, meeting_id, agency, person.name, person.role if role is None else role
        )
        row.practitioner_id = person.id
        return attendee_row(row, agency)


@validated
def invite_person(
    workspace: Workspace, *, meeting_id: str, name: str, agency_id: str, role: str = ""
) -> AttendeeRow:
    """Invite a named person for an agency, who need not be in the directory."""
    name = required_text(name, "the person's name")
    with workspace.transaction() as session:
        editable_meeting(session, meeting_id)
        agency = get_agency(session, agency_id)
        return attendee_row(_invite(session, meeting_id, agency, name, role.strip()), agency)


@validated
def invite_family_member(
    workspace: Workspace, *, meeting_id: str, family_member_id: str
) -> AttendeeRow:
    """Invite one of the child's family members (to a conference, usually)."""
    with workspace.transaction() as session:
        meeting = editable_meeting(session, meeting_id)
        member = session.get(FamilyMember, family_member_id)
        if member is None or member.child_id != meeting.case.child_id:
            raise NotFound("That family member is not recorded for this child.")
        if member.retired:
            raise ValidationError(f"{member.name} is retired from this child's family list.")
        taken = session.scalar(
            select(AgencyAttendance.id).where(
                AgencyAttendance.meeting_id == meeting_id,
                AgencyAttendance.family_member_id == member.id,
            )
        )
        if taken:
            raise ValidationError("That family member is already invited.")
        row = _family_invitation(meeting_id, member)
        session.add(row)
        session.flush()
        return attendee_row(row, None)


def _guardian_invited(session: Session, meeting_id: str) -> bool:
    for row, seed_key in session.execute(
        select(AgencyAttendance, Agency.seed_key)
        .outerjoin(Agency, Agency.id == AgencyAttendance.agency_id)
        .where(AgencyAttendance.meeting_id == meeting_id)
    ):
        if seed_key == CAFCASS_KEY or "guardian" in row.role.casefold():
            return True
    return False


def guardian_prompt(workspace: Workspace, *, meeting_id: str) -> GuardianPrompt | None:
    """A prompt to invite the guardian, where the child is in proceedings and none is."""
    with workspace.reading() as session:
        meeting = get_meeting(session, meeting_id)
        case = meeting.case
        if not case.in_proceedings or _guardian_invited(session, meeting_id):
            return None
        kind = "public law" if case.proceedings is ProceedingsType.PUBLIC_LAW else "private law"
        return GuardianPrompt(
            f"The child is in {kind} proceedings. Invite the child's guardian or "
            "representative to this meeting.",
            case.guardian_name,
            case.guardian_contact,
        )


@validated
def invite_guardian(
    workspace: Workspace, *, meeting_id: str, name: str | None = None
) -> AttendeeRow:
    """Invite the child's guardian (the case's, unless ``name`` is given) for Cafcass."""
    with workspace.transaction() as session:
        meeting = editable_meeting(session, meeting_id)
        name = required_text(name or meeting.case.guardian_name or "", "the guardian's name")
        agency = session.scalar(select(Agency).where(Agency.seed_key == CAFCASS_KEY))
        if agency is None:
            raise NotFound(
                "The directory has no Cafcass agency. Add the guardian with their agency instead."
            )
        row = _invite(session, meeting_id, agency, name, "Children's guardian")
        return attendee_row(row, agency)
