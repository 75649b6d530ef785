"""Demo strategy meetings with everything recorded, through the same services the app uses.

Adds two fictional children: Leo, whose meeting is signed off, amended and
reissued; and Isla, whose meeting closed without the police (reason recorded)
and is reconvened in a few days (scheduled, with her open actions carried in
and the guardian prompt showing). It also fills in the core demo's strategy
meetings: the closed one, the signed-off one and the one in progress.

Each step runs with the clock set to when it happened (``chairing``), so the
services stamp the day the meeting was held, and the decisions and sign-offs
name the meeting's chair.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select

from app import clock
from app.models import (
    Agency,
    AttendanceStatus,
    MeetingType,
    Sex,
)
from app.services import cases, meeting_list, meetings, records
from app.services.conduct import (
    actions,
    agenda,
    attendance,
    decision,
    information,
    invitations,
    representation,
    signoff,
)
from app.services.demo import chairing
from app.services.demo import strategy_scenarios as scenarios
from app.services.demo.core import CHAIR, MINUTE_TAKER
from app.storage.workspace import Workspace
from app.workdays import WorkingCalendar

_DAY = 24 * 60  # minutes
PLACE = "Room 3, Sampletown Civic Centre (demo)"
ADDRESS = "7 Nowhere Close, Sampletown, ZZ99 3CC"

RISK_NOTE = "Each agency said what it knows of any risk the child may pose to others."


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
    """Record ``story`` at the meeting, as the chair and minute-taker would, on its day."""
    day = chairing.start(workspace, meeting_id, everyone_attends=False)
    with chairing.on(day, 10, 5):
        _record(workspace, meeting_id, story, keys, day)
    if story.outcome is not None:  # a story that reaches a decision fills the minutes
        chairing.write_sections(workspace, meeting_id)


def _record(
    workspace: Workspace,
    meeting_id: str,
    story: scenarios.Scenario,
    keys: dict[str, str],
    day: dt.date,
) -> None:
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
    for risk_item in [i for i in items if i.kind == "risk-to-others"]:  # the story predates it
        agenda.save_agenda_notes(workspace, item_id=risk_item.id, notes=RISK_NOTE)
    items = [i for i in items if i.kind != "risk-to-others"]
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
            due_date=_working_day(day + dt.timedelta(days=item.due_in_days), step=1),
        )
        if item.done_after_days is not None:
            actions.complete_action(
                workspace, action_id=action.id, on=day + dt.timedelta(days=item.done_after_days)
            )


def _core_meeting(workspace: Workspace, ref: str) -> str | None:
    for m in meeting_list.list_meetings(workspace, search=ref):
        if m.la_child_ref == ref and m.meeting_type is MeetingType.STRATEGY:
            return m.id
    return None


def _fill_core(workspace: Workspace, keys: dict[str, str]) -> None:
    """Hold the core demo's strategy meetings, each as far as its status."""
    in_progress = _core_meeting(workspace, "DEMO0002")
    if in_progress:
        _chair(workspace, in_progress, scenarios.ALFIE_SO_FAR, keys)
    closed = _core_meeting(workspace, "DEMO0003")
    if closed:
        _chair(workspace, closed, scenarios.RUBY, keys)
        chairing.close(workspace, closed)
    signed = _core_meeting(workspace, "DEMO0004")
    if signed:
        _chair(workspace, signed, scenarios.UNBORN, keys)
        chairing.finish(workspace, signed)


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
    _chair(workspace, signed, scenarios.LEO, keys)
    chairing.finish(workspace, signed)
    # Amended and reissued two working days after the sign-off.
    amended = chairing.CALENDAR.add_working_days(chairing.held_on(workspace, signed), 3)
    with chairing.on(amended, 14):
        signoff.record_amendment(
            workspace,
            meeting_id=signed,
            what="Attendance: Probation sent information by email as well as apologies; "
            "the minutes showed apologies only.",
            reason="The email arrived during the meeting and was missed.",
        )
        signoff.reissue_minutes(workspace, meeting_id=signed)

    closed = _schedule(workspace, isla.case_id, _working_day(today - dt.timedelta(days=2)))
    _chair(workspace, closed, scenarios.ISLA, keys)
    chairing.close(workspace, closed)

    # Reconvened: invitations made, Isla's open actions carried in, the guardian not yet asked.
    _schedule(workspace, isla.case_id, _working_day(today + dt.timedelta(days=3), step=1))
    return {"children": 2, "meetings": 3}
