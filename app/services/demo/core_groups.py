"""Core groups for the demo's children on plans, held through the chair's services.

Each child on an open plan (the demo's own, not the generated ``DEMOB``
children) whose first core group has fallen due has had core groups on time
since the ICPC: the first within 10 working days, then a few days before each
next date the journey rules give, every one closed and signed off, with
progress from the agencies and an action due by the next (the last one's
marked done at it). One of them, the most recent plan,
has had none, so Home, the register and ``macpt deadlines`` show one core
group overdue. Children whose first core group is still to come have none
yet; one of them has it booked (or, failing that, one child has the next).
Two more meet today: one is under way and one is closed, awaiting sign-off.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select

from app import clock
from app.models import Agency, MeetingType
from app.services import meetings, settings
from app.services.clocks import current_journeys, journey
from app.services.conduct import actions, attendance, information, invitations
from app.services.demo import chairing
from app.services.demo.core import CHAIR, MINUTE_TAKER
from app.services.demo.journey import PLACE, TEAM
from app.storage.workspace import Workspace
from app.workdays import WorkingCalendar
from app.workflow.clocks import ClockKind, JourneyState

ACTION = "Update the plan's outcomes with the family before the next core group."
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


def _working_on_or_before(day: dt.date, calendar: WorkingCalendar) -> dt.date:
    while not calendar.is_working_day(day):
        day -= dt.timedelta(days=1)
    return day


def _book(workspace: Workspace, agency: dict[str, str], case_id: str, day: dt.date) -> str:
    meeting = meetings.schedule_meeting(
        workspace,
        case_id=case_id,
        meeting_type=MeetingType.CORE_GROUP,
        scheduled_date=day,
        scheduled_time=dt.time(10, 0),
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
    return meeting.id


def _core_group(
    workspace: Workspace,
    agency: dict[str, str],
    case_id: str,
    day: dt.date,
    action_due: dt.date,
    *,
    end: str = "signed",
) -> None:
    """Hold a core group on ``day``: ``end`` "signed" (off), "closed" (awaiting
    sign-off) or "open" (still under way)."""
    meeting_id = _book(workspace, agency, case_id, day)
    chairing.start(workspace, meeting_id)
    if end == "open":
        return
    chairing.write_sections(workspace, meeting_id)
    with chairing.on(day, 10, 40):
        for key, text in PROGRESS.items():
            information.save_agency_information(
                workspace, meeting_id=meeting_id, agency_id=agency[key], information=text
            )
        # The last core group's action is done at this one; this one's is due by the next.
        for earlier in actions.carried_over_actions(workspace, meeting_id=meeting_id):
            if earlier.description == ACTION:
                actions.add_progress_note(
                    workspace,
                    action_id=earlier.id,
                    note="Demo: the first visit was made; the second was booked for this week.",
                    at_meeting_id=meeting_id,
                )
                actions.complete_action(
                    workspace,
                    action_id=earlier.id,
                    at_meeting_id=meeting_id,
                    on=day,
                    outcome_note="Demo: both visits made; the home was warm and the children well.",
                )
        actions.add_action(
            workspace,
            meeting_id=meeting_id,
            description=ACTION,
            owner_name=TEAM["social-care"][0],
            owner_agency_id=agency["social-care"],
            due_date=action_due,
        )
    chairing.finish(workspace, meeting_id, signed=end == "signed")


def add(workspace: Workspace) -> dict[str, int]:
    today, calendar = clock.today(), WorkingCalendar()
    weeks = settings.get_settings(workspace).core_group_weeks
    with workspace.reading() as session:
        agency = {a.seed_key: a.id for a in session.scalars(select(Agency)) if a.seed_key}
    children = _on_plans(workspace)
    late = [
        (first.due, state)
        for state in children
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
            day = _working_on_or_before(due.due - dt.timedelta(days=2), calendar)
            if day >= today:
                break
            following = day + dt.timedelta(weeks=weeks) - dt.timedelta(days=2)
            _core_group(
                workspace, agency, state.case_id, day, _working_on_or_before(following, calendar)
            )
            held += 1
    # One first core group still to come is already booked.
    # The next core group of one child (whose first is still to come, if any) is booked.
    waiting = {state.case_id for _, state in late}
    rest = [s for s in children if s is not overdue]
    target = next((s for s in rest if s.case_id not in waiting), rest[0] if rest else None)
    booked = (
        journey(workspace, case_id=target.case_id).clock(ClockKind.CORE_GROUP) if target else None
    )
    if target is not None and booked is not None:
        day = _working_on_or_before(booked.due - dt.timedelta(days=1), calendar)
        _book(workspace, agency, target.case_id, max(day, calendar.add_working_days(today, 1)))
        held += 1
    # Today two more meet: one is under way, one has closed and waits for sign-off.
    latest = _working_on_or_before(today, calendar)
    others = [s for s in rest if s is not target][:2]
    for state, end in zip(others, ("open", "closed"), strict=False):
        action_due = _working_on_or_before(latest + dt.timedelta(weeks=weeks), calendar)
        _core_group(workspace, agency, state.case_id, latest, action_due, end=end)
        held += 1
    return {"meetings": held}
