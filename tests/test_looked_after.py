"""Looked-after children: the rules, the service, the IRO's invitation, the care plan's
section of the conference record and its minutes, and ``macpt looked-after``."""

from __future__ import annotations

import datetime as dt
import io
import json
import sys
from pathlib import Path

import docx
import pytest
from sqlalchemy import select

from app.cli import main
from app.errors import InvalidField, NotFound, ValidationError
from app.exporters.minutes import export_minutes
from app.models import AuditEntry, MeetingType, PlacementType
from app.services import meeting_list, meetings
from app.services.conduct import agenda, attendance, closing
from app.services.conduct.carry_over import previous_invitees
from app.services.conduct.restriction import set_restriction
from app.services.looked_after import conference_alignment, looked_after, record_looked_after
from app.storage.workspace import Workspace
from app.workdays import WorkingCalendar
from app.workflow.looked_after import IRO_ROLE, alignment, record_problems, review_to_align
from app.workflow.sections import missing_items
from tests.conftest import PASSPHRASE
from tests.test_minutes_journey_sample import _child, on

D = dt.date
TODAY = D(2026, 11, 23)
IRO = "Robin Test-Reviewer"
CARE_PLAN = "How the child protection plan and the care plan fit together"
FIT = "CARE-PLAN-CANARY: one set of actions for both plans (test)."


def _problems(**given: object) -> list[str]:
    values: dict[str, object] = {
        "looked_after": True,
        "iro_name": IRO,
        "iro_contact": "01632 960222",
        "placement_set": True,
        "looked_after_since": D(2026, 6, 1),
        "review_dates": [D(2026, 12, 7)],
        "today": TODAY,
    }
    return record_problems(**{**values, **given})  # type: ignore[arg-type]


def test_a_whole_record_has_no_problems() -> None:
    assert _problems() == []
    assert _problems(looked_after=False, iro_name="", iro_contact="", placement_set=False,
                     review_dates=[]) == []  # fmt: skip


@pytest.mark.parametrize(
    ("given", "words"),
    [
        ({"looked_after": False}, "only for a looked-after child"),
        ({"iro_name": ""}, "Give the IRO's name"),
        ({"looked_after_since": D(2026, 11, 24)}, "a date still to come"),
        ({"review_dates": [D(2026, 5, 1)]}, "cannot be before the child became looked after"),
    ],
)
def test_each_problem_is_named(given: dict[str, object], words: str) -> None:
    assert any(words in p for p in _problems(**given))


def test_alignment_counts_working_days_to_the_nearest_later_review() -> None:
    calendar = WorkingCalendar()
    reviews = [D(2026, 9, 1), D(2026, 12, 7), D(2027, 3, 1)]
    assert review_to_align(reviews, D(2026, 12, 1)) == D(2026, 12, 7)
    assert review_to_align(reviews, D(2027, 6, 1)) == D(2027, 3, 1)
    assert review_to_align([], D(2027, 6, 1)) is None
    near = alignment(reviews, D(2026, 12, 1), calendar)
    assert near is not None and near.working_days_apart == 4 and near.aligned
    assert "4 working days from" in near.message and "consider" not in near.message
    # 25 December to 4 January: the bank holidays are not working days.
    far = alignment([D(2027, 1, 29)], D(2026, 12, 14), calendar)
    assert far is not None and not far.aligned
    assert "more than 10 working days apart" in far.message
    same = alignment(reviews, D(2026, 12, 7), calendar)
    assert same is not None and "the same day" in same.message


@pytest.fixture
def case_id(workspace: Workspace) -> str:
    return _child(workspace, "LAC-T1").case_id


def _record(workspace: Workspace, case_id: str, **given: object) -> object:
    values: dict[str, object] = {
        "case_id": case_id,
        "looked_after": True,
        "kinship_care": True,
        "iro_name": IRO,
        "iro_contact": "01632 960222",
        "placement_type": PlacementType.FOSTER_FAMILY_OR_FRIENDS,
        "looked_after_since": D(2026, 6, 1),
        "review_dates": [D(2027, 3, 1), D(2026, 12, 7)],
    }
    return record_looked_after(workspace, **{**values, **given})  # type: ignore[arg-type]


