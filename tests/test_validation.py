"""Input checked at the service boundary: a clear error that names the field, nothing stored."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from sqlalchemy import text as sql

from app import validation
from app.errors import InvalidField, NotFound, ValidationError
from app.exporters.minutes import export_minutes
from app.models import AgencyKind, Sex
from app.services import agencies, cases, records, settings
from app.services.meeting_list import list_meetings
from app.storage.workspace import Workspace


@pytest.mark.parametrize(
    ("value", "says"),
    [
        ("Sample\x00town", "a control character"),
        ("lone \ud800 surrogate", "a control character"),
        ("escape \x1b[31m", "a control character"),
        ("\ufffe", "a control character"),
        ("two\nlines", "must be one line"),
        ("a\ttab", "must be one line"),
        ("x" * 201, "at most 200 characters"),
    ],
)
def test_one_line_text_refuses_what_a_document_cannot_carry(value: str, says: str) -> None:
    with pytest.raises(InvalidField, match=says) as caught:
        validation.text("chair_name", value)
    assert caught.value.field == "chair_name"
    assert str(caught.value).startswith("Chair name ")


def test_free_text_may_run_over_lines_but_not_hold_controls() -> None:
    notes = "Seen at home.\n\tMother present.\r\nZoë O'Brien-Ng 🙂"
    assert validation.text("notes", notes) == notes
    with pytest.raises(InvalidField, match="Notes contains"):
        validation.text("notes", "bell\x07")
    with pytest.raises(InvalidField, match="at most 20,000"):
        validation.text("notes", "y" * 20_001)


def test_stored_text_is_cleaned_of_what_was_let_in_before() -> None:
    assert validation.printable("Sample\x1btown\nBorough") == "Sampletown Borough"
    assert validation.printable("a\nb\x00", multiline=True) == "a\nb"


@pytest.mark.parametrize(
    ("hint", "value", "says"),
    [
        (dt.date, dt.date(1899, 12, 31), "between 1900 and 2100"),
        (dt.date, dt.date(9999, 12, 31), "between 1900 and 2100"),
        (dt.date, dt.datetime(2026, 1, 1, tzinfo=dt.UTC), "without a time"),
        (dt.datetime, dt.datetime(2026, 1, 1), "time zone"),
        (dt.datetime, dt.date(2026, 1, 1), "date and time"),
        (int, 2**63, "between 0 and 1,000,000"),
        (int, True, "whole number"),
        (bool, "yes", "yes or no"),
        (AgencyKind, "bogus", "must be one of"),
        (list[str], "not a list", "must be a list"),
        (dt.date | None, "2026-01-01", "must be a date"),
    ],
)
def test_values_outside_their_range_are_refused(hint: object, value: object, says: str) -> None:
    with pytest.raises(InvalidField, match=says):
        validation.check("field", value, hint)


def test_enumeration_values_given_as_text_become_members() -> None:
    assert validation.check("kind", "statutory", AgencyKind) is AgencyKind.STATUTORY
    assert validation.check("kind", None, AgencyKind | None) is None


def count(workspace: Workspace, table: str) -> int:
    with workspace.reading() as session:
        return int(session.execute(sql(f"SELECT count(*) FROM {table}")).scalar_one())


def test_a_service_refuses_before_writing_and_names_the_field(workspace: Workspace) -> None:
    before = count(workspace, "agency"), count(workspace, "audit_log")
    with pytest.raises(InvalidField, match=r"^Name contains") as caught:
        agencies.add_agency(workspace, name="Sample\x00town Police")
    assert caught.value.field == "name"
    with pytest.raises(InvalidField, match=r"^Kind must be one of"):
        agencies.add_agency(workspace, name="Sampletown Police", kind="bogus")  # type: ignore[arg-type]
    with pytest.raises(InvalidField, match=r"^Date of birth must be a date between"):
        cases.create_case(workspace, la_child_ref="DEMO0099", date_of_birth=dt.date(1, 1, 1))
    with pytest.raises(InvalidField, match=r"^Sex must be one of"):
        cases.create_case(workspace, la_child_ref="DEMO0099", sex="?")  # type: ignore[arg-type]
    assert (count(workspace, "agency"), count(workspace, "audit_log")) == before
    # Text for the enum is fine: it is what the CLI and JSON speak.
    agencies.add_agency(workspace, name="Sampletown Police", kind="statutory")  # type: ignore[arg-type]
    assert cases.create_case(workspace, la_child_ref="DEMO0099", sex=Sex.FEMALE.value)  # type: ignore[arg-type]


def test_an_id_that_names_nothing_is_not_found(workspace: Workspace) -> None:
    with pytest.raises(NotFound):
        cases.add_practitioner(
            workspace, name="Demo Worker", agency_id="00000000-0000-4000-8000-000000000000"
        )
    with pytest.raises(InvalidField, match="Agency is too long"):
        cases.add_practitioner(workspace, name="Demo Worker", agency_id="9" * 100)


def test_autosaved_fields_are_checked_by_their_column(demo_workspace: Workspace) -> None:
    meeting = list_meetings(demo_workspace)[0]
    for value, says in [
        ("ninety", "not a value this field can take"),
        (10**30, "between 1 and 1,440"),
        ("25:99", "not a value this field can take"),
    ]:
        field = "scheduled_time" if ":" in str(value) else "duration_minutes"
        with pytest.raises(ValidationError, match=says):
            records.save_field(
                demo_workspace, table="meeting", record_id=meeting.id, field=field, value=value
            )
    with pytest.raises(InvalidField, match="Location contains"):
        records.save_field(
            demo_workspace, table="meeting", record_id=meeting.id, field="location", value="\x00"
        )


def test_a_control_character_in_the_local_authority_no_longer_breaks_minutes(
    demo_workspace: Workspace, tmp_path: Path
) -> None:
    with pytest.raises(InvalidField, match="Local authority contains"):
        settings.update_setting(demo_workspace, key="local_authority", value="Sampletown\x0b")
    with pytest.raises(InvalidField, match="Idle lock minutes must be a whole number"):
        settings.update_setting(demo_workspace, key="idle_lock_minutes", value="ten")
    # A value stored by an older version, before it was checked, is cleaned as it is read.
    with demo_workspace.transaction() as session:
        session.execute(
            sql("UPDATE setting SET value = :v WHERE key = 'local_authority'"),
            {"v": "Sampletown\x0b Borough"},
        )
        session.execute(
            sql(
                "INSERT OR REPLACE INTO setting (id, key, value, created_at, updated_at) "
                "VALUES ('s-idle', 'idle_lock_minutes', 'ten', '2026-01-01', '2026-01-01')"
            )
        )
    read = settings.get_settings(demo_workspace)
    assert read.local_authority == "Sampletown Borough"
    assert read.idle_lock_minutes == 5
    meeting = list_meetings(demo_workspace)[0]
    export_minutes(demo_workspace, meeting_id=meeting.id, target=tmp_path / "m.docx")
