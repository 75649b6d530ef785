"""The letters and the interim safety plan agree with the journey rules, case by case.

Over generated journeys (random sequences of what a chair records): a review
conference's invitations go out exactly when the rules see an open plan; an
initial conference's exactly when they see neither a decision of no further
action nor a review finding no conference needed (both by the records of the
conference's date); and an interim safety plan is superseded exactly when the
rules say a child protection plan stands in its place.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterator

import pytest
from sqlalchemy import select

from app import clock
from app.census.collect import collect_return
from app.census.period import period_ending
from app.models import CaseEpisode, CaseStatus, InterimSafetyPlan, Meeting, MeetingStatus
from app.models import MeetingType as MT
from app.services.clocks import case_facts, case_journey
from app.services.journey._shared import strategy_meeting_for
from app.services.journey.notifications import letters_refused
from app.services.journey.safety_plan import superseded
from app.services.journey.timeline import case_timeline
from app.services.reporting import report_figures
from app.storage.workspace import Workspace
from app.workflow.clocks import ClockKind, journey_state
from app.workflow.enquiries import applicable_strategy
from tests.conftest import PASSPHRASE
from tests.helpers.random_journeys import generated_workspace

SEEDS = (11, 12)
CHILDREN = 80
# After every generated record, so the rules "now" see the whole journey.
LATER = dt.datetime(2028, 1, 10, 9, tzinfo=dt.UTC)


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Workspace]:
    path = tmp_path_factory.mktemp("rules") / "generated.macpt"
    workspace = generated_workspace(path, PASSPHRASE, seeds=SEEDS, children=CHILDREN)
    yield workspace
    workspace.close()


def test_conference_letters_are_refused_exactly_where_the_rules_say(
    generated: Workspace,
) -> None:
    seen: Counter[tuple[MT, bool]] = Counter()
    with generated.reading() as session:
        facts = case_facts(session)
        conferences = session.scalars(
            select(Meeting).where(
                Meeting.status == MeetingStatus.SCHEDULED,
                Meeting.meeting_type.in_((MT.ICPC, MT.RCPC)),
            )
        )
        for meeting in conferences:
            rules = journey_state(facts[meeting.case_id].as_of(meeting.scheduled_date))
            allowed = letters_refused(session, meeting) is None
            if meeting.meeting_type is MT.RCPC:
                assert allowed == rules.has_open_plan, meeting.id
            else:
                assert allowed == (not (rules.no_further_action or rules.icpc_not_needed)), (
                    meeting.id
                )
            seen[(meeting.meeting_type, allowed)] += 1
    # The generated journeys reach both answers for both kinds of conference.
    assert set(seen) == {(kind, ok) for kind in (MT.ICPC, MT.RCPC) for ok in (True, False)}, seen


def test_the_interim_safety_plan_is_superseded_exactly_where_the_rules_say(
    generated: Workspace,
) -> None:
    clock.set_clock(lambda: LATER)
    seen: Counter[str] = Counter()
    try:
        # One interim safety plan for every case (the letters do not read them).
        with generated.transaction() as session:
            for case in session.scalars(select(CaseEpisode)):
                rules = case_journey(session, case.id)
                assert rules is not None
                plan = InterimSafetyPlan(case_id=case.id)
                session.add(plan)
                session.flush()
                ended = superseded(session, plan)
                if case.status is CaseStatus.CLOSED and not rules.interim_safety_plan_superseded:
                    assert ended is not None and ended[1] == "the case closed"
                    seen["closed"] += 1
                    continue
                assert (ended is not None) == rules.interim_safety_plan_superseded, case.id
                if ended is not None:
                    # A plan that took over and has since ended does not bring it back.
                    assert rules.superseding_plan is not None
                    assert ended == (
                        rules.superseding_plan.start,
                        "a child protection plan started",
                    )
                    if rules.plan is None:
                        seen["superseded by a plan now ended"] += 1
                        continue
                seen["superseded" if ended else "in force"] += 1
    finally:
        clock.set_clock(None)
    assert {"closed", "superseded", "in force", "superseded by a plan now ended"} <= set(seen), seen


def test_census_enquiries_follow_the_journey_rules(generated: Workspace) -> None:
    """The census reports each case's latest enquiry exactly as Home's rules see it."""
    period = period_ending(dt.date(2028, 3, 31))
    seen: Counter[str] = Counter()
    with generated.reading() as session:
        facts = case_facts(session)
        census = collect_return(session, period)
        reported = {
            s47.strategy_meeting_id: s47 for child in census.children for s47 in child.section47s
        }
        for case in facts.values():
            rules = journey_state(case.as_of(period.end))
            if rules.enquiry is None or rules.enquiry.id not in reported:
                continue
            s47 = reported[rules.enquiry.id]
            held = rules.icpc_held
            assert s47.icpc_date == (held.day if held else None), case.case_id
            assert s47.icpc_not_required == (rules.icpc_not_needed and held is None), case.case_id
            seen["held" if held else "not needed" if s47.icpc_not_required else "open"] += 1
    assert {"held", "open"} <= set(seen), seen


def test_timeline_and_review_use_the_rules_strategy_and_icpc_date(generated: Workspace) -> None:
    """The timeline's ICPC due date is the ICPC clock's; the review's strategy
    discussion is the one the rules say applies on its day."""
    clock.set_clock(lambda: LATER)
    checked = Counter[str]()
    try:
        with generated.reading() as session:
            facts = case_facts(session)
            reviews = session.scalars(select(Meeting).where(Meeting.meeting_type == MT.REVIEW))
            for meeting in reviews:
                expected = applicable_strategy(facts[meeting.case_id].as_of(meeting.scheduled_date))
                found = strategy_meeting_for(session, meeting.case_id, meeting.scheduled_date)
                assert (found.id if found else None) == (expected.id if expected else None)
                checked["review"] += 1
        for case_id, case in facts.items():
            rules = journey_state(case)
            icpc_clock = rules.clock(ClockKind.ICPC)
            if icpc_clock is None or not case.is_open:
                continue
            steps = case_timeline(generated, case_id=case_id).steps
            assert rules.enquiry is not None
            since = rules.enquiry.day  # steps of earlier enquiries have their own dates
            icpc_steps = [
                s
                for s in steps
                if s.stage == "icpc"
                and s.due_date is not None
                and (s.scheduled_for is None or s.scheduled_for >= since)
            ]
            if icpc_steps:
                assert icpc_steps[-1].due_date == icpc_clock.due, case_id
                checked["icpc"] += 1
    finally:
        clock.set_clock(None)
    assert checked["review"] > 10 and checked["icpc"] > 10, checked


@pytest.mark.parametrize("end", [dt.date(2027, 3, 31), dt.date(2028, 3, 31)])
def test_report_icpc_timeliness_counts_what_the_census_reports(
    generated: Workspace, end: dt.date
) -> None:
    """The report and the census pair each ICPC with the same enquiry and target."""
    period = period_ending(end)
    figures = report_figures(generated, start=period.start, end=period.end)
    with generated.reading() as session:
        census = collect_return(session, period)
    concluded = [
        s47
        for child in census.children
        for s47 in child.section47s
        if s47.icpc_date is not None and s47.icpc_date in period
    ]
    assert concluded, "the generated journeys hold conferences in the year"
    assert figures.icpc_within_15_days.whole == len(concluded)
    assert figures.icpc_within_15_days.part == sum(
        1 for s47 in concluded if s47.icpc_date is not None and s47.icpc_date <= s47.icpc_target
    )
