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
from app.models import CaseEpisode, CaseStatus, InterimSafetyPlan, Meeting, MeetingStatus
from app.models import MeetingType as MT
from app.services.clocks import case_facts, case_journey
from app.services.journey.notifications import letters_refused
from app.services.journey.safety_plan import superseded
from app.storage.workspace import Workspace
from app.workflow.clocks import journey_state
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
