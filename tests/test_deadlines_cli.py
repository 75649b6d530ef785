"""``macpt deadlines`` and ``macpt register --today``: the shapes scripts rely on, and the
two agreeing on the demo workspace for every day of the next 60."""

from __future__ import annotations

import datetime as dt
import io
import json
import sys
from pathlib import Path

import pytest

from app.cli import main
from app.services.deadlines import deadlines
from app.services.register import all_register_rows
from app.storage.workspace import Workspace
from app.workflow.clocks import JOURNEY_KINDS
from tests.conftest import FIXED_NOW, PASSPHRASE
from tests.deadlines_fixture import build_deadlines_workspace

JOURNEY_VALUES = {kind.value for kind in JOURNEY_KINDS}
STATES = {"overdue", "due-today", "due-this-week"}
PRE_PROCEEDINGS = {"pp-letter", "pp-meeting", "pp-review"}
KINDS = {"review", "icpc", "rcpc", "assessment", "core-group", "action", "notification"}


def run(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], *args: str
) -> tuple[int, str, str]:
    monkeypatch.setattr(sys, "stdin", io.StringIO(PASSPHRASE + "\n"))
    code = main([*args, "--passphrase-stdin"])
    out, err = capsys.readouterr()
    return code, out, err


def _overdue_by_child(listed: list[dict[str, str]]) -> dict[str, set[str]]:
    found: dict[str, set[str]] = {}
    for item in listed:
        if item["state"] == "overdue" and item["kind"] in JOURNEY_VALUES:
            found.setdefault(item["child"], set()).add(item["kind"])
    return found


def test_deadlines_json_has_the_promised_shape(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    workspace, _ = build_deadlines_workspace(tmp_path)
    path = workspace.path
    workspace.close()
    code, out, err = run(
        monkeypatch,
        capsys,
        "deadlines",
        "--workspace",
        str(path),
        "--json",
        "--today",
        "2026-11-23",
    )
    assert (code, err) == (0, "")
    listed = json.loads(out)
    assert listed, "the fixture has deadlines on its today"
    for item in listed:
        assert {"child", "kind", "due", "state"} <= set(item)
        assert item["kind"] in KINDS and item["state"] in STATES
        dt.date.fromisoformat(item["due"])
    assert "Ben" not in out and "Alice" not in out  # references only, never names
    assert "Visit the family home" not in out  # nor an action's own words
    assert ("DEMOB002", "review", "2026-11-09", "overdue") in {
        (i["child"], i["kind"], i["due"], i["state"]) for i in listed
    }
    assert ("DEMOA001", "review", "2026-11-23", "due-today") in {
        (i["child"], i["kind"], i["due"], i["state"]) for i in listed
    }
    # Without --today the fixed clock's today is used: the same list.
    code, default_out, _ = run(monkeypatch, capsys, "deadlines", "--workspace", str(path), "--json")
    assert code == 0 and json.loads(default_out) == listed
    # A later --today moves items into overdue, and the register agrees.
    later = "2026-11-30"
    _, out, _ = run(
        monkeypatch, capsys, "deadlines", "--workspace", str(path), "--json", "--today", later
    )
    _, reg, _ = run(
        monkeypatch, capsys, "register", "--workspace", str(path), "--json", "--today", later
    )
    register = {row["child"]: set(row["overdue"]) for row in json.loads(reg) if row["overdue"]}
    assert _overdue_by_child(json.loads(out)) == register
    assert register["DEMOA001"] == {"review"}


def test_plain_deadlines_say_when_nothing_is_due(
    workspace: Workspace,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    path = workspace.path
    workspace.close()
    code, out, _ = run(monkeypatch, capsys, "deadlines", "--workspace", str(path))
    assert code == 0
    assert "Nothing is overdue" in out


def test_demo_deadlines_and_register_agree_for_the_next_60_days(
    demo_workspace: Workspace,
) -> None:
    start = FIXED_NOW.date()
    flagged_days = 0
    for offset in range(61):
        today = start + dt.timedelta(days=offset)
        rows = all_register_rows(demo_workspace, today=today)
        register = {row.child: set(row.overdue) for row in rows if row.overdue}
        home = _overdue_by_child(deadlines(demo_workspace, today=today).as_json())
        # A child in pre-proceedings with no enquiry or plan is not in the register;
        # Home still lists their pre-proceedings clocks, and only those.
        members = {row.child for row in rows}
        outside = {ref: kinds for ref, kinds in home.items() if ref not in members}
        assert all(kinds <= PRE_PROCEEDINGS for kinds in outside.values()), today
        assert {ref: kinds for ref, kinds in home.items() if ref in members} == register, today
        flagged_days += bool(register)
    assert flagged_days, "the demo has something overdue on some day"
