"""A fictional child taken from strategy meeting to the end of the plan through the
services the app uses, for the journey minutes tests (test_minutes_journey.py).

Each meeting is held on its own day: the clock is moved to it, so every "when"
the services stamp falls on that day.
"""

from __future__ import annotations

import dataclasses
import datetime as dt

from app import clock
from app.models import (
    AttendanceStatus,
    ConferenceOutcome,
    DischargeReason,
    IcpcTimeframe,
    MeetingType,
    OngoingSupport,
    PlanCategory,
    StatutoryRole,
    ThresholdOutcome,
)
from app.services import agencies, cases, meetings
from app.services.conduct import attendance, closing, decision, information, signoff
from app.services.demo import chairing, risks
from app.services.journey import conference, discharge, review
from app.services.journey import safety_plan as plans
from app.storage.workspace import Workspace

CHAIR = "Jordan Test-Chair"
PLACE = "Room 4, Sampletown Civic Centre (test)"
TEAM = {
    StatutoryRole.SOCIAL_CARE: ("Sam Test-Social-Worker", "Social worker"),
    StatutoryRole.POLICE: ("DC Alex Test-Officer", "Detective constable"),
    StatutoryRole.HEALTH: ("Riley Test-Health", "Health visitor"),
    StatutoryRole.EDUCATION: ("Morgan Test-Teacher", "Designated safeguarding lead"),
}
MOTHER, FATHER, GRANDMOTHER = "Pat Example", "Chris Example-Other", "Jo Example-Senior"
STRATEGY_DAY = dt.date(2026, 11, 16)
REVIEW_DAY = dt.date(2026, 11, 23)  # the 5th working day
ICPC_DEFAULT = dt.date(2026, 12, 7)  # the 15th working day
ICPC_DAY = dt.date(2026, 12, 14)  # extended
FIRST_REVIEW_DAY = dt.date(2027, 3, 8)
LAST_REVIEW_DAY = dt.date(2027, 9, 6)
EXTENSION_REASON = (
    "The family moved here from another area last week.\n"
    "The previous council's records are needed for a fair conference."
)
RESTRICTED = {
    MeetingType.REVIEW: "Police intelligence (test): a visitor to the home is known to police.",
    MeetingType.ICPC: "Police intelligence (test): a warning marker is on the address.",
    MeetingType.RCPC: "Police intelligence (test): the visitor has moved out of the area.",
}
WORRIES = (
    plans.SafetyPlanItemInput(
        worry="Sky is left without an adult in the evenings.",
        keeps_safe="An adult the social worker has checked is at home every evening.",
        responsible_name=MOTHER,
        by_when="From today",
        how_we_know="Unannounced visits by the social worker twice a week.",
        contingency="Sky stays with the grandmother.",
    ),
    plans.SafetyPlanItemInput(
        worry="Missed health appointments.",
        keeps_safe="The health visitor books and confirms each appointment.",
        responsible_name=TEAM[StatutoryRole.HEALTH][0],
        by_when="Within two weeks",
    ),
)
REVISED_WORRY = "Sky is sometimes collected late from school."
ICPC_RATIONALE = "Sky is likely to suffer significant harm through neglect."
OUTLINE_PLAN = "Daily routines kept.\nHealth appointments kept."
ICPC_DISSENT = "Education would have preferred to wait for a further month of attendance."
PROGRESS = "Evenings are covered; health appointments kept."
CHANGE_RATIONALE = "The worries now are mostly about how Sky is spoken to at home."
DISCHARGE_PROGRESS = "Six months of steady care; the plan's aims are met."
DISCHARGE_RATIONALE = "All agencies agree Sky is no longer at risk of significant harm."
SUPPORT_DETAIL = "A Family Help keyworker visits weekly for three months."
ASKED, REPLIED = dt.date(2027, 8, 23), dt.date(2027, 8, 27)


@dataclasses.dataclass(frozen=True)
class JourneySample:
    case_id: str
    strategy_id: str
    review_id: str
    icpc_id: str
    change_id: str
    discharge_id: str
    plan_id: str
    agency: dict[str, str]  # agency name to id


def on(day: dt.date, hour: int = 10, minute: int = 0) -> None:
    """Move the clock to ``day`` at ``hour``:``minute`` UTC (London time in winter)."""
    moment = dt.datetime.combine(day, dt.time(hour, minute), tzinfo=dt.UTC)
    clock.set_clock(lambda: moment)


