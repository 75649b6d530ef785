"""The renderer on its own: MinutesData made by hand, no workspace, read back."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import docx

from app.exporters.minutes import render_minutes, suggested_file_name
from app.exporters.minutes_model import (
    ActionEntry,
    AgendaNote,
    AttendanceGroup,
    Attendee,
    MinutesData,
)
from app.models import ActionStatus, AttendanceStatus, MeetingType

DAY = dt.date(2026, 12, 14)


def minutes(**changes: Any) -> MinutesData:
    base = MinutesData(
        meeting_id="00000000-0000-0000-0000-000000000001",
        meeting_type=MeetingType.ICPC,
        local_authority="",
        child_reference="DEMO-R001",
        child_name=None,
        meeting_date=DAY,
        meeting_time=None,
        place="Online",
        chair="Jordan Test-Chair",
        minute_taker="",
        attendance=(),
        agenda=(
            AgendaNote("Welcome", "notes", ""),
            AgendaNote("The family's view", "notes", "Pat Example spoke for the family."),
        ),
        information=(),
        missing_agencies=(),
        decision=None,
        actions=(),
        carried_over=(),
        timescales=None,
    )
    return base.__class__(**{**base.__dict__, **changes})


def read_back(data: MinutesData, tmp_path: Path) -> Any:
    path = tmp_path / "render.docx"
    render_minutes(data).save(str(path))
    return docx.Document(str(path))


def headings(document: Any) -> list[str]:
    return [p.text for p in document.paragraphs if p.style.name == "Heading 1"]


def test_a_conference_with_little_recorded(tmp_path: Path) -> None:
    action = ActionEntry("Book the review conference.", "", "", None, ActionStatus.OPEN)
    invited = AttendanceGroup("Police", (Attendee("", "", AttendanceStatus.INVITED),))
    document = read_back(minutes(actions=(action,), attendance=(invited,)), tmp_path)
    # Only parts with something in them are added after a conference's agenda.
    assert headings(document) == [
        "Confidentiality",
        "Attendance",
        "Representation of statutory agencies",
        "1. Welcome",
        "2. The family's view",
        "Actions",
        "Sign-off",
    ]
    text = [p.text for p in document.paragraphs]
    assert [p.text for p in document.paragraphs if p.style.name == "Title"] == [
        "Initial child protection conference minutes"
    ]
    assert "No notes were taken under this item." in text
    assert "Pat Example spoke for the family." in text
    assert "Children's social care, police, health and education were all represented." in text
    details = {row.cells[0].text: row.cells[1].text for row in document.tables[0].rows}
    assert details["Place"] == "Online"
    assert details["Time"] == "Not recorded"
    assert details["Minute-taker"] == "Not recorded"
    attendance = [[c.text for c in row.cells] for row in document.tables[1].rows]
    assert attendance[2] == ["No one named", "", "Invited (no reply recorded)"]
    actions = [[c.text for c in row.cells] for row in document.tables[2].rows]
    assert actions[1] == ["Book the review conference.", "No owner yet", "", "No date set", "Open"]
    assert (
        document.paragraphs[0].text == "Local authority not set\nMulti-Agency Child Protection Team"
    )


def test_a_conference_decision_item_is_not_a_threshold_decision(tmp_path: Path) -> None:
    agenda = (AgendaNote("Decision: is a child protection plan needed?", "decision", ""),)
    document = read_back(minutes(agenda=agenda, held=False), tmp_path)
    text = [p.text for p in document.paragraphs]
    assert "No threshold decision has been recorded." not in text
    assert "No notes were taken under this item." in text
    assert "The meeting has not been held yet." in text


def test_a_strategy_meeting_always_shows_decision_actions_and_timescales(
    tmp_path: Path,
) -> None:
    data = minutes(meeting_type=MeetingType.STRATEGY, agenda=(), place="")
    document = read_back(data, tmp_path)
    assert headings(document)[3:] == [
        "Information from each agency",
        "Threshold decision",
        "Actions",
        "Timescales",
        "Sign-off",
    ]
    text = [p.text for p in document.paragraphs]
    for gap in (
        "No agency information was recorded.",
        "No threshold decision has been recorded.",
        "No actions were agreed.",
        "No timescales were recorded for this meeting.",
        "No attendance was recorded.",
    ):
        assert gap in text


def test_suggested_file_name_carries_no_child_details() -> None:
    data = minutes(child_name="Robin Example")
    name = suggested_file_name(data)
    assert name == "Initial child protection conference minutes 2026-12-14 DRAFT.docx"
    assert "Robin" not in name and "DEMO-R001" not in name


def test_the_minutes_say_what_the_assessment_counts_from(tmp_path: Path) -> None:
    from app.exporters.minutes_model import TimescalesEntry

    entry = TimescalesEntry(
        DAY, dt.date(2026, 12, 21), dt.date(2027, 1, 7), dt.date(2027, 2, 1), "referral"
    )
    document = read_back(minutes(meeting_type=MeetingType.STRATEGY, timescales=entry), tmp_path)
    cells = [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    assert "Section 47 assessment completed (by the 45th working day from the referral)" in cells
    assert "Monday 1 February 2027" in cells
