"""Invitations, attendance by agency, walk-ins, the guardian prompt and representation."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pytest

from app import clock
from app.errors import NotFound, ValidationError
from app.models import AttendanceStatus, MeetingType, ProceedingsType, StatutoryRole
from app.services import cases, records
from app.services.conduct import attendance, invitations, representation
from app.storage.workspace import Workspace
from tests.conftest import FIXED_NOW
from tests.test_conduct_support import (
    agency_id,
    new_case,
    new_meeting,
    shared_workspace,
    statutory,
)


@pytest.fixture(scope="module")
def ws(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Workspace]:
    yield from shared_workspace(tmp_path_factory)


def by_agency(rows: list[attendance.AttendeeRow], name: str) -> list[attendance.AttendeeRow]:
    return [r for r in rows if r.agency_name == name]


def test_scheduling_invites_the_four_statutory_agencies(ws: Workspace) -> None:
    meeting = new_meeting(ws)
    rows = attendance.list_attendance(ws, meeting_id=meeting.id)
    assert [r.statutory_role for r in rows] == list(StatutoryRole)
    assert all(r.status is AttendanceStatus.INVITED and r.name == "" for r in rows)


def test_default_invitation_uses_the_known_practitioner(ws: Workspace) -> None:
    police = statutory(ws)[StatutoryRole.POLICE].id
    # Two police officers in the directory: nobody is guessed until one attends.
    cases.add_practitioner(ws, name="DC Sam Sample", role="Detective", agency_id=police)
    cases.add_practitioner(ws, name="DC Lee Sample", role="Detective", agency_id=police)
    first = new_meeting(ws)
    assert by_agency(attendance.list_attendance(ws, meeting_id=first.id), "Police")[0].name == ""
    lee = cases.add_practitioner(ws, name="DC Lee Sample-Two", agency_id=police)
    invitations.invite_practitioner(ws, meeting_id=first.id, practitioner_id=lee)
    with pytest.raises(ValidationError, match="already invited"):
        invitations.invite_practitioner(ws, meeting_id=first.id, practitioner_id=lee)
    second = new_meeting(ws, case_id=first.case_id, on=FIXED_NOW.date() + dt.timedelta(days=7))
    (row,) = by_agency(attendance.list_attendance(ws, meeting_id=second.id), "Police")
    assert row.name == "DC Lee Sample-Two" and row.practitioner_id == lee


def test_inviting_fills_the_blank_invitation_then_adds(ws: Workspace) -> None:
    meeting = new_meeting(ws)
    health = statutory(ws)[StatutoryRole.HEALTH].id
    nurse = invitations.invite_person(
        ws, meeting_id=meeting.id, name="Nurse Jo Example", agency_id=health, role="Health visitor"
    )
    gp = invitations.invite_person(
        ws, meeting_id=meeting.id, name="Dr Ali Example", agency_id=health
    )
    rows = by_agency(attendance.list_attendance(ws, meeting_id=meeting.id), "Health")
    assert [r.name for r in rows] == ["Dr Ali Example", "Nurse Jo Example"]
    assert {nurse.id, gp.id} == {r.id for r in rows}
    with pytest.raises(ValidationError, match="name"):
        invitations.invite_person(ws, meeting_id=meeting.id, name=" ", agency_id=health)
    with pytest.raises(NotFound):
        invitations.invite_person(ws, meeting_id=meeting.id, name="X", agency_id="nope")


def test_statuses_arrivals_departures_and_walk_ins(ws: Workspace) -> None:
    meeting = new_meeting(ws)
    rows = attendance.list_attendance(ws, meeting_id=meeting.id)
    social_care, police, health, education = rows
    arrived = attendance.mark_arrived(ws, attendance_id=social_care.id)
    assert arrived.status is AttendanceStatus.ATTENDED and arrived.arrived_at == FIXED_NOW
    clock.set_clock(lambda: FIXED_NOW + dt.timedelta(minutes=50))
    left = attendance.mark_departed(ws, attendance_id=social_care.id)
    assert left.departed_at == FIXED_NOW + dt.timedelta(minutes=50)
    with pytest.raises(ValidationError, match="arrived first"):
        attendance.mark_departed(ws, attendance_id=police.id)
    with pytest.raises(ValidationError, match="before the arrival"):
        attendance.set_times(
            ws, attendance_id=social_care.id, departed_at=FIXED_NOW - dt.timedelta(minutes=1)
        )
    attendance.set_status(ws, attendance_id=police.id, status=AttendanceStatus.APOLOGIES)
    attendance.set_status(ws, attendance_id=health.id, status=AttendanceStatus.SENT_INFORMATION)
    attendance.set_status(ws, attendance_id=education.id, status=AttendanceStatus.DID_NOT_ATTEND)
    attendance.update_attendee(ws, attendance_id=police.id, name="DC Example", role="Detective")

    # A walk-in for an agency whose invitation is filled: a new row, attended now.
    walk_in = attendance.add_walk_in(
        ws,
        meeting_id=meeting.id,
        name="Robin Example",
        agency_id=agency_id(ws, "Family Help"),
        role="Lead practitioner",
    )
    assert walk_in.walk_in and walk_in.status is AttendanceStatus.ATTENDED
    assert walk_in.arrived_at == FIXED_NOW + dt.timedelta(minutes=50)
    statuses = {
        r.agency_name: r.status for r in attendance.list_attendance(ws, meeting_id=meeting.id)
    }
    assert statuses == {
        "Children's social care": AttendanceStatus.ATTENDED,
        "Police": AttendanceStatus.APOLOGIES,
        "Health": AttendanceStatus.SENT_INFORMATION,
        "Education": AttendanceStatus.DID_NOT_ATTEND,
        "Family Help": AttendanceStatus.ATTENDED,
    }
    attendance.remove_attendee(ws, attendance_id=walk_in.id)
    assert len(attendance.list_attendance(ws, meeting_id=meeting.id)) == 4


def test_a_walk_in_fills_the_blank_invitation_for_their_agency(ws: Workspace) -> None:
    meeting = new_meeting(ws)
    education = statutory(ws)[StatutoryRole.EDUCATION].id
    row = attendance.add_walk_in(
        ws, meeting_id=meeting.id, name="Morgan Example", agency_id=education, role="DSL"
    )
    rows = by_agency(attendance.list_attendance(ws, meeting_id=meeting.id), "Education")
    assert [(r.id, r.name, r.status) for r in rows] == [
        (row.id, "Morgan Example", AttendanceStatus.ATTENDED)
    ]


def test_conferences_invite_the_family_and_more_can_be_invited(ws: Workspace) -> None:
    case = new_case(ws)
    child_id = case.child_id
    mother = cases.add_family_member(
        ws,
        child_id=child_id,
        name="Pat Example-Parent",
        relationship_to_child="Mother",
        invite_to_conferences=True,
    )
    grandad = cases.add_family_member(
        ws, child_id=child_id, name="Chris Example-Elder", relationship_to_child="Grandfather"
    )
    conference = new_meeting(ws, case_id=case.case_id, meeting_type=MeetingType.ICPC)
    family = [r for r in attendance.list_attendance(ws, meeting_id=conference.id) if r.is_family]
    assert [(r.name, r.role) for r in family] == [("Pat Example-Parent", "Mother")]
    added = invitations.invite_family_member(ws, meeting_id=conference.id, family_member_id=grandad)
    assert added.is_family and added.agency_id is None
    with pytest.raises(ValidationError, match="already invited"):
        invitations.invite_family_member(ws, meeting_id=conference.id, family_member_id=mother)
    # A strategy meeting invites no family by default; another child's family is refused.
    strategy = new_meeting(ws, case_id=case.case_id)
    assert not [r for r in attendance.list_attendance(ws, meeting_id=strategy.id) if r.is_family]
    other = new_meeting(ws)
    with pytest.raises(NotFound):
        invitations.invite_family_member(ws, meeting_id=other.id, family_member_id=mother)


def test_guardian_prompt_when_the_child_is_in_proceedings(ws: Workspace) -> None:
    meeting = new_meeting(ws)
    assert invitations.guardian_prompt(ws, meeting_id=meeting.id) is None
    case_id = meeting.case_id
    records.save_field(
        ws,
        table="case_episode",
        record_id=case_id,
        field="proceedings",
        value=ProceedingsType.PUBLIC_LAW.value,
    )
    records.save_field(
        ws,
        table="case_episode",
        record_id=case_id,
        field="guardian_name",
        value="Jamie Example-Guardian",
    )
    prompt = invitations.guardian_prompt(ws, meeting_id=meeting.id)
    assert prompt is not None
    assert "public law proceedings" in prompt.message
    assert prompt.guardian_name == "Jamie Example-Guardian"
    row = invitations.invite_guardian(ws, meeting_id=meeting.id)
    assert row.name == "Jamie Example-Guardian" and row.role == "Children's guardian"
    assert row.agency_name == "Cafcass (children's guardian)"
    assert invitations.guardian_prompt(ws, meeting_id=meeting.id) is None


def test_representation_check_and_acknowledgement(ws: Workspace) -> None:
    meeting = new_meeting(ws)
    rows = attendance.list_attendance(ws, meeting_id=meeting.id)
    assert [r.role for r in representation.unrepresented(ws, meeting_id=meeting.id)] == list(
        StatutoryRole
    )
    social_care, police, health, education = rows
    attendance.mark_arrived(ws, attendance_id=social_care.id)
    attendance.set_status(ws, attendance_id=health.id, status=AttendanceStatus.SENT_INFORMATION)
    attendance.set_status(ws, attendance_id=education.id, status=AttendanceStatus.ATTENDED)
    # Apologies do not count as representation.
    attendance.set_status(ws, attendance_id=police.id, status=AttendanceStatus.APOLOGIES)
    (missing,) = representation.unrepresented(ws, meeting_id=meeting.id)
    assert missing.role is StatutoryRole.POLICE and missing.needs_acknowledgement

    with pytest.raises(ValidationError, match="reason"):
        representation.acknowledge_absence(
            ws, meeting_id=meeting.id, role=StatutoryRole.POLICE, reason="  "
        )
    with pytest.raises(ValidationError, match="is represented"):
        representation.acknowledge_absence(
            ws, meeting_id=meeting.id, role=StatutoryRole.HEALTH, reason="x"
        )
    ack = representation.acknowledge_absence(
        ws,
        meeting_id=meeting.id,
        role=StatutoryRole.POLICE,
        reason="Officer called to an emergency; police checks shared by email beforehand.",
    )
    assert ack.acknowledged_by == "Test Chair" and ack.acknowledged_at == FIXED_NOW
    check = {r.role: r for r in representation.representation_check(ws, meeting_id=meeting.id)}
    assert check[StatutoryRole.POLICE].acknowledgement == ack
    assert not check[StatutoryRole.POLICE].needs_acknowledgement
    assert check[StatutoryRole.HEALTH].represented

    representation.withdraw_acknowledgement(ws, meeting_id=meeting.id, role=StatutoryRole.POLICE)
    (missing,) = representation.unrepresented(ws, meeting_id=meeting.id)
    assert missing.needs_acknowledgement
