"""Conference decisions and the child protection plan they start, continue or change."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest

from app.errors import RecordLocked, ValidationError
from app.models import ConferenceOutcome, MeetingType, PlanCategory
from app.services import records
from app.services.conduct import signoff
from app.services.journey import conference as conf
from app.services.journey import plan as plans
from app.storage.workspace import Workspace
from tests.test_journey_fixtures import (
    CHAIR,
    ICPC_DUE,
    OTHER_CHAIR,
    after_icpc,
    after_strategy,
    close,
    hold,
    meeting_of,
    opened_copy,
    schedule,
    the_child,
)

FIRST_REVIEW = dt.date(2026, 8, 27)  # three months after Wednesday 27 May 2026


@pytest.fixture
def ws(tmp_path_factory: pytest.TempPathFactory, tmp_path: Path) -> Iterator[Workspace]:
    workspace = opened_copy(tmp_path_factory, tmp_path, "journey-after-strategy", after_strategy)
    yield workspace
    workspace.close()


@pytest.fixture
def on_plan(tmp_path_factory: pytest.TempPathFactory, tmp_path: Path) -> Iterator[Workspace]:
    workspace = opened_copy(tmp_path_factory, tmp_path, "journey-after-icpc", after_icpc)
    yield workspace
    workspace.close()


def started(workspace: Workspace, *args: object, **kwargs: object) -> str:
    """A conference scheduled and started: decisions are recorded only at a held meeting."""
    meeting_id = schedule(workspace, *args, **kwargs)  # type: ignore[arg-type]
    hold(workspace, meeting_id)
    return meeting_id


def _icpc(ws: Workspace, **changes: object) -> conf.ConferenceDecisionView:
    meeting_id = changes.pop("meeting_id", None) or started(
        ws, the_child(ws), MeetingType.ICPC, ICPC_DUE
    )
    given: dict[str, object] = {
        "plan_needed": True,
        "category": PlanCategory.NEGLECT,
        "lead_practitioner": "Sam Example-Social-Worker",
        "rationale": "Fictional rationale.",
    }
    given.update(changes)
    return conf.record_icpc_decision(ws, meeting_id=str(meeting_id), **given)  # type: ignore[arg-type]


def test_icpc_plan_starts_a_plan_with_a_first_review_in_three_months(ws: Workspace) -> None:
    child = the_child(ws)
    decided = _icpc(
        ws,
        core_group=[
            conf.CoreGroupMember("Riley Example-Nurse", child.agency_ids["health"], "Nurse")
        ],
        outline_plan="Outline.",
        dissent="Health would have preferred emotional abuse.",
    )
    assert decided.outcome is ConferenceOutcome.PLAN_NEEDED
    assert decided.census_code == "NEG"
    assert decided.next_review_due == FIRST_REVIEW
    assert decided.core_group[0].name == "Riley Example-Nurse"
    assert decided.dissent.startswith("Health")
    plan = plans.plan_for_case(ws, case_id=child.case_id)
    assert plan is not None and plan.is_open
    assert (plan.start_date, plan.initial_category, plan.latest_category) == (
        ICPC_DUE,
        PlanCategory.NEGLECT,
        PlanCategory.NEGLECT,
    )
    assert plan.lcpp_name == CHAIR
    assert plan.next_review_due == FIRST_REVIEW
    assert decided.plan_id == plan.id


def test_first_review_may_be_earlier_never_later(ws: Workspace) -> None:
    meeting_id = started(ws, the_child(ws), MeetingType.ICPC, ICPC_DUE)
    with pytest.raises(ValidationError, match="within 3 months: on or before Thursday 27 August"):
        _icpc(ws, meeting_id=meeting_id, next_review_due=FIRST_REVIEW + dt.timedelta(days=1))
    with pytest.raises(ValidationError, match="after this conference"):
        _icpc(ws, meeting_id=meeting_id, next_review_due=ICPC_DUE)
    earlier = _icpc(ws, meeting_id=meeting_id, next_review_due=dt.date(2026, 8, 3))
    assert earlier.next_review_due == dt.date(2026, 8, 3)


def test_month_ends_are_clamped() -> None:
    from app.services.journey._shared import add_months

    assert add_months(dt.date(2026, 11, 30), 3) == dt.date(2027, 2, 28)
    assert add_months(dt.date(2027, 11, 30), 3) == dt.date(2028, 2, 29)
    assert add_months(dt.date(2026, 8, 31), 6) == dt.date(2027, 2, 28)
    assert add_months(dt.date(2026, 12, 15), 1) == dt.date(2027, 1, 15)


def test_a_plan_needs_a_category_a_lead_practitioner_and_reasons(ws: Workspace) -> None:
    meeting_id = started(ws, the_child(ws), MeetingType.ICPC, ICPC_DUE)
    for changes, message in (
        ({"category": None}, "Choose the category"),
        ({"lead_practitioner": " "}, "Name the lead practitioner"),
        ({"rationale": ""}, "Give the reasons"),
        ({"core_group": [conf.CoreGroupMember(" ")]}, "name of each member"),
    ):
        with pytest.raises(ValidationError, match=message):
            _icpc(ws, meeting_id=meeting_id, **changes)
    assert conf.conference_decision(ws, meeting_id=meeting_id) is None
    assert plans.plan_for_case(ws, case_id=the_child(ws).case_id) is None


def test_multiple_categories_map_to_mul(ws: Workspace) -> None:
    assert _icpc(ws, category=PlanCategory.MULTIPLE).census_code == "MUL"


def test_changing_to_no_plan_removes_the_plan_it_started(ws: Workspace) -> None:
    child = the_child(ws)
    meeting_id = started(ws, child, MeetingType.ICPC, ICPC_DUE)
    _icpc(ws, meeting_id=meeting_id)
    no_plan = _icpc(ws, meeting_id=meeting_id, plan_needed=False, category=None)
    assert no_plan.outcome is ConferenceOutcome.NO_PLAN
    assert no_plan.category is None and no_plan.next_review_due is None
    assert plans.plan_for_case(ws, case_id=child.case_id) is None
    again = _icpc(ws, meeting_id=meeting_id, category=PlanCategory.EMOTIONAL_ABUSE)
    assert again.census_code == "EMO"
    plan = plans.plan_for_case(ws, case_id=child.case_id)
    assert plan is not None and plan.latest_category is PlanCategory.EMOTIONAL_ABUSE


def test_a_second_icpc_while_on_a_plan_is_refused(on_plan: Workspace) -> None:
    meeting_id = started(on_plan, the_child(on_plan), MeetingType.ICPC, dt.date(2026, 6, 10))
    with pytest.raises(ValidationError, match="Hold a review conference instead"):
        _icpc(on_plan, meeting_id=meeting_id)


def test_rcpc_continue_sets_the_next_review_within_six_months(on_plan: Workspace) -> None:
    child = the_child(on_plan)
    rcpc = started(on_plan, child, MeetingType.RCPC, dt.date(2026, 8, 20))
    with pytest.raises(ValidationError, match="progress"):
        conf.record_rcpc_decision(
            on_plan,
            meeting_id=rcpc,
            outcome=ConferenceOutcome.CONTINUE_PLAN,
            progress="",
            rationale="x",
        )
    with pytest.raises(ValidationError, match="within 6 months: on or before Saturday 20 February"):
        conf.record_rcpc_decision(
            on_plan,
            meeting_id=rcpc,
            outcome=ConferenceOutcome.CONTINUE_PLAN,
            progress="Some progress.",
            rationale="Still worried.",
            next_review_due=dt.date(2027, 2, 21),
        )
    decided = conf.record_rcpc_decision(
        on_plan,
        meeting_id=rcpc,
        outcome=ConferenceOutcome.CONTINUE_PLAN,
        progress="Some progress.",
        rationale="Still worried.",
    )
    # Six months on is Saturday 20 February 2027: the default is the Friday before.
    assert decided.next_review_due == dt.date(2027, 2, 19)
    assert decided.warnings == ()
    plan = plans.plan_for_case(on_plan, case_id=child.case_id)
    assert plan is not None and plan.next_review_due == dt.date(2027, 2, 19)
    assert plan.latest_category is PlanCategory.NEGLECT


def test_rcpc_change_category_updates_the_plan_and_can_be_undone(on_plan: Workspace) -> None:
    child = the_child(on_plan)
    rcpc = started(on_plan, child, MeetingType.RCPC, dt.date(2026, 8, 20))
    common = {"progress": "p", "rationale": "r", "meeting_id": rcpc}
    with pytest.raises(ValidationError, match="already under neglect"):
        conf.record_rcpc_decision(
            on_plan,
            outcome=ConferenceOutcome.CHANGE_CATEGORY,
            category=PlanCategory.NEGLECT,
            **common,  # type: ignore[arg-type]
        )
    with pytest.raises(ValidationError, match="new category"):
        conf.record_rcpc_decision(on_plan, outcome=ConferenceOutcome.CHANGE_CATEGORY, **common)  # type: ignore[arg-type]
    changed = conf.record_rcpc_decision(
        on_plan,
        outcome=ConferenceOutcome.CHANGE_CATEGORY,
        category=PlanCategory.PHYSICAL_ABUSE,
        **common,  # type: ignore[arg-type]
    )
    assert changed.census_code == "PHY"
    plan = plans.plan_for_case(on_plan, case_id=child.case_id)
    assert plan is not None
    assert (plan.initial_category, plan.latest_category) == (
        PlanCategory.NEGLECT,
        PlanCategory.PHYSICAL_ABUSE,
    )
    conf.record_rcpc_decision(on_plan, outcome=ConferenceOutcome.CONTINUE_PLAN, **common)  # type: ignore[arg-type]
    plan = plans.plan_for_case(on_plan, case_id=child.case_id)
    assert plan is not None and plan.latest_category is PlanCategory.NEGLECT
    with pytest.raises(ValidationError, match="record the discharge"):
        conf.record_rcpc_decision(on_plan, outcome=ConferenceOutcome.END_PLAN, **common)  # type: ignore[arg-type]


def test_rcpc_without_a_plan_is_refused(ws: Workspace) -> None:
    rcpc = started(ws, the_child(ws), MeetingType.RCPC, dt.date(2026, 8, 20))
    with pytest.raises(ValidationError, match="not on a child protection plan"):
        conf.record_rcpc_decision(
            ws,
            meeting_id=rcpc,
            outcome=ConferenceOutcome.CONTINUE_PLAN,
            progress="p",
            rationale="r",
        )


def test_a_different_chair_is_a_warning_not_an_error(on_plan: Workspace) -> None:
    child = the_child(on_plan)
    rcpc = started(on_plan, child, MeetingType.RCPC, dt.date(2026, 8, 20), chair=OTHER_CHAIR)
    context = conf.conference_context(on_plan, meeting_id=rcpc)
    assert context.chair_warning is not None
    assert CHAIR in context.chair_warning and OTHER_CHAIR in context.chair_warning
    decided = conf.record_rcpc_decision(
        on_plan,
        meeting_id=rcpc,
        outcome=ConferenceOutcome.CONTINUE_PLAN,
        progress="p",
        rationale="r",
    )
    assert decided.warnings == (context.chair_warning,)
    # Putting the ICPC's chair back clears the warning. Neither chair is in the
    # directory, so they are known only by the names recorded.
    records.save_field(on_plan, table="meeting", record_id=rcpc, field="chair_name", value=CHAIR)
    assert plans.chair_warning(on_plan, meeting_id=rcpc) is None
    assert (
        plans.chair_warning(on_plan, meeting_id=meeting_of(on_plan, child, MeetingType.ICPC))
        is None
    )


def test_context_before_a_decision(on_plan: Workspace) -> None:
    child = the_child(on_plan)
    rcpc = started(on_plan, child, MeetingType.RCPC, dt.date(2026, 8, 20))
    context = conf.conference_context(on_plan, meeting_id=rcpc)
    assert context.plan is not None and context.category_going_in is PlanCategory.NEGLECT
    assert context.latest_next_review == dt.date(2027, 2, 20)


def test_decisions_are_locked_after_sign_off(on_plan: Workspace) -> None:
    child = the_child(on_plan)
    icpc = meeting_of(on_plan, child, MeetingType.ICPC)
    signoff.sign_off(on_plan, meeting_id=icpc)
    with pytest.raises(RecordLocked):
        _icpc(on_plan, meeting_id=icpc, category=PlanCategory.SEXUAL_ABUSE)
    rcpc = started(on_plan, child, MeetingType.RCPC, dt.date(2026, 8, 20))
    hold(on_plan, rcpc)
    conf.record_rcpc_decision(
        on_plan,
        meeting_id=rcpc,
        outcome=ConferenceOutcome.CONTINUE_PLAN,
        progress="p",
        rationale="r",
    )
    close(on_plan, rcpc)
    signoff.sign_off(on_plan, meeting_id=rcpc)
    with pytest.raises(RecordLocked):
        conf.record_rcpc_decision(
            on_plan,
            meeting_id=rcpc,
            outcome=ConferenceOutcome.CONTINUE_PLAN,
            progress="p",
            rationale="r",
        )


def test_decisions_only_at_conferences(ws: Workspace) -> None:
    strategy = meeting_of(ws, the_child(ws), MeetingType.STRATEGY)
    with pytest.raises(ValidationError, match="initial child protection conference"):
        _icpc(ws, meeting_id=strategy)
    with pytest.raises(ValidationError, match="strategy meeting"):
        conf.conference_decision(ws, meeting_id=strategy)


def test_gaps_before_a_conference_closes(ws: Workspace) -> None:
    from app.services.journey.gaps import journey_gaps

    meeting_id = started(ws, the_child(ws), MeetingType.ICPC, ICPC_DUE)
    assert journey_gaps(ws, meeting_id=meeting_id) == [
        "The conference's decision is not recorded. Record it and its reasons."
    ]
    _icpc(ws, meeting_id=meeting_id)
    assert journey_gaps(ws, meeting_id=meeting_id) == [
        "The outline plan is not recorded. Add it to the decision."
    ]
    _icpc(ws, meeting_id=meeting_id, outline_plan="Outline.")
    assert journey_gaps(ws, meeting_id=meeting_id) == []
    strategy = meeting_of(ws, the_child(ws), MeetingType.STRATEGY)
    assert journey_gaps(ws, meeting_id=strategy) == []