def test_the_record_is_kept_read_back_and_audited(workspace: Workspace, case_id: str) -> None:
    assert not looked_after(workspace, case_id=case_id).looked_after
    _record(workspace, case_id)
    found = looked_after(workspace, case_id=case_id)
    assert found.looked_after and found.kinship_care
    assert (found.iro_name, found.placement_type) == (IRO, PlacementType.FOSTER_FAMILY_OR_FRIENDS)
    assert found.review_dates == (D(2026, 12, 7), D(2027, 3, 1))
    assert found.next_review(TODAY) == D(2026, 12, 7)
    assert (
        found.as_json()["placement"]
        == "Foster care with a relative or friend (kinship foster care)"
    )
    # Replacing the dates takes off the old one and keeps the other.
    _record(workspace, case_id, review_dates=[D(2027, 3, 1), D(2027, 6, 1)])
    assert looked_after(workspace, case_id=case_id).review_dates == (D(2027, 3, 1), D(2027, 6, 1))
    with workspace.reading() as session:
        logged = {(e.record_table, e.action) for e in session.scalars(select(AuditEntry))}
    assert {("looked_after_record", "create"), ("case_episode", "update")} <= logged
    assert {("looked_after_review", "create"), ("looked_after_review", "delete")} <= logged


def test_the_service_refuses_what_the_rules_refuse(workspace: Workspace, case_id: str) -> None:
    with pytest.raises(ValidationError, match="only for a looked-after child"):
        _record(workspace, case_id, looked_after=False)
    with pytest.raises(InvalidField):
        _record(workspace, case_id, placement_type="a-tent")
    with pytest.raises(NotFound):
        _record(workspace, "no-such-case")
    assert not looked_after(workspace, case_id=case_id).looked_after


def _conference(workspace: Workspace, case_id: str, kind: MeetingType = MeetingType.ICPC) -> str:
    on(D(2026, 12, 1), 9)
    return meetings.schedule_meeting(
        workspace, case_id=case_id, meeting_type=kind, scheduled_date=D(2026, 12, 1)
    ).id


def test_the_iro_is_invited_to_conferences_and_the_agenda_has_the_care_plan(
    workspace: Workspace, case_id: str
) -> None:
    _record(workspace, case_id)
    icpc = _conference(workspace, case_id)
    invited = attendance.list_attendance(workspace, meeting_id=icpc)
    assert [(r.name, r.role) for r in invited if r.name == IRO] == [(IRO, IRO_ROLE)]
    titles = [i.title for i in agenda.list_agenda(workspace, meeting_id=icpc)]
    assert CARE_PLAN in titles
    strategy = _conference(workspace, case_id, MeetingType.STRATEGY)
    assert IRO not in {r.name for r in attendance.list_attendance(workspace, meeting_id=strategy)}
    assert CARE_PLAN not in [i.title for i in agenda.list_agenda(workspace, meeting_id=strategy)]
    alignment_now = conference_alignment(workspace, case_id=case_id, conference_on=D(2026, 12, 1))
    assert alignment_now is not None and alignment_now.review_on == D(2026, 12, 7)
    # Inviting the last meeting's people again does not invite the IRO twice.
    previous = previous_invitees(workspace, case_id=case_id)
    assert previous is not None and any(IRO in p.label for p in previous.invitees)
    rcpc = meetings.schedule_meeting(
        workspace,
        case_id=case_id,
        meeting_type=MeetingType.RCPC,
        scheduled_date=D(2027, 3, 1),
        carry_attendance_ids=[p.attendance_id for p in previous.invitees],
    ).id
    names = [r.name for r in attendance.list_attendance(workspace, meeting_id=rcpc)]
    assert names.count(IRO) == 1


def test_a_child_not_looked_after_has_neither(workspace: Workspace, case_id: str) -> None:
    icpc = _conference(workspace, case_id)
    assert IRO_ROLE not in {r.role for r in attendance.list_attendance(workspace, meeting_id=icpc)}
    assert CARE_PLAN not in [i.title for i in agenda.list_agenda(workspace, meeting_id=icpc)]
    assert conference_alignment(workspace, case_id=case_id, conference_on=TODAY) is None
    assert missing_items(MeetingType.RCPC, [], looked_after=True)[-1].key == "care-plan"
    assert "care-plan" not in {s.key for s in missing_items(MeetingType.RCPC, [])}


def _text(path: Path) -> str:
    document = docx.Document(str(path))
    cells = [c.text for t in document.tables for row in t.rows for c in row.cells]
    return "\n".join([p.text for p in document.paragraphs] + cells)


