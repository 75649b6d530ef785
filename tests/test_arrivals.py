"""Pre-birth and transfer-in conferences: the rules on fixed dates (bank holidays
included), then the services, Home, the register, the timeline, ``macpt`` and the
minutes' titles over a real workspace.

Bank holidays: Christmas Day 2026 is a Friday, Boxing Day a Saturday (so Monday
28 December is its substitute day), and 1 January 2027 a Friday.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import io
import json
import sys
from pathlib import Path

import pytest
from sqlalchemy import select

from app.cli import main
from app.errors import ValidationError
from app.models import (
    AuditEntry,
    Child,
    ChildBirthRecord,
    MeetingStatus,
    MeetingType,
    PlanCategory,
)
from app.services import cases, records
from app.services.arrivals import (
    case_arrivals,
    conference_title,
    record_birth,
    record_transfer_in,
)
from app.services.clocks import journey
from app.services.deadlines import DeadlineKind, deadlines
from app.services.journey.timeline import case_timeline
from app.services.register import OVERDUE_LABELS, all_register_rows
from app.services.settings import set_named_setting
from app.storage.workspace import Workspace
from app.workdays import WorkingCalendar
from app.workflow.arrivals import conference_kind
from app.workflow.clocks import (
    CaseFacts,
    ClockKind,
    ClockState,
    MeetingFact,
    PlanFact,
    journey_state,
)
from tests.conftest import PASSPHRASE
from tests.helpers.journey_records import JourneyBuilder

D = dt.date
MOMENT = dt.datetime(2026, 8, 1, tzinfo=dt.UTC)
TODAY = D(2026, 11, 23)  # the fixed clock's day (tests/conftest.py)


def meeting(kind: MeetingType, day: dt.date, n: int, held: bool = True) -> MeetingFact:
    status = MeetingStatus.CLOSED if held else MeetingStatus.SCHEDULED
    return MeetingFact(f"m{n}", kind, day, status, MOMENT + dt.timedelta(seconds=n))


def facts(
    *meetings: MeetingFact,
    plan_from: dt.date | None = None,
    born: dt.date | None = None,
    unborn: bool = False,
    moved: dt.date | None = None,
    is_open: bool = True,
) -> CaseFacts:
    plans = ()
    if plan_from is not None:
        plans = (PlanFact("p1", plan_from, None, None, "m1", MOMENT),)
    return CaseFacts(
        "c1",
        "ARR0001",
        is_open,
        None,
        meetings,
        {},
        (),
        plans,
        unborn=unborn,
        born_on=born,
        transfer_in_on=moved,
    )


def clock(case: CaseFacts, kind: ClockKind) -> tuple[dt.date, ClockState, dt.date | None] | None:
    found = journey_state(case).clock(kind)
    return (found.due, found.state, found.held_on) if found is not None else None


PRE_BIRTH_ICPC = meeting(MeetingType.ICPC, D(2026, 11, 2), 1)


def test_the_first_review_is_due_ten_working_days_after_the_birth_over_christmas() -> None:
    # Born Thursday 17 December: 18, 21, 22, 23, 24, (25, 28 bank holidays) 29, 30, 31,
    # (1 January) 4 and 5 January.
    case = facts(PRE_BIRTH_ICPC, plan_from=D(2026, 11, 2), born=D(2026, 12, 17))
    assert clock(case, ClockKind.BIRTH_REVIEW) == (D(2027, 1, 5), ClockState.OPEN, None)
    found = journey_state(case).clock(ClockKind.BIRTH_REVIEW)
    assert found is not None and found.since == D(2026, 12, 17)
    assert not found.is_overdue(D(2027, 1, 5)) and found.is_overdue(D(2027, 1, 6))
    # The area's own rule and closure days count.
    local = dataclasses.replace(
        case, birth_review_working_days=5, calendar=WorkingCalendar([D(2026, 12, 18)])
    )
    # 5 working days, the 18th closed: 21, 22, 23, 24 and 29 December.
    assert clock(local, ClockKind.BIRTH_REVIEW) == (D(2026, 12, 29), ClockState.OPEN, None)


def test_a_review_conference_after_the_birth_meets_it() -> None:
    review = meeting(MeetingType.RCPC, D(2027, 1, 4), 2)
    case = facts(PRE_BIRTH_ICPC, review, plan_from=D(2026, 11, 2), born=D(2026, 12, 17))
    assert clock(case, ClockKind.BIRTH_REVIEW) == (D(2027, 1, 5), ClockState.HELD, D(2027, 1, 4))
    # A review held before the birth does not.
    early = meeting(MeetingType.RCPC, D(2026, 12, 1), 2)
    case = facts(PRE_BIRTH_ICPC, early, plan_from=D(2026, 11, 2), born=D(2026, 12, 17))
    assert clock(case, ClockKind.BIRTH_REVIEW) == (D(2027, 1, 5), ClockState.OPEN, None)


def test_no_birth_review_without_a_pre_birth_conference_a_plan_or_a_birth() -> None:
    after = meeting(MeetingType.ICPC, D(2026, 12, 20), 1)
    assert (
        clock(facts(after, plan_from=D(2026, 12, 20), born=D(2026, 12, 17)), ClockKind.BIRTH_REVIEW)
        is None
    )
    assert clock(facts(PRE_BIRTH_ICPC, born=D(2026, 12, 17)), ClockKind.BIRTH_REVIEW) is None
    unborn = facts(PRE_BIRTH_ICPC, plan_from=D(2026, 11, 2), unborn=True)
    assert clock(unborn, ClockKind.BIRTH_REVIEW) is None
    # As the records stood before the birth, there was no birth to count from.
    born = facts(PRE_BIRTH_ICPC, plan_from=D(2026, 11, 2), born=D(2026, 12, 17))
    assert clock(born.as_of(D(2026, 12, 16)), ClockKind.BIRTH_REVIEW) is None
    assert born.as_of(D(2026, 12, 16)).unborn


def test_which_conferences_are_pre_birth() -> None:
    unborn = facts(PRE_BIRTH_ICPC, unborn=True)
    assert conference_kind(unborn, PRE_BIRTH_ICPC) == "pre-birth"
    born = facts(PRE_BIRTH_ICPC, born=D(2026, 11, 2))
    assert conference_kind(born, PRE_BIRTH_ICPC) is None  # held on the day of the birth
    born_later = facts(PRE_BIRTH_ICPC, born=D(2026, 11, 3))
    assert conference_kind(born_later, PRE_BIRTH_ICPC) == "pre-birth"
    assert conference_kind(facts(PRE_BIRTH_ICPC), PRE_BIRTH_ICPC) is None
    review = meeting(MeetingType.RCPC, D(2026, 11, 2), 2)
    assert conference_kind(facts(review, unborn=True), review) is None


def test_the_transfer_in_conference_is_due_fifteen_working_days_on() -> None:
    # Notified Monday 14 December: 15 … 24 (8), 29, 30, 31 (11), 4 … 7 January (15).
    case = facts(moved=D(2026, 12, 14))
    assert clock(case, ClockKind.TRANSFER_IN) == (D(2027, 1, 7), ClockState.OPEN, None)
    assert not journey_state(case).in_register  # no enquiry or plan here yet
    icpc = meeting(MeetingType.ICPC, D(2027, 1, 8), 1)
    held = facts(icpc, moved=D(2026, 12, 14))
    assert clock(held, ClockKind.TRANSFER_IN) == (D(2027, 1, 7), ClockState.HELD, D(2027, 1, 8))
    assert conference_kind(held, icpc) == "transfer-in"
    booked = meeting(MeetingType.ICPC, D(2027, 1, 6), 2, held=False)
    assert clock(facts(booked, moved=D(2026, 12, 14)), ClockKind.TRANSFER_IN)[1] is ClockState.OPEN  # type: ignore[index]
    # An earlier conference (before the move) is not the transfer-in conference.
    earlier = meeting(MeetingType.ICPC, D(2026, 6, 1), 3)
    assert conference_kind(facts(earlier, moved=D(2026, 12, 14)), earlier) is None
    assert clock(facts(moved=D(2026, 12, 14), is_open=False), ClockKind.TRANSFER_IN) == (
        D(2027, 1, 7),
        ClockState.CLOSED,
        None,
    )


# -- over a workspace ----------------------------------------------------------------


@pytest.fixture
def unborn_case(workspace: Workspace) -> str:
    return cases.create_case(
        workspace,
        la_child_ref="ARR0001",
        last_name="Imaginary",
        expected_date_of_birth=D(2026, 12, 1),
        opened_on=D(2026, 9, 1),
    ).case_id


def _pre_birth_plan(workspace: Workspace, case_id: str) -> None:
    with workspace.transaction() as session:
        builder = JourneyBuilder(session)
        from app.models import CaseEpisode

        case = session.get(CaseEpisode, case_id)
        assert case is not None
        icpc = builder.meeting(case, MeetingType.ICPC, D(2026, 10, 5))
        builder.plan(
            case, icpc, D(2026, 10, 5), PlanCategory.NEGLECT, next_review_due=D(2027, 1, 5)
        )


def test_recording_the_birth_keeps_the_child_and_names_them(
    workspace: Workspace, unborn_case: str
) -> None:
    child_id = cases.get_case(workspace, case_id=unborn_case).child_id
    row = record_birth(workspace, case_id=unborn_case, born_on=D(2026, 11, 6), first_name="Robin")
    assert (row.child_id, row.born_on, row.name_before) == (child_id, D(2026, 11, 6), "Imaginary")
    detail = cases.get_case(workspace, case_id=unborn_case)
    assert (detail.child_id, detail.child_name, detail.date_of_birth) == (
        child_id,
        "Robin Imaginary",
        D(2026, 11, 6),
    )
    assert case_arrivals(workspace, case_id=unborn_case).birth == row
    with workspace.reading() as session:
        audited = set(session.scalars(select(AuditEntry.record_table)))
        assert {"child_birth_record", "child"} <= audited
        assert session.scalar(select(ChildBirthRecord.recorded_by)) == "Test Chair"
        assert session.get(Child, child_id) is not None
    with pytest.raises(ValidationError, match="already recorded"):
        record_birth(workspace, case_id=unborn_case, born_on=D(2026, 11, 6))


def test_a_birth_is_refused_in_the_future_or_for_a_child_already_born(
    workspace: Workspace, unborn_case: str
) -> None:
    with pytest.raises(ValidationError, match="still to come"):
        record_birth(workspace, case_id=unborn_case, born_on=TODAY + dt.timedelta(days=1))
    born = cases.create_case(workspace, la_child_ref="ARR0002", date_of_birth=D(2020, 1, 1))
    with pytest.raises(ValidationError, match="not recorded as unborn"):
        record_birth(workspace, case_id=born.case_id, born_on=D(2026, 11, 1))


def test_home_the_register_and_the_timeline_follow_the_first_review_after_birth(
    workspace: Workspace, unborn_case: str
) -> None:
    _pre_birth_plan(workspace, unborn_case)
    # Born Friday 6 November: ten working days on is Friday 20 November.
    record_birth(workspace, case_id=unborn_case, born_on=D(2026, 11, 6))
    found = journey(workspace, case_id=unborn_case).clock(ClockKind.BIRTH_REVIEW)
    assert found is not None and found.due == D(2026, 11, 20)
    overdue = {(i.la_child_ref, i.kind, i.due) for i in deadlines(workspace, today=TODAY).overdue}
    assert ("ARR0001", DeadlineKind.BIRTH_REVIEW, D(2026, 11, 20)) in overdue
    rows = {r.child: r.overdue for r in all_register_rows(workspace, today=TODAY)}
    assert rows["ARR0001"] == ("birth-review",)
    assert {r.child: r.overdue for r in all_register_rows(workspace, today=D(2026, 11, 20))}[
        "ARR0001"
    ] == ()
    assert OVERDUE_LABELS["birth-review"] == "First review after the birth"
    steps = [s for s in case_timeline(workspace, case_id=unborn_case).steps]
    line = next(s for s in steps if s.stage == "birth-review")
    assert (line.label, line.due_date, line.status, line.met) == (
        "First review conference after the birth",
        D(2026, 11, 20),
        "not held yet",
        False,
    )
    # The area's own rule moves it: 15 working days from 6 November is 27 November.
    set_named_setting(workspace, name="birth-review-working-days", value="15")
    found = journey(workspace, case_id=unborn_case).clock(ClockKind.BIRTH_REVIEW)
    assert found is not None and found.due == D(2026, 11, 27)
    assert {r.child: r.overdue for r in all_register_rows(workspace, today=TODAY)}["ARR0001"] == ()


def test_a_date_of_birth_corrected_on_the_case_page_moves_the_first_review_everywhere(
    workspace: Workspace, unborn_case: str
) -> None:
    """The birth record says the baby was born; the date is the child's own, so a
    correction on the case page reaches Home, the register and the timeline alike."""
    _pre_birth_plan(workspace, unborn_case)
    record_birth(workspace, case_id=unborn_case, born_on=D(2026, 11, 6))
    child_id = cases.get_case(workspace, case_id=unborn_case).child_id
    # Typed wrongly: the baby was born on Friday 13 November, not the 6th.
    records.save_field(
        workspace, table="child", record_id=child_id, field="date_of_birth", value=D(2026, 11, 13)
    )
    found = journey(workspace, case_id=unborn_case).clock(ClockKind.BIRTH_REVIEW)
    assert found is not None and found.due == D(2026, 11, 27)
    home = {(i.la_child_ref, i.kind) for i in deadlines(workspace, today=TODAY).overdue}
    assert ("ARR0001", DeadlineKind.BIRTH_REVIEW) not in home
    assert {r.child: r.overdue for r in all_register_rows(workspace, today=TODAY)}["ARR0001"] == ()
    line = next(
        s for s in case_timeline(workspace, case_id=unborn_case).steps if s.stage == "birth-review"
    )
    assert line.due_date == D(2026, 11, 27)
    # The case page's birth line says the same date.
    birth = case_arrivals(workspace, case_id=unborn_case).birth
    assert birth is not None and birth.born_on == D(2026, 11, 13)


def test_the_pre_birth_conference_is_titled_so(workspace: Workspace, unborn_case: str) -> None:
    _pre_birth_plan(workspace, unborn_case)
    detail = cases.get_case(workspace, case_id=unborn_case)
    icpc = detail.meetings[0].id
    title = "Pre-birth initial child protection conference"
    assert conference_title(workspace, case_id=unborn_case, meeting_id=icpc) == title
    record_birth(workspace, case_id=unborn_case, born_on=D(2026, 11, 6), first_name="Robin")
    # Still a pre-birth conference after the birth: it was held before it.
    assert conference_title(workspace, case_id=unborn_case, meeting_id=icpc) == title


@pytest.fixture
def moved_in(workspace: Workspace) -> str:
    case_id = cases.create_case(
        workspace, la_child_ref="ARR0003", date_of_birth=D(2019, 3, 3), opened_on=D(2026, 10, 1)
    ).case_id
    record_transfer_in(
        workspace, case_id=case_id, received_on=D(2026, 10, 26), from_area="Northshire"
    )
    return case_id


def test_home_and_the_timeline_follow_the_transfer_in_conference(
    workspace: Workspace, moved_in: str
) -> None:
    # Notified Monday 26 October: 15 working days on is Monday 16 November.
    arrivals = case_arrivals(workspace, case_id=moved_in)
    assert arrivals.transfer_in is not None and arrivals.transfer_in.from_area == "Northshire"
    overdue = deadlines(workspace, today=TODAY).overdue
    item = next(i for i in overdue if i.kind is DeadlineKind.TRANSFER_IN)
    assert (item.la_child_ref, item.due) == ("ARR0003", D(2026, 11, 16))
    assert "Monday 26 October 2026" in item.description
    line = next(
        s for s in case_timeline(workspace, case_id=moved_in).steps if s.stage == "transfer-in"
    )
    assert (line.label, line.due_date, line.met) == (
        "Transfer-in child protection conference",
        D(2026, 11, 16),
        False,
    )
    # Correcting the notification moves the clock.
    record_transfer_in(
        workspace, case_id=moved_in, received_on=D(2026, 11, 9), from_area="Northshire"
    )
    found = journey(workspace, case_id=moved_in).clock(ClockKind.TRANSFER_IN)
    assert found is not None and found.due == D(2026, 11, 30)
    with pytest.raises(ValidationError, match="area"):
        record_transfer_in(workspace, case_id=moved_in, received_on=D(2026, 11, 9), from_area=" ")


def test_the_register_flags_a_late_transfer_in_conference_of_a_child_on_a_plan(
    workspace: Workspace,
) -> None:
    with workspace.transaction() as session:
        builder = JourneyBuilder(session)
        case = builder.child("ARR0004", opened_on=D(2026, 6, 1))
        builder.plan(case, None, D(2026, 7, 1), PlanCategory.NEGLECT)
        case_id = case.id
    record_transfer_in(workspace, case_id=case_id, received_on=D(2026, 10, 26), from_area="X")
    flags = {
        today: {r.child: r.overdue for r in all_register_rows(workspace, today=today)}["ARR0004"]
        for today in (D(2026, 11, 16), D(2026, 11, 17))
    }
    assert flags == {D(2026, 11, 16): (), D(2026, 11, 17): ("transfer-in",)}
    assert OVERDUE_LABELS["transfer-in"] == "Transfer-in conference"


def run(
    workspace: Workspace,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    *args: str,
) -> tuple[int, str, str]:
    monkeypatch.setattr(sys, "stdin", io.StringIO(PASSPHRASE + "\n"))
    capsys.readouterr()
    try:
        code = main([*args, "--workspace", str(workspace.path), "--passphrase-stdin"])
    except SystemExit as exit_:
        code = int(exit_.code or 0)
    out, err = capsys.readouterr()
    return code, out, err


def test_macpt_records_the_birth_and_the_transfer_in(
    workspace: Workspace,
    unborn_case: str,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    _pre_birth_plan(workspace, unborn_case)
    moved = cases.create_case(workspace, la_child_ref="ARR0005", date_of_birth=D(2019, 3, 3))
    workspace.close()
    code, out, err = run(
        workspace,
        monkeypatch,
        capsys,
        "birth",
        "--case",
        unborn_case,
        "--born",
        "2026-11-06",
        "--first-name",
        "Robin",
    )
    assert (code, err) == (0, "")
    assert "born on Friday 6 November 2026" in out
    assert "due by Friday 20 November 2026" in out
    code, out, err = run(
        workspace,
        monkeypatch,
        capsys,
        "transfer-in",
        "--case",
        moved.case_id,
        "--received",
        "2026-11-20",
        "--from",
        "Northshire",
    )
    assert (code, err) == (0, "")
    assert "due by Friday 11 December 2026" in out
    code, out, err = run(workspace, monkeypatch, capsys, "deadlines", "--json")
    assert code == 0
    kinds = {(i["child"], i["kind"], i["state"]) for i in json.loads(out)}
    assert ("ARR0001", "birth-review", "overdue") in kinds
    code, out, err = run(
        workspace, monkeypatch, capsys, "birth", "--case", unborn_case, "--born", "2026-11-06"
    )
    assert code == 1 and "already recorded" in err
    code, out, err = run(
        workspace, monkeypatch, capsys, "settings", "get", "birth-review-working-days"
    )
    assert code == 0


def test_the_report_counts_transfer_in_conferences_apart(
    workspace: Workspace, moved_in: str, tmp_path: Path
) -> None:
    from app.exporters.report_csv import write_report_csv
    from app.services.reporting import Share, report_figures

    with workspace.transaction() as session:
        from app.models import CaseEpisode

        case = session.get(CaseEpisode, moved_in)
        assert case is not None
        builder = JourneyBuilder(session)
        # Notified 26 October: due 16 November; held on 13 November, in time.
        builder.meeting(case, MeetingType.ICPC, D(2026, 11, 13))
        # An initial conference that followed no enquiry and no move stays apart.
        other = builder.child("ARR0006", opened_on=D(2026, 9, 1))
        builder.meeting(other, MeetingType.ICPC, D(2026, 11, 2))
    figures = report_figures(workspace, start=D(2026, 4, 1), end=D(2027, 3, 31))
    assert figures.transfer_in_conferences == Share(1, 1)
    assert figures.icpcs_without_strategy == 1
    assert figures.icpc_within_15_days.whole == 0
    title = "Transfer-in child protection conference"
    icpc = cases.get_case(workspace, case_id=moved_in).meetings[0].id
    assert conference_title(workspace, case_id=moved_in, meeting_id=icpc) == title
    out = tmp_path / "report.csv"
    write_report_csv(figures, out)
    assert "Transfer-in conferences,Within 15 working days of the notification,1," in (
        out.read_text(encoding="utf-8-sig")
    )


def test_the_timeline_dates_the_conferences_themselves_once_held(
    workspace: Workspace, unborn_case: str, moved_in: str
) -> None:
    _pre_birth_plan(workspace, unborn_case)
    record_birth(workspace, case_id=unborn_case, born_on=D(2026, 11, 6))
    with workspace.transaction() as session:
        from app.models import CaseEpisode

        builder = JourneyBuilder(session)
        baby, moved = session.get(CaseEpisode, unborn_case), session.get(CaseEpisode, moved_in)
        assert baby is not None and moved is not None
        builder.meeting(baby, MeetingType.RCPC, D(2026, 11, 19))
        builder.meeting(moved, MeetingType.ICPC, D(2026, 11, 17))
    steps = case_timeline(workspace, case_id=unborn_case).steps
    assert [(s.stage, s.due_date, s.met) for s in steps if s.meeting_id] == [
        ("icpc", None, None),
        ("rcpc", D(2026, 11, 20), True),
    ]
    assert steps[0].note == "Pre-birth conference: the baby was not yet born"
    assert "birth-review" not in {s.stage for s in steps}
    steps = case_timeline(workspace, case_id=moved_in).steps
    assert [(s.stage, s.due_date, s.met) for s in steps] == [("icpc", D(2026, 11, 16), False)]
    assert steps[0].note.startswith("Transfer-in conference")


def test_the_demo_has_a_baby_from_pre_birth_conference_to_first_review_and_a_transfer_in(
    tmp_path_factory: pytest.TempPathFactory, tmp_path: Path
) -> None:
    from app.services.workspace import open_workspace
    from tests.helpers import workspaces

    source = workspaces.template("demo", tmp_path_factory.mktemp, workspaces.demo)
    path = workspaces.copy_workspace(source, tmp_path / "demo.macpt")
    with open_workspace(path, PASSPHRASE) as demo:
        found = {}
        for ref in ("DEMO0801", "DEMO0802"):
            state = journey(demo, case_id=case_timeline_id(demo, ref))
            found[ref] = state
        baby, moved = found["DEMO0801"], found["DEMO0802"]
        after = baby.clock(ClockKind.BIRTH_REVIEW)
        assert after is not None and after.state is ClockState.HELD
        assert after.held_on is not None and after.held_on <= after.due
        transfer = moved.clock(ClockKind.TRANSFER_IN)
        assert transfer is not None and transfer.state is ClockState.HELD
        assert transfer.held_on is not None and transfer.held_on <= transfer.due
        detail = cases.get_case(demo, case_id=baby.case_id)
        assert detail.child_name == "Poppy Storybook"
        icpcs = {
            ref: next(
                m.id
                for m in cases.get_case(demo, case_id=s.case_id).meetings
                if m.meeting_type == "icpc"
            )
            for ref, s in found.items()
        }
        assert conference_title(demo, case_id=baby.case_id, meeting_id=icpcs["DEMO0801"]) == (
            "Pre-birth initial child protection conference"
        )
        assert conference_title(demo, case_id=moved.case_id, meeting_id=icpcs["DEMO0802"]) == (
            "Transfer-in child protection conference"
        )


def case_timeline_id(workspace: Workspace, ref: str) -> str:
    from app.models import CaseEpisode

    with workspace.reading() as session:
        found = session.scalar(
            select(CaseEpisode.id)
            .join(Child, Child.id == CaseEpisode.child_id)
            .where(Child.la_child_ref == ref)
        )
    assert found is not None
    return found


def test_every_journey_clock_has_a_register_label_a_column_and_a_deadline_kind() -> None:
    from app.ui.register.cells import OVERDUE_COLUMN
    from app.workflow.clocks import JOURNEY_KINDS

    kinds = {kind.value for kind in JOURNEY_KINDS}
    assert set(OVERDUE_COLUMN) == set(OVERDUE_LABELS) == kinds
    assert kinds <= {kind.value for kind in DeadlineKind}
