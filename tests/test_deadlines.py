"""Deadlines against fixed "today" dates: overdue, due today and the seven days ahead.

The fixture is laid out by hand around Monday 23 November 2026 (the tests'
fixed today). Working days: a strategy discussion on Monday 2 November has its
review due Monday 9 November and its ICPC due Monday 23 November; one on
Monday 16 November has its review due Monday 23 November and its ICPC due
Monday 7 December.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pytest

from app.services.deadlines import DeadlineKind, Deadlines, deadlines
from app.storage.workspace import Workspace
from tests.conftest import FIXED_NOW
from tests.deadlines_fixture import build_deadlines_workspace

D = dt.date
TODAY = FIXED_NOW.date()  # Monday 23 November 2026


@pytest.fixture(scope="module")
def layout(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Workspace, dict[str, str]]]:
    workspace, ids = build_deadlines_workspace(tmp_path_factory.mktemp("deadlines"))
    yield workspace, ids
    workspace.close()


def _keys(items: tuple[object, ...]) -> list[tuple[str, str, dt.date]]:
    return [(i.kind.value, i.la_child_ref, i.due) for i in items]  # type: ignore[attr-defined]


def _on(workspace: Workspace, today: dt.date) -> Deadlines:
    return deadlines(workspace, today=today)


def test_deadlines_sorted_into_overdue_today_and_the_week(
    layout: tuple[Workspace, dict[str, str]],
) -> None:
    workspace, _ = layout
    found = _on(workspace, TODAY)
    assert _keys(found.overdue) == [
        ("review", "DEMOB002", D(2026, 11, 9)),
        ("action", "DEMOF006", D(2026, 11, 22)),
    ]
    assert _keys(found.due_today) == [
        ("review", "DEMOA001", D(2026, 11, 23)),
        ("icpc", "DEMOB002", D(2026, 11, 23)),
        ("notification", "DEMOE005", D(2026, 11, 23)),
    ]
    assert _keys(found.due_this_week) == [
        ("action", "DEMOF006", D(2026, 11, 24)),
        ("notification", "DEMOG007", D(2026, 11, 24)),
        ("icpc", "DEMOC003", D(2026, 11, 27)),
        ("rcpc", "DEMOF006", D(2026, 11, 30)),
    ]
    assert found.week_end == D(2026, 11, 30)


def test_items_point_at_the_meeting_to_open(layout: tuple[Workspace, dict[str, str]]) -> None:
    workspace, ids = layout
    found = _on(workspace, TODAY)
    review_a = next(i for i in found.due_today if i.la_child_ref == "DEMOA001")
    # The booked review is the meeting to open; without one, the strategy meeting.
    assert review_a.meeting_id == ids["A-review"]
    assert "booked for Tuesday 24 November 2026" in review_a.description
    review_b = found.overdue[0]
    assert review_b.meeting_id == ids["B-strategy"]
    assert review_b.child_name == "Ben Example"
    letters = next(i for i in found.due_this_week if i.kind is DeadlineKind.NOTIFICATION)
    assert letters.meeting_id == ids["G-closed"]
    assert letters.description.startswith("2 letters about the review child protection conference")
    extended = next(i for i in found.due_this_week if i.kind is DeadlineKind.ICPC)
    assert "extended" in extended.description


def test_a_week_later_everything_unmet_is_overdue(layout: tuple[Workspace, dict[str, str]]) -> None:
    workspace, _ = layout
    found = _on(workspace, D(2026, 11, 30))
    overdue = _keys(found.overdue)
    assert ("icpc", "DEMOC003", D(2026, 11, 27)) in overdue
    assert ("notification", "DEMOG007", D(2026, 11, 24)) in overdue
    assert ("review", "DEMOA001", D(2026, 11, 23)) in overdue
    assert _keys(found.due_today) == [("rcpc", "DEMOF006", D(2026, 11, 30))]
    # The day after the week ended is now inside the window.
    week = _keys(found.due_this_week)
    assert ("rcpc", "DEMOG007", D(2026, 12, 1)) in week
    assert ("action", "DEMOF006", D(2026, 12, 1)) in week
    assert ("icpc", "DEMOA001", D(2026, 12, 7)) in week


def test_nothing_followed_for_closed_ended_or_concluded_work(
    layout: tuple[Workspace, dict[str, str]],
) -> None:
    workspace, _ = layout
    found = _on(workspace, D(2027, 6, 1))
    refs = {i.la_child_ref for i in found.overdue}
    assert "DEMOD004" not in refs  # no conference needed
    assert "DEMOH008" not in refs  # plan ended
    assert "DEMOI009" not in refs  # case closed
    kinds_e = {i.kind for i in found.overdue if i.la_child_ref == "DEMOE005"}
    assert kinds_e == {DeadlineKind.NOTIFICATION}  # NFA: only the unsent letter
    descriptions = {i.description for i in found.overdue}
    assert not any("Already done" in d or "No date set" in d for d in descriptions)


def test_an_empty_workspace_has_no_deadlines(workspace: Workspace) -> None:
    found = deadlines(workspace, today=TODAY)
    assert found.is_empty
    assert found.today == TODAY


def test_where_each_journey_stands(layout: tuple[Workspace, dict[str, str]]) -> None:
    from app.errors import NotFound
    from app.services.cases import list_cases
    from app.services.clocks import journey

    workspace, _ = layout

    def state(ref: str):  # type: ignore[no-untyped-def]
        return journey(workspace, case_id=list_cases(workspace, search=ref)[0].case_id)

    assert state("DEMOE005").no_further_action  # NFA at the strategy meeting
    finn = state("DEMOF006")
    assert finn.has_open_plan and finn.interim_safety_plan_superseded and not finn.enquiry_open
    dev = state("DEMOD004")
    assert dev.icpc_not_needed and not dev.enquiry_open and not dev.no_further_action
    ben = state("DEMOB002")
    assert ben.enquiry_open and ben.register_status == "s47"
    with pytest.raises(NotFound):
        journey(workspace, case_id="no-such-case")
