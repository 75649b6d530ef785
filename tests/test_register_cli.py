"""``macpt register``: the JSON list the issue promises, and a plain listing."""

from __future__ import annotations

import datetime as dt
import io
import json
import sys
from pathlib import Path

import pytest

from app.cli import main
from app.models import IcpcTimeframe, PlanCategory
from app.storage.workspace import Workspace
from tests.conftest import PASSPHRASE
from tests.test_register_service import Journey

KEYS = {
    "child",
    "status",
    "strategy_date",
    "icpc_due",
    "icpc_extended",
    "icpc_date",
    "plan_start",
    "next_review_due",
}


def run(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], *args: str
) -> tuple[int, str, str]:
    monkeypatch.setattr(sys, "stdin", io.StringIO(PASSPHRASE + "\n"))
    code = main(["register", "--passphrase-stdin", *args])
    out, err = capsys.readouterr()
    return code, out, err


def test_json_lists_every_child_in_the_register(
    workspace: Workspace,
    workspace_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    # The fixed clock makes today Monday 23 November 2026.
    Journey(workspace, "TEST-0001", "Poppy", "Example").strategy()
    Journey(workspace, "TEST-0002", "Alfie", "Sample").strategy().review(
        IcpcTimeframe.EXTENDED, dt.date(2026, 12, 4)
    )
    Journey(workspace, "TEST-0003", "Ruby", "Testwood").strategy().review().plan(
        PlanCategory.NEGLECT, dt.date(2027, 2, 15)
    )
    workspace.close()

    code, out, err = run(monkeypatch, capsys, "--workspace", str(workspace_path), "--json")

    assert (code, err) == (0, "")
    listed = json.loads(out)
    assert [entry["child"] for entry in listed] == ["TEST-0001", "TEST-0002", "TEST-0003"]
    assert all(set(entry) >= KEYS for entry in listed)
    first, extended, on_plan = listed
    assert first["status"] == "s47"
    assert (first["strategy_date"], first["icpc_due"]) == ("2026-11-02", "2026-11-23")
    assert first["icpc_extended"] is False
    assert first["icpc_date"] is None
    assert first["overdue"] == ["review"]
    assert (extended["icpc_due"], extended["icpc_extended"]) == ("2026-12-04", True)
    assert on_plan["status"] == "cp-plan"
    assert (on_plan["icpc_date"], on_plan["plan_start"]) == ("2026-11-23", "2026-11-23")
    assert on_plan["next_review_due"] == "2027-02-15"
    assert on_plan["category"] == "neglect"
    # Names never leave the workspace through the command line.
    for name in ("Poppy", "Example", "Alfie", "Ruby"):
        assert name not in out


def test_the_demo_register(
    demo_workspace: Workspace,
    workspace_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    demo_workspace.close()
    code, out, _err = run(monkeypatch, capsys, "--workspace", str(workspace_path), "--json")
    listed = json.loads(out)
    assert code == 0
    assert len(listed) >= 30
    assert {entry["status"] for entry in listed} == {"s47", "cp-plan", "pre-proceedings"}
    # A child whose only open business is pre-proceedings: no enquiry's dates shown.
    alone = [entry for entry in listed if entry["status"] == "pre-proceedings"]
    assert all(entry["icpc_due"] is None and entry["plan_start"] is None for entry in alone)
    overdue = {kind for entry in listed for kind in entry["overdue"]}
    assert overdue == {"review", "icpc", "rcpc", "core-group"}
    assert any(entry["icpc_extended"] for entry in listed)
    for entry in listed:
        assert entry["child"].startswith("DEMO")
        for key in ("strategy_date", "icpc_due", "icpc_date", "plan_start", "next_review_due"):
            if entry[key] is not None:
                dt.date.fromisoformat(entry[key])

    code, out, _err = run(monkeypatch, capsys, "--workspace", str(workspace_path))
    lines = out.splitlines()
    assert code == 0
    assert len(lines) == len(listed) + 1
    assert lines[-1].startswith(f"{len(listed)} in the register; ")
    assert any("OVERDUE: RCPC" in line for line in lines)
    assert any("  Pre-proceedings (Public Law Outline)" in line for line in lines)


def test_an_empty_register_says_so(
    workspace: Workspace,
    workspace_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    workspace.close()
    assert run(monkeypatch, capsys, "--workspace", str(workspace_path), "--json")[:2] == (
        0,
        "[]\n",
    )
    code, out, _err = run(monkeypatch, capsys, "--workspace", str(workspace_path))
    assert (code, out) == (0, "No child is in the register.\n")


def test_a_missing_workspace_fails_cleanly(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run(monkeypatch, capsys, "--workspace", str(tmp_path / "none.macpt"))
    assert code == 1
    assert out == ""
    assert err.startswith("macpt: ")
    assert not (tmp_path / "none.macpt").exists()
