"""A meeting about three children and a place (harm outside the home), all fictional.

Sampletown bus station, run by a fictional operator, is where three young
people were seen with older youths suspected of exploitation. The chair holds
one strategy meeting for the three at one sitting; each child has his or her
own meeting, decision and minutes. :func:`hold_sitting` is the chair's part,
through the services meeting mode uses; the tests plant canaries with it.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Sequence

from app import clock
from app.models import (
    ContextKind,
    MeetingType,
    PlanCategory,
    ResponsibleKind,
    Sex,
    ThresholdOutcome,
)
from app.services import agencies, cases, contexts
from app.services.conduct import decision, information
from app.services.conduct.restriction import set_restriction
from app.services.contextual_meetings import (
    add_context_action,
    record_child_part,
    record_context_discussion,
    schedule_contextual_meeting,
)
from app.services.demo import chairing, core
from app.services.journey import conference
from app.storage.workspace import Workspace


@dataclasses.dataclass(frozen=True)
class ChildAtSitting:
    """One child's own part of the sitting (nothing here reaches another child)."""

    case_id: str
    parents_as_partners: str
    child_participation: str
    information: str
    rationale: str
    notes: str = ""
    # This child's fields the chair restricts (kept out of a family copy).
    restrict: tuple[str, ...] = ()


@dataclasses.dataclass(frozen=True)
class SittingPlan:
    context_id: str
    meeting_type: MeetingType
    day: dt.date
    discussion: str
    action: str
    children: Sequence[ChildAtSitting]
    location: str = "Room 2, Sampletown Civic Centre (demo)"
    # Who owns the action about the place (by name); the first responsible body if blank.
    action_owner: str = ""


def hold_sitting(workspace: Workspace, plan: SittingPlan, *, signed: bool = True) -> list[str]:
    """Schedule, hold, close and (by default) sign off one meeting per child about the
    context; returns the meetings' ids in the children's order."""
    ids = {a.name: a.id for a in agencies.list_agencies(workspace)}
    with chairing.on(plan.day - dt.timedelta(days=1), 15):
        sitting = schedule_contextual_meeting(
            workspace,
            context_id=plan.context_id,
            case_ids=[c.case_id for c in plan.children],
            meeting_type=plan.meeting_type,
            scheduled_date=plan.day,
            scheduled_time=dt.time(10, 0),
            location=plan.location,
            chair_name=core.CHAIR,
            minute_taker_name=core.MINUTE_TAKER,
        )
    meeting_ids = [m.id for m in sitting.meetings]
    bodies = contexts.get_context(workspace, context_id=plan.context_id).responsible
    owner = next((b for b in bodies if b.name == plan.action_owner), bodies[0])
    for child, meeting_id in zip(plan.children, meeting_ids, strict=True):
        chairing.start(workspace, meeting_id)
        notes = {"reason": child.notes} if child.notes else None
        chairing.write_sections(workspace, meeting_id, notes)
        with chairing.on(plan.day, 10, 30):
            record_context_discussion(
                workspace, meeting_id=meeting_id, discussion=plan.discussion, whole_sitting=False
            )
            record_child_part(
                workspace,
                meeting_id=meeting_id,
                parents_as_partners=child.parents_as_partners,
                child_participation=child.child_participation,
            )
            for field in child.restrict:
                set_restriction(
                    workspace,
                    meeting_id=meeting_id,
                    record_table="meeting_context",
                    record_id=meeting_id,
                    field=field,
                    restricted=True,
                )
            information.save_agency_information(
                workspace,
                meeting_id=meeting_id,
                agency_id=ids["Children's social care"],
                information=child.information,
            )
            add_context_action(
                workspace,
                meeting_id=meeting_id,
                responsible_id=owner.id,
                description=plan.action,
                due_date=chairing.CALENDAR.add_working_days(plan.day, 10),
            )
        with chairing.on(plan.day, 11):
            _decide(workspace, plan, child, meeting_id)
        chairing.finish(workspace, meeting_id, signed=signed)
    return meeting_ids


