"""Demo strategy meetings with everything recorded, through the same services the app uses.

Adds two fictional children: Leo, whose meeting is signed off, amended and
reissued; and Isla, whose meeting closed without the police (reason recorded)
and is reconvened in a few days (scheduled, with her open actions carried in
and the guardian prompt showing). It also fills in the core demo's strategy
meetings: the closed one, the signed-off one and the one in progress.

Services stamp "now" and whoever ran the demo; past meetings are then dated
back to the day they were held and name the demo chair, so the demo's
minutes read as they would have.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select

from app import clock
from app.models import (
    Agency,
    AgencyAttendance,
    Amendment,
    AttendanceStatus,
    Meeting,
    MeetingStatus,
    MeetingType,
    MinutesIssue,
    RepresentationAcknowledgement,
    Sex,
    ThresholdDecision,
)
from app.services import cases, meetings, records
from app.services.conduct import (
    actions,
    agenda,
    attendance,
    closing,
    decision,
    information,
    invitations,
    representation,
    signoff,
)
from app.services.conduct.record import refreeze_record
from app.services.demo import strategy_scenarios as scenarios
from app.services.demo.core import CHAIR, MINUTE_TAKER
from app.storage.guard import rewriting_history
from app.storage.workspace import Workspace
from app.workdays import WorkingCalendar

_DAY = 24 * 60  # minutes
PLACE = "Room 3, Sampletown Civic Centre (demo)"
ADDRESS = "7 Nowhere Close, Sampletown, ZZ99 3CC"


def _agencies(workspace: Workspace) -> dict[str, str]:
    with workspace.reading() as session:
        return {a.seed_key: a.id for a in session.scalars(select(Agency)) if a.seed_key is not None}


def _working_day(day: dt.date, step: int = -1) -> dt.date:
    """``day``, or the nearest working day before (or after) it: meetings are held on one."""
    calendar = WorkingCalendar()
    while not calendar.is_working_day(day):
        day += dt.timedelta(days=step)
    return day


def _schedule(workspace: Workspace, case_id: str, day: dt.date) -> str:
    return meetings.schedule_meeting(
        workspace,
        case_id=case_id,
        meeting_type=MeetingType.STRATEGY,
        scheduled_date=day,
        scheduled_time=dt.time(10, 0),
        location=PLACE,
        chair_name=CHAIR,
        minute_taker_name=MINUTE_TAKER,
    ).id


def _chair(
    workspace: Workspace, meeting_id: str, story: scenarios.Scenario, keys: dict[str, str]
) -> None:
    """Record ``story`` at the meeting, as the chair and minute-taker would."""
    day = meetings.get_meeting(workspace, meeting_id=meeting_id).scheduled_date
    for row in attendance.list_attendance(workspace, meeting_id=meeting_id):
        status = story.statutory.get(row.statutory_role) if row.statutory_role else None
        if status is AttendanceStatus.ATTENDED:
            attendance.mark_arrived(workspace, attendance_id=row.id)
        elif status is not None:
            attendance.set_status(workspace, attendance_id=row.id, status=status)
    for key, name, role, status, walked_in in story.others:
        if walked_in:
            attendance.add_walk_in(
                workspace, meeting_id=meeting_id, name=name, agency_id=keys[key], role=role
            )
        else:
            row = invitations.invite_person(
                workspace, meeting_id=meeting_id, name=name, agency_id=keys[key], role=role
            )
            attendance.set_status(workspace, attendance_id=row.id, status=status)
    for role, reason in story.absences.items():
        representation.acknowledge_absence(
            workspace, meeting_id=meeting_id, role=role, reason=reason
        )
    items = agenda.list_agenda(workspace, meeting_id=meeting_id)
    for agenda_item, notes in zip(items, story.notes, strict=False):
        if notes:
            agenda.save_agenda_notes(workspace, item_id=agenda_item.id, notes=notes)
    for key, (text, restricted) in story.information.items():
        information.save_agency_information(
            workspace,
            meeting_id=meeting_id,
            agency_id=keys[key],
            information=text,
            restricted=restricted,
        )
    if story.outcome is not None:
        decision.save_decision(
            workspace,
            meeting_id=meeting_id,
            threshold_met=story.threshold_met,
            outcome=story.outcome,
            rationale=story.rationale,
            support_detail=story.support_detail,
            dissent=story.dissent,
        )
    for key, (agrees, comment) in story.views.items():
        decision.set_agency_view(
            workspace, meeting_id=meeting_id, agency_id=keys[key], agrees=agrees, comment=comment
        )
    for item in story.actions:
        action = actions.add_action(
            workspace,
            meeting_id=meeting_id,
            description=item.description,
            owner_name=item.owner,
            owner_agency_id=keys[item.agency],
            due_date=day + dt.timedelta(days=item.due_in_days),
        )
        if item.done_after_days is not None:
            actions.complete_action(
                workspace, action_id=action.id, on=day + dt.timedelta(days=item.done_after_days)
            )


def _date_back(workspace: Workspace, meeting_id: str) -> None:
    """Move the services' "now" stamps back to when the meeting was held (never forward)."""
    with workspace.transaction() as session, rewriting_history(session, meeting_id):
        meeting = session.get(Meeting, meeting_id)
        assert meeting is not None
        start = dt.datetime.combine(meeting.scheduled_date, dt.time(10, 0), tzinfo=dt.UTC)
        # Signed off the next working day; amended and reissued two working days later.
        calendar = WorkingCalendar()
        signed = calendar.add_working_days(meeting.scheduled_date, 1)
        amended = calendar.add_working_days(signed, 2)
        to_sign = int((signed - meeting.scheduled_date).days * _DAY)
        to_amend = int((amended - meeting.scheduled_date).days * _DAY)

        def back(stamp: dt.datetime | None, minutes: int) -> dt.datetime | None:
            target = start + dt.timedelta(minutes=minutes)
            return target if stamp is not None and target < stamp else stamp

        # The demo's records were made by whoever ran it; the minutes name the chair.
        chair = meeting.chair_name
        meeting.started_at = back(meeting.started_at, 0)
        meeting.closed_at = back(meeting.closed_at, 85)
        meeting.signed_off_at = back(meeting.signed_off_at, to_sign)
        if meeting.signed_off_by:
            meeting.signed_off_by = chair
        for row in session.scalars(
            select(AgencyAttendance).where(AgencyAttendance.meeting_id == meeting_id)
        ):
            row.arrived_at = back(row.arrived_at, 5 if row.walk_in else 0)
        for ack in session.scalars(
            select(RepresentationAcknowledgement).where(
                RepresentationAcknowledgement.meeting_id == meeting_id
            )
        ):
            ack.acknowledged_at = back(ack.acknowledged_at, 10) or ack.acknowledged_at
            ack.acknowledged_by = chair
        found = session.scalar(
            select(ThresholdDecision).where(ThresholdDecision.meeting_id == meeting_id)
        )
        if found is not None and found.decided_at is not None:
            found.decided_at = back(found.decided_at, 70)
            found.decided_by = chair
        for issue in session.scalars(
            select(MinutesIssue).where(MinutesIssue.meeting_id == meeting_id)
        ):
            later = to_sign if issue.version == 1 else to_amend
            issue.issued_at = back(issue.issued_at, later) or issue.issued_at
            issue.issued_by = chair
        for change in session.scalars(select(Amendment).where(Amendment.meeting_id == meeting_id)):
            change.made_at = back(change.made_at, to_amend) or change.made_at
            change.made_by = chair
        session.flush()
        refreeze_record(session, meeting)


