"""Who may read what: the restriction rule, the family copy's meetings, and the
service that restricts and lifts, in a real SQLCipher workspace."""

from __future__ import annotations

import pytest
import sqlalchemy.exc
from sqlalchemy import select, text

from app.errors import RecordLocked, ValidationError
from app.models import AuditEntry, MeetingType, RestrictionChange
from app.services.conduct import agenda
from app.services.conduct.restriction import load_restrictions, set_restriction
from app.storage.workspace import Workspace
from app.workflow.restriction import (
    NotForFamilies,
    check_family_copy,
    family_copy_allowed,
    mentions_police_matters,
    starts_restricted,
)
from tests.test_minutes_sample import add_full_meeting, sign_off


@pytest.mark.parametrize(
    "words",
    [
        "Consider an ABE interview.",
        "An achieving best evidence interview is planned.",
        "Child protection medical booked.",
        "The father was arrested on Friday.",
        "Remove the warning marker from the address record.",
        "Police intelligence: a known adult visits.",
        "Released on police bail.",
    ],
)
def test_police_investigative_words_start_restricted(words: str) -> None:
    assert mentions_police_matters(words)
    assert starts_restricted(words)


@pytest.mark.parametrize(
    "words",
    [
        "Abe, the lodger, helps with the school run.",  # a name, not an interview
        "Sky's medical appointments are kept.",
        "Evenings are covered.",
        "",
    ],
)
def test_other_words_do_not(words: str) -> None:
    assert not starts_restricted(words)


def test_anything_the_police_gave_starts_restricted() -> None:
    assert starts_restricted("Nothing known.", from_police=True)


def test_only_conference_minutes_have_a_family_copy() -> None:
    assert [t for t in MeetingType if family_copy_allowed(t)] == [
        MeetingType.ICPC,
        MeetingType.RCPC,
    ]
    with pytest.raises(
        NotForFamilies, match="Five-day review meeting minutes are for professionals"
    ):
        check_family_copy(MeetingType.REVIEW)


def _notes_item(workspace: Workspace, meeting_id: str) -> str:
    item = agenda.list_agenda(workspace, meeting_id=meeting_id)[1]
    agenda.save_agenda_notes(workspace, item_id=item.id, notes="Evenings are covered (test).")
    return item.id


def test_restrict_then_lift_with_a_reason_is_kept_and_audited(workspace: Workspace) -> None:
    meeting_id = add_full_meeting(workspace).meeting_id
    item_id = _notes_item(workspace, meeting_id)
    rules = load_restrictions(workspace, meeting_id=meeting_id)
    assert not rules.restricted("agenda_item", item_id, "notes", "Evenings are covered (test).")
    for restricted, reason in ((True, ""), (False, "The family were told at the meeting.")):
        set_restriction(
            workspace,
            meeting_id=meeting_id,
            record_table="agenda_item",
            record_id=item_id,
            field="notes",
            restricted=restricted,
            reason=reason,
        )
        rules = load_restrictions(workspace, meeting_id=meeting_id)
        assert rules.restricted("agenda_item", item_id, "notes", "") is restricted
    change = rules.change("agenda_item", item_id, "notes")
    assert change is not None and change.reason == "The family were told at the meeting."
    with workspace.reading() as session:
        actions = session.scalars(
            select(AuditEntry.action).where(AuditEntry.record_table == "restriction_change")
        ).all()
    assert actions.count("restrict") == 1 and actions.count("lift-restriction") == 1


def test_lifting_without_a_reason_and_unknown_fields_are_refused(workspace: Workspace) -> None:
    meeting_id = add_full_meeting(workspace).meeting_id
    item_id = _notes_item(workspace, meeting_id)
    with pytest.raises(ValidationError, match="reason for lifting"):
        set_restriction(
            workspace,
            meeting_id=meeting_id,
            record_table="agenda_item",
            record_id=item_id,
            field="notes",
            restricted=False,
            reason="  ",
        )
    with pytest.raises(ValidationError, match="cannot be restricted"):
        set_restriction(
            workspace,
            meeting_id=meeting_id,
            record_table="agenda_item",
            record_id=item_id,
            field="title",
            restricted=True,
        )


def test_after_sign_off_the_service_and_the_database_refuse(workspace: Workspace) -> None:
    meeting_id = add_full_meeting(workspace).meeting_id
    item_id = _notes_item(workspace, meeting_id)
    set_restriction(
        workspace,
        meeting_id=meeting_id,
        record_table="agenda_item",
        record_id=item_id,
        field="notes",
        restricted=True,
    )
    sign_off(workspace, meeting_id)
    with pytest.raises(RecordLocked):
        set_restriction(
            workspace,
            meeting_id=meeting_id,
            record_table="agenda_item",
            record_id=item_id,
            field="notes",
            restricted=True,
        )
    with (
        pytest.raises(sqlalchemy.exc.IntegrityError, match="only by an amendment"),
        workspace.transaction() as session,
    ):
        row = session.scalars(select(RestrictionChange)).one()
        session.execute(
            text(
                "INSERT INTO restriction_change (id, created_at, updated_at, meeting_id,"
                " record_table, record_id, field, restricted, reason, changed_by, changed_at)"
                " SELECT 'x', created_at, updated_at, meeting_id, record_table, record_id,"
                " field, 0, 'sneaky', changed_by, changed_at FROM restriction_change"
                " WHERE id = :id"
            ),
            {"id": row.id},
        )
    with (
        pytest.raises(sqlalchemy.exc.IntegrityError, match="not changed"),
        workspace.transaction() as session,
    ):
        session.execute(text("UPDATE restriction_change SET restricted = 0"))
