"""Signed records stay as signed: retire instead of delete, database guards,
CHECK constraints, seeded ids, and minutes that later changes do not reach."""

from __future__ import annotations

from pathlib import Path

import docx
import pytest
from sqlalchemy import select, text
from sqlalchemy.exc import DBAPIError, IntegrityError

from app.errors import ValidationError
from app.exporters.minutes import export_minutes
from app.models import (
    Agency,
    AgencyAttendance,
    AgendaTemplateItem,
    AuditEntry,
    FamilyMember,
    MeetingType,
    RiskAssessment,
    seed_id,
)
from app.services import agencies, cases, records
from app.services.conduct import invitations, signoff
from app.services.conduct.risk_to_others import record_risk_to_others
from app.services.conduct.templates import restore_default_template
from app.services.setup import template_item_id
from app.services.workspace import create_workspace
from app.storage.workspace import Workspace
from tests.conftest import PASSPHRASE
from tests.test_minutes_sample import SampleMeeting, add_full_meeting

LOCKED = "signed-off minutes change only by an amendment"


def _signed(workspace: Workspace) -> tuple[SampleMeeting, str]:
    """The sample meeting, with the child's father invited, signed off by the service."""
    sample = add_full_meeting(workspace)
    case = cases.get_case(workspace, case_id=sample.case_id)
    father = cases.add_family_member(
        workspace, child_id=case.child_id, name="Pat Example (test)", relationship_to_child="Father"
    )
    invitations.invite_family_member(
        workspace, meeting_id=sample.meeting_id, family_member_id=father
    )
    record_risk_to_others(
        workspace, meeting_id=sample.meeting_id, assessment=RiskAssessment.NONE_KNOWN
    )
    signoff.sign_off(workspace, meeting_id=sample.meeting_id)
    return sample, father


def _minutes_text(workspace: Workspace, meeting_id: str, target: Path) -> list[str]:
    export_minutes(workspace, meeting_id=meeting_id, target=target)
    document = docx.Document(str(target))
    # The distribution list grows with each copy made; the record it lists does not.
    lines = [p.text for p in document.paragraphs if p.text != "Distribution"]
    for table in document.tables[:-1]:
        lines += [cell.text for row in table.rows for cell in row.cells]
    return lines


def _execute(workspace: Workspace, statement: str, **params: object) -> None:
    with workspace.engine.begin() as connection:
        connection.execute(text(statement), params)


def test_retiring_a_family_member_keeps_them_where_they_were_named(
    workspace: Workspace,
) -> None:
    sample, father = _signed(workspace)
    with pytest.raises(ValidationError, match="Say why"):
        cases.retire_family_member(workspace, member_id=father, reason="  ")
    cases.retire_family_member(workspace, member_id=father, reason="Recorded twice (test)")

    with workspace.reading() as session:
        member = session.get(FamilyMember, father)
        assert member is not None and member.retired
        assert (member.retired_by, member.retired_reason) == ("Test Chair", "Recorded twice (test)")
        invited = session.scalars(
            select(AgencyAttendance.name).where(AgencyAttendance.family_member_id == father)
        ).all()
        assert invited == ["Pat Example (test)"]
        logged = session.scalars(
            select(AuditEntry.action).where(AuditEntry.record_id == father)
        ).all()
        assert logged == ["create", "update"]
    detail = cases.get_case(workspace, case_id=sample.case_id)
    assert [m.retired for m in detail.family] == [True]


def test_retired_family_members_are_not_invited_again(workspace: Workspace) -> None:
    sample = add_full_meeting(workspace)
    child = cases.get_case(workspace, case_id=sample.case_id).child_id
    member = cases.add_family_member(workspace, child_id=child, name="Sam Example (test)")
    cases.retire_family_member(workspace, member_id=member, reason="Moved away (test)")
    with pytest.raises(ValidationError, match="retired"):
        invitations.invite_family_member(
            workspace, meeting_id=sample.meeting_id, family_member_id=member
        )


def test_practitioners_and_agencies_are_retired_with_a_reason(workspace: Workspace) -> None:
    agency = agencies.add_agency(workspace, name="Sampletown Youth Club (test)")
    person = cases.add_practitioner(workspace, name="Jo Test-Worker", agency_id=agency)
    cases.retire_practitioner(workspace, practitioner_id=person, reason="Left the service (test)")
    with pytest.raises(ValidationError, match="Say why"):
        agencies.retire_agency(workspace, agency_id=agency)
    agencies.retire_agency(workspace, agency_id=agency, reason="Closed (test)")
    with workspace.reading() as session:
        row = session.get(Agency, agency)
        assert row is not None and row.retired_reason == "Closed (test)"
    agencies.retire_agency(workspace, agency_id=agency, retired=False)
    with workspace.reading() as session:
        row = session.get(Agency, agency)
        assert row is not None and (row.retired_at, row.retired_reason) == (None, None)


@pytest.mark.parametrize("table", ["family_member", "practitioner", "agency"])
def test_the_database_refuses_to_delete_what_others_name(workspace: Workspace, table: str) -> None:
    sample = add_full_meeting(workspace)
    child = cases.get_case(workspace, case_id=sample.case_id).child_id
    cases.add_family_member(workspace, child_id=child, name="Sam Example (test)")
    cases.add_practitioner(workspace, name="Jo Test-Worker")
    with pytest.raises(DBAPIError, match="retired, not deleted"):
        _execute(workspace, f"DELETE FROM {table}")


