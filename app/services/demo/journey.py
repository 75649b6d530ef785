"""Demo children on the journey after the strategy meeting, recorded through the
same services the app uses.

- Maisie Fictitious (DEMO0301): strategy meeting, five-day review with an
  interim safety plan (revised once), ICPC with a plan, a review conference and
  a second one that ends the plan; every meeting closed and signed off, so
  ``macpt export notifications`` on the last one writes agency and parent letters.
- Theo Inventedson (DEMO0302): the review extended the ICPC, with its reason;
  the ICPC is scheduled for the agreed date.
- Scheduled meetings of each type: a strategy meeting for Ivy Nonesuch
  (DEMO0303), a five-day review for Jasper Makebelieve (DEMO0304) and a review
  conference for Freya Imaginary (DEMO0305), who is on a plan.

Each meeting is held on its day (``chairing``): every stamp is true to it.
"""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt

from sqlalchemy import select

from app import clock
from app.models import (
    Agency,
    ConferenceOutcome,
    DischargeReason,
    IcpcTimeframe,
    MeetingType,
    OngoingSupport,
    PlanCategory,
    Sex,
    ThresholdOutcome,
)
from app.services import cases, meetings, settings
from app.services.conduct import actions, decision, information, invitations
from app.services.demo import chairing
from app.services.demo.core import CHAIR, MINUTE_TAKER
from app.services.journey import conference, discharge, review
from app.services.journey import safety_plan as sp
from app.storage.workspace import Workspace
from app.workdays import WorkingCalendar

PLACE = "Room 4, Sampletown Civic Centre (demo)"
TEAM = {
    "social-care": ("Jo Demo-Keyworker", "Social worker"),
    "police": ("DC Kim Demo-Constable", "Detective constable"),
    "health": ("Lou Demo-Visitor", "Health visitor"),
    "education": ("Max Demo-Head", "Designated safeguarding lead"),
    "family-help": ("Kit Demo-Family-Help", "Family Help lead practitioner"),
}
CONTACT = "Phone 01632 960999 · macpt.demo@example.org"
RESTRICTED = "Police intelligence (demo, restricted): an unrelated adult at the address is known."


