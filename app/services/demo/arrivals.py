"""Two demo children who arrived other than by a referral, recorded through the chair's
own services, each step on its day.

- Baby Storybook (DEMO0801), known first as an unborn baby: a strategy meeting
  and five-day review before the birth, a **pre-birth** initial conference that
  made a plan, core groups, then the birth recorded (she is Poppy Storybook
  from then on, on the same record) and the first review conference held
  within the area's working days of the birth.
- Rory Makeshift (DEMO0802) moved in from another area on a plan: the
  notification is recorded and the **transfer-in** conference held within 15
  working days of it, making a plan here.
"""

from __future__ import annotations

import datetime as dt

from app.models import ActionStatus, ConferenceOutcome, MeetingType, Sex
from app.services import arrivals, cases, settings
from app.services.clocks import journey
from app.services.conduct import actions
from app.services.demo import chairing
from app.services.demo.core_groups import ACTION as CORE_GROUP_ACTION
from app.services.demo.core_groups import _core_group
from app.services.demo.journey import _Demo
from app.services.journey import conference
from app.storage.workspace import Workspace
from app.workflow.clocks import ClockKind

ADDRESS = "3 Makebelieve Mews, Sampletown, ZZ99 8HH"


def _family(demo: _Demo, child_id: str, last: str) -> None:
    cases.add_family_member(
        demo.ws,
        child_id=child_id,
        name=f"Sam {last}",
        relationship_to_child="Mother",
        parental_responsibility=True,
        address=ADDRESS,
        phone="01632 960333",
        invite_to_conferences=True,
        is_carer=True,
    )


def _baby(demo: _Demo) -> None:
    """Pre-birth conference, core groups, the birth, the first review after it."""
    opened = demo.weekday(demo.today - dt.timedelta(days=120))
    due_date = opened + dt.timedelta(days=80)
    with chairing.on(opened, 9):
        case = cases.create_case(
            demo.ws,
            la_child_ref="DEMO0801",
            last_name="Storybook",
            expected_date_of_birth=due_date,
            sex=Sex.FEMALE,
            address=ADDRESS,
            concern="Demo: an unborn baby; an older sibling was removed in another area.",
            opened_on=opened,
            referral_date=opened,
        )
        _family(demo, case.child_id, "Storybook")
    start = demo.weekday(opened + dt.timedelta(days=2))
    demo.finish(demo.strategy(case, start))
    demo.finish(demo.review(case, demo.calendar.add_working_days(start, 5)))
    icpc_day = demo.calendar.add_working_days(start, 15)
    demo.finish(demo.icpc(case, icpc_day))  # pre-birth: the baby is not yet born
    born = demo.weekday(icpc_day + dt.timedelta(days=45))
    _core_groups(demo, case.case_id, until=born)
    with chairing.on(demo.calendar.add_working_days(born, 1), 9, 30):
        arrivals.record_birth(demo.ws, case_id=case.case_id, born_on=born, first_name="Poppy")
    after = journey(demo.ws, case_id=case.case_id).clock(ClockKind.BIRTH_REVIEW)
    assert after is not None, "a pre-birth conference's plan runs the first review after birth"
    review_day = demo.calendar.add_working_days(born, 8)
    rcpc = demo.meeting(case, MeetingType.RCPC, review_day)
    demo.hold(rcpc)
    with demo.at_meeting(rcpc):
        # The visit and the attendance figures asked for before the birth are done.
        for action in actions.carried_over_actions(demo.ws, meeting_id=rcpc):
            if action.status is ActionStatus.OPEN and action.description != CORE_GROUP_ACTION:
                actions.complete_action(
                    demo.ws, action_id=action.id, at_meeting_id=rcpc, on=review_day
                )
        conference.record_rcpc_decision(
            demo.ws,
            meeting_id=rcpc,
            outcome=ConferenceOutcome.CONTINUE_PLAN,
            progress="Demo: Poppy was born well; mother and baby are at the mother-and-baby "
            "placement and the plan's first steps are in place.",
            rationale="Demo: the risks the pre-birth conference found are still there; the "
            "plan continues now Poppy is born.",
        )
    demo.finish(rcpc)
    _core_groups(demo, case.case_id, until=demo.today)


def _core_groups(demo: _Demo, case_id: str, *, until: dt.date) -> None:
    """The plan's core groups on time (a few days early), up to ``until``."""
    weeks = settings.get_settings(demo.ws).core_group_weeks
    while True:
        next_one = journey(demo.ws, case_id=case_id).clock(ClockKind.CORE_GROUP)
        if next_one is None:
            return
        day = demo.weekday(next_one.due - dt.timedelta(days=3))
        if day >= until:
            return
        following = demo.weekday(day + dt.timedelta(weeks=weeks) - dt.timedelta(days=3))
        _core_group(demo.ws, demo.agency, case_id, day, following)
        demo.meetings += 1


def _moved_in(demo: _Demo) -> None:
    """A child on a plan elsewhere moves here; the transfer-in conference in time."""
    received = demo.working_days_ago(12)
    with chairing.on(received, 9):
        case = cases.create_case(
            demo.ws,
            la_child_ref="DEMO0802",
            first_name="Rory",
            last_name="Makeshift",
            date_of_birth=dt.date(demo.today.year - 7, 2, 14),
            sex=Sex.MALE,
            address=ADDRESS.replace("3 ", "5 "),
            concern="Demo: on a child protection plan in Northshire (fictional) for neglect; "
            "the family moved here.",
            opened_on=received,
        )
        _family(demo, case.child_id, "Makeshift")
    with chairing.on(received, 9, 15):
        arrivals.record_transfer_in(
            demo.ws,
            case_id=case.case_id,
            received_on=received,
            from_area="Northshire County Council (fictional)",
            notes="Demo: the plan and the last review's minutes came with the notification.",
        )
    demo.finish(demo.icpc(case, demo.calendar.add_working_days(received, 10)))


def add(workspace: Workspace) -> dict[str, int]:
    demo = _Demo(workspace)
    _baby(demo)
    _moved_in(demo)
    return {"children": 2, "meetings": demo.meetings}
