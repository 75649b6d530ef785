"""Agency information, the threshold decision, agency views and the timescales."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pytest

from app import clock
from app.errors import NotFound, ValidationError
from app.models import AttendanceStatus, MeetingType, StatutoryRole, ThresholdOutcome
from app.services import records, settings
from app.services.conduct import attendance, decision, information, timescales
from app.storage.workspace import Workspace
from tests.conftest import FIXED_NOW
from tests.test_conduct_support import (
    agency_id,
    new_meeting,
    shared_workspace,
    started_meeting,
    statutory,
)


@pytest.fixture(scope="module")
def ws(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Workspace]:
    yield from shared_workspace(tmp_path_factory)


def test_one_information_entry_per_agency(ws: Workspace) -> None:
    meeting = started_meeting(ws)
    rows = attendance.list_attendance(ws, meeting_id=meeting.id)
    social_care, police, health, _education = rows
    attendance.update_attendee(ws, attendance_id=police.id, name="DC Alex Example")
    attendance.mark_arrived(ws, attendance_id=police.id)
    attendance.set_status(ws, attendance_id=health.id, status=AttendanceStatus.SENT_INFORMATION)
    attendance.set_status(ws, attendance_id=social_care.id, status=AttendanceStatus.APOLOGIES)

    panels = information.information_panels(ws, meeting_id=meeting.id)
    assert [(p.agency_name, p.contributors, p.entry) for p in panels] == [
        ("Police", ("DC Alex Example",), None),
        ("Health", (), None),
    ]
    police_id = statutory(ws)[StatutoryRole.POLICE].id
    first = information.save_agency_information(
        ws, meeting_id=meeting.id, agency_id=police_id, information="Two call-outs"
    )
    assert first.contributor == "DC Alex Example" and not first.restricted
    second = information.save_agency_information(
        ws,
        meeting_id=meeting.id,
        agency_id=police_id,
        information="Two call-outs in October.",
        restricted=True,
    )
    assert second.id == first.id and second.restricted
    assert second.information == "Two call-outs in October."
    # An agency that neither attended nor sent information can still have an entry.
    probation = agency_id(ws, "Probation Service")
    information.save_agency_information(
        ws,
        meeting_id=meeting.id,
        agency_id=probation,
        information="Known to probation.",
        contributor="By telephone: Sam Example",
    )
    listed = information.list_agency_information(ws, meeting_id=meeting.id)
    assert [(i.agency_name, i.restricted) for i in listed] == [
        ("Police", True),
        ("Probation Service", False),
    ]
    assert [p.agency_name for p in information.information_panels(ws, meeting_id=meeting.id)] == [
        "Police",
        "Health",
        "Probation Service",
    ]
    information.remove_agency_information(ws, meeting_id=meeting.id, agency_id=probation)
    with pytest.raises(NotFound):
        information.remove_agency_information(ws, meeting_id=meeting.id, agency_id=probation)


def test_decision_saved_as_typed_then_recorded(ws: Workspace) -> None:
    meeting = started_meeting(ws)
    empty = decision.get_decision(ws, meeting_id=meeting.id)
    assert empty.outcome is None and empty.rationale == "" and not empty.recorded
    with pytest.raises(ValidationError, match="no decision to confirm"):
        decision.record_decision(ws, meeting_id=meeting.id)

    decision.save_decision(ws, meeting_id=meeting.id, threshold_met=False)
    decision.save_decision(ws, meeting_id=meeting.id, outcome=ThresholdOutcome.NFA)
    # No further action still needs its rationale.
    with pytest.raises(ValidationError, match="rationale"):
        decision.record_decision(ws, meeting_id=meeting.id)
    decision.save_decision(
        ws,
        meeting_id=meeting.id,
        rationale="Injury consistent with the account; no other concerns from any agency.",
    )
    clock.set_clock(lambda: FIXED_NOW + dt.timedelta(minutes=40))
    recorded = decision.record_decision(ws, meeting_id=meeting.id)
    assert recorded.recorded
    assert recorded.decided_by == "Test Chair"
    assert recorded.decided_at == FIXED_NOW + dt.timedelta(minutes=40)
    assert recorded.outcome_label == "No further action"
    assert not recorded.starts_s47

    # Text edits keep the record; changing the outcome asks for it to be recorded again.
    kept = decision.save_decision(ws, meeting_id=meeting.id, dissent="None.")
    assert kept.recorded
    changed = decision.save_decision(
        ws, meeting_id=meeting.id, threshold_met=True, outcome=ThresholdOutcome.S47_JOINT
    )
    assert not changed.recorded and changed.starts_s47
    assert changed.rationale.startswith("Injury consistent")


def test_agency_views_and_dissent(ws: Workspace) -> None:
    meeting = started_meeting(ws)
    roles = statutory(ws)
    decision.save_decision(
        ws,
        meeting_id=meeting.id,
        threshold_met=True,
        outcome=ThresholdOutcome.S47_SINGLE_AGENCY,
        rationale="Disclosure to a teacher.",
        dissent="Police considered a joint enquiry was needed.",
    )
    decision.set_agency_view(
        ws,
        meeting_id=meeting.id,
        agency_id=roles[StatutoryRole.POLICE].id,
        agrees=False,
        comment="  Would prefer a joint enquiry. ",
    )
    decision.set_agency_view(
        ws, meeting_id=meeting.id, agency_id=roles[StatutoryRole.SOCIAL_CARE].id, agrees=True
    )
    decision.set_agency_view(
        ws,
        meeting_id=meeting.id,
        agency_id=roles[StatutoryRole.POLICE].id,
        agrees=False,
        comment="Would prefer a joint enquiry.",
    )
    views = decision.list_agency_views(ws, meeting_id=meeting.id)
    assert [(v.agency_name, v.agrees, v.comment) for v in views] == [
        ("Children's social care", True, ""),
        ("Police", False, "Would prefer a joint enquiry."),
    ]
    decision.remove_agency_view(
        ws, meeting_id=meeting.id, agency_id=roles[StatutoryRole.SOCIAL_CARE].id
    )
    assert len(decision.list_agency_views(ws, meeting_id=meeting.id)) == 1
    assert decision.get_decision(ws, meeting_id=meeting.id).dissent.startswith("Police")


def test_timescales_live_then_stored_when_the_decision_is_recorded(ws: Workspace) -> None:
    meeting = started_meeting(ws, on=dt.date(2026, 12, 24))
    live = timescales.meeting_timescales(ws, meeting_id=meeting.id)
    assert live is not None and not live.stored
    assert live.review_due == dt.date(2027, 1, 5)

    settings.set_closure_days(
        ws, days=[(dt.date(2026, 12, d), "Council closed") for d in (29, 30, 31)]
    )
    try:
        live = timescales.meeting_timescales(ws, meeting_id=meeting.id)
        assert live is not None and live.review_due == dt.date(2027, 1, 8)
        decision.save_decision(
            ws,
            meeting_id=meeting.id,
            threshold_met=True,
            outcome=ThresholdOutcome.S47_JOINT,
            rationale="Serious injury to a non-mobile baby.",
        )
        decision.record_decision(ws, meeting_id=meeting.id)
    finally:
        settings.set_closure_days(ws, days=[])
    # Stored with the meeting: closing keeps what was computed at the decision
    # (the meeting is not closed yet, so the live dates still show here).
    live_again = timescales.meeting_timescales(ws, meeting_id=meeting.id)
    assert live_again is not None and live_again.review_due == dt.date(2027, 1, 5)


def test_timescales_move_with_the_meeting_date_and_only_for_strategy(ws: Workspace) -> None:
    meeting = started_meeting(ws)
    records.save_field(
        ws, table="meeting", record_id=meeting.id, field="scheduled_date", value="2027-03-25"
    )
    due = timescales.meeting_timescales(ws, meeting_id=meeting.id)
    assert due is not None
    assert due.as_timescales().review_due == dt.date(2027, 4, 5)  # over Easter
    review = new_meeting(ws, meeting_type=MeetingType.REVIEW)
    assert timescales.meeting_timescales(ws, meeting_id=review.id) is None