class _Demo:
    def __init__(self, workspace: Workspace) -> None:
        self.ws = workspace
        self.today = clock.today()
        self.calendar = WorkingCalendar()
        with workspace.reading() as session:
            self.agency = {a.seed_key: a.id for a in session.scalars(select(Agency)) if a.seed_key}
        self.meetings = 0

    def working_days_ago(self, n: int) -> dt.date:
        day, counted = self.today, 0
        while counted < n:
            day -= dt.timedelta(days=1)
            counted += self.calendar.is_working_day(day)
        return day

    def weekday(self, day: dt.date) -> dt.date:
        """``day``, or the next working day after it."""
        return day if self.calendar.is_working_day(day) else self.calendar.add_working_days(day, 1)

    def child(
        self, ref: str, first: str, last: str, age: int, sex: Sex, concern: str
    ) -> cases.CaseSummary:
        case = cases.create_case(
            self.ws,
            la_child_ref=ref,
            first_name=first,
            last_name=last,
            date_of_birth=dt.date(self.today.year - age, 6, 2),
            sex=sex,
            address="21 Pretend Parade, Sampletown, ZZ99 5EE",
            concern=concern,
            opened_on=self.today - dt.timedelta(days=240),
        )
        cases.add_family_member(
            self.ws,
            child_id=case.child_id,
            name=f"Pat {last}",
            relationship_to_child="Mother",
            parental_responsibility=True,
            address="21 Pretend Parade, Sampletown, ZZ99 5EE",
            phone="01632 960111",
            invite_to_conferences=True,
            is_carer=True,
        )
        cases.add_family_member(
            self.ws,
            child_id=case.child_id,
            name=f"Chris {last}-Other",
            relationship_to_child="Father",
            parental_responsibility=True,
            address="8 Fable Road, Othertown, ZZ99 6FF",
            phone="01632 960222",
            email="chris.other@example.org",
            invite_to_conferences=True,
        )
        return case

    def meeting(self, case: cases.CaseSummary, kind: MeetingType, day: dt.date) -> str:
        meeting = meetings.schedule_meeting(
            self.ws,
            case_id=case.case_id,
            meeting_type=kind,
            scheduled_date=day,
            scheduled_time=dt.time(10, 0),
            location=PLACE,
            chair_name=CHAIR,
            minute_taker_name=MINUTE_TAKER,
        )
        self._invite_team(meeting.id)
        self.meetings += 1
        return meeting.id

    def _invite_team(self, meeting_id: str) -> None:
        for key, (name, role) in TEAM.items():
            agency_id = self.agency.get(key)
            if agency_id is not None:
                invitations.invite_person(
                    self.ws, meeting_id=meeting_id, name=name, agency_id=agency_id, role=role
                )

    def hold(self, meeting_id: str) -> None:
        """Start the meeting on its day with everyone there, and write the required notes."""
        chairing.start(self.ws, meeting_id)
        chairing.write_sections(self.ws, meeting_id)

    def at_meeting(self, meeting_id: str) -> contextlib.AbstractContextManager[None]:
        """The chair's decisions during the meeting: at ten past eleven on its day."""
        return chairing.on(chairing.held_on(self.ws, meeting_id), 11, 10)

    def finish(self, meeting_id: str, *, sign: bool = True) -> None:
        chairing.finish(self.ws, meeting_id, signed=sign)

    def strategy(self, case: cases.CaseSummary, day: dt.date) -> str:
        meeting_id = self.meeting(case, MeetingType.STRATEGY, day)
        self.hold(meeting_id)
        with self.at_meeting(meeting_id):
            information.save_agency_information(
                self.ws,
                meeting_id=meeting_id,
                agency_id=self.agency["police"],
                information=RESTRICTED,
                restricted=True,
            )
            decision.save_decision(
                self.ws,
                meeting_id=meeting_id,
                threshold_met=True,
                outcome=ThresholdOutcome.S47_JOINT,
                rationale="Demo: reasonable cause to suspect significant harm; a joint enquiry is needed.",
            )
            actions.add_action(
                self.ws,
                meeting_id=meeting_id,
                description="Joint visit to see the child and both parents.",
                owner_name=TEAM["social-care"][0],
                owner_agency_id=self.agency["social-care"],
                due_date=self.weekday(day + dt.timedelta(days=2)),
            )
        return meeting_id

    def review(
        self, case: cases.CaseSummary, day: dt.date, *, extend_to: dt.date | None = None
    ) -> str:
        meeting_id = self.meeting(case, MeetingType.REVIEW, day)
        self.hold(meeting_id)
        with self.at_meeting(meeting_id):
            if extend_to is None:
                review.record_icpc_timeframe(
                    self.ws, meeting_id=meeting_id, timeframe=IcpcTimeframe.WITHIN_15_DAYS
                )
            else:
                review.record_icpc_timeframe(
                    self.ws,
                    meeting_id=meeting_id,
                    timeframe=IcpcTimeframe.EXTENDED,
                    target_date=extend_to,
                    reason=(
                        "Demo: the family moved here from another area last week. The previous "
                        "authority's records and the father's views (he works offshore until the "
                        "end of the month) are needed for a fair conference."
                    ),
                    exceptional_circumstances_confirmed=True,
                )
            sp.create_safety_plan(
                self.ws,
                case_id=case.case_id,
                meeting_id=meeting_id,
                agreed_by=f"Pat {case.child_name.split()[-1]} (mother); {TEAM['social-care'][0]}; "
                f"{TEAM['health'][0]}",
                items=[
                    sp.SafetyPlanItemInput(
                        worry="The child is left without an adult in the evenings.",
                        keeps_safe="An adult the social worker has checked is at home every evening.",
                        responsible_name=f"Pat {case.child_name.split()[-1]}",
                        by_when="From today",
                        how_we_know="Unannounced visits by the social worker twice a week.",
                        contingency="The child stays with the maternal grandmother (demo).",
                    ),
                    sp.SafetyPlanItemInput(
                        worry="Missed health appointments.",
                        keeps_safe="The health visitor books and confirms each appointment.",
                        responsible_name=TEAM["health"][0],
                        responsible_agency_id=self.agency["health"],
                        by_when="Next appointment within two weeks",
                        how_we_know="The health visitor reports attendance to the social worker.",
                        contingency="A home visit within two working days of a missed appointment.",
                    ),
                ],
            )
        return meeting_id

    def icpc(self, case: cases.CaseSummary, day: dt.date) -> str:
        meeting_id = self.meeting(case, MeetingType.ICPC, day)
        self.hold(meeting_id)
        with self.at_meeting(meeting_id):
            conference.record_icpc_decision(
                self.ws,
                meeting_id=meeting_id,
                plan_needed=True,
                category=PlanCategory.NEGLECT,
                lead_practitioner=TEAM["social-care"][0],
                core_group=[
                    conference.CoreGroupMember(name, self.agency[key], role)
                    for key, (name, role) in TEAM.items()
                    if key in self.agency
                ],
                outline_plan="Demo: daily routines, health appointments kept, school every day.",
                dissent="Demo: education would have preferred to wait for a further month of attendance.",
                rationale="Demo: the child is likely to suffer significant harm through neglect.",
            )
            actions.add_action(
                self.ws,
                meeting_id=meeting_id,
                description="Share attendance figures with the core group every fortnight.",
                owner_name=TEAM["education"][0],
                owner_agency_id=self.agency["education"],
                due_date=self.weekday(day + dt.timedelta(days=14)),
            )
        return meeting_id


