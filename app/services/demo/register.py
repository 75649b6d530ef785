"""Demo children at every point of the journey, so the register, the deadlines
and the reports have something to show, some of it overdue.

Every child is built through the services a chair's actions call, each step on
its own day (``chairing``): strategy meeting, five-day review, initial and
review conferences, held, closed and signed off as the rules allow. ``add``
makes the forty of the standard demo; :func:`add_children` any number (``macpt
demo --children N``), in batches (``batch``) so that ten thousand load in minutes.
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Callable

from sqlalchemy import select

from app import clock
from app.models import (
    Agency,
    ConferenceOutcome,
    IcpcTimeframe,
    MeetingType,
    PlanCategory,
    Sex,
    ThresholdOutcome,
)
from app.services import cases, meetings, records
from app.services.conduct import decision
from app.services.demo import chairing, directory
from app.services.demo.batch import batch
from app.services.journey import conference, review
from app.services.journey import safety_plan as sp
from app.storage.workspace import Workspace

FIRST_NAMES = ("Ava", "Leo", "Isla", "Finn", "Mia", "Arlo", "Nell", "Otis", "Rosa", "Ezra")
SURNAMES = ("Madeup", "Specimen", "Notreal", "Pretend", "Samplewell", "Exampleton", "Fakeley")
LCPPS = ("Jordan Demo-Chair", "Morgan Demo-Lead", "Riley Demo-Chair", "Sam Demo-Lead")
LOCATION = "Room 3, Sampletown Civic Centre (demo)"

# (how many, state) for the standard demo; the states are described in _journey.
STATES = (
    (4, "enquiry-started"),
    (2, "strategy-closed"),
    (5, "review-held"),
    (2, "review-in-progress"),
    (1, "review-closed"),
    (2, "review-overdue"),
    (4, "icpc-overdue"),
    (3, "icpc-extended"),
    (1, "icpc-in-progress"),
    (2, "icpc-closed"),
    (7, "on-plan"),
    (2, "rcpc-in-progress"),
    (1, "rcpc-closed"),
    (2, "rcpc-overdue"),
    (2, "no-further-action"),
)
CATEGORIES = tuple(PlanCategory)


class _Builder:
    def __init__(self, workspace: Workspace, prefix: str, digits: int) -> None:
        self.ws = workspace
        self.prefix, self.digits = prefix, digits
        self.today = clock.today()
        self.calendar = chairing.CALENDAR
        with workspace.reading() as session:
            self.social_care = session.scalars(
                select(Agency.id).where(Agency.seed_key == "social-care")
            ).first()
        self.meetings = 0

    def back(self, working_days: int) -> dt.date:
        """The working day that many working days before today."""
        day, counted = self.today, 0
        while counted < working_days:
            day -= dt.timedelta(days=1)
            counted += self.calendar.is_working_day(day)
        return day

    def meeting(self, case_id: str, kind: MeetingType, day: dt.date, chair: str) -> str:
        self.meetings += 1
        return meetings.schedule_meeting(
            self.ws,
            case_id=case_id,
            meeting_type=kind,
            scheduled_date=day,
            scheduled_time=dt.time(10, 0),
            location=LOCATION,
            chair_name=chair,
        ).id

    def held(self, meeting_id: str, decide: Callable[[], object], *, until: str) -> None:
        """Hold the meeting on its day: start, notes, the decision, then as far as ``until``
        ("in-progress", "closed" or "signed-off"; sign-off waits for the next working day)."""
        day = chairing.held_on(self.ws, meeting_id)
        if day > self.today:
            raise ValueError(f"A demo meeting on {day} cannot be held before today ({self.today}).")
        chairing.start(self.ws, meeting_id)
        chairing.write_sections(self.ws, meeting_id)
        with chairing.on(chairing.held_on(self.ws, meeting_id), 11, 10):
            decide()
        if until == "in-progress":
            return
        chairing.close(self.ws, meeting_id)
        signable = self.calendar.add_working_days(chairing.held_on(self.ws, meeting_id), 1)
        if until == "signed-off" and signable <= self.today:
            chairing.sign(self.ws, meeting_id)


def _journey(b: _Builder, number: int, state: str, first: str, surname: str) -> None:
    """One child, whose records put them at ``state``:

    enquiry-started: strategy meeting one to three working days ago, review not yet due;
    strategy-closed: held yesterday, closed, minutes not yet signed off;
    review-held: review held, ICPC still within its 15 working days (scheduled);
    review-in-progress / review-closed: the review is being held today / was held and closed;
    review-overdue: strategy meeting 7 to 9 working days ago, no review held;
    icpc-overdue: 17 to 21 working days ago, review held, the ICPC not held on its day;
    icpc-extended: review agreed a later ICPC date, still ahead;
    icpc-in-progress / icpc-closed: the ICPC is being held today / decided a plan and closed;
    on-plan / rcpc-overdue: a plan whose first review conference is ahead / has passed;
    rcpc-in-progress / rcpc-closed: the first review conference is being held today /
    continued the plan and closed;
    no-further-action: the strategy meeting found the threshold not met.
    """
    chair = LCPPS[number % len(LCPPS)]
    ago = {
        "enquiry-started": 1 + number % 3,
        "strategy-closed": 1,
        "review-held": 7 + number % 5,
        "review-in-progress": 5,
        "review-closed": 6,
        "icpc-in-progress": 15,
        "review-overdue": 7 + number % 3,
        "icpc-overdue": 17 + number % 5,
        "icpc-extended": 16 + number % 3,
        "icpc-closed": 15,
        "no-further-action": 30,
        "on-plan": 30 + number % 10,
        "rcpc-overdue": 80 + number % 4,
        "rcpc-in-progress": 75,
        "rcpc-closed": 76,
    }[state]
    start = b.back(ago)
    case = cases.create_case(
        b.ws,
        la_child_ref=f"{b.prefix}{number:0{b.digits}d}",
        first_name=first,
        last_name=surname,
        date_of_birth=dt.date(b.today.year - 2 - number % 15, 1 + number % 12, 1 + number % 27),
        sex=(Sex.FEMALE, Sex.MALE)[number % 2],
        address=f"{number + 1} Pretend Street, Sampletown, ZZ99 {number % 9 + 1}DM",
        concern="Demo concern for the register.",
        opened_on=start - dt.timedelta(days=3),
    )
    if number % 5:  # some cases have no LCPP named yet: the register falls back on the chair
        records.save_field(
            b.ws, table="case_episode", record_id=case.case_id, field="lcpp_name", value=chair
        )
    cases.add_family_member(
        b.ws,
        child_id=case.child_id,
        name=f"Pat {surname}",
        relationship_to_child="Mother",
        parental_responsibility=True,
        invite_to_conferences=True,
        is_carer=True,
    )
    nfa = state == "no-further-action"
    outcome = ThresholdOutcome.S47_JOINT if number % 2 else ThresholdOutcome.S47_SINGLE_AGENCY
    strategy = b.meeting(case.case_id, MeetingType.STRATEGY, start, chair)
    b.held(
        strategy,
        lambda: decision.save_decision(
            b.ws,
            meeting_id=strategy,
            threshold_met=not nfa,
            outcome=ThresholdOutcome.NFA_S47_WITH_SUPPORT if nfa else outcome,
            rationale="Demo rationale: concerns met by Family Help; threshold not met."
            if nfa
            else "Demo rationale: injuries not consistent with the account given.",
        ),
        until="closed" if state == "strategy-closed" else "signed-off",
    )
    if state in ("enquiry-started", "strategy-closed", "review-overdue", "no-further-action"):
        return
    review_day = b.calendar.add_working_days(start, 5)
    icpc_due = b.calendar.add_working_days(start, 15)
    extended = (
        b.calendar.add_working_days(b.today, 3 + number % 5) if state == "icpc-extended" else None
    )
    reviewed = b.meeting(case.case_id, MeetingType.REVIEW, review_day, chair)
    b.held(
        reviewed,
        lambda: _review_decisions(b, case.case_id, reviewed, extended),
        until={"review-in-progress": "in-progress", "review-closed": "closed"}.get(
            state, "signed-off"
        ),
    )
    if state == "review-in-progress":
        return
    icpc_day = extended or icpc_due
    icpc = b.meeting(case.case_id, MeetingType.ICPC, icpc_day, chair)
    if state in ("review-held", "review-closed", "icpc-overdue", "icpc-extended"):
        return
    category = CATEGORIES[number % len(CATEGORIES)]
    b.held(
        icpc,
        lambda: conference.record_icpc_decision(
            b.ws,
            meeting_id=icpc,
            plan_needed=True,
            category=category,
            lead_practitioner="Sam Demo-Social-Worker",
            outline_plan="Demo outline plan: routines, health appointments, school every day.",
            rationale="Demo rationale: the child is likely to suffer significant harm.",
        ),
        until={"icpc-in-progress": "in-progress", "icpc-closed": "closed"}.get(state, "signed-off"),
    )
    if state in ("icpc-in-progress", "icpc-closed"):
        return
    first_review = icpc_day + dt.timedelta(days=84)
    while not b.calendar.is_working_day(first_review):
        first_review -= dt.timedelta(days=1)
    if state in ("rcpc-in-progress", "rcpc-closed"):
        first_review = b.today if state == "rcpc-in-progress" else b.back(1)
    rcpc = b.meeting(case.case_id, MeetingType.RCPC, first_review, chair)
    if state == "rcpc-in-progress":
        chairing.start(b.ws, rcpc)
    elif state == "rcpc-closed":
        b.held(
            rcpc,
            lambda: conference.record_rcpc_decision(
                b.ws,
                meeting_id=rcpc,
                outcome=ConferenceOutcome.CONTINUE_PLAN,
                progress="Demo: some progress; school attendance is up.",
                rationale="Demo: the progress is recent and needs to hold.",
            ),
            until="closed",
        )


def _review_decisions(b: _Builder, case_id: str, meeting_id: str, extended: dt.date | None) -> None:
    review.record_icpc_timeframe(
        b.ws,
        meeting_id=meeting_id,
        timeframe=IcpcTimeframe.EXTENDED if extended else IcpcTimeframe.WITHIN_15_DAYS,
        target_date=extended,
        reason="Demo reason: a key medical assessment cannot be completed in time."
        if extended
        else "",
        exceptional_circumstances_confirmed=extended is not None,
    )
    sp.create_safety_plan(
        b.ws,
        case_id=case_id,
        meeting_id=meeting_id,
        agreed_by="The parents and the social worker (demo)",
        items=[
            sp.SafetyPlanItemInput(
                worry="The child is left without an adult in the evenings (demo).",
                keeps_safe="A checked adult is at home every evening.",
                responsible_name="Sam Demo-Social-Worker",
                responsible_agency_id=b.social_care,
                by_when="From today",
                how_we_know="Unannounced visits twice a week.",
                contingency="The child stays with a grandparent (demo).",
            )
        ],
    )


def standard_states(count: int) -> list[str]:
    """``count`` states in the standard demo's proportions, interleaved."""
    pattern = [state for n, state in STATES for _ in range(n)]
    return [pattern[(i * 7) % len(pattern)] for i in range(count)] if count else []