def _core_meeting(workspace: Workspace, status: MeetingStatus) -> str | None:
    for m in meetings.list_meetings(workspace):
        if (
            m.la_child_ref.startswith("DEMO")
            and m.meeting_type is MeetingType.STRATEGY
            and m.status is status
        ):
            return m.id
    return None


def _fill_core(workspace: Workspace, keys: dict[str, str]) -> None:
    """Give the core demo's strategy meetings the records their status implies."""
    in_progress = _core_meeting(workspace, MeetingStatus.IN_PROGRESS)
    if in_progress:
        _chair(workspace, in_progress, scenarios.ALFIE_SO_FAR, keys)
    closed = _core_meeting(workspace, MeetingStatus.CLOSED)
    if closed:
        _chair(workspace, closed, scenarios.RUBY, keys)
        decision.record_decision(workspace, meeting_id=closed)
        _date_back(workspace, closed)
    signed = _core_meeting(workspace, MeetingStatus.SIGNED_OFF)
    if signed:
        # The core demo signed it off with nothing recorded. Its history is
        # replayed: back to closed, recorded, then signed off properly.
        with workspace.transaction() as session, rewriting_history(session, signed):
            meeting = session.get(Meeting, signed)
            assert meeting is not None
            meeting.status = MeetingStatus.CLOSED
            meeting.signed_off_at = meeting.signed_off_by = None
        _chair(workspace, signed, scenarios.UNBORN, keys)
        decision.record_decision(workspace, meeting_id=signed)
        signoff.sign_off(workspace, meeting_id=signed)
        _date_back(workspace, signed)