def _decide(
    workspace: Workspace, plan: SittingPlan, child: ChildAtSitting, meeting_id: str
) -> None:
    if plan.meeting_type is MeetingType.STRATEGY:
        decision.save_decision(
            workspace,
            meeting_id=meeting_id,
            threshold_met=True,
            outcome=ThresholdOutcome.S47_JOINT,
            rationale=child.rationale,
        )
        return
    conference.record_icpc_decision(
        workspace,
        meeting_id=meeting_id,
        plan_needed=True,
        rationale=child.rationale,
        category=PlanCategory.PHYSICAL_ABUSE,
        lead_practitioner=core.CHAIR,
        outline_plan="The plan is agreed with the young person and the family (demo).",
    )


# The demo: three young people (fictional) and a bus station.
CHILDREN = (
    ("DEMOX001", "Kai", "Northgate", dt.date(2011, 3, 14), Sex.MALE, "Ash Northgate"),
    ("DEMOX002", "Remy", "Southfield", dt.date(2010, 9, 2), Sex.FEMALE, "Lee Southfield"),
    ("DEMOX003", "Tate", "Westbrook", dt.date(2011, 12, 20), Sex.MALE, "Robin Westbrook"),
)
PLACE = "Sampletown bus station"
OPERATOR = "Sampletown Buses Ltd (demo)"
DISCUSSION = (
    "Demo: young people gather at the bus station after school and are approached by "
    "older youths offering lifts and money. The waiting room has no CCTV, and staff "
    "leave at six. Disruption so far has moved the group on but not away."
)
ACTION = (
    "Fit CCTV to the waiting room and keep a member of staff on site until the last "
    "departure; report sightings to the police (demo)."
)


def add(workspace: Workspace) -> dict[str, int]:
    """The bus station, its operator, a disruption log and the three children's sitting."""
    today = clock.today()
    day = today - dt.timedelta(days=28)
    while day.weekday() >= 5:
        day -= dt.timedelta(days=1)
    police = next(a.id for a in agencies.list_agencies(workspace) if a.name == "Police")
    case_ids = []
    with chairing.on(day - dt.timedelta(days=3), 9):
        place = contexts.create_context(
            workspace,
            kind=ContextKind.PLACE,
            name=PLACE,
            description="Demo: the town's bus station, its waiting room and the taxi rank.",
        )
        contexts.add_responsible(
            workspace,
            context_id=place.id,
            name=OPERATOR,
            kind=ResponsibleKind.TRANSPORT,
            contact="Station manager, 01632 960400",
        )
        contexts.add_responsible(
            workspace,
            context_id=place.id,
            name="Sampleshire County Council community safety (demo)",
            kind=ResponsibleKind.COUNCIL,
        )
        contexts.add_disruption(
            workspace,
            context_id=place.id,
            happened_on=day - dt.timedelta(days=7),
            agency_id=police,
            activity="High-visibility patrols at the bus station on school days, 3pm to 7pm.",
            outcome="Group dispersed; two older youths given words of advice.",
        )
        for ref, first, last, born, sex, parent in CHILDREN:
            case = cases.create_case(
                workspace,
                la_child_ref=ref,
                first_name=first,
                last_name=last,
                date_of_birth=born,
                sex=sex,
                address="Demo address, Sampletown, ZZ99 7GG",
                concern="Demo: seen at the bus station with older youths; missing overnight.",
                opened_on=day - dt.timedelta(days=3),
            )
            cases.add_family_member(
                workspace,
                child_id=case.child_id,
                name=parent,
                relationship_to_child="Parent",
                parental_responsibility=True,
                invite_to_conferences=True,
            )
            case_ids.append(case.case_id)
    plan = SittingPlan(
        context_id=place.id,
        meeting_type=MeetingType.STRATEGY,
        action_owner=OPERATOR,
        day=day,
        discussion=DISCUSSION,
        action=ACTION,
        children=[
            ChildAtSitting(
                case_id=case_id,
                parents_as_partners=(
                    f"Demo: {parent} reports missing episodes at once and shares the names "
                    "of contacts; agreed to a safety plan for evenings."
                ),
                child_participation=(
                    f"Demo: {first} met the social worker beforehand; {first}'s views were "
                    f"read out, as {first} did not want to attend."
                ),
                information=f"Demo: {first} was missing overnight twice this month.",
                rationale=(
                    f"Demo: {first} is at risk of criminal exploitation outside the home; "
                    "a joint section 47 enquiry is needed."
                ),
            )
            for case_id, (_, first, _, _, _, parent) in zip(case_ids, CHILDREN, strict=True)
        ],
    )
    hold_sitting(workspace, plan)
    return {"children": len(CHILDREN), "meetings": len(CHILDREN)}