def test_the_database_refuses_changes_to_a_signed_off_meeting(workspace: Workspace) -> None:
    sample, _father = _signed(workspace)
    mid = sample.meeting_id
    refused = [
        "UPDATE attendance SET name = 'Someone else' WHERE meeting_id = :mid",
        "DELETE FROM attendance WHERE meeting_id = :mid",
        "UPDATE agenda_item SET notes = 'rewritten' WHERE meeting_id = :mid",
        "UPDATE threshold_decision SET rationale = 'rewritten' WHERE meeting_id = :mid",
        "DELETE FROM agency_information WHERE meeting_id = :mid",
        "UPDATE meeting SET location = 'Elsewhere' WHERE id = :mid",
        "UPDATE meeting SET status = 'closed' WHERE id = :mid",
        "DELETE FROM meeting WHERE id = :mid",
        "UPDATE meeting_action SET description = 'rewritten' WHERE meeting_id = :mid",
        "DELETE FROM meeting_action WHERE meeting_id = :mid",
        "UPDATE minutes_issue SET issued_by = 'Someone else' WHERE meeting_id = :mid",
        "INSERT INTO agenda_item (id, created_at, updated_at, meeting_id, position, title,"
        " guidance, kind, notes, seconds_spent) VALUES ('x', '2026-11-23', '2026-11-23', :mid,"
        " 99, 'Added later', '', 'notes', '', 0)",
    ]
    for statement in refused:
        with pytest.raises(DBAPIError, match=LOCKED):
            _execute(workspace, statement, mid=mid)
    with pytest.raises(DBAPIError, match="kept as it was signed"):
        _execute(workspace, "DELETE FROM signed_record")

    # Progress on an agreed action is still recorded (at a later meeting).
    _execute(
        workspace, "UPDATE meeting_action SET status = 'done' WHERE meeting_id = :mid", mid=mid
    )

    # The amendment path: an amendment of its own, then a reissue that carries it.
    amendment = signoff.record_amendment(
        workspace, meeting_id=mid, what="The school nurse sent apologies.", reason="Misheard"
    )
    issue = signoff.reissue_minutes(workspace, meeting_id=mid)
    assert issue.version == 2
    assert [a.version for a in signoff.list_amendments(workspace, meeting_id=mid)] == [2]
    with pytest.raises(DBAPIError, match="not changed"):
        _execute(workspace, "UPDATE amendment SET what = 'else' WHERE id = :id", id=amendment.id)
    with pytest.raises(DBAPIError, match="not changed"):
        _execute(workspace, "UPDATE amendment SET version = 3 WHERE id = :id", id=amendment.id)


def test_signed_minutes_do_not_change_until_an_amendment(
    workspace: Workspace, tmp_path: Path
) -> None:
    sample, father = _signed(workspace)
    mid = sample.meeting_id
    before = _minutes_text(workspace, mid, tmp_path / "before.docx")
    assert any("Pat Example (test)" in line for line in before)

    police = seed_id("agency", "police")
    agencies.rename_agency(workspace, agency_id=police, name="Sampletown Constabulary (test)")
    agencies.retire_agency(
        workspace, agency_id=seed_id("agency", "family-help"), reason="Renamed service (test)"
    )
    records.save_field(
        workspace,
        table="family_member",
        record_id=father,
        field="relationship_to_child",
        value="Stepfather",
    )
    cases.retire_family_member(workspace, member_id=father, reason="Recorded twice (test)")
    case = cases.get_case(workspace, case_id=sample.case_id)
    for field, value in (("la_child_ref", "DEMO-T999"), ("last_name", "Renamed")):
        records.save_field(
            workspace, table="child", record_id=case.child_id, field=field, value=value
        )
    records.save_field(
        workspace, table="case_episode", record_id=sample.case_id, field="concern", value="Changed"
    )

    after = _minutes_text(workspace, mid, tmp_path / "after.docx")
    assert after == before

    signoff.record_amendment(
        workspace,
        meeting_id=mid,
        what="The police were represented by DC Alex Test-Officer in person.",
        reason="Corrected attendance (test)",
    )
    signoff.reissue_minutes(workspace, meeting_id=mid)
    amended = _minutes_text(workspace, mid, tmp_path / "amended.docx")
    assert amended != before
    joined = "\n".join(amended)
    assert "The police were represented by DC Alex Test-Officer in person." in joined
    assert "Sampletown Constabulary" not in joined


@pytest.mark.parametrize(
    "statement",
    [
        "UPDATE meeting SET status = 'finished'",
        "UPDATE child SET sex = 'unknown'",
        "UPDATE agency SET kind = 'partner'",
        "UPDATE case_episode SET proceedings = 'criminal'",
    ],
)
def test_enum_columns_refuse_values_outside_the_enum(workspace: Workspace, statement: str) -> None:
    add_full_meeting(workspace)
    with pytest.raises(IntegrityError, match="CHECK constraint failed"):
        _execute(workspace, statement)


def test_seeded_records_have_the_same_ids_in_every_workspace(
    workspace: Workspace, tmp_path: Path
) -> None:
    def seeded(ws: Workspace) -> tuple[set[str], set[str]]:
        with ws.reading() as session:
            return (
                set(session.scalars(select(Agency.id).where(Agency.seed_key.is_not(None)))),
                set(session.scalars(select(AgendaTemplateItem.id))),
            )

    with create_workspace(tmp_path / "other.macpt", PASSPHRASE) as other:
        assert seeded(other) == seeded(workspace)
    agency_ids, template_ids = seeded(workspace)
    assert seed_id("agency", "police") in agency_ids
    assert template_item_id(MeetingType.STRATEGY, 0) in template_ids

    # Restoring the shipped template gives its items their fixed ids back.
    restored = restore_default_template(workspace, meeting_type=MeetingType.ICPC)
    assert [r.id for r in restored] == [
        template_item_id(MeetingType.ICPC, n) for n in range(len(restored))
    ]