def _meeting(ws: Workspace, case_id: str, kind: MeetingType, day: dt.date) -> str:
    """Schedule and hold a meeting on ``day``: the statutory agencies attend."""
    on(day, 9)
    meeting_id = meetings.schedule_meeting(
        ws,
        case_id=case_id,
        meeting_type=kind,
        scheduled_date=day,
        scheduled_time=dt.time(10, 0),
        location=PLACE,
        chair_name=CHAIR,
        minute_taker_name="Casey Test-Minutes",
    ).id
    on(day, 10)
    closing.start_meeting(ws, meeting_id=meeting_id)
    for row in attendance.list_attendance(ws, meeting_id=meeting_id):
        if row.statutory_role is not None and row.agency_id is not None:
            # Arriving fills the agency's blank invitation (it is not a walk-in).
            name, role = TEAM[row.statutory_role]
            attendance.add_walk_in(
                ws, meeting_id=meeting_id, name=name, agency_id=row.agency_id, role=role
            )
        elif row.is_family:
            attendance.mark_arrived(ws, attendance_id=row.id)
    return meeting_id


def _close(ws: Workspace, meeting_id: str, day: dt.date, *, sign: bool = True) -> None:
    chairing.write_sections(ws, meeting_id)  # the reason, the child's voice, ...
    on(day, 12)
    risks.answer(ws, meeting_id)  # "none known", where the meeting must say
    closing.close_meeting(ws, meeting_id=meeting_id)
    if sign:
        on(day, 16)
        signoff.sign_off(ws, meeting_id=meeting_id)


def _restricted(ws: Workspace, meeting_id: str, kind: MeetingType, police: str) -> None:
    information.save_agency_information(
        ws, meeting_id=meeting_id, agency_id=police, information=RESTRICTED[kind], restricted=True
    )


def _child(ws: Workspace, ref: str) -> cases.CaseSummary:
    on(STRATEGY_DAY, 8)
    case = cases.create_case(
        ws,
        la_child_ref=ref,
        first_name="Sky",
        last_name="Example",
        date_of_birth=dt.date(2019, 6, 2),
        address="21 Pretend Parade, Sampletown, ZZ99 5EE",
        concern="Neglect (test): Sky is often alone at home.",
    )
    for name, relationship, invited in (
        (MOTHER, "Mother", True),
        (FATHER, "Father", True),
        (GRANDMOTHER, "Grandmother", False),
    ):
        cases.add_family_member(
            ws,
            child_id=case.child_id,
            name=name,
            relationship_to_child=relationship,
            parental_responsibility=invited,
            address="8 Fable Road, Othertown, ZZ99 6FF",
            phone="01632 960111",
            invite_to_conferences=invited,
        )
    return case


def _review(ws: Workspace, case_id: str, police: str) -> tuple[str, str]:
    review_id = _meeting(ws, case_id, MeetingType.REVIEW, REVIEW_DAY)
    _restricted(ws, review_id, MeetingType.REVIEW, police)
    review.record_icpc_timeframe(
        ws,
        meeting_id=review_id,
        timeframe=IcpcTimeframe.EXTENDED,
        target_date=ICPC_DAY,
        reason=EXTENSION_REASON,
        exceptional_circumstances_confirmed=True,
    )
    on(REVIEW_DAY, 11, 10)
    plan = plans.create_safety_plan(
        ws,
        case_id=case_id,
        meeting_id=review_id,
        items=WORRIES,
        agreed_by=f"{MOTHER} (mother); {TEAM[StatutoryRole.SOCIAL_CARE][0]}",
    )
    _close(ws, review_id, REVIEW_DAY)
    # The day after sign-off the plan changes: the signed-off minutes keep version 1.
    on(REVIEW_DAY + dt.timedelta(days=1), 10)
    plans.change_safety_plan_item(
        ws,
        plan_id=plan.plan_id,
        position=2,
        item=plans.SafetyPlanItemInput(
            worry=REVISED_WORRY,
            keeps_safe="The school calls Pat at 15:30.",
            responsible_name=TEAM[StatutoryRole.EDUCATION][0],
            by_when="Now",
        ),
        agreed_by="Core group (test)",
        change_note="A third worry, from the school.",
    )
    return review_id, plan.plan_id