def add(workspace: Workspace) -> dict[str, int]:
    today = clock.today()
    keys = _agencies(workspace)
    _fill_core(workspace, keys)  # first, while the only demo meetings are the core's
    leo = cases.create_case(
        workspace,
        la_child_ref="DEMO0006",
        first_name="Leo",
        last_name="Specimen",
        date_of_birth=dt.date(today.year - 9, 6, 1),
        sex=Sex.MALE,
        address=ADDRESS,
        concern="Disclosed to his teacher that his stepfather hit him with a belt.",
        opened_on=today - dt.timedelta(days=14),
    )
    isla = cases.create_case(
        workspace,
        la_child_ref="DEMO0007",
        first_name="Isla",
        last_name="Madeup",
        date_of_birth=dt.date(today.year - 4, 2, 2),
        sex=Sex.FEMALE,
        address="9 Fable Street, Sampletown, ZZ99 4DD",
        concern="Weight loss and missed health appointments.",
        opened_on=today - dt.timedelta(days=5),
    )
    for field, value in (("proceedings", "private-law"), ("guardian_name", "Jamie Demo-Guardian")):
        records.save_field(
            workspace, table="case_episode", record_id=isla.case_id, field=field, value=value
        )

    signed = _schedule(workspace, leo.case_id, _working_day(today - dt.timedelta(days=14)))
    closing.start_meeting(workspace, meeting_id=signed)
    _chair(workspace, signed, scenarios.LEO, keys)
    closing.close_meeting(workspace, meeting_id=signed)
    signoff.sign_off(workspace, meeting_id=signed)
    signoff.record_amendment(
        workspace,
        meeting_id=signed,
        what="Attendance: Probation sent information by email as well as apologies; "
        "the minutes showed apologies only.",
        reason="The email arrived during the meeting and was missed.",
    )
    signoff.reissue_minutes(workspace, meeting_id=signed)
    _date_back(workspace, signed)

    closed = _schedule(workspace, isla.case_id, _working_day(today - dt.timedelta(days=2)))
    closing.start_meeting(workspace, meeting_id=closed)
    _chair(workspace, closed, scenarios.ISLA, keys)
    closing.close_meeting(workspace, meeting_id=closed)
    _date_back(workspace, closed)

    # Reconvened: invitations made, Isla's open actions carried in, the guardian not yet asked.
    _schedule(workspace, isla.case_id, _working_day(today + dt.timedelta(days=3), step=1))
    return {"children": 2, "meetings": 3}
