"""Core groups: the clock the rules raise for an open plan, scheduling, holding and signing
one off through the chair's services, its minutes, and what Home, the register, the
timeline and ``macpt deadlines`` show."""

from __future__ import annotations

import dataclasses
import datetime as dt
import io
import json
import sys
from collections.abc import Iterator
from pathlib import Path

import docx
import pytest

from app.cli import main
from app.errors import ValidationError
from app.exporters.minutes import export_minutes
from app.models import MeetingStatus, MeetingType
from app.services import meeting_list, meetings, settings
from app.services.clocks import journey
from app.services.conduct import actions, attendance, information, signoff
from app.services.deadlines import deadlines
from app.services.journey.timeline import case_timeline
from app.services.register import all_register_rows
from app.storage.workspace import Workspace
from app.workflow.clocks import (
    CaseFacts,
    ClockKind,
    ClockState,
    MeetingFact,
    PlanFact,
    journey_state,
)
from tests.conftest import PASSPHRASE
from tests.test_journey_fixtures import (
    ICPC_DUE,
    after_icpc,
    after_strategy,
    close,
    hold,
    opened_copy,
    schedule,
    the_child,
)

# Ten working days after the ICPC on Wednesday 27 May 2026.
FIRST_DUE = dt.date(2026, 6, 10)
AT = dt.datetime(2026, 5, 1, 9, tzinfo=dt.UTC)


# -- the rule, over plain facts ------------------------------------------------
def _facts(*meetings_: MeetingFact, end: dt.date | None = None, weeks: int = 6) -> CaseFacts:
    plan = PlanFact(
        "plan", ICPC_DUE, end, dt.date(2026, 8, 27), "icpc", AT, core_group_first_due=FIRST_DUE
    )
    return CaseFacts(
        "case", "TEST-0001", True, None, meetings_, {}, (), (plan,), core_group_weeks=weeks
    )


def _core(day: dt.date, status: MeetingStatus = MeetingStatus.CLOSED) -> MeetingFact:
    return MeetingFact(f"cg-{day}", MeetingType.CORE_GROUP, day, status, AT)


def test_the_first_core_group_is_due_on_the_date_the_plan_stored() -> None:
    found = journey_state(_facts()).clock(ClockKind.CORE_GROUP)
    assert found is not None
    assert (found.due, found.state, found.held_on) == (FIRST_DUE, ClockState.OPEN, None)
    assert not found.is_overdue(FIRST_DUE)
    assert found.is_overdue(FIRST_DUE + dt.timedelta(days=1))


def test_the_next_is_due_weeks_after_the_last_held() -> None:
    held = _facts(_core(dt.date(2026, 6, 8)), _core(dt.date(2026, 7, 20)))
    found = journey_state(held).clock(ClockKind.CORE_GROUP)
    assert found is not None
    assert (found.due, found.held_on) == (dt.date(2026, 8, 31), dt.date(2026, 7, 20))
    found = journey_state(dataclasses.replace(held, core_group_weeks=4)).clock(ClockKind.CORE_GROUP)
    assert found is not None and found.due == dt.date(2026, 8, 17)


def test_a_core_group_only_scheduled_or_before_the_plan_does_not_count() -> None:
    facts = _facts(_core(dt.date(2026, 6, 8), MeetingStatus.SCHEDULED), _core(dt.date(2026, 5, 1)))
    found = journey_state(facts).clock(ClockKind.CORE_GROUP)
    assert found is not None and (found.due, found.held_on) == (FIRST_DUE, None)


def test_an_ended_plan_or_a_closed_case_runs_no_core_group_clock() -> None:
    assert journey_state(_facts(end=dt.date(2026, 6, 1))).clock(ClockKind.CORE_GROUP) is None
    closed = dataclasses.replace(_facts(), is_open=False)
    assert journey_state(closed).clock(ClockKind.CORE_GROUP) is None


# -- through the services ------------------------------------------------------
@pytest.fixture
def on_plan(tmp_path_factory: pytest.TempPathFactory, tmp_path: Path) -> Iterator[Workspace]:
    workspace = opened_copy(tmp_path_factory, tmp_path, "journey-after-icpc", after_icpc)
    yield workspace
    workspace.close()


