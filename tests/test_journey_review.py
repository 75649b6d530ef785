"""The five-day review's ICPC timeframe: the 15-working-day default, extensions and
no-conference decisions, on real workspaces."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest

from app.errors import RecordLocked, ValidationError
from app.models import IcpcTimeframe, MeetingType
from app.services import settings
from app.services.conduct import closing, signoff
from app.services.journey import review, safety_plan
from app.storage.workspace import Workspace
from tests.test_journey_fixtures import (
    CHAIR,
    ICPC_DUE,
    REVIEW_DUE,
    STRATEGY_DAY,
    after_strategy,
    close,
    hold,
    opened_copy,
    schedule,
    strategy_s47,
    the_child,
)


@pytest.fixture
def ws(tmp_path_factory: pytest.TempPathFactory, tmp_path: Path) -> Iterator[Workspace]:
    workspace = opened_copy(tmp_path_factory, tmp_path, "journey-after-strategy", after_strategy)
    yield workspace
    workspace.close()


@pytest.fixture
def review_id(ws: Workspace) -> str:
    meeting_id = schedule(ws, the_child(ws), MeetingType.REVIEW, REVIEW_DUE)
    hold(ws, meeting_id)
    return meeting_id


def test_context_counts_from_the_strategy_discussion(ws: Workspace, review_id: str) -> None:
    context = review.review_context(ws, meeting_id=review_id)
    assert context.strategy_date == STRATEGY_DAY
    assert context.review_due == REVIEW_DUE
    assert context.icpc_default_due == ICPC_DUE
    assert context.review_on_time is True


def test_default_is_the_15th_working_day(ws: Workspace, review_id: str) -> None:
    decided = review.record_icpc_timeframe(
        ws, meeting_id=review_id, timeframe=IcpcTimeframe.WITHIN_15_DAYS
    )
    assert decided.target_date == ICPC_DUE == decided.default_due
    # The meeting's chair decided, never the login that typed it.
    assert decided.decided_by == CHAIR
    assert not decided.exceptional_circumstances_confirmed
    assert review.icpc_timeframe(ws, meeting_id=review_id) == decided


def test_within_15_days_may_be_earlier_but_not_later(ws: Workspace, review_id: str) -> None:
    earlier = review.record_icpc_timeframe(
        ws,
        meeting_id=review_id,
        timeframe=IcpcTimeframe.WITHIN_15_DAYS,
        target_date=dt.date(2026, 5, 20),
    )
    assert earlier.target_date == dt.date(2026, 5, 20)
    with pytest.raises(ValidationError, match="Record it as an extension"):
        review.record_icpc_timeframe(
            ws,
            meeting_id=review_id,
            timeframe=IcpcTimeframe.WITHIN_15_DAYS,
            target_date=dt.date(2026, 5, 28),
        )
    with pytest.raises(ValidationError, match="before this review"):
        review.record_icpc_timeframe(
            ws,
            meeting_id=review_id,
            timeframe=IcpcTimeframe.WITHIN_15_DAYS,
            target_date=dt.date(2026, 5, 11),
        )


def test_extension_needs_a_later_date_a_reason_and_the_macpts_agreement(
    ws: Workspace, review_id: str
) -> None:
    later = dt.date(2026, 6, 10)
    attempts = [
        ({"target_date": None, "reason": "x", "confirmed": True}, "after the 15th working day"),
        ({"target_date": ICPC_DUE, "reason": "x", "confirmed": True}, "after the 15th"),
        ({"target_date": later, "reason": "  ", "confirmed": True}, "Give the reason"),
        ({"target_date": later, "reason": "Father abroad", "confirmed": False}, "exceptional"),
    ]
    for given, message in attempts:
        with pytest.raises(ValidationError, match=message):
            review.record_icpc_timeframe(
                ws,
                meeting_id=review_id,
                timeframe=IcpcTimeframe.EXTENDED,
                target_date=given["target_date"],  # type: ignore[arg-type]
                reason=given["reason"],  # type: ignore[arg-type]
                exceptional_circumstances_confirmed=given["confirmed"],  # type: ignore[arg-type]
            )
    assert review.icpc_timeframe(ws, meeting_id=review_id) is None
    extended = review.record_icpc_timeframe(
        ws,
        meeting_id=review_id,
        timeframe=IcpcTimeframe.EXTENDED,
        target_date=later,
        reason="  The father is abroad until June; the family network needs time.  ",
        exceptional_circumstances_confirmed=True,
    )
    assert extended.target_date == later
    assert extended.default_due == ICPC_DUE
    assert extended.reason == "The father is abroad until June; the family network needs time."
    assert extended.exceptional_circumstances_confirmed
    assert extended.extra_days == (later - ICPC_DUE).days


def test_no_conference_needs_a_reason_and_has_no_date(ws: Workspace, review_id: str) -> None:
    with pytest.raises(ValidationError, match="reason no initial child protection conference"):
        review.record_icpc_timeframe(ws, meeting_id=review_id, timeframe=IcpcTimeframe.NOT_NEEDED)
    decided = review.record_icpc_timeframe(
        ws,
        meeting_id=review_id,
        timeframe=IcpcTimeframe.NOT_NEEDED,
        target_date=dt.date(2026, 5, 20),
        reason="Enquiry found no significant harm; Family Help continues.",
    )
    assert decided.target_date is None
    assert decided.label.startswith("No initial child protection conference")


def test_closure_days_move_the_default(ws: Workspace) -> None:
    # A local closure day inside the 15 working days pushes the ICPC one day later.
    # A new strategy discussion is needed to see it: the first one's clocks were
    # stored, as computed on the day, before the closure day was set.
    settings.set_closure_days(ws, days=[(dt.date(2026, 6, 3), "Staff training day")])
    child = the_child(ws)
    strategy_id = strategy_s47(ws, child, dt.date(2026, 6, 1))
    review_id = schedule(ws, child, MeetingType.REVIEW, dt.date(2026, 6, 8))
    context = review.review_context(ws, meeting_id=review_id)
    assert context.strategy_meeting_id == strategy_id
    # 1 June 2026 is a Monday: without the closure day the 15th working day is 22 June.
    assert context.icpc_default_due == dt.date(2026, 6, 23)


def test_only_at_a_review_and_never_after_sign_off(ws: Workspace, review_id: str) -> None:
    child = the_child(ws)
    icpc_id = schedule(ws, child, MeetingType.ICPC, ICPC_DUE)
    with pytest.raises(ValidationError, match="five-day review"):
        review.record_icpc_timeframe(ws, meeting_id=icpc_id, timeframe=IcpcTimeframe.WITHIN_15_DAYS)
    review.record_icpc_timeframe(ws, meeting_id=review_id, timeframe=IcpcTimeframe.WITHIN_15_DAYS)
    # A review cannot close without an interim safety plan for the child.
    if safety_plan.safety_plan_for_case(ws, case_id=child.case_id) is None:
        safety_plan.create_safety_plan(
            ws,
            case_id=child.case_id,
            meeting_id=review_id,
            items=[safety_plan.SafetyPlanItemInput("A worry.", "What keeps safe.", "Pat Testcase")],
            agreed_by="Core group",
        )
    close(ws, review_id)
    signoff.sign_off(ws, meeting_id=review_id)
    with pytest.raises(RecordLocked):
        review.record_icpc_timeframe(
            ws,
            meeting_id=review_id,
            timeframe=IcpcTimeframe.NOT_NEEDED,
            reason="Changed our minds",
        )
    assert review.icpc_timeframe(ws, meeting_id=review_id).timeframe is (  # type: ignore[union-attr]
        IcpcTimeframe.WITHIN_15_DAYS
    )


def test_a_review_without_a_strategy_meeting_says_so(workspace: Workspace) -> None:
    from tests.test_journey_fixtures import new_child

    child = new_child(workspace)
    review_id = schedule(workspace, child, MeetingType.REVIEW, REVIEW_DUE)
    assert review.review_context(workspace, meeting_id=review_id).icpc_default_due is None
    closing.start_meeting(workspace, meeting_id=review_id)
    with pytest.raises(ValidationError, match="Record the strategy meeting first"):
        review.record_icpc_timeframe(
            workspace, meeting_id=review_id, timeframe=IcpcTimeframe.WITHIN_15_DAYS
        )


def test_gaps_before_the_review_closes(ws: Workspace, review_id: str) -> None:
    from app.services.journey import safety_plan as sp
    from app.services.journey.gaps import journey_gaps

    gaps = journey_gaps(ws, meeting_id=review_id)
    assert [g.split(".")[0] for g in gaps] == [
        "The timeframe for the initial child protection conference is not recorded",
        "There is no interim safety plan",
    ]
    review.record_icpc_timeframe(ws, meeting_id=review_id, timeframe=IcpcTimeframe.WITHIN_15_DAYS)
    sp.create_safety_plan(
        ws,
        case_id=the_child(ws).case_id,
        meeting_id=review_id,
        items=[sp.SafetyPlanItemInput("A worry.", "What keeps safe.", "Pat Testcase")],
        agreed_by="Core group",
    )
    assert journey_gaps(ws, meeting_id=review_id) == []
