"""Sign-off on substance: the demo obeys every rule, and each rule holds on its own."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import docx
import pytest

from app import clock
from app.errors import ExportError, ValidationError
from app.exporters.minutes import export_minutes
from app.exporters.minutes_journey import NO_NOTES
from app.models import MeetingStatus, MeetingType, ThresholdOutcome
from app.services import meeting_list, records
from app.services.conduct import closing, decision, record
from app.services.workspace import open_workspace
from app.storage.workspace import Workspace
from app.workflow.sections import SECTIONS
from tests.conftest import FIXED_NOW, PASSPHRASE
from tests.helpers.workspaces import copy_workspace, demo, macpt, template
from tests.test_conduct_support import new_meeting, shared_workspace


@pytest.fixture(scope="module")
def demo_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    source = template("demo", tmp_path_factory.mktemp, demo)
    return copy_workspace(source, tmp_path_factory.mktemp("signoff") / "demo.macpt")


@pytest.fixture(scope="module")
def ws(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Workspace]:
    yield from shared_workspace(tmp_path_factory)


def test_every_signed_off_demo_minutes_fill_every_required_section(
    demo_path: Path, tmp_path: Path
) -> None:
    clock.set_clock(lambda: FIXED_NOW)
    try:
        with open_workspace(demo_path, PASSPHRASE) as workspace:
            signed = [
                m
                for m in meeting_list.list_meetings(workspace)
                if m.status is MeetingStatus.SIGNED_OFF
            ]
            assert len(signed) > 40
            for n, m in enumerate(signed):
                rec = record.meeting_record(workspace, meeting_id=m.id)
                # Held on its day, decided and signed off by its chair, never a login.
                assert rec.started_at is not None and rec.started_at.date() == m.scheduled_date
                assert rec.signed_off_at is not None and rec.closed_at is not None
                assert rec.closed_at < rec.signed_off_at
                assert rec.signed_off_by == rec.chair_name
                if rec.decision is not None and rec.decision.decided_by:
                    assert rec.decision.decided_by == rec.chair_name
                if m.meeting_type is not MeetingType.STRATEGY:
                    assert any(g.attendees for g in rec.attendance)
                out = export_minutes(workspace, meeting_id=m.id, target=tmp_path / f"m{n}.docx")
                paragraphs = [p.text for p in docx.Document(str(out.path)).paragraphs if p.text]
                for i, para in enumerate(paragraphs):
                    if any(s.matches(para) for s in SECTIONS):
                        assert paragraphs[i + 1] != NO_NOTES, (m.meeting_type, para)
    finally:
        clock.set_clock(None)


def test_the_demo_has_every_type_in_every_status(demo_path: Path) -> None:
    with open_workspace(demo_path, PASSPHRASE) as workspace:
        found = {(m.meeting_type, m.status) for m in meeting_list.list_meetings(workspace)}
    assert found == {(t, s) for t in MeetingType for s in MeetingStatus}


def test_a_decision_needs_a_started_meeting_and_a_named_chair(ws: Workspace) -> None:
    meeting = new_meeting(ws)
    with pytest.raises(ValidationError, match="has not started"):
        decision.save_decision(ws, meeting_id=meeting.id, rationale="Too early.")
    records.save_field(ws, table="meeting", record_id=meeting.id, field="chair_name", value="")
    closing.start_meeting(ws, meeting_id=meeting.id)
    decision.save_decision(
        ws,
        meeting_id=meeting.id,
        threshold_met=False,
        outcome=ThresholdOutcome.NFA_S47_WITH_SUPPORT,
        rationale="Support meets the need.",
    )
    with pytest.raises(ValidationError, match="chair's name"):
        decision.record_decision(ws, meeting_id=meeting.id)


def test_closing_needs_the_reason_and_the_childs_voice(ws: Workspace) -> None:
    meeting = new_meeting(ws)
    closing.start_meeting(ws, meeting_id=meeting.id)
    blockers = closing.closing_summary(ws, meeting_id=meeting.id).blockers
    messages = " ".join(b.message for b in blockers)
    assert "reason for the meeting" in messages
    assert "why the child's views could not be obtained" in messages


def test_a_conference_agenda_always_has_the_required_sections(ws: Workspace) -> None:
    from app.services.conduct import agenda

    meeting = new_meeting(ws, meeting_type=MeetingType.ICPC)
    titles = [i.title for i in agenda.list_agenda(ws, meeting_id=meeting.id)]
    for key in ("reason", "child", "family"):
        (section,) = [s for s in SECTIONS if s.key == key]
        assert any(section.matches(t) for t in titles), key
    assert titles[-1] == "Any other business"


def test_minutes_are_refused_for_a_meeting_not_started(ws: Workspace, tmp_path: Path) -> None:
    meeting = new_meeting(ws)
    with pytest.raises(ExportError, match="has not started"):
        export_minutes(ws, meeting_id=meeting.id, target=tmp_path / "m.docx")
    assert not (tmp_path / "m.docx").exists()


def test_cli_show_json_export_refusal_and_more_children(demo_path: Path, tmp_path: Path) -> None:
    with open_workspace(demo_path, PASSPHRASE) as workspace:
        all_meetings = meeting_list.list_meetings(workspace)
    signed = next(m for m in all_meetings if m.status is MeetingStatus.SIGNED_OFF)
    scheduled = next(m for m in all_meetings if m.status is MeetingStatus.SCHEDULED)
    stdin = PASSPHRASE + "\n"
    shown = macpt(
        "meeting", "show", signed.id, "--workspace", str(demo_path), "--json",
        "--passphrase-stdin", stdin=stdin,
    )  # fmt: skip
    assert shown.returncode == 0, shown.stderr
    found = json.loads(shown.stdout)
    for key in ("id", "type", "status", "date", "child", "attendance", "agenda", "actions"):
        assert key in found
    for key in ("agency_information", "decision", "agency_views", "dissent"):
        assert key in found
    assert set(found["agenda"][0]["notes"]) == {"text", "restricted"}
    refused = macpt(
        "export", "minutes", scheduled.id, "--workspace", str(demo_path),
        "--out", str(tmp_path / "m.docx"), "--passphrase-stdin", stdin=stdin,
    )  # fmt: skip
    assert refused.returncode == 1 and "has not started" in refused.stderr
    more = macpt(
        "demo", "--children", "3", "--workspace", str(demo_path), "--passphrase-stdin",
        stdin=stdin,
    )  # fmt: skip
    assert more.returncode == 0, more.stderr
    assert "3/3 children" in more.stderr and "3 fictional children" in more.stdout