def test_the_icpc_that_makes_the_plan_sets_the_first_core_group(on_plan: Workspace) -> None:
    child = the_child(on_plan)
    found = journey(on_plan, case_id=child.case_id).clock(ClockKind.CORE_GROUP)
    assert found is not None and found.due == FIRST_DUE and found.is_open
    # Home, the register and the timeline all show it.
    today = dt.date(2026, 6, 11)
    overdue = [i for i in deadlines(on_plan, today=today).overdue if i.kind.value == "core-group"]
    assert [(i.la_child_ref, i.due) for i in overdue] == [("TEST-0001", FIRST_DUE)]
    assert "First core group" in overdue[0].description
    rows = all_register_rows(on_plan, today=today)
    assert [r.overdue for r in rows] == [("core-group",)]
    assert all_register_rows(on_plan, today=FIRST_DUE)[0].overdue == ()
    pending = [
        s for s in case_timeline(on_plan, case_id=child.case_id).steps if s.stage == "core-group"
    ]
    assert [(s.due_date, s.status) for s in pending] == [(FIRST_DUE, "not scheduled")]


def test_a_core_group_needs_an_open_plan(
    tmp_path_factory: pytest.TempPathFactory, tmp_path: Path
) -> None:
    workspace = opened_copy(tmp_path_factory, tmp_path, "journey-after-strategy", after_strategy)
    try:
        with pytest.raises(ValidationError, match="child protection plan"):
            schedule(workspace, the_child(workspace), MeetingType.CORE_GROUP, FIRST_DUE)
        assert not [
            m
            for m in meeting_list.list_meetings(workspace)
            if m.meeting_type is MeetingType.CORE_GROUP
        ]
    finally:
        workspace.close()


def test_a_core_group_is_held_signed_off_and_minuted(on_plan: Workspace, tmp_path: Path) -> None:
    child = the_child(on_plan)
    meeting_id = schedule(on_plan, child, MeetingType.CORE_GROUP, dt.date(2026, 6, 9))
    invited = attendance.list_attendance(on_plan, meeting_id=meeting_id)
    assert {child.mother_id, child.father_id} <= {r.family_member_id for r in invited}
    hold(on_plan, meeting_id)
    information.save_agency_information(
        on_plan,
        meeting_id=meeting_id,
        agency_id=child.agency_ids["health"],
        information="Fictional progress: health visits are weekly and kept.",
    )
    actions.add_action(
        on_plan,
        meeting_id=meeting_id,
        description="Book the next core group.",
        owner_name="Sam Example-Social-Worker",
        owner_agency_id=child.agency_ids["social-care"],
        due_date=dt.date(2026, 6, 16),
    )
    close(on_plan, meeting_id)
    signoff.sign_off(on_plan, meeting_id=meeting_id)
    assert meetings.get_meeting(on_plan, meeting_id=meeting_id).status is MeetingStatus.SIGNED_OFF
    found = journey(on_plan, case_id=child.case_id).clock(ClockKind.CORE_GROUP)
    assert found is not None
    assert (found.due, found.held_on) == (dt.date(2026, 7, 21), dt.date(2026, 6, 9))
    with pytest.raises(ValidationError, match="between 1 and 26"):
        settings.set_named_setting(on_plan, name="core-group-weeks", value="0")
    settings.set_named_setting(on_plan, name="core-group-weeks", value="4")
    found = journey(on_plan, case_id=child.case_id).clock(ClockKind.CORE_GROUP)
    assert found is not None and found.due == dt.date(2026, 7, 7)
    exported = export_minutes(on_plan, meeting_id=meeting_id, target=tmp_path / "cg.docx")
    text = "\n".join(p.text for p in docx.Document(str(exported.path)).paragraphs)
    tables = "\n".join(
        cell.text
        for table in docx.Document(str(exported.path)).tables
        for row in table.rows
        for cell in row.cells
    )
    assert "Core group meeting minutes" in text
    assert "Progress against the child protection plan, by agency" in text
    assert "health visits are weekly" in text + tables
    assert "Book the next core group." in text + tables


def test_macpt_deadlines_json_lists_the_core_group(
    on_plan: Workspace, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    path = on_plan.path
    on_plan.close()
    listed: dict[str, list[dict[str, str]]] = {}
    for today, state in (("2026-06-05", "due-this-week"), ("2026-06-11", "overdue")):
        monkeypatch.setattr(sys, "stdin", io.StringIO(PASSPHRASE + "\n"))
        args = ["deadlines", "--workspace", str(path), "--json", "--today", today]
        code = main([*args, "--passphrase-stdin"])
        out, err = capsys.readouterr()
        assert (code, err) == (0, "")
        listed[state] = [i for i in json.loads(out) if i["kind"] == "core-group"]
        assert [(i["child"], i["due"], i["state"]) for i in listed[state]] == [
            ("TEST-0001", FIRST_DUE.isoformat(), state)
        ]