def add_children(
    workspace: Workspace,
    *,
    count: int,
    first_number: int = 1,
    prefix: str = "DEMOB",
    digits: int = 6,
    progress: Callable[[int, int], None] | None = None,
    states: list[str] | None = None,
    names_from: int = 0,
) -> dict[str, int]:
    """Add ``count`` fictional children with journeys, ``progress(done, count)`` after each
    (``names_from``: how far into the cycle of names the first child's is)."""
    chosen = states if states is not None else standard_states(count)
    names = itertools.islice(
        itertools.cycle(itertools.product(SURNAMES, FIRST_NAMES)), names_from, None
    )
    meetings_made = 0
    with batch(workspace) as batched:
        # The chairs and each agency's practitioner, so meetings link to them by id.
        directory.add_missing(batched, chairs=LCPPS)
        builder = _Builder(batched, prefix, digits)
        for done, (state, (surname, first)) in enumerate(zip(chosen, names, strict=False), start=1):
            _journey(builder, first_number + done - 1, state, first, surname)
            if done % 25 == 0:
                batched.commit()
            if progress is not None:
                progress(done, len(chosen))
        meetings_made = builder.meetings
    return {"children": len(chosen), "meetings": meetings_made}


def add(workspace: Workspace) -> dict[str, int]:
    states = [state for n, state in STATES for _ in range(n)]
    # DEMO0101 onwards: the core, strategy and journey demos use lower numbers.
    return add_children(
        workspace, count=len(states), states=states, first_number=101, prefix="DEMO", digits=4
    )
