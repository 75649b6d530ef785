"""The journey's parts of the minutes on their own: MinutesData made by hand, no
workspace, read back. Where each part goes, and what a gap looks like."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from app.exporters.minutes_data import agenda_notes
from app.exporters.minutes_journey import part_key
from app.exporters.minutes_journey_model import (
    ConferenceEntry,
    SafetyPlanEntry,
    SafetyPlanRow,
    TimeframeEntry,
)
from app.exporters.minutes_model import ActionEntry, AgendaNote, IssueEntry
from app.models import (
    ActionStatus,
    ConferenceOutcome,
    IcpcTimeframe,
    MeetingType,
    MinutesIssueKind,
)
from app.services.conduct.agenda import AgendaItemRow
from tests.test_minutes import rows, section, tables, texts
from tests.test_minutes_render import headings, minutes, read_back

DAY = dt.date(2026, 12, 14)
NOT_NEEDED = TimeframeEntry(
    timeframe=IcpcTimeframe.NOT_NEEDED,
    label="No initial child protection conference is needed",
    strategy_date=dt.date(2026, 12, 7),
    review_due=DAY,
    review_on_time=True,
    default_due=dt.date(2026, 12, 29),
    target_date=None,
    extra_days=None,
    reason="The enquiry found the injury was accidental.",
    exceptional_circumstances_confirmed=False,
    decided_by="Jordan Test-Chair",
    decided_at=None,
)
PLAN = SafetyPlanEntry(
    version=3,
    made_at=dt.datetime(2026, 12, 14, 11, 0, tzinfo=dt.UTC),
    made_by="Jordan Test-Chair",
    agreed_by="Pat Example (mother)",
    change_note="The contingency changed.",
    items=(SafetyPlanRow("A worry.", "What keeps Sky safe.", "", "Health", "", "", ""),),
)
NO_PLAN = ConferenceEntry(
    meeting_type=MeetingType.ICPC,
    outcome=ConferenceOutcome.NO_PLAN,
    outcome_label="No child protection plan is needed",
    category=None,
    category_before=None,
    progress="",
    rationale="The family has accepted Family Help.",
    lead_practitioner="",
    core_group=(),
    outline_plan="",
    dissent="",
    next_review_due=None,
    decided_by="Jordan Test-Chair",
    decided_at=None,
)
REVIEW_AGENDA = (
    AgendaNote("Welcome", "notes", ""),
    AgendaNote("The conference timeframe", "icpc-timeframe", "Discussed at length."),
    AgendaNote("Keeping Sky safe: the safety plan", "safety-plan", ""),
)


def test_items_hold_what_meeting_mode_shows_on_them() -> None:
    review, icpc, rcpc = MeetingType.REVIEW, MeetingType.ICPC, MeetingType.RCPC
    assert part_key(review, "icpc-timeframe") == "icpc-timeframe"
    assert part_key(review, "decision") == "icpc-timeframe"
    assert part_key(review, "safety-plan") == "safety-plan"
    assert part_key(icpc, "decision") == "conference-decision"
    assert part_key(rcpc, "conference-decision") == "conference-decision"
    assert part_key(MeetingType.STRATEGY, "decision") == "decision"
    # A kind that means nothing at this meeting is read as notes.
    assert part_key(icpc, "icpc-timeframe") == "notes"
    assert part_key(MeetingType.STRATEGY, "conference-decision") == "notes"


def _item(title: str, kind: str) -> AgendaItemRow:
    return AgendaItemRow(title, "m", 0, title, "", kind, f"Notes on {title}.", 0)


def test_an_older_review_agenda_is_read_by_its_titles() -> None:
    older = [_item("Conference timeframe", "notes"), _item("The safety plan", "notes")]
    assert [(n.kind, n.notes) for n in agenda_notes(older, MeetingType.REVIEW)] == [
        ("icpc-timeframe", "Notes on Conference timeframe."),
        ("safety-plan", "Notes on The safety plan."),
    ]
    # Once an agenda has the journey's kinds, titles are only titles.
    newer = [_item("Timeframe", "icpc-timeframe"), _item("Safety plan notes", "notes")]
    assert [n.kind for n in agenda_notes(newer, MeetingType.REVIEW)] == [
        "icpc-timeframe",
        "notes",
    ]
    assert [n.kind for n in agenda_notes(older, MeetingType.ICPC)] == ["notes", "notes"]


def test_review_parts_go_after_an_agenda_without_their_items(tmp_path: Path) -> None:
    action = ActionEntry("Book the conference.", "Sam Test", "", DAY, ActionStatus.OPEN)
    data = minutes(
        meeting_type=MeetingType.REVIEW,
        agenda=(AgendaNote("Welcome", "notes", ""),),
        icpc_timeframe=NOT_NEEDED,
        safety_plan=PLAN,
        actions=(action,),
    )
    document = read_back(data, tmp_path)
    assert headings(document)[3:] == [
        "1. Welcome",
        "Timeframe for the initial child protection conference",
        "Interim safety plan",
        "Actions",
        "Sign-off",
    ]
    part = section(document, "Timeframe for the initial child protection conference")
    found = dict(rows(tables(part)[0]))
    assert found["Decision"] == "No initial child protection conference is needed"
    assert "Conference to be held by" not in found
    assert "Exceptional circumstances agreed by the MACPT" not in found
    assert found["Decided by"] == "Jordan Test-Chair"
    words = texts(part)
    assert words[words.index("Why no conference is needed") + 1] == NOT_NEEDED.reason
    plan = section(document, "Interim safety plan")
    about, worry = (dict(rows(t)) for t in tables(plan))
    assert about["Version"] == "Version 3, made Monday 14 December 2026 at 11:00"
    assert about["What changed"] == "The contingency changed."
    assert worry["Who is responsible"] == "Health"
    assert worry["By when"] == "Not set"


def test_a_scheduled_review_shows_its_items_notes_only(tmp_path: Path) -> None:
    document = read_back(
        minutes(meeting_type=MeetingType.REVIEW, agenda=REVIEW_AGENDA, held=False), tmp_path
    )
    assert texts(section(document, "2. The conference timeframe")) == ["Discussed at length."]
    assert texts(section(document, "3. Keeping Sky safe: the safety plan")) == [
        "No notes were taken under this item."
    ]
    assert headings(document)[-1] == "Sign-off"


def test_a_held_review_says_what_was_not_recorded(tmp_path: Path) -> None:
    document = read_back(minutes(meeting_type=MeetingType.REVIEW, agenda=REVIEW_AGENDA), tmp_path)
    assert texts(section(document, "2. The conference timeframe")) == [
        "Discussed at length.",
        "No decision on the timeframe for the conference has been recorded.",
    ]
    assert texts(section(document, "3. Keeping Sky safe: the safety plan")) == [
        "No notes were taken under this item.",
        "No interim safety plan has been recorded.",
    ]


def test_signed_off_review_before_any_safety_plan(tmp_path: Path) -> None:
    signed = dt.datetime(2026, 12, 14, 16, 0, tzinfo=dt.UTC)
    data = minutes(
        meeting_type=MeetingType.REVIEW,
        agenda=REVIEW_AGENDA,
        icpc_timeframe=NOT_NEEDED,
        signed_off_by="Jordan Test-Chair",
        signed_off_at=signed,
        issues=(IssueEntry(1, MinutesIssueKind.SIGNED_OFF, signed, "Jordan Test-Chair"),),
    )
    document = read_back(data, tmp_path)
    assert texts(section(document, "3. Keeping Sky safe: the safety plan"))[-1] == (
        "No interim safety plan had been agreed when these minutes were signed off."
    )


def test_an_icpc_that_decides_no_plan(tmp_path: Path) -> None:
    agenda = (AgendaNote("Decision", "decision", "The family spoke first."),)
    document = read_back(minutes(agenda=agenda, conference=NO_PLAN), tmp_path)
    part = section(document, "1. Decision")
    assert rows(tables(part)[0]) == [
        ["Does the child need a child protection plan?", "No"],
        ["Decided by", "Jordan Test-Chair"],
    ]
    assert len(tables(part)) == 1  # no core group without a plan
    assert texts(part) == [
        "The family spoke first.",
        "Rationale",
        NO_PLAN.rationale,
        "Dissent",
        "No dissent was recorded.",
    ]


def test_a_conference_decision_without_its_agenda_item(tmp_path: Path) -> None:
    document = read_back(minutes(conference=NO_PLAN), tmp_path)
    assert headings(document)[3:] == [
        "1. Welcome",
        "2. The family's view",
        "Conference decision",
        "Sign-off",
    ]
