"""Core groups for the demo's children on plans, held through the chair's services.

Each child on an open plan (the demo's own, not the generated ``DEMOB``
children) whose first core group has fallen due has had core groups on time
since the ICPC: the first within 10 working days, then a few days before each
next date the journey rules give, every one closed and signed off, with
progress from the agencies and an action. One of them, the most recent plan,
has had none, so Home, the register and ``macpt deadlines`` show one core
group overdue. Children whose first core group is still to come have none yet.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select

from app import clock
from app.models import Agency, MeetingType
from app.services import meetings
from app.services.clocks import current_journeys, journey
from app.services.conduct import actions, attendance, information, invitations
from app.services.demo import chairing
from app.services.demo.core import CHAIR, MINUTE_TAKER
from app.services.demo.journey import PLACE, TEAM
from app.storage.workspace import Workspace
from app.workdays import WorkingCalendar
from app.workflow.clocks import ClockKind, JourneyState

PROGRESS = {
    "social-care": "Demo: visits are weekly; the child was seen alone each time.",
    "health": "Demo: health appointments are being kept; weight is on track.",
    "education": "Demo: attendance is up to 94% this half-term.",
}


def _on_plans(workspace: Workspace) -> list[JourneyState]:
    with workspace.reading() as session:
        found = [
            j
            for j in current_journeys(session)
            if j.plan is not None and j.child_ref[4:].isdigit() and j.child_ref.startswith("DEMO")
        ]
    return sorted(found, key=lambda j: j.child_ref)


def _core_group(workspace: Workspace, agency: dict[str, str], case_id: str, day: dt.date) -> None:
    meeting = meetings.schedule_meeting(
        workspace,
        case_id=case_id,
        meeting_type=MeetingType.CORE_GROUP,
        scheduled_date=day,
        scheduled_time=dt.time(14, 0),
        location=PLACE,
        chair_name=CHAIR,
        minute_taker_name=MINUTE_TAKER,
    )
    # The agencies' usual people are invited already where the case knows them.
    named = {
        r.agency_id for r in attendance.list_attendance(workspace, meeting_id=meeting.id) if r.name
    }
    for key, (name, role) in TEAM.items():
        if key in agency and agency[key] not in named:
            invitations.invite_person(
                workspace, meeting_id=meeting.id, name=name, agency_id=agency[key], role=role
            )
    chairing.start(workspace, meeting.id)
    chairing.write_sections(workspace, meeting.id)
    with chairing.on(day, 10, 40):
        for key, text in PROGRESS.items():
            information.save_agency_information(
                workspace, meeting_id=meeting.id, agency_id=agency[key], information=text
            )
        actions.add_action(
            workspace,
            meeting_id=meeting.id,
            description="Update the plan's outcomes with the family before the next core group.",
            owner_name=TEAM["social-care"][0],
            owner_agency_id=agency["social-care"],
            due_date=day + dt.timedelta(days=14),
        )
    chairing.finish(workspace, meeting.id)


def add(workspace: Workspace) -> dict[str, int]:
    today, calendar = clock.today(), WorkingCalendar()
    with workspace.reading() as session:
        agency = {a.seed_key: a.id for a in session.scalars(select(Agency)) if a.seed_key}
    late = [
        (first.due, state)
        for state in _on_plans(workspace)
        if (first := state.clock(ClockKind.CORE_GROUP)) is not None and first.due < today
    ]
    # The most recent plan's first core group is left unheld: it is overdue.
    overdue = max(late, key=lambda pair: (pair[0], pair[1].child_ref))[1] if late else None
    held = 0
    for _, state in late:
        if state is overdue:
            continue
        while True:
            due = journey(workspace, case_id=state.case_id).clock(ClockKind.CORE_GROUP)
            if due is None:
                break
            day = due.due - dt.timedelta(days=2)
            while not calendar.is_working_day(day):
                day -= dt.timedelta(days=1)
            if day >= today:
                break
            _core_group(workspace, agency, state.case_id, day)
            held += 1
    return {"meetings": held}