def _maisie(demo: _Demo) -> None:
    """The whole journey, strategy meeting to discharge."""
    case = demo.child(
        "DEMO0301",
        "Maisie",
        "Fictitious",
        6,
        Sex.FEMALE,
        "Neglect: the child often alone at home.",
    )
    start = demo.weekday(demo.today - dt.timedelta(days=230))
    demo.finish(demo.strategy(case, start))
    review_day = demo.calendar.add_working_days(start, 5)
    demo.finish(demo.review(case, review_day))
    icpc_day = demo.calendar.add_working_days(start, 15)
    demo.finish(demo.icpc(case, icpc_day))
    plan = sp.safety_plan_for_case(demo.ws, case_id=case.case_id)
    assert plan is not None
    with chairing.on(demo.calendar.add_working_days(icpc_day, 10), 15):
        sp.change_safety_plan_item(
            demo.ws,
            plan_id=plan.plan_id,
            position=0,
            item=dataclasses.replace(
                plan.items[0].as_input(), contingency="The child stays with an aunt (demo)."
            ),
            agreed_by="Core group (demo)",
            change_note="The grandmother is unwell: an aunt is the contingency now.",
        )
    first_review = demo.weekday(icpc_day + dt.timedelta(days=84))
    rcpc = demo.meeting(case, MeetingType.RCPC, first_review)
    demo.hold(rcpc)
    with demo.at_meeting(rcpc):
        conference.record_rcpc_decision(
            demo.ws,
            meeting_id=rcpc,
            outcome=ConferenceOutcome.CONTINUE_PLAN,
            progress="Demo: evenings are covered; health appointments kept; attendance 91%.",
            rationale="Demo: progress is recent and needs to hold before the plan can end.",
        )
    demo.finish(rcpc)
    last = demo.weekday(first_review + dt.timedelta(days=91))
    ending = demo.meeting(case, MeetingType.RCPC, last)
    demo.hold(ending)
    with demo.at_meeting(ending):
        for row in discharge.prefill_discharge_inputs(demo.ws, meeting_id=ending):
            discharge.update_discharge_input(
                demo.ws,
                input_id=row.id,
                asked_on=last - dt.timedelta(days=10),
                responded_on=last - dt.timedelta(days=6),
                response="Demo: agrees the child is no longer at risk of significant harm.",
            )
        information.save_agency_information(
            demo.ws,
            meeting_id=ending,
            agency_id=demo.agency["police"],
            information=RESTRICTED,
            restricted=True,
        )
        discharge.record_discharge(
            demo.ws,
            meeting_id=ending,
            reason=DischargeReason.NO_LONGER_AT_RISK,
            ongoing_support=[OngoingSupport.FAMILY_HELP, OngoingSupport.UNIVERSAL],
            ongoing_support_detail="Demo: Family Help keyworker visits weekly for three months.",
            progress="Demo: six months of steady care; the plan's aims are met.",
            rationale="Demo: all agencies agree the child is no longer at risk of significant harm.",
        )
        actions.add_action(
            demo.ws,
            meeting_id=ending,
            description="Remove the warning marker from the address record.",
            owner_name=TEAM["police"][0],
            owner_agency_id=demo.agency["police"],
            due_date=demo.weekday(last + dt.timedelta(days=7)),
        )
    demo.finish(ending)


