"""Attendance by agency: who came, who sent apologies or information, and when."""

from __future__ import annotations

import dataclasses
import datetime as dt

from sqlalchemy import bindparam, select
from sqlalchemy.orm import Session

from app import clock
from app.errors import NotFound, ValidationError
from app.models import Agency, AgencyAttendance, AttendanceStatus, StatutoryRole
from app.services.conduct._common import (
    UNSET,
    Unset,
    editable_meeting,
    get_agency,
    required_text,
)
from app.storage.workspace import Workspace
from app.validation import validated


@dataclasses.dataclass(frozen=True)
class AttendeeRow:
    """One invitee: a person for an agency, or a family member (no agency)."""

    id: str
    meeting_id: str
    agency_id: str | None
    agency_name: str
    statutory_role: StatutoryRole | None
    practitioner_id: str | None
    family_member_id: str | None
    name: str
    role: str
    status: AttendanceStatus
    arrived_at: dt.datetime | None
    departed_at: dt.datetime | None
    walk_in: bool

    @property
    def is_family(self) -> bool:
        return self.family_member_id is not None

    @property
    def name_known(self) -> bool:
        return bool(self.name)


def attendee_row(row: AgencyAttendance, agency: Agency | None) -> AttendeeRow:
    return AttendeeRow(
        row.id,
        row.meeting_id,
        row.agency_id,
        agency.name if agency else "",
        agency.statutory_role if agency else None,
        row.practitioner_id,
        row.family_member_id,
        row.name,
        row.role,
        row.status,
        row.arrived_at,
        row.departed_at,
        row.walk_in,
    )


_INVITEES = (
    select(AgencyAttendance, Agency)
    .outerjoin(Agency, Agency.id == AgencyAttendance.agency_id)
    .where(AgencyAttendance.meeting_id == bindparam("meeting"))
)


def attendance_rows(session: Session, meeting_id: str) -> list[AttendeeRow]:
    """The meeting's invitees: agencies in directory order, then family members."""
    pairs = session.execute(_INVITEES, {"meeting": meeting_id}).all()
    rows = [attendee_row(row, agency) for row, agency in pairs]
    orders = {agency.id: (agency.sort_order, agency.name) for _, agency in pairs if agency}

    def key(row: AttendeeRow) -> tuple[int, int, str, str, str]:
        order, agency_name = orders.get(row.agency_id or "", (1_000_000, ""))
        return (int(row.is_family), order, agency_name, row.name.casefold(), row.id)

    return sorted(rows, key=key)


def _attendance(session: Session, attendance_id: str) -> AgencyAttendance:
    row = session.get(AgencyAttendance, attendance_id)
    if row is None:
        raise NotFound("That person is no longer on this meeting's list.")
    editable_meeting(session, row.meeting_id)
    return row


def _row(session: Session, row: AgencyAttendance) -> AttendeeRow:
    return attendee_row(row, session.get(Agency, row.agency_id) if row.agency_id else None)


def list_attendance(workspace: Workspace, *, meeting_id: str) -> list[AttendeeRow]:
    with workspace.reading() as session:
        return attendance_rows(session, meeting_id)


@validated
def set_status(
    workspace: Workspace, *, attendance_id: str, status: AttendanceStatus
) -> AttendeeRow:
    """Invited, attended, apologies, sent information or did not attend."""
    with workspace.transaction() as session:
        row = _attendance(session, attendance_id)
        row.status = status
        return _row(session, row)


@validated
def mark_arrived(workspace: Workspace, *, attendance_id: str) -> AttendeeRow:
    """They are here: attended, arriving now."""
    with workspace.transaction() as session:
        row = _attendance(session, attendance_id)
        _arrive(row, clock.utcnow())
        return _row(session, row)


def _arrive(row: AgencyAttendance, now: dt.datetime) -> None:
    row.status = AttendanceStatus.ATTENDED
    row.arrived_at = now
    row.departed_at = None


