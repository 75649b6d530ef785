"""The ``macpt`` command end to end, in subprocesses, as an administrator uses it."""

from __future__ import annotations

import json
from pathlib import Path

from tests.conftest import PASSPHRASE
from tests.helpers.workspaces import macpt


def test_init_demo_verify_meetings(tmp_path: Path) -> None:
    ws = str(tmp_path / "a.macpt")
    line = PASSPHRASE + "\n"
    assert macpt("init", "--workspace", ws, "--passphrase-stdin", stdin=line).returncode == 0
    assert macpt("demo", "--workspace", ws, "--passphrase-stdin", stdin=line).returncode == 0
    verify = macpt("verify", "--workspace", ws, "--passphrase-stdin", stdin=line)
    assert verify.returncode == 0, verify.stderr
    listed = macpt("meetings", "--workspace", ws, "--passphrase-stdin", "--json", stdin=line)
    assert listed.returncode == 0, listed.stderr
    meetings = json.loads(listed.stdout)
    assert {m["type"] for m in meetings} == {
        "strategy",
        "review",
        "icpc",
        "rcpc",
        "core-group",
        "legal-planning",
    }
    assert {m["status"] for m in meetings} == {"scheduled", "in-progress", "closed", "signed-off"}
    for m in meetings:
        assert set(m) >= {"id", "type", "date", "status", "child"}
        assert m["child"].startswith("DEMO")


def test_wrong_passphrase_is_one_line_and_exit_1(tmp_path: Path) -> None:
    ws = str(tmp_path / "a.macpt")
    macpt("init", "--workspace", ws, "--passphrase-stdin", stdin=PASSPHRASE + "\n")
    result = macpt("verify", "--workspace", ws, "--passphrase-stdin", stdin="not the passphrase\n")
    assert result.returncode == 1
    assert "That passphrase does not open this workspace" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert "Traceback" not in result.stderr


def test_usage_errors_exit_2(tmp_path: Path) -> None:
    assert macpt("no-such-command").returncode == 2
    assert macpt("meetings", "--workspace").returncode == 2


def test_missing_workspace_is_not_created(tmp_path: Path) -> None:
    ws = tmp_path / "nothing-here.macpt"
    result = macpt("verify", "--workspace", str(ws), "--passphrase-stdin", stdin=PASSPHRASE + "\n")
    assert result.returncode == 1
    assert "no workspace" in result.stderr.lower()
    assert not ws.exists()


def test_weak_passphrase_refused(tmp_path: Path) -> None:
    ws = tmp_path / "a.macpt"
    for weak in ("short", "password1234"):
        result = macpt("init", "--workspace", str(ws), "--passphrase-stdin", stdin=weak + "\n")
        assert result.returncode == 1
        assert not ws.exists()
