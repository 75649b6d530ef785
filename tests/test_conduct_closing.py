"""Closing, sign-off, amendments and reissue, the lock, the meeting record and the flow."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator

import pytest

from app import clock
from app.errors import RecordLocked, ValidationError
from app.models import (
    AttendanceStatus,
    MeetingStatus,
    MinutesIssueKind,
    RiskAssessment,
    StatutoryRole,
    ThresholdOutcome,
)
from app.services import meetings, records, settings
from app.services.conduct import (
    actions,
    agenda,
    attendance,
    closing,
    decision,
    flow,
    information,
    invitations,
    record,
    representation,
    risk_to_others,
    signoff,
)
from app.storage.workspace import Workspace
from app.workflow import BlockerCode, StepKind
from tests.conftest import FIXED_NOW
from tests.test_conduct_support import (
    agency_id,
    new_meeting,
    shared_workspace,
    started_meeting,
    statutory,
)

TODAY = FIXED_NOW.date()


@pytest.fixture(scope="module")
def ws(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Workspace]:
    yield from shared_workspace(tmp_path_factory)


def chair_a_meeting(ws: Workspace, *, rationale: str = "Clear disclosure to a teacher.") -> str:
    """A strategy meeting with everything recorded except what a test leaves out."""
    meeting = started_meeting(ws)
    social_care, police, health, education = attendance.list_attendance(ws, meeting_id=meeting.id)
    attendance.update_attendee(ws, attendance_id=social_care.id, name="Sam Example")
    attendance.mark_arrived(ws, attendance_id=social_care.id)
    attendance.update_attendee(ws, attendance_id=health.id, name="Jo Example")
    attendance.set_status(ws, attendance_id=health.id, status=AttendanceStatus.SENT_INFORMATION)
    attendance.add_walk_in(
        ws,
        meeting_id=meeting.id,
        name="Morgan Example",
        agency_id=statutory(ws)[StatutoryRole.EDUCATION].id,
        role="DSL",
    )
    attendance.set_status(ws, attendance_id=police.id, status=AttendanceStatus.APOLOGIES)
    representation.acknowledge_absence(
        ws, meeting_id=meeting.id, role=StatutoryRole.POLICE, reason="Checks sent by email."
    )
    del education
    items = agenda.list_agenda(ws, meeting_id=meeting.id)
    agenda.save_agenda_notes(ws, item_id=items[1].id, notes="Child told a teacher about a slap.")
    agenda.save_agenda_notes(ws, item_id=items[3].id, notes="Child said school is a safe place.")
    information.save_agency_information(
        ws,
        meeting_id=meeting.id,
        agency_id=statutory(ws)[StatutoryRole.HEALTH].id,
        information="Up to date with immunisations.",
    )
    decision.save_decision(
        ws,
        meeting_id=meeting.id,
        threshold_met=True,
        outcome=ThresholdOutcome.S47_SINGLE_AGENCY,
        rationale=rationale,
    )
    decision.set_agency_view(
        ws,
        meeting_id=meeting.id,
        agency_id=statutory(ws)[StatutoryRole.HEALTH].id,
        agrees=False,
        comment="Would prefer a joint enquiry.",
    )
    actions.add_action(
        ws,
        meeting_id=meeting.id,
        description="Visit the child",
        owner_name="Sam Example",
        due_date=TODAY + dt.timedelta(days=1),
    )
    risk_to_others.record_risk_to_others(
        ws, meeting_id=meeting.id, assessment=RiskAssessment.NONE_KNOWN
    )
    return meeting.id


def test_close_is_refused_without_a_rationale_and_allowed_after(ws: Workspace) -> None:
    meeting_id = chair_a_meeting(ws, rationale="")
    summary = closing.closing_summary(ws, meeting_id=meeting_id)
    assert [b.code for b in summary.blockers] == [BlockerCode.NO_RATIONALE]
    assert not summary.can_close
    lines = {line.heading: line for line in summary.lines}
    assert not lines["Rationale"].complete
    with pytest.raises(ValidationError, match="cannot close yet: Record the rationale"):
        closing.close_meeting(ws, meeting_id=meeting_id)
    assert meetings.get_meeting(ws, meeting_id=meeting_id).status is MeetingStatus.IN_PROGRESS

    decision.save_decision(ws, meeting_id=meeting_id, rationale="Clear disclosure; bruising seen.")
    closed = closing.close_meeting(ws, meeting_id=meeting_id)
    assert closed.status is MeetingStatus.CLOSED and closed.can_close
    meeting = meetings.get_meeting(ws, meeting_id=meeting_id)
    assert meeting.status is MeetingStatus.CLOSED
    # Closing confirmed the decision for the chair.
    confirmed = decision.get_decision(ws, meeting_id=meeting_id)
    assert confirmed.decided_by == "Test Chair" and confirmed.decided_at == FIXED_NOW
    with pytest.raises(ValidationError, match="already closed"):
        closing.close_meeting(ws, meeting_id=meeting_id)


def test_closing_summary_lists_what_is_recorded_and_the_gaps(ws: Workspace) -> None:
    meeting_id = chair_a_meeting(ws)
    actions.add_action(ws, meeting_id=meeting_id, description="Speak to the father")
    representation.withdraw_acknowledgement(ws, meeting_id=meeting_id, role=StatutoryRole.POLICE)
    summary = closing.closing_summary(ws, meeting_id=meeting_id)
    assert [b.code for b in summary.blockers] == [
        BlockerCode.UNREPRESENTED_AGENCY,
        BlockerCode.ACTION_WITHOUT_OWNER,
        BlockerCode.ACTION_WITHOUT_DUE_DATE,
    ]
    text = {line.heading: line.text for line in summary.lines}
    assert text["Attendance"] == "2 attended, 1 apologies, 1 sent information"
    assert text["Statutory agencies"] == "Police not represented (no reason recorded)"
    assert text["Agenda notes"].startswith("2 of 10 items")
    assert text["Risk to others"] == "None known."
    assert text["Threshold decision"].startswith("Threshold met. Outcome: Section 47 enquiry")
    assert text["Agency views"] == "1 view recorded, 1 disagreeing."
    assert text["Actions"].startswith("2 actions agreed, 1 with an owner and a date")
    assert "Monday 14 December 2026" in text["Timescales"]
    # Nothing personal in the messages that may reach a dialog or a log.
    assert not any("Example" in b.message or "father" in b.message for b in summary.blockers)


def test_close_stores_the_timescales_with_the_closure_days_of_the_day(ws: Workspace) -> None:
    meeting_id = chair_a_meeting(ws)
    records.save_field(
        ws, table="meeting", record_id=meeting_id, field="scheduled_date", value="2026-12-24"
    )
    settings.set_closure_days(ws, days=[(dt.date(2026, 12, 29), "Council closed")])
    try:
        closing.start_meeting(ws, meeting_id=meeting_id)
        closing.close_meeting(ws, meeting_id=meeting_id)
    finally:
        settings.set_closure_days(ws, days=[])
    stored = record.meeting_record(ws, meeting_id=meeting_id).timescales
    assert stored is not None and stored.stored
    assert stored.review_due == dt.date(2027, 1, 6)  # not the 5th: the closure day counted


def test_start_meeting_keeps_its_first_start(ws: Workspace) -> None:
    meeting_id = new_meeting(ws).id
    assert closing.start_meeting(ws, meeting_id=meeting_id) == FIXED_NOW
    clock.set_clock(lambda: FIXED_NOW + dt.timedelta(minutes=5))
    assert closing.start_meeting(ws, meeting_id=meeting_id) == FIXED_NOW
    assert meetings.get_meeting(ws, meeting_id=meeting_id).status is MeetingStatus.IN_PROGRESS


def test_sign_off_locks_then_amendments_and_reissue(ws: Workspace) -> None:
    meeting_id = chair_a_meeting(ws)
    with pytest.raises(ValidationError, match="Close the meeting"):
        signoff.sign_off(ws, meeting_id=meeting_id)
    with pytest.raises(ValidationError, match="not signed off yet"):
        signoff.record_amendment(ws, meeting_id=meeting_id, what="x", reason="y")
    closing.close_meeting(ws, meeting_id=meeting_id)
    issue = signoff.sign_off(ws, meeting_id=meeting_id)
    assert (issue.version, issue.kind, issue.issued_by) == (
        1,
        MinutesIssueKind.SIGNED_OFF,
        "Test Chair",
    )
    with pytest.raises(RecordLocked, match="already signed off"):
        signoff.sign_off(ws, meeting_id=meeting_id)
    before = record.meeting_record(ws, meeting_id=meeting_id)
    assert before.is_signed_off and before.signed_off_by == "Test Chair"

    with pytest.raises(ValidationError, match="no amendments"):
        signoff.reissue_minutes(ws, meeting_id=meeting_id)
    with pytest.raises(ValidationError, match="reason"):
        signoff.record_amendment(ws, meeting_id=meeting_id, what="Date of visit", reason=" ")
    clock.set_clock(lambda: FIXED_NOW + dt.timedelta(days=1))
    amendment = signoff.record_amendment(
        ws,
        meeting_id=meeting_id,
        what="Actions: the visit is due on Wednesday 25 November 2026, not Tuesday.",
        reason="Typing error noticed by the social worker.",
    )
    assert amendment.made_by == "Test Chair" and amendment.version is None
    after = record.meeting_record(ws, meeting_id=meeting_id)
    # Nothing but the amendment changed.
    assert after.actions == before.actions and after.decision == before.decision
    assert after.amendments == (amendment,)

    reissued = signoff.reissue_minutes(ws, meeting_id=meeting_id)
    assert (reissued.version, reissued.kind) == (2, MinutesIssueKind.REISSUED)
    final = record.meeting_record(ws, meeting_id=meeting_id)
    assert [i.version for i in final.minutes_issues] == [1, 2]
    assert final.latest_issue == reissued
    assert [a.version for a in final.amendments] == [2]


def lock_attempts(ws: Workspace, meeting_id: str) -> list[Callable[[], object]]:
    """One call per kind of change a signed-off meeting must refuse."""
    items = agenda.list_agenda(ws, meeting_id=meeting_id)
    rows = attendance.list_attendance(ws, meeting_id=meeting_id)
    (action,) = actions.list_actions(ws, meeting_id=meeting_id)
    health = statutory(ws)[StatutoryRole.HEALTH].id
    m = {"meeting_id": meeting_id}
    return [
        lambda: agenda.save_agenda_notes(ws, item_id=items[0].id, notes="changed"),
        lambda: agenda.add_agenda_item(ws, title="More", **m),
        lambda: agenda.remove_agenda_item(ws, item_id=items[0].id),
        lambda: agenda.rename_agenda_item(ws, item_id=items[0].id, title="x"),
        lambda: agenda.save_time_spent(ws, seconds_by_item={items[0].id: 5}, **m),
        lambda: attendance.set_status(
            ws, attendance_id=rows[0].id, status=AttendanceStatus.INVITED
        ),
        lambda: attendance.mark_arrived(ws, attendance_id=rows[0].id),
        lambda: attendance.update_attendee(ws, attendance_id=rows[0].id, name="x"),
        lambda: attendance.remove_attendee(ws, attendance_id=rows[0].id),
        lambda: attendance.add_walk_in(ws, name="x", agency_id=health, **m),
        lambda: invitations.invite_person(ws, name="x", agency_id=health, **m),
        lambda: representation.acknowledge_absence(ws, role=StatutoryRole.POLICE, reason="r", **m),
        lambda: representation.withdraw_acknowledgement(ws, role=StatutoryRole.POLICE, **m),
        lambda: information.save_agency_information(ws, agency_id=health, information="x", **m),
        lambda: decision.save_decision(ws, rationale="changed", **m),
        lambda: decision.record_decision(ws, **m),
        lambda: decision.set_agency_view(ws, agency_id=health, agrees=True, **m),
        lambda: actions.add_action(ws, description="x", **m),
        lambda: actions.edit_action(ws, action_id=action.id, description="x"),
        lambda: actions.complete_action(ws, action_id=action.id),
        lambda: actions.remove_action(ws, action_id=action.id),
        lambda: closing.start_meeting(ws, **m),
        lambda: closing.close_meeting(ws, **m),
        lambda: records.save_field(
            ws, table="meeting", record_id=meeting_id, field="notes", value="x"
        ),
    ]


def test_every_change_to_signed_off_minutes_is_refused(ws: Workspace) -> None:
    meeting_id = chair_a_meeting(ws)
    closing.close_meeting(ws, meeting_id=meeting_id)
    signoff.sign_off(ws, meeting_id=meeting_id)
    before = record.meeting_record(ws, meeting_id=meeting_id)
    attempts = lock_attempts(ws, meeting_id)
    for attempt in attempts:
        with pytest.raises(RecordLocked, match="amendment"):
            attempt()
    assert record.meeting_record(ws, meeting_id=meeting_id) == before


def test_meeting_record_gathers_everything(ws: Workspace) -> None:
    settings.update_setting(ws, key="local_authority", value="Sampleshire (test)")
    meeting_id = chair_a_meeting(ws)
    walk_in = attendance.add_walk_in(
        ws, meeting_id=meeting_id, name="Robin Example", agency_id=agency_id(ws, "Family Help")
    )
    rec = record.meeting_record(ws, meeting_id=meeting_id)
    assert rec.meeting_title == "Strategy meeting" and rec.local_authority == "Sampleshire (test)"
    assert rec.child_ref.startswith("TEST-") and rec.child_name == "Pat Example"
    assert (rec.chair_name, rec.minute_taker_name) == ("Test Chair", "Test Minutes")
    assert [g.agency_name for g in rec.attendance] == [
        "Children's social care",
        "Police",
        "Health",
        "Education",
        "Family Help",
    ]
    assert rec.attendance[-1].attendees[0].id == walk_in.id
    assert [i.title for i in rec.agenda][1] == "Reason for the meeting"
    assert rec.agenda[1].notes.startswith("Child told a teacher")
    assert [i.agency_name for i in rec.agency_information] == ["Health"]
    assert [(a.role, a.reason) for a in rec.acknowledgements] == [
        (StatutoryRole.POLICE, "Checks sent by email.")
    ]
    assert rec.decision is not None and rec.decision.outcome is ThresholdOutcome.S47_SINGLE_AGENCY
    assert [(v.agency_name, v.agrees) for v in rec.agency_views] == [("Health", False)]
    assert [a.description for a in rec.actions] == ["Visit the child"]
    assert rec.carried_over_actions == ()
    assert rec.timescales is not None and rec.timescales.icpc_due == dt.date(2026, 12, 14)
    assert rec.gaps == () and rec.minutes_issues == () and rec.amendments == ()
    assert not rec.is_signed_off and not rec.is_online


def test_signed_off_minutes_show_actions_as_they_were(ws: Workspace) -> None:
    first_id = chair_a_meeting(ws)
    closing.close_meeting(ws, meeting_id=first_id)
    signoff.sign_off(ws, meeting_id=first_id)
    first = record.meeting_record(ws, meeting_id=first_id)
    later = new_meeting(ws, case_id=first.case_id, on=TODAY + dt.timedelta(days=5))
    clock.set_clock(lambda: FIXED_NOW + dt.timedelta(days=5))
    (action,) = first.actions
    actions.complete_action(ws, action_id=action.id, at_meeting_id=later.id)
    # The signed-off minutes still say what was true at sign-off …
    assert record.meeting_record(ws, meeting_id=first_id).actions == first.actions
    # … and the later meeting shows it done there.
    (carried,) = record.meeting_record(ws, meeting_id=later.id).carried_over_actions
    assert carried.status.value == "done"


def test_load_flow_resumes_a_meeting(ws: Workspace) -> None:
    meeting_id = chair_a_meeting(ws, rationale="")
    started = closing.start_meeting(ws, meeting_id=meeting_id)
    now = FIXED_NOW + dt.timedelta(minutes=30)
    chair = flow.load_flow(ws, meeting_id=meeting_id, now=lambda: now)
    assert chair.started_at == started
    assert chair.elapsed_in_meeting() == dt.timedelta(minutes=30)
    assert [b.code for b in chair.blockers()] == [BlockerCode.NO_RATIONALE]
    chair.start()
    assert chair.jump_to_kind(StepKind.DECISION).title == "Threshold decision"
    decision.save_decision(ws, meeting_id=meeting_id, rationale="Now recorded.")
    chair.update_facts(closing.meeting_facts(ws, meeting_id=meeting_id))
    assert chair.can_close
    agenda.save_time_spent(ws, meeting_id=meeting_id, seconds_by_item=chair.time_spent())
    again = flow.load_flow(ws, meeting_id=meeting_id, now=lambda: now)
    assert again.time_spent() == chair.time_spent()
