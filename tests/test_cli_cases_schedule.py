"""``macpt cases`` lists the case ids that ``--case`` takes, and ``macpt meeting schedule``
schedules a meeting as the Schedule dialog does: through the real entry point, on a real
workspace."""

from __future__ import annotations

import io
import json
import sys
from pathlib import Path

import pytest

from app.cli import main
from app.cli.meeting_commands import MEETING_TYPES
from app.models import MeetingType
from app.services.conduct.agenda import list_agenda
from app.services.conduct.attendance import list_attendance
from app.storage.workspace import Workspace
from tests.conftest import PASSPHRASE
from tests.test_journey_fixtures import new_child

Run = tuple[int, str, str]


def _run(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], *args: str) -> Run:
    monkeypatch.setattr(sys, "stdin", io.StringIO(PASSPHRASE + "\n"))
    code = main([*args, "--passphrase-stdin"])
    out, err = capsys.readouterr()
    return code, out, err


def test_the_command_names_every_meeting_type() -> None:
    assert tuple(kind.value for kind in MeetingType) == MEETING_TYPES


def test_cases_lists_the_ids_and_meeting_schedule_uses_one(
    workspace: Workspace,
    workspace_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    first = new_child(workspace, ref="TEST-0001")
    second = new_child(workspace, ref="TEST-0002", first="Ivo")
    workspace.close()
    where = ("--workspace", str(workspace_path))

    code, out, _ = _run(monkeypatch, capsys, "cases", "--json", *where)
    listed = json.loads(out)
    assert code == 0
    assert {(c["child"], c["case_id"]) for c in listed} == {
        ("TEST-0001", first.case_id),
        ("TEST-0002", second.case_id),
    }
    assert all(c["status"] == "open" and c["opened"] == "2026-05-01" for c in listed)
    code, out, _ = _run(monkeypatch, capsys, "cases", "--search", "0002", *where)
    assert code == 0 and second.case_id in out and first.case_id not in out

    code, out, _ = _run(
        monkeypatch,
        capsys,
        "meeting",
        "schedule",
        "--case",
        first.case_id,
        "--type",
        "icpc",
        "--date",
        "2026-12-07",
        "--time",
        "10:00",
        "--place",
        "Room 2, Sampletown Civic Centre",
        "--chair",
        "Jordan Test-Chair",
        "--json",
        *where,
    )
    assert code == 0
    meeting = json.loads(out)
    assert meeting["type"] == "icpc" and meeting["date"] == "2026-12-07"
    assert meeting["time"] == "10:00" and meeting["status"] == "scheduled"
    assert meeting["case_id"] == first.case_id and meeting["child"] == "TEST-0001"
    code, out, _ = _run(monkeypatch, capsys, "meetings", "--json", *where)
    assert [m["id"] for m in json.loads(out)] == [meeting["id"]]

    from app.services.workspace import open_workspace

    with open_workspace(workspace_path, PASSPHRASE) as reopened:
        # The same agenda and invitations as the dialog gives: the agencies and the family.
        assert list_agenda(reopened, meeting_id=meeting["id"])
        invited = list_attendance(reopened, meeting_id=meeting["id"])
        assert any(row.family_member_id for row in invited)
        assert len({row.agency_id for row in invited if row.agency_id}) >= 4

    code, out, err = _run(
        monkeypatch,
        capsys,
        "meeting",
        "schedule",
        "--case",
        second.case_id,
        "--type",
        "core-group",
        "--date",
        "2026-12-07",
        *where,
    )
    assert code == 1 and "no open plan" in err
    with pytest.raises(SystemExit) as usage:
        _run(
            monkeypatch,
            capsys,
            "meeting",
            "schedule",
            "--case",
            second.case_id,
            "--type",
            "strategy",
            "--date",
            "2026-12-07",
            "--time",
            "25:00",
            *where,
        )
    assert usage.value.code == 2 and "HH:MM" in capsys.readouterr().err