@validated
def mark_everyone_arrived(workspace: Workspace, *, meeting_id: str) -> list[AttendeeRow]:
    """Everyone still shown as invited is here, arriving now (in one step, as a chair
    does when the room is full). Apologies, information sent and did not attend stay
    as they are. The meeting's invitees, as :func:`list_attendance` gives them."""
    with workspace.transaction() as session:
        editable_meeting(session, meeting_id)
        now = clock.utcnow()
        for row in session.scalars(
            select(AgencyAttendance).where(
                AgencyAttendance.meeting_id == meeting_id,
                AgencyAttendance.status == AttendanceStatus.INVITED,
            )
        ):
            _arrive(row, now)
        session.flush()
        return attendance_rows(session, meeting_id)


@validated
def mark_departed(workspace: Workspace, *, attendance_id: str) -> AttendeeRow:
    """They left now (they still attended)."""
    with workspace.transaction() as session:
        row = _attendance(session, attendance_id)
        if row.status is not AttendanceStatus.ATTENDED:
            raise ValidationError("Only someone who attended can leave. Mark them arrived first.")
        row.departed_at = clock.utcnow()
        return _row(session, row)


@validated
def set_times(
    workspace: Workspace,
    *,
    attendance_id: str,
    arrived_at: dt.datetime | Unset | None = UNSET,
    departed_at: dt.datetime | Unset | None = UNSET,
) -> AttendeeRow:
    """Correct arrival or departure times (timezone-aware); UNSET leaves one as it is."""
    with workspace.transaction() as session:
        row = _attendance(session, attendance_id)
        if arrived_at is not UNSET:
            row.arrived_at = arrived_at
        if departed_at is not UNSET:
            row.departed_at = departed_at
        if row.arrived_at and row.departed_at and row.departed_at < row.arrived_at:
            raise ValidationError("The departure time is before the arrival time. Check both.")
        return _row(session, row)


@validated
def update_attendee(
    workspace: Workspace,
    *,
    attendance_id: str,
    name: str | None = None,
    role: str | None = None,
    agency_id: str | Unset | None = UNSET,
) -> AttendeeRow:
    """Change a name, role or agency; None (UNSET for the agency) leaves it as it is."""
    with workspace.transaction() as session:
        row = _attendance(session, attendance_id)
        if name is not None:
            row.name = name.strip()
        if role is not None:
            row.role = role.strip()
        if agency_id is not UNSET:
            if agency_id is not None:
                get_agency(session, agency_id)
            row.agency_id = agency_id
        return _row(session, row)


@validated
def add_walk_in(
    workspace: Workspace, *, meeting_id: str, name: str, agency_id: str, role: str = ""
) -> AttendeeRow:
    """Someone who arrived without an invitation: attended, arriving now.

    Where the agency's invitation is still a blank placeholder, the walk-in fills it.
    """
    name = required_text(name, "the person's name")
    with workspace.transaction() as session:
        editable_meeting(session, meeting_id)
        get_agency(session, agency_id)
        row = blank_invitation(session, meeting_id, agency_id)
        if row is None:
            row = AgencyAttendance(meeting_id=meeting_id, agency_id=agency_id, name=name)
            session.add(row)
            row.walk_in = True
        row.name, row.role = name, role.strip()
        row.status = AttendanceStatus.ATTENDED
        row.arrived_at = clock.utcnow()
        session.flush()
        return _row(session, row)


@validated
def remove_attendee(workspace: Workspace, *, attendance_id: str) -> None:
    """Take someone off the list (invited in error)."""
    with workspace.transaction() as session:
        session.delete(_attendance(session, attendance_id))


def blank_invitation(session: Session, meeting_id: str, agency_id: str) -> AgencyAttendance | None:
    """The agency's default invitation whose person is not yet known, if there is one."""
    return session.scalar(
        select(AgencyAttendance)
        .where(
            AgencyAttendance.meeting_id == meeting_id,
            AgencyAttendance.agency_id == agency_id,
            AgencyAttendance.name == "",
            AgencyAttendance.status == AttendanceStatus.INVITED,
        )
        .limit(1)
    )
