"""Pre-proceedings clocks (the Public Law Outline): the rules on fixed dates, then Home,
``macpt deadlines --json`` and the timeline over a real workspace.

Bank holidays: Christmas Day 2026 is a Friday, Boxing Day a Saturday (so Monday
28 December is its substitute day).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import io
import json
import sys

import pytest

from app.cli import main
from app.models import PlanCategory, PreProceedingsEpisode
from app.services import cases
from app.services.clocks import case_facts, journey
from app.services.deadlines import DeadlineKind, deadlines
from app.services.journey.timeline import case_timeline
from app.services.preproceedings import record_pre_proceedings
from app.services.register import OVERDUE_LABELS, all_register_rows
from app.services.settings import set_closure_days
from app.storage.workspace import Workspace
from app.workdays import WorkingCalendar
from app.workflow.clocks import (
    CaseFacts,
    ClockKind,
    ClockState,
    PreProceedingsFact,
    journey_state,
    overdue_before,
)
from tests.conftest import PASSPHRASE
from tests.helpers.journey_records import JourneyBuilder

D = dt.date
MOMENT = dt.datetime(2026, 8, 1, tzinfo=dt.UTC)
PP = (ClockKind.PP_LETTER, ClockKind.PP_MEETING, ClockKind.PP_REVIEW)


def episode(
    decided: dt.date,
    letter: dt.date | None = None,
    meeting: dt.date | None = None,
    step: dt.date | None = None,
    n: int = 1,
) -> PreProceedingsFact:
    return PreProceedingsFact(
        f"e{n}", decided, letter, meeting, step, MOMENT + dt.timedelta(seconds=n)
    )


def facts(*episodes: PreProceedingsFact, is_open: bool = True) -> CaseFacts:
    return CaseFacts("c1", "GEN-0001", is_open, None, (), {}, (), (), pre_proceedings=episodes)


def clocks(case: CaseFacts) -> dict[ClockKind, tuple[dt.date, ClockState, dt.date | None]]:
    return {c.kind: (c.due, c.state, c.held_on) for c in journey_state(case).clocks if c.kind in PP}


def test_the_letter_is_due_five_working_days_on_skipping_christmas() -> None:
    # Monday 21 December: 22, 23, 24, then 29 and 30 (25 and 28 are bank holidays).
    found = clocks(facts(episode(D(2026, 12, 21))))
    assert found == {
        ClockKind.PP_LETTER: (D(2026, 12, 30), ClockState.OPEN, None),
        ClockKind.PP_REVIEW: (D(2027, 4, 12), ClockState.OPEN, None),  # 16 weeks on
    }
    state = journey_state(facts(episode(D(2026, 12, 21))))
    letter = state.clock(ClockKind.PP_LETTER)
    assert letter is not None
    assert not letter.is_overdue(D(2026, 12, 30)) and letter.is_overdue(D(2026, 12, 31))
    # No meeting clock until the letter is sent: there is nothing to count from.
    assert state.clock(ClockKind.PP_MEETING) is None
    # Open pre-proceedings alone put a child in the register, under their own status.
    assert state.in_register and state.register_status == "pre-proceedings"


def test_the_first_meeting_is_due_ten_working_days_after_the_letter() -> None:
    # Letter on Wednesday 16 December: 17, 18, 21, 22, 23, 24, 29, 30, 31, 1 January is
    # New Year's Day, so the tenth is Monday 4 January.
    found = clocks(facts(episode(D(2026, 12, 14), letter=D(2026, 12, 16))))
    assert found[ClockKind.PP_LETTER] == (D(2026, 12, 21), ClockState.HELD, D(2026, 12, 16))
    assert found[ClockKind.PP_MEETING] == (D(2027, 1, 4), ClockState.OPEN, None)
    met = clocks(facts(episode(D(2026, 12, 14), D(2026, 12, 16), meeting=D(2027, 1, 6))))
    assert met[ClockKind.PP_MEETING] == (D(2027, 1, 4), ClockState.HELD, D(2027, 1, 6))


def test_the_area_closure_days_count_too() -> None:
    case = dataclasses.replace(
        facts(episode(D(2026, 11, 16))), calendar=WorkingCalendar([D(2026, 11, 20)])
    )
    assert clocks(case)[ClockKind.PP_LETTER][0] == D(2026, 11, 24)
    assert clocks(facts(episode(D(2026, 11, 16))))[ClockKind.PP_LETTER][0] == D(2026, 11, 23)


def test_the_step_decision_meets_the_review_and_closes_what_was_never_recorded() -> None:
    found = clocks(facts(episode(D(2026, 9, 1), step=D(2026, 10, 1))))
    assert found == {
        ClockKind.PP_LETTER: (D(2026, 9, 8), ClockState.CLOSED, None),
        ClockKind.PP_REVIEW: (D(2026, 12, 22), ClockState.HELD, D(2026, 10, 1)),
    }
    assert not any(
        c.is_overdue(D(2027, 6, 1))
        for c in journey_state(facts(episode(D(2026, 9, 1), step=D(2026, 10, 1)))).clocks
    )
    # Stepped up or down, or the case closed: the child leaves the register.
    assert not journey_state(facts(episode(D(2026, 9, 1), step=D(2026, 10, 1)))).in_register
    assert not journey_state(facts(episode(D(2026, 9, 1)), is_open=False)).in_register


def test_a_closed_case_closes_every_clock_not_met() -> None:
    found = clocks(facts(episode(D(2026, 9, 1), letter=D(2026, 9, 2)), is_open=False))
    assert found[ClockKind.PP_LETTER][1] is ClockState.HELD
    assert found[ClockKind.PP_MEETING][1] is ClockState.CLOSED
    assert found[ClockKind.PP_REVIEW][1] is ClockState.CLOSED


def test_the_latest_episode_runs_the_clocks() -> None:
    old = episode(D(2026, 3, 2), step=D(2026, 5, 1), n=1)
    new = episode(D(2026, 10, 5), n=2)
    assert clocks(facts(new, old))[ClockKind.PP_LETTER] == (
        D(2026, 10, 12),
        ClockState.OPEN,
        None,
    )


def test_as_of_a_day_forgets_dates_recorded_after_it() -> None:
    case = facts(episode(D(2026, 9, 1), letter=D(2026, 9, 3), meeting=D(2026, 9, 14)))
    then = clocks(case.as_of(D(2026, 9, 2)))
    assert then[ClockKind.PP_LETTER][1] is ClockState.OPEN
    assert ClockKind.PP_MEETING not in then
    assert clocks(case.as_of(D(2026, 8, 31))) == {}


@pytest.mark.parametrize("working_days", [5, 10])
def test_the_register_bound_is_exactly_the_rules_overdue(working_days: int) -> None:
    calendar = WorkingCalendar([D(2026, 11, 20)])
    for today in [D(2026, 11, 1) + dt.timedelta(days=n) for n in range(0, 100)]:
        bound = overdue_before(today, working_days, calendar)
        assert bound is not None
        for start in [today - dt.timedelta(days=n) for n in range(0, 30)]:
            late = calendar.add_working_days(start, working_days) < today
            assert late == (start <= bound), (today, start)
    assert overdue_before(dt.date.min, 5, calendar) is None


# -- over a workspace: Home, macpt deadlines --json, the timeline ----------------
TODAY = D(2026, 11, 23)  # the fixed clock's day (tests/conftest.py)


@pytest.fixture
def pre_proceedings(workspace: Workspace) -> dict[str, str]:
    set_closure_days(workspace, days=[(D(2026, 11, 20), "Staff training day")])
    made = {}
    for ref, first in (("PPL0001", "Ava"), ("PPL0002", "Ben")):
        made[ref] = cases.create_case(
            workspace, la_child_ref=ref, first_name=first, last_name="Imaginary"
        ).case_id
    # Letter due on the fifth working day after Monday 16 November, skipping the
    # closure day: Tuesday 24 November.
    record_pre_proceedings(workspace, case_id=made["PPL0001"], decided_on=D(2026, 11, 16))
    # The first meeting was due 19 August; the decision 16 weeks on, today.
    record_pre_proceedings(
        workspace,
        case_id=made["PPL0002"],
        decided_on=D(2026, 8, 3),
        letter_sent_on=D(2026, 8, 5),
    )
    return made


def test_home_lists_the_pre_proceedings_clocks(
    workspace: Workspace, pre_proceedings: dict[str, str]
) -> None:
    found = deadlines(workspace, today=TODAY)
    listed = {(i.la_child_ref, i.kind, i.due) for i in found.items}
    assert {
        ("PPL0002", DeadlineKind.PP_MEETING, D(2026, 8, 19)),
    } == {(i.la_child_ref, i.kind, i.due) for i in found.overdue}
    assert ("PPL0002", DeadlineKind.PP_REVIEW, TODAY) in {
        (i.la_child_ref, i.kind, i.due) for i in found.due_today
    }
    assert ("PPL0001", DeadlineKind.PP_LETTER, D(2026, 11, 24)) in {
        (i.la_child_ref, i.kind, i.due) for i in found.due_this_week
    }
    assert len(listed) == 3
    assert DeadlineKind.PP_LETTER.label == "Letter before proceedings"
    assert DeadlineKind.PP_MEETING.label == "First pre-proceedings meeting"
    assert DeadlineKind.PP_REVIEW.label == "Decision to step up or down"
    # Once the letter is recorded its clock is met and the meeting's starts.
    record_pre_proceedings(
        workspace,
        case_id=pre_proceedings["PPL0001"],
        episode_id=journey_episode(workspace, pre_proceedings["PPL0001"]),
        decided_on=D(2026, 11, 16),
        letter_sent_on=D(2026, 11, 18),
    )
    state = journey(workspace, case_id=pre_proceedings["PPL0001"])
    letter, meeting = state.clock(ClockKind.PP_LETTER), state.clock(ClockKind.PP_MEETING)
    assert letter is not None and letter.state is ClockState.HELD
    # 19, (20 closed), 23 … 27, 30 November, 1, 2, 3 December.
    assert meeting is not None and meeting.due == D(2026, 12, 3)


def journey_episode(workspace: Workspace, case_id: str) -> str:
    with workspace.reading() as session:
        return case_facts(session, [case_id])[case_id].pre_proceedings[0].id


def test_macpt_deadlines_json_names_the_pre_proceedings_kinds(
    workspace: Workspace,
    pre_proceedings: dict[str, str],
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    path = workspace.path
    workspace.close()
    monkeypatch.setattr(sys, "stdin", io.StringIO(PASSPHRASE + "\n"))
    code = main(["deadlines", "--workspace", str(path), "--json", "--passphrase-stdin"])
    out, err = capsys.readouterr()
    assert (code, err) == (0, "")
    assert {(i["child"], i["kind"], i["due"], i["state"]) for i in json.loads(out)} >= {
        ("PPL0001", "pp-letter", "2026-11-24", "due-this-week"),
        ("PPL0002", "pp-meeting", "2026-08-19", "overdue"),
        ("PPL0002", "pp-review", "2026-11-23", "due-today"),
    }
    assert "Imaginary" not in out


def test_the_timeline_has_a_pre_proceedings_line_per_clock(
    workspace: Workspace, pre_proceedings: dict[str, str]
) -> None:
    steps = case_timeline(workspace, case_id=pre_proceedings["PPL0002"]).steps
    found = [(s.label, s.held_on, s.status, s.due_date, s.met) for s in steps]
    assert found == [
        (
            "Pre-proceedings: letter before proceedings",
            D(2026, 8, 5),
            "recorded",
            D(2026, 8, 10),
            True,
        ),
        ("Pre-proceedings: first meeting", None, "not recorded yet", D(2026, 8, 19), False),
        (
            "Pre-proceedings: decision to step up or down",
            None,
            "not recorded yet",
            TODAY,
            None,
        ),
    ]
    assert steps[0].as_json()["stage"] == "pp-letter"


def test_the_register_flags_the_pre_proceedings_clocks_of_a_child_on_a_plan(
    workspace: Workspace,
) -> None:
    with workspace.transaction() as session:
        builder = JourneyBuilder(session)
        case = builder.child("PPL0003", opened_on=D(2026, 6, 1))
        builder.plan(case, None, D(2026, 7, 1), PlanCategory.NEGLECT)
        session.flush()
        # Decided on Monday 16 November: the letter is due on Monday 23 November.
        session.add(PreProceedingsEpisode(case_id=case.id, decided_on=D(2026, 11, 16)))
    flags = {
        today: next(iter(all_register_rows(workspace, today=today))).overdue
        for today in (D(2026, 11, 23), D(2026, 11, 24), D(2027, 3, 9))
    }
    assert flags == {
        D(2026, 11, 23): (),
        D(2026, 11, 24): ("pp-letter",),
        D(2027, 3, 9): ("pp-letter", "pp-review"),  # 16 weeks on is 8 March
    }
    assert OVERDUE_LABELS["pp-letter"] == "Letter before proceedings"
