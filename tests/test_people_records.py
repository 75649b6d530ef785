"""People named in a meeting are records: the chair and the owners of actions."""

from __future__ import annotations

import datetime as dt

from app import clock
from app.models import Meeting, MeetingType
from app.services import cases, meetings, records
from app.services.conduct import actions, invitations
from app.storage.workspace import Workspace


def _case(workspace: Workspace) -> cases.CaseSummary:
    return cases.create_case(workspace, la_child_ref="DEMO-P001", first_name="Robin")


def test_the_chair_is_the_practitioner_named_and_stays_so_when_renamed(
    workspace: Workspace,
) -> None:
    chair = cases.add_practitioner(workspace, name="Lee Example-Chair", role="LCPP")
    case = _case(workspace)
    meeting = meetings.schedule_meeting(
        workspace,
        case_id=case.case_id,
        meeting_type=MeetingType.ICPC,
        scheduled_date=clock.today() + dt.timedelta(days=3),
        chair_name=" lee  EXAMPLE-chair",
    )
    records.save_field(
        workspace, table="practitioner", record_id=chair, field="name", value="Lee Renamed"
    )
    with workspace.reading() as session:
        row = session.get(Meeting, meeting.id)
        assert row is not None and row.chair_id == chair
    # A name nobody in the directory has is kept as a name, linked to nobody.
    records.save_field(
        workspace, table="meeting", record_id=meeting.id, field="chair_name", value="Kim Visitor"
    )
    with workspace.reading() as session:
        row = session.get(Meeting, meeting.id)
        assert row is not None and row.chair_id is None


def test_an_action_owned_by_an_invited_family_member_points_at_them(
    workspace: Workspace,
) -> None:
    case = _case(workspace)
    detail = cases.get_case(workspace, case_id=case.case_id)
    father = cases.add_family_member(
        workspace,
        child_id=detail.child_id,
        name="Pat Example (test)",
        relationship_to_child="Father",
    )
    meeting = meetings.schedule_meeting(
        workspace,
        case_id=case.case_id,
        meeting_type=MeetingType.ICPC,
        scheduled_date=clock.today() + dt.timedelta(days=3),
    )
    invitations.invite_family_member(workspace, meeting_id=meeting.id, family_member_id=father)
    row = actions.add_action(
        workspace,
        meeting_id=meeting.id,
        description="Take Robin to the dentist",
        owner_name="pat example (test)",
    )
    assert (row.owner_family_member_id, row.owner_practitioner_id) == (father, None)
    records.save_field(
        workspace, table="family_member", record_id=father, field="name", value="Pat Renamed"
    )
    [kept] = actions.list_actions(workspace, meeting_id=meeting.id)
    assert kept.owner_family_member_id == father
    # Someone who was not invited is only a name.
    other = actions.edit_action(workspace, action_id=row.id, owner_name="Someone Else")
    assert other.owner_family_member_id is None
