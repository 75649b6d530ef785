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
from pathlib import Path

import pytest

from app import clock
from app.models import (
    ActionStatus,
    CaseStatus,
    IcpcTimeframe,
    MeetingStatus,
    MeetingType,
    PlanCategory,
    ThresholdOutcome,
)
from app.services.deadlines import DeadlineKind, Deadlines, deadlines
from app.storage.workspace import Workspace, create_workspace
from tests.conftest import FIXED_NOW, PASSPHRASE
from tests.helpers.journey_records import JourneyBuilder

D = dt.date
TODAY = FIXED_NOW.date()  # Monday 23 November 2026


@pytest.fixture(scope="module")
def layout(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Workspace, dict[str, str]]]:
    clock.set_clock(lambda: FIXED_NOW)
    ws = create_workspace(Path(tmp_path_factory.mktemp("deadlines")) / "d.macpt", PASSPHRASE)
    ids: dict[str, str] = {}
    with ws.transaction() as session:
        b = JourneyBuilder(session)
        # A: strategy today a week ago; review due today, ICPC beyond the week.
        a = b.child("DEMOA001", first="Alice")
        ids["A-strategy"] = b.strategy(a, D(2026, 11, 16)).id
        ids["A-review"] = b.meeting(
            a, MeetingType.REVIEW, D(2026, 11, 24), status=MeetingStatus.SCHEDULED
        ).id
        # B: no review held (overdue since 9 Nov); ICPC due today.
        bee = b.child("DEMOB002", first="Ben")
        ids["B-strategy"] = b.strategy(bee, D(2026, 11, 2)).id
        # C: review held, ICPC extended to Friday 27 November.
        c = b.child("DEMOC003", first="Cara")
        c_strategy = b.strategy(c, D(2026, 11, 2))
        c_review = b.meeting(c, MeetingType.REVIEW, D(2026, 11, 9))
        b.timeframe(
            c_review,
            c_strategy,
            IcpcTimeframe.EXTENDED,
            target=D(2026, 11, 27),
            reason="Interpreter needed",
        )
        # D: review held and no conference needed.
        d = b.child("DEMOD004", first="Dev")
        d_strategy = b.strategy(d, D(2026, 11, 2))
        b.timeframe(
            b.meeting(d, MeetingType.REVIEW, D(2026, 11, 9)),
            d_strategy,
            IcpcTimeframe.NOT_NEEDED,
            reason="Enquiry found no significant harm",
        )
        # E: no further action: nothing to follow.
        e = b.child("DEMOE005", first="Eve")
        b.strategy(e, D(2026, 11, 2), outcome=ThresholdOutcome.NFA, threshold_met=False)
        # F: ICPC held after the strategy; plan reviews due on the week's last day.
        f = b.child("DEMOF006", first="Finn")
        f_strategy = b.strategy(f, D(2026, 10, 19))
        b.meeting(f, MeetingType.REVIEW, D(2026, 10, 26))
        f_icpc = b.meeting(f, MeetingType.ICPC, D(2026, 11, 9))
        b.plan(f, f_icpc, D(2026, 11, 9), PlanCategory.NEGLECT, next_review_due=D(2026, 11, 30))
        # G: review conference due the day after the week ends.
        g = b.child("DEMOG007", first="Gia")
        g_icpc = b.meeting(g, MeetingType.ICPC, D(2026, 9, 1))
        b.plan(
            g, g_icpc, D(2026, 9, 1), PlanCategory.EMOTIONAL_ABUSE, next_review_due=D(2026, 12, 1)
        )
        # H: an ended plan is not followed.
        h = b.child("DEMOH008", first="Hal")
        h_icpc = b.meeting(h, MeetingType.ICPC, D(2026, 5, 1))
        b.plan(
            h,
            h_icpc,
            D(2026, 5, 1),
            PlanCategory.NEGLECT,
            end=D(2026, 10, 1),
            next_review_due=D(2026, 11, 1),
        )
        # I: a closed case with an enquiry is not followed.
        i = b.child("DEMOI009", first="Ivy", status=CaseStatus.CLOSED)
        b.strategy(i, D(2026, 11, 2))
        # Actions on F's strategy meeting.
        b.action(f_strategy, D(2026, 11, 22), "Visit the family home")
        b.action(f_strategy, D(2026, 11, 24), "Share the school attendance record")
        b.action(f_strategy, D(2026, 11, 20), "Already done", status=ActionStatus.DONE)
        b.action(f_strategy, D(2026, 12, 1), "Beyond the week")
        b.action(f_strategy, None, "No date set")
        # Letters: E's meeting closed Friday 20 November, due Monday 23 (today).
        e_closed = b.meeting(e, MeetingType.STRATEGY, D(2026, 11, 20))
        b.notification(e_closed, "Sampletown Police (demo)")
        b.notification(e_closed, "Sampletown Health (demo)", sent=True)
        # Letters for G's meeting closed today, due tomorrow; two unsent.
        g_closed = b.meeting(g, MeetingType.RCPC, D(2026, 11, 23))
        b.notification(g_closed, "Sampletown Police (demo)")
        b.notification(g_closed, "Sampletown School (demo)")
        # Letters all sent: nothing due.
        sent_all = b.meeting(d, MeetingType.REVIEW, D(2026, 11, 16))
        b.notification(sent_all, "Sampletown Police (demo)", sent=True)
        ids["G-closed"] = g_closed.id
    clock.set_clock(None)
    yield ws, ids
    ws.close()


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
