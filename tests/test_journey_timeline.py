"""A child's timeline from strategy meeting to discharge, with every clock."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from app.errors import NotFound
from app.models import IcpcTimeframe, MeetingType
from app.services.journey import review
from app.services.journey.timeline import case_timeline
from app.storage.workspace import Workspace
from tests.test_journey_fixtures import (
    FIRST_RCPC,
    ICPC_DUE,
    REVIEW_DUE,
    SECOND_RCPC,
    STRATEGY_DAY,
    after_strategy,
    hold,
    icpc_with_plan,
    opened_copy,
    schedule,
    the_child,
    to_discharge,
)


@pytest.fixture
def discharged(tmp_path_factory: pytest.TempPathFactory, tmp_path: Path) -> Iterator[Workspace]:
    workspace = opened_copy(tmp_path_factory, tmp_path, "journey-discharged", to_discharge)
    yield workspace
    workspace.close()


@pytest.fixture
def ws(tmp_path_factory: pytest.TempPathFactory, tmp_path: Path) -> Iterator[Workspace]:
    workspace = opened_copy(tmp_path_factory, tmp_path, "journey-after-strategy", after_strategy)
    yield workspace
    workspace.close()


def test_the_whole_journey_with_each_clock(discharged: Workspace) -> None:
    timeline = case_timeline(discharged, case_id=the_child(discharged).case_id)
    got = [(s.stage, s.held_on, s.due_date, s.met) for s in timeline.steps]
    assert got == [
        ("strategy", STRATEGY_DAY, None, None),
        ("review", REVIEW_DUE, REVIEW_DUE, True),
        ("icpc", ICPC_DUE, ICPC_DUE, True),
        # The ICPC set the first review for three months on (27 August).
        ("rcpc", FIRST_RCPC, dt.date(2026, 8, 27), True),
        # That review set the next one for the day it was held.
        ("rcpc", SECOND_RCPC, SECOND_RCPC, True),
        ("discharge", SECOND_RCPC, None, None),
    ]
    assert timeline.steps[-1].note.startswith("All agencies agree")
    assert timeline.la_child_ref == "TEST-0001"
    as_json = timeline.as_json()
    assert as_json["child"] == "TEST-0001"
    assert as_json["steps"][1] == {  # type: ignore[index]
        "stage": "review",
        "meeting_id": timeline.steps[1].meeting_id,
        "scheduled_for": "2026-05-12",
        "held_on": "2026-05-12",
        "status": "closed",
        "due": "2026-05-12",
        "met": True,
        "note": "",
    }


def test_the_timeline_gathers_the_case_facts_once(
    discharged: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Five meetings, one read of the case's facts: not one per meeting and clock."""
    from app.services import clocks

    calls: list[object] = []
    real = clocks.case_facts

    def counted(*args: Any, **kwargs: Any) -> Any:
        calls.append(args)
        return real(*args, **kwargs)

    monkeypatch.setattr(clocks, "case_facts", counted)
    for module in ("app.services.journey.timeline", "app.services.journey._shared"):
        monkeypatch.setattr(f"{module}.case_facts", counted)
    timeline = case_timeline(discharged, case_id=the_child(discharged).case_id)
    assert len(timeline.steps) == 6
    assert len(calls) == 1


def test_late_and_overdue_steps_are_not_met(ws: Workspace) -> None:
    child = the_child(ws)
    # Today is Monday 23 November 2026: after a strategy discussion in May with no
    # review, the review is overdue.
    timeline = case_timeline(ws, case_id=child.case_id)
    assert [(s.stage, s.status, s.due_date, s.met) for s in timeline.steps[1:]] == [
        ("review", "not scheduled", REVIEW_DUE, False)
    ]
    late = schedule(ws, child, MeetingType.REVIEW, dt.date(2026, 5, 14))
    hold(ws, late)
    timeline = case_timeline(ws, case_id=child.case_id)
    assert [(s.stage, s.met) for s in timeline.steps] == [
        ("strategy", None),
        ("review", False),
        ("icpc", False),
    ]
    assert timeline.steps[2].status == "not scheduled"


def test_an_extended_icpc_is_measured_against_the_agreed_date(ws: Workspace) -> None:
    child = the_child(ws)
    review_id = schedule(ws, child, MeetingType.REVIEW, REVIEW_DUE)
    hold(ws, review_id)
    agreed = dt.date(2026, 6, 10)
    review.record_icpc_timeframe(
        ws,
        meeting_id=review_id,
        timeframe=IcpcTimeframe.EXTENDED,
        target_date=agreed,
        reason="Father abroad until June.",
        exceptional_circumstances_confirmed=True,
    )
    icpc_with_plan(ws, child, agreed)
    step = next(s for s in case_timeline(ws, case_id=child.case_id).steps if s.stage == "icpc")
    assert (step.due_date, step.held_on, step.met) == (agreed, agreed, True)
    assert "Extended from Wednesday 27 May 2026" in step.note
    assert "Father abroad" in step.note
    pending = case_timeline(ws, case_id=child.case_id).steps[-1]
    assert (pending.stage, pending.due_date, pending.met) == ("rcpc", dt.date(2026, 9, 10), False)


def test_no_conference_needed_leaves_nothing_due(ws: Workspace) -> None:
    child = the_child(ws)
    review_id = schedule(ws, child, MeetingType.REVIEW, REVIEW_DUE)
    hold(ws, review_id)
    review.record_icpc_timeframe(
        ws,
        meeting_id=review_id,
        timeframe=IcpcTimeframe.NOT_NEEDED,
        reason="No significant harm found.",
    )
    assert [s.stage for s in case_timeline(ws, case_id=child.case_id).steps] == [
        "strategy",
        "review",
    ]


def test_unknown_case(ws: Workspace) -> None:
    with pytest.raises(NotFound):
        case_timeline(ws, case_id="no-such-case")
