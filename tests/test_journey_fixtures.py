"""Builders for the journey tests: a child taken step by step through the real services.

Every step goes through the same service functions the app uses, so the tests
see what a chair would. The builders are kept here (with a check of their own)
so every journey test file shares them.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable
from pathlib import Path

import pytest

from app import clock
from app.models import (
    AttendanceStatus,
    ConferenceOutcome,
    DischargeReason,
    MeetingType,
    OngoingSupport,
    PlanCategory,
    Sex,
    ThresholdOutcome,
)
from app.services import agencies, cases, meeting_list, meetings, settings
from app.services.conduct import actions, attendance, closing, decision, information, invitations
from app.services.demo import chairing, risks
from app.services.journey import conference, discharge, review, safety_plan
from app.services.workspace import open_workspace
from app.storage.workspace import Workspace
from tests.conftest import FIXED_NOW, PASSPHRASE
from tests.helpers import workspaces

CHAIR = "Lee Example-Chair"
OTHER_CHAIR = "Robin Example-Deputy"
MOTHER_ADDRESS = "1 Sample Street, Sampletown, ZZ99 1AA"
FATHER_ADDRESS = "9 Elsewhere Road, Othertown, ZZ99 9ZZ"
MOTHER_PHONE = "01632 960101"
FATHER_PHONE = "01632 960909"
FATHER_EMAIL = "chris.other@example.org"
POLICE_SECRET = "Intelligence: DEMO-OP-ZEPHYR surveillance report"
PRACTITIONERS = {
    "social-care": ("Sam Example-Social-Worker", "sam.sw@example.org"),
    "police": ("DC Alex Example-Officer", "alex.police@example.org"),
    "health": ("Riley Example-Nurse", "riley.health@example.org"),
    "education": ("Morgan Example-Teacher", "morgan.school@example.org"),
}
# Hand-checked: from Tuesday 5 May 2026, the 5th working day is Tuesday 12 May and
# the 15th is Wednesday 27 May (Monday 25 May is the spring bank holiday).
STRATEGY_DAY = dt.date(2026, 5, 5)
REVIEW_DUE = dt.date(2026, 5, 12)
ICPC_DUE = dt.date(2026, 5, 27)
FIRST_RCPC = dt.date(2026, 8, 20)
SECOND_RCPC = dt.date(2026, 11, 19)
CONTACT = "Phone 01632 960500 · macpt.team@example.org"


@dataclasses.dataclass(frozen=True)
class Child:
    case_id: str
    child_id: str
    mother_id: str
    father_id: str
    agency_ids: dict[str, str]
    practitioner_ids: dict[str, str]


def new_child(workspace: Workspace, ref: str = "TEST-0001", first: str = "Poppy") -> Child:
    case = cases.create_case(
        workspace,
        la_child_ref=ref,
        first_name=first,
        last_name="Testcase",
        date_of_birth=dt.date(2019, 3, 14),
        sex=Sex.FEMALE,
        address=MOTHER_ADDRESS,
        concern="Fictional concern for testing.",
        opened_on=dt.date(2026, 5, 1),
    )
    mother = cases.add_family_member(
        workspace,
        child_id=case.child_id,
        name="Pat Testcase",
        relationship_to_child="Mother",
        parental_responsibility=True,
        address=MOTHER_ADDRESS,
        phone=MOTHER_PHONE,
        invite_to_conferences=True,
        is_carer=True,
    )
    father = cases.add_family_member(
        workspace,
        child_id=case.child_id,
        name="Chris Other",
        relationship_to_child="Father",
        parental_responsibility=True,
        address=FATHER_ADDRESS,
        phone=FATHER_PHONE,
        email=FATHER_EMAIL,
        invite_to_conferences=True,
    )
    statutory = {role.value: a.id for role, a in agencies.statutory_agencies(workspace).items()}
    people = {}
    for role, (name, email) in PRACTITIONERS.items():
        existing = [p for p in _directory(workspace) if p == name]
        if not existing:
            cases.add_practitioner(workspace, name=name, agency_id=statutory[role], email=email)
        people[role] = name
    return Child(case.case_id, case.child_id, mother, father, statutory, people)


def _directory(workspace: Workspace) -> list[str]:
    from sqlalchemy import select

    from app.models import Practitioner

    with workspace.reading() as session:
        return list(session.scalars(select(Practitioner.name)))


def schedule(
    workspace: Workspace,
    child: Child,
    meeting_type: MeetingType,
    day: dt.date,
    *,
    chair: str = CHAIR,
) -> str:
    """A scheduled meeting with the four statutory agencies (and, for a conference,
    both parents) on its invitation list."""
    meeting = meetings.schedule_meeting(
        workspace,
        case_id=child.case_id,
        meeting_type=meeting_type,
        scheduled_date=day,
        scheduled_time=dt.time(10, 0),
        location="Room 1, Sampletown Civic Centre",
        chair_name=chair,
        minute_taker_name="Casey Example-Minutes",
    )
    for role, name in child.practitioner_ids.items():
        invitations.invite_person(
            workspace, meeting_id=meeting.id, name=name, agency_id=child.agency_ids[role]
        )
    if meeting_type in (MeetingType.ICPC, MeetingType.RCPC):
        invited = {
            r.family_member_id for r in attendance.list_attendance(workspace, meeting_id=meeting.id)
        }
        for member in (child.mother_id, child.father_id):
            if member not in invited:
                invitations.invite_family_member(
                    workspace, meeting_id=meeting.id, family_member_id=member
                )
    return meeting.id


def hold(workspace: Workspace, meeting_id: str) -> None:
    """Everyone invited came; the meeting starts; the sections the minutes require
    (the reason for the meeting, the child's voice, ...) are written and, where the
    meeting must say, no risk to others is known."""
    for row in attendance.list_attendance(workspace, meeting_id=meeting_id):
        attendance.set_status(workspace, attendance_id=row.id, status=AttendanceStatus.ATTENDED)
    closing.start_meeting(workspace, meeting_id=meeting_id)
    chairing.write_sections(workspace, meeting_id)
    risks.answer(workspace, meeting_id)  # "none known", where the meeting must say


def close(workspace: Workspace, meeting_id: str) -> None:
    risks.answer(workspace, meeting_id)  # "none known", where the meeting must say
    closing.close_meeting(workspace, meeting_id=meeting_id)


def strategy_s47(workspace: Workspace, child: Child, day: dt.date = STRATEGY_DAY) -> str:
    """A closed strategy meeting that started a joint section 47 enquiry."""
    meeting_id = schedule(workspace, child, MeetingType.STRATEGY, day)
    hold(workspace, meeting_id)
    decision.save_decision(
        workspace,
        meeting_id=meeting_id,
        threshold_met=True,
        outcome=ThresholdOutcome.S47_JOINT,
        rationale="Fictional rationale: the threshold is met.",
    )
    decision.record_decision(workspace, meeting_id=meeting_id)
    restricted_police_note(workspace, child, meeting_id)
    close(workspace, meeting_id)
    return meeting_id


def restricted_police_note(workspace: Workspace, child: Child, meeting_id: str) -> None:
    """Police intelligence that must never reach the family."""
    information.save_agency_information(
        workspace,
        meeting_id=meeting_id,
        agency_id=child.agency_ids["police"],
        information=POLICE_SECRET,
        restricted=True,
    )


def review_with_plan(workspace: Workspace, child: Child, day: dt.date = REVIEW_DUE) -> str:
    """A closed five-day review: ICPC within 15 working days and a safety plan."""
    meeting_id = schedule(workspace, child, MeetingType.REVIEW, day)
    hold(workspace, meeting_id)
    review.record_icpc_timeframe(
        workspace,
        meeting_id=meeting_id,
        timeframe=review.IcpcTimeframe.WITHIN_15_DAYS,
    )
    safety_plan.create_safety_plan(
        workspace,
        case_id=child.case_id,
        meeting_id=meeting_id,
        agreed_by="Pat Testcase (mother); Sam Example-Social-Worker",
        items=[
            safety_plan.SafetyPlanItemInput(
                worry="Poppy is left alone in the evenings.",
                keeps_safe="An adult is always at home with Poppy after school.",
                responsible_name="Pat Testcase",
                by_when="From today",
                how_we_know="The social worker visits twice a week.",
                contingency="Poppy stays with her grandmother.",
            )
        ],
    )
    close(workspace, meeting_id)
    return meeting_id


def icpc_with_plan(
    workspace: Workspace, child: Child, day: dt.date = ICPC_DUE, *, chair: str = CHAIR
) -> str:
    meeting_id = schedule(workspace, child, MeetingType.ICPC, day, chair=chair)
    hold(workspace, meeting_id)
    conference.record_icpc_decision(
        workspace,
        meeting_id=meeting_id,
        plan_needed=True,
        category=PlanCategory.NEGLECT,
        lead_practitioner=PRACTITIONERS["social-care"][0],
        core_group=[
            conference.CoreGroupMember(name, child.agency_ids[role], "Core group member")
            for role, (name, _) in PRACTITIONERS.items()
        ],
        outline_plan="Fictional outline plan.",
        rationale="Fictional rationale: the child is likely to suffer significant harm.",
    )
    close(workspace, meeting_id)
    return meeting_id


def rcpc_continue(workspace: Workspace, child: Child, day: dt.date = FIRST_RCPC) -> str:
    meeting_id = schedule(workspace, child, MeetingType.RCPC, day)
    hold(workspace, meeting_id)
    conference.record_rcpc_decision(
        workspace,
        meeting_id=meeting_id,
        outcome=ConferenceOutcome.CONTINUE_PLAN,
        progress="Fictional progress: things are better.",
        rationale="Fictional rationale: the plan should continue.",
        next_review_due=SECOND_RCPC,
    )
    close(workspace, meeting_id)
    return meeting_id


def rcpc_discharge(workspace: Workspace, child: Child, day: dt.date = SECOND_RCPC) -> str:
    """A closed review conference that ends the plan: everyone asked, everyone agreed."""
    meeting_id = schedule(workspace, child, MeetingType.RCPC, day)
    hold(workspace, meeting_id)
    for row in discharge.prefill_discharge_inputs(workspace, meeting_id=meeting_id):
        discharge.update_discharge_input(
            workspace,
            input_id=row.id,
            asked_on=day - dt.timedelta(days=7),
            responded_on=day - dt.timedelta(days=5),
            response="Agrees the plan can end.",
        )
    discharge.record_discharge(
        workspace,
        meeting_id=meeting_id,
        reason=DischargeReason.NO_LONGER_AT_RISK,
        ongoing_support=[OngoingSupport.FAMILY_HELP],
        ongoing_support_detail="Family Help keyworker visits weekly.",
        progress="Fictional progress: the plan's aims are met.",
        rationale="Fictional rationale: all agencies agree.",
    )
    restricted_police_note(workspace, child, meeting_id)
    actions.add_action(
        workspace,
        meeting_id=meeting_id,
        description="Close the police flag on the address.",
        owner_name=PRACTITIONERS["police"][0],
        owner_agency_id=child.agency_ids["police"],
        due_date=day + dt.timedelta(days=14),
    )
    actions.add_action(
        workspace,
        meeting_id=meeting_id,
        description="Keep going to the parenting group.",
        owner_name="Pat Testcase",
        due_date=day + dt.timedelta(days=28),
    )
    close(workspace, meeting_id)
    return meeting_id


def opened_copy(
    tmp_path_factory: pytest.TempPathFactory,
    tmp_path: Path,
    name: str,
    fill: Callable[[Workspace], object],
) -> Workspace:
    """A fresh copy of a workspace that ``fill`` builds once per test run, opened."""
    source = workspaces.template(name, tmp_path_factory.mktemp, fill)
    # Building the template puts the real clock back; this test runs on the fixed one.
    clock.set_clock(lambda: FIXED_NOW)
    opened = open_workspace(workspaces.copy_workspace(source, tmp_path / "copy.macpt"), PASSPHRASE)
    opened.actor = "Test Chair"
    return opened


def after_strategy(workspace: Workspace) -> None:
    """A child with a closed strategy meeting that started a section 47 enquiry."""
    strategy_s47(workspace, new_child(workspace))


def after_icpc(workspace: Workspace) -> None:
    """A child on a plan: strategy, review with a safety plan, and ICPC (all closed)."""
    child = new_child(workspace)
    strategy_s47(workspace, child)
    review_with_plan(workspace, child)
    icpc_with_plan(workspace, child)


def to_discharge(workspace: Workspace) -> None:
    """A child taken all the way: strategy, review, ICPC, a review conference, discharge."""
    settings.update_setting(workspace, key="local_authority", value="Exampleshire Council (test)")
    settings.update_setting(workspace, key="lcpp_contact", value=CONTACT)
    child = new_child(workspace)
    strategy_s47(workspace, child)
    review_with_plan(workspace, child)
    icpc_with_plan(workspace, child)
    rcpc_continue(workspace, child)
    rcpc_discharge(workspace, child)


def the_child(workspace: Workspace, ref: str = "TEST-0001") -> Child:
    """The builder's child, found again in a copied workspace."""
    found = cases.list_cases(workspace, search=ref)[0]
    detail = cases.get_case(workspace, case_id=found.case_id)
    family = {m.relationship_to_child: m.id for m in detail.family}
    statutory = {role.value: a.id for role, a in agencies.statutory_agencies(workspace).items()}
    people = {role: name for role, (name, _) in PRACTITIONERS.items()}
    return Child(
        found.case_id, found.child_id, family["Mother"], family["Father"], statutory, people
    )


def meeting_of(workspace: Workspace, child: Child, meeting_type: MeetingType) -> str:
    """The child's (latest) meeting of ``meeting_type``."""
    found = [
        m
        for m in meeting_list.list_meetings(workspace, case_id=child.case_id)
        if m.meeting_type is meeting_type
    ]
    return found[-1].id


def test_builders_make_a_full_journey_to_a_plan(
    tmp_path_factory: pytest.TempPathFactory, tmp_path: Path
) -> None:
    workspace = opened_copy(tmp_path_factory, tmp_path, "journey-after-icpc", after_icpc)
    try:
        child = the_child(workspace)
        icpc = meeting_of(workspace, child, MeetingType.ICPC)
        context = conference.conference_context(workspace, meeting_id=icpc)
        assert context.plan is not None
        assert context.plan.latest_category is PlanCategory.NEGLECT
        invited = {
            r.family_member_id for r in attendance.list_attendance(workspace, meeting_id=icpc)
        }
        assert invited >= {child.mother_id, child.father_id}
        assert safety_plan.safety_plan_for_case(workspace, case_id=child.case_id) is not None
    finally:
        workspace.close()