def test_the_care_plan_section_blocks_closing_and_reaches_the_minutes(
    workspace: Workspace, case_id: str, tmp_path: Path
) -> None:
    _record(workspace, case_id)
    icpc = _conference(workspace, case_id)
    on(D(2026, 12, 1), 10)
    closing.start_meeting(workspace, meeting_id=icpc)
    blockers = closing.closing_summary(workspace, meeting_id=icpc).blockers
    assert any(CARE_PLAN in b.message for b in blockers)
    item = next(i for i in agenda.list_agenda(workspace, meeting_id=icpc) if i.title == CARE_PLAN)
    agenda.save_agenda_notes(workspace, item_id=item.id, notes=FIT)
    blockers = closing.closing_summary(workspace, meeting_id=icpc).blockers
    assert not any(CARE_PLAN in b.message for b in blockers)
    for family in (False, True):
        target = tmp_path / f"icpc-{family}.docx"
        export_minutes(workspace, meeting_id=icpc, target=target, family_copy=family)
        text = _text(target)
        assert CARE_PLAN in text and FIT in text
    set_restriction(
        workspace,
        meeting_id=icpc,
        record_table="agenda_item",
        record_id=item.id,
        field="notes",
        restricted=True,
    )
    target = tmp_path / "icpc-restricted.docx"
    export_minutes(workspace, meeting_id=icpc, target=target, family_copy=True)
    assert FIT not in _text(target)


def _run(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], *args: str
) -> tuple[int, str, str]:
    monkeypatch.setattr(sys, "stdin", io.StringIO(PASSPHRASE + "\n"))
    code = main(["looked-after", *args, "--passphrase-stdin"])
    out, err = capsys.readouterr()
    return code, out, err


def test_macpt_records_and_shows_the_child_s_care(
    workspace: Workspace,
    workspace_path: Path,
    case_id: str,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    workspace.close()
    on(TODAY)
    where = ("--child", "LAC-T1", "--workspace", str(workspace_path))
    code, out, err = _run(
        monkeypatch, capsys, "record", *where, "--looked-after", "yes", "--iro", IRO,
        "--placement", "foster-other", "--since", "2026-06-01",
        "--review", "2026-12-07", "--review", "2027-03-01",
    )  # fmt: skip
    assert (code, err) == (0, "")
    assert "Foster care with another foster carer (SSDA903 U4, U5, U6)" in out
    code, out, err = _run(monkeypatch, capsys, "show", *where, "--conference", "2026-12-03")
    assert code == 0
    assert "Monday 7 December 2026" in out and "more than 10 working days" not in out
    code, out, err = _run(monkeypatch, capsys, "show", *where, "--json", "--conference",
                          "2026-11-02")  # fmt: skip
    found = json.loads(out)
    assert found["iro_name"] == IRO and found["placement_type"] == "foster-other"
    assert found["alignment"] == {
        "conference_on": "2026-11-02",
        "review_on": "2026-12-07",
        "working_days_apart": 25,
        "aligned": False,
    }
    # Only what is given changes: the IRO stays, the placement is cleared.
    code, out, err = _run(monkeypatch, capsys, "record", *where, "--placement", "none")
    assert code == 0 and IRO in out and "Placement:       not recorded" in out
    code, out, err = _run(monkeypatch, capsys, "record", *where, "--looked-after", "no")
    assert code != 0 and "only for a looked-after child" in err
    code, out, err = _run(monkeypatch, capsys, "show", "--child", "NOPE", "--workspace",
                          str(workspace_path))  # fmt: skip
    assert code == 2 and "NOPE" in err


def test_the_demo_has_a_looked_after_child_whose_conferences_sit_beside_the_reviews(
    demo_workspace: Workspace,
) -> None:
    from app.services.consultations import case_for_reference
    from app.services.demo.looked_after import FIT, REF
    from app.services.demo.looked_after import IRO as DEMO_IRO

    case_id = case_for_reference(demo_workspace, la_child_ref=REF)
    assert case_id is not None
    record = looked_after(demo_workspace, case_id=case_id)
    assert record.looked_after and record.kinship_care and record.iro_name == DEMO_IRO
    conferences = [
        m
        for m in meeting_list.list_meetings(demo_workspace, case_id=case_id)
        if m.meeting_type in (MeetingType.ICPC, MeetingType.RCPC)
    ]
    assert [m.meeting_type for m in conferences] == [MeetingType.ICPC, MeetingType.RCPC]
    for meeting in conferences:
        assert meeting.scheduled_date in record.review_dates
        found = conference_alignment(
            demo_workspace, case_id=case_id, conference_on=meeting.scheduled_date
        )
        assert found is not None and found.working_days_apart == 0
        invited = attendance.list_attendance(demo_workspace, meeting_id=meeting.id)
        assert (DEMO_IRO, IRO_ROLE) in {(r.name, r.role) for r in invited}
    notes = {
        i.title: i.notes for i in agenda.list_agenda(demo_workspace, meeting_id=conferences[0].id)
    }
    assert notes[CARE_PLAN] == FIT