def _theo(demo: _Demo) -> None:
    """The review extended the ICPC; it is scheduled for the agreed date."""
    case = demo.child(
        "DEMO0302",
        "Theo",
        "Inventedson",
        9,
        Sex.MALE,
        "Injury explained differently by each parent.",
    )
    start = demo.working_days_ago(8)
    demo.finish(demo.strategy(case, start))
    default = demo.calendar.add_working_days(start, 15)
    agreed = demo.calendar.add_working_days(default, 8)
    demo.finish(demo.review(case, demo.calendar.add_working_days(start, 5), extend_to=agreed))
    demo.meeting(case, MeetingType.ICPC, agreed)


def _scheduled(demo: _Demo) -> None:
    """A scheduled strategy meeting, five-day review and review conference."""
    ivy = demo.child(
        "DEMO0303", "Ivy", "Nonesuch", 12, Sex.FEMALE, "Disclosure to a teacher (demo)."
    )
    demo.meeting(ivy, MeetingType.STRATEGY, demo.calendar.add_working_days(demo.today, 1))
    jasper = demo.child(
        "DEMO0304", "Jasper", "Makebelieve", 4, Sex.MALE, "Bruise on a non-mobile sibling."
    )
    held = demo.working_days_ago(2)
    demo.finish(demo.strategy(jasper, held), sign=False)
    demo.meeting(jasper, MeetingType.REVIEW, demo.calendar.add_working_days(held, 5))
    freya = demo.child("DEMO0305", "Freya", "Imaginary", 8, Sex.FEMALE, "Emotional harm (demo).")
    start = demo.weekday(demo.today - dt.timedelta(days=70))
    demo.finish(demo.strategy(freya, start))
    demo.finish(demo.review(freya, demo.calendar.add_working_days(start, 5)))
    icpc_day = demo.calendar.add_working_days(start, 15)
    demo.finish(demo.icpc(freya, icpc_day))
    demo.meeting(freya, MeetingType.RCPC, demo.weekday(icpc_day + dt.timedelta(days=85)))


def add(workspace: Workspace) -> dict[str, int]:
    if not settings.get_settings(workspace).lcpp_contact:
        # How families and agencies reach the MACPT, printed in every letter.
        settings.update_setting(workspace, key="lcpp_contact", value=CONTACT)
    demo = _Demo(workspace)
    _maisie(demo)
    _theo(demo)
    _scheduled(demo)
    return {"children": 5, "meetings": demo.meetings}
