"""``macpt risk`` and ``macpt legal-decision``: the answers meeting mode records, through
the same services and rules, on a real workspace, through the real entry point."""

from __future__ import annotations

import datetime as dt
import io
import json
import sys
from pathlib import Path

import pytest

from app.cli import main
from app.models import MeetingType, RiskAssessment
from app.services import meetings
from app.services.conduct import closing, signoff
from app.services.conduct.risk_to_others import record_risk_to_others
from app.services.preproceedings import list_pre_proceedings
from app.storage.workspace import Workspace
from tests.conftest import PASSPHRASE
from tests.test_conduct_closing import chair_a_meeting
from tests.test_conduct_support import new_meeting, started_meeting
from tests.test_journey_fixtures import new_child

Run = tuple[int, str, str]


def _run(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], *args: str) -> Run:
    monkeypatch.setattr(sys, "stdin", io.StringIO(PASSPHRASE + "\n"))
    code = main([*args, "--passphrase-stdin"])
    out, err = capsys.readouterr()
    return code, out, err


def test_macpt_records_and_shows_the_risk_to_others(
    workspace: Workspace,
    workspace_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    meeting_id = started_meeting(workspace).id
    scheduled = new_meeting(workspace).id
    review = started_meeting(workspace, meeting_type=MeetingType.REVIEW).id
    workspace.close()
    where = ("--workspace", str(workspace_path))
    assert _run(monkeypatch, capsys, "risk", "show", meeting_id, *where)[1] == (
        "Risk to others: not recorded.\n"
    )
    code, out, err = _run(monkeypatch, capsys, "risk", "record", meeting_id, *where)
    assert code == 1 and "Say to whom" in err and "Say what the risk is" in err
    code, _, err = _run(monkeypatch, capsys, "risk", "record", scheduled, "--none-known", *where)
    assert code == 1 and "has not started" in err
    code, _, err = _run(monkeypatch, capsys, "risk", "record", review, "--none-known", *where)
    assert code == 1 and "strategy meetings and child protection conferences" in err
    code, out, err = _run(
        monkeypatch,
        capsys,
        "risk",
        "record",
        meeting_id,
        "--to-whom",
        "Younger pupils (test).",
        "--what",
        "Threats online (test).",
        "--agency",
        "police",
        "--agency",
        "other",
        "--other-agency",
        "Exploitation panel",
        *where,
    )
    assert (code, err) == (0, "")
    assert "Agencies:  Police, Exploitation panel" in out
    code, out, _ = _run(monkeypatch, capsys, "risk", "show", meeting_id, "--json", *where)
    shown = json.loads(out)
    assert shown["assessment"] == "risk" and shown["agencies"] == ["police", "other"]
    # Restricted from the start: the family copy leaves it out.
    assert shown["what"] == {"text": "Threats online (test).", "restricted": True}
    code, out, _ = _run(monkeypatch, capsys, "meeting", "show", meeting_id, "--json", *where)
    assert json.loads(out)["risk_to_others"] == shown
    code, out, _ = _run(
        monkeypatch, capsys, "risk", "record", meeting_id, "--none-known", "--what", "x", *where
    )
    assert code == 1
    code, out, _ = _run(monkeypatch, capsys, "risk", "record", meeting_id, "--none-known", *where)
    assert code == 0 and out.startswith("Risk to others: None known")


def test_macpt_refuses_the_risk_after_sign_off(
    workspace: Workspace,
    workspace_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    meeting_id = chair_a_meeting(workspace)
    record_risk_to_others(workspace, meeting_id=meeting_id, assessment=RiskAssessment.NONE_KNOWN)
    closing.close_meeting(workspace, meeting_id=meeting_id)
    signoff.sign_off(workspace, meeting_id=meeting_id)
    workspace.close()
    where = ("--workspace", str(workspace_path))
    code, out, err = _run(
        monkeypatch,
        capsys,
        "risk",
        "record",
        meeting_id,
        "--to-whom",
        "a",
        "--what",
        "b",
        *where,
    )
    assert (code, out) == (1, "")
    assert err == (
        "macpt: These minutes are signed off. Record the change as an amendment instead.\n"
    )
    code, out, _ = _run(monkeypatch, capsys, "meeting", "show", meeting_id, "--json", *where)
    assert json.loads(out)["risk_to_others"]["assessment"] == "none-known"


def _legal_meeting(workspace: Workspace, case_id: str, *, chair: str = "Lee Example") -> str:
    return meetings.schedule_meeting(
        workspace,
        case_id=case_id,
        meeting_type=MeetingType.LEGAL_PLANNING,
        scheduled_date=dt.date(2026, 10, 1),
        scheduled_time=dt.time(14, 0),
        location="Legal services, Sampletown Civic Centre",
        chair_name=chair,
    ).id


def test_macpt_records_and_shows_the_legal_planning_decision(
    workspace: Workspace,
    workspace_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    child = new_child(workspace)
    meeting_id = _legal_meeting(workspace, child.case_id)
    unnamed = _legal_meeting(workspace, new_child(workspace).case_id, chair="")
    closing.start_meeting(workspace, meeting_id=unnamed)
    workspace.close()
    where = ("--workspace", str(workspace_path))
    start = ("--decision", "start-pre-proceedings", "--reasons", "Fictional reasons.")
    code, _, err = _run(monkeypatch, capsys, "legal-decision", "record", meeting_id, *start, *where)
    assert code == 1 and "has not started" in err
    code, _, err = _run(monkeypatch, capsys, "legal-decision", "record", unnamed, *start, *where)
    assert code == 1 and "Set the chair's name" in err
    code, out, _ = _run(monkeypatch, capsys, "legal-decision", "show", meeting_id, *where)
    assert "Not in pre-proceedings." in out and "May decide: Start pre-proceedings" in out

    with _reopen(workspace_path) as ws:
        closing.start_meeting(ws, meeting_id=meeting_id)
    code, _, err = _run(
        monkeypatch,
        capsys,
        "legal-decision",
        "record",
        meeting_id,
        "--decision",
        "step-up-or-down",
        "--reasons",
        "x",
        *where,
    )
    assert code == 1 and "not in pre-proceedings" in err
    code, out, err = _run(
        monkeypatch,
        capsys,
        "legal-decision",
        "record",
        meeting_id,
        *start,
        "--letter-sent",
        "2026-10-05",
        "--fgdm-offered",
        "yes",
        *where,
    )
    assert (code, err) == (0, "")
    assert "Decision: Start pre-proceedings" in out and "Decided by: Lee Example" in out
    code, out, _ = _run(monkeypatch, capsys, "legal-decision", "show", meeting_id, "--json", *where)
    shown = json.loads(out)
    assert shown["decision"]["decision"] == "start-pre-proceedings"
    assert shown["decision"]["reasons"] == {"text": "Fictional reasons.", "restricted": False}
    assert (shown["decision"]["letter_sent_on"], shown["decision"]["fgdm_offered"]) == (
        "2026-10-05",
        True,
    )
    code, _, err = _run(monkeypatch, capsys, "legal-decision", "record", meeting_id, *start, *where)
    assert code == 1 and "already recorded" in err
    with _reopen(workspace_path) as ws:
        [episode] = list_pre_proceedings(ws, case_id=child.case_id)
        assert episode.values.decided_on == dt.date(2026, 10, 1)


def _reopen(path: Path) -> Workspace:
    from app.services.workspace import open_workspace

    ws = open_workspace(path, PASSPHRASE)
    ws.actor = "Test Chair"
    return ws