def _icpc(ws: Workspace, case_id: str, agency: dict[str, str]) -> str:
    icpc_id = _meeting(ws, case_id, MeetingType.ICPC, ICPC_DAY)
    _restricted(ws, icpc_id, MeetingType.ICPC, agency["Police"])
    for row in attendance.list_attendance(ws, meeting_id=icpc_id):
        if row.name == FATHER:
            # Invited without a relationship: the minutes still give it.
            attendance.update_attendee(ws, attendance_id=row.id, role="")
            attendance.set_status(ws, attendance_id=row.id, status=AttendanceStatus.APOLOGIES)
    on(ICPC_DAY, 11, 10)
    conference.record_icpc_decision(
        ws,
        meeting_id=icpc_id,
        plan_needed=True,
        rationale=ICPC_RATIONALE,
        category=PlanCategory.NEGLECT,
        lead_practitioner=TEAM[StatutoryRole.SOCIAL_CARE][0],
        core_group=[
            conference.CoreGroupMember(
                TEAM[StatutoryRole.SOCIAL_CARE][0],
                agency["Children's social care"],
                "Lead practitioner",
            ),
            conference.CoreGroupMember(
                TEAM[StatutoryRole.HEALTH][0], agency["Health"], "Health visitor"
            ),
            conference.CoreGroupMember(MOTHER, None, "Mother"),
        ],
        outline_plan=OUTLINE_PLAN,
        dissent=ICPC_DISSENT,
        next_review_due=FIRST_REVIEW_DAY,
    )
    _close(ws, icpc_id, ICPC_DAY)
    return icpc_id


def _change(ws: Workspace, case_id: str, agency: dict[str, str]) -> str:
    change_id = _meeting(ws, case_id, MeetingType.RCPC, FIRST_REVIEW_DAY)
    on(FIRST_REVIEW_DAY, 11, 10)
    conference.record_rcpc_decision(
        ws,
        meeting_id=change_id,
        outcome=ConferenceOutcome.CHANGE_CATEGORY,
        category=PlanCategory.EMOTIONAL_ABUSE,
        progress=PROGRESS,
        rationale=CHANGE_RATIONALE,
        next_review_due=LAST_REVIEW_DAY,
    )
    decision.set_agency_view(
        ws, meeting_id=change_id, agency_id=agency["Police"], agrees=True, comment="Agrees."
    )
    decision.set_agency_view(
        ws,
        meeting_id=change_id,
        agency_id=agency["Education"],
        agrees=False,
        comment="Sees neglect still.",
    )
    _close(ws, change_id, FIRST_REVIEW_DAY)
    return change_id


def _discharge(ws: Workspace, case_id: str, agency: dict[str, str]) -> str:
    ending = _meeting(ws, case_id, MeetingType.RCPC, LAST_REVIEW_DAY)
    _restricted(ws, ending, MeetingType.RCPC, agency["Police"])
    rows = discharge.prefill_discharge_inputs(ws, meeting_id=ending)
    for row in rows:
        replied = row.practitioner_name != TEAM[StatutoryRole.POLICE][0]
        discharge.update_discharge_input(
            ws,
            input_id=row.id,
            asked_on=ASKED,
            responded_on=REPLIED if replied else None,
            response=f"{row.practitioner_name} agrees the plan can end." if replied else "",
        )
    on(LAST_REVIEW_DAY, 11, 10)
    discharge.record_discharge(
        ws,
        meeting_id=ending,
        reason=DischargeReason.NO_LONGER_AT_RISK,
        ongoing_support=[OngoingSupport.FAMILY_HELP, OngoingSupport.UNIVERSAL],
        ongoing_support_detail=SUPPORT_DETAIL,
        progress=DISCHARGE_PROGRESS,
        rationale=DISCHARGE_RATIONALE,
    )
    _close(ws, ending, LAST_REVIEW_DAY, sign=False)
    return ending


def add_journey(ws: Workspace, *, ref: str = "DEMO-T301") -> JourneySample:
    """A child from strategy meeting to discharge; every meeting but the last signed off.

    Leaves the clock on the last meeting's day: the caller sets it back.
    """
    agency = {a.name: a.id for a in agencies.list_agencies(ws)}
    case = _child(ws, ref)
    strategy_id = _meeting(ws, case.case_id, MeetingType.STRATEGY, STRATEGY_DAY)
    decision.save_decision(
        ws,
        meeting_id=strategy_id,
        threshold_met=True,
        outcome=ThresholdOutcome.S47_JOINT,
        rationale="Reasonable cause to suspect significant harm (test).",
    )
    _close(ws, strategy_id, STRATEGY_DAY)
    review_id, plan_id = _review(ws, case.case_id, agency["Police"])
    icpc_id = _icpc(ws, case.case_id, agency)
    change_id = _change(ws, case.case_id, agency)
    ending = _discharge(ws, case.case_id, agency)
    return JourneySample(
        case.case_id, strategy_id, review_id, icpc_id, change_id, ending, plan_id, agency
    )
