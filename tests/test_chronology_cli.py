"""``macpt event add|list|correct|retire`` and ``macpt export chronology``."""

from __future__ import annotations

import io
import json
import sys
from pathlib import Path

import docx
import pytest

from app.cli import main
from app.storage.workspace import Workspace
from tests.conftest import PASSPHRASE
from tests.test_minutes_sample import add_full_meeting


def run(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], *args: str
) -> tuple[int, str, str]:
    monkeypatch.setattr(sys, "stdin", io.StringIO(PASSPHRASE + "\n"))
    code = main([*args, "--passphrase-stdin"])
    out, err = capsys.readouterr()
    return code, out, err


def test_add_correct_list_retire_and_export(
    workspace: Workspace,
    workspace_path: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    ref = add_full_meeting(workspace).child_reference
    workspace.close()
    where = ("--workspace", str(workspace_path))
    facts = ("--event", "Arrested (test).", "--source", "Police", "--significance", "Serious.")
    code, out, err = run(
        monkeypatch, capsys, "event", "add", "--child", ref, "--date", "2026-10-01", *facts, *where
    )
    assert (code, err) == (0, "")
    event_id = out.strip().rsplit(" ", 1)[-1]
    code, out, err = run(
        monkeypatch, capsys, "event", "correct", event_id, "--date", "2026-10-02", *facts, *where
    )
    assert (code, err) == (0, "")
    code, out, err = run(monkeypatch, capsys, "event", "list", "--child", ref, "--json", *where)
    assert (code, err) == (0, "")
    (listed,) = json.loads(out)
    assert (listed["id"], listed["date"], listed["source"]) == (event_id, "2026-10-02", "Police")

    out_file = tmp_path / "chronology.docx"
    code, out, err = run(
        monkeypatch, capsys, "export", "chronology", "--child", ref, "--out", str(out_file), *where
    )
    assert (code, err) == (0, "")
    assert "Wrote the chronology for court" in out
    rows = docx.Document(str(out_file)).tables[-1].rows
    assert any(row.cells[1].text == "Arrested (test)." for row in rows)

    code, out, err = run(
        monkeypatch, capsys, "event", "retire", event_id, "--reason", "Wrong child.", *where
    )
    assert (code, err) == (0, "")
    code, out, err = run(monkeypatch, capsys, "event", "list", "--child", ref, *where)
    assert "No significant events" in out


def test_an_unknown_child_is_refused(
    workspace: Workspace,
    workspace_path: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    workspace.close()
    out_file = tmp_path / "chronology.docx"
    code, _, err = run(
        monkeypatch,
        capsys,
        "export",
        "chronology",
        "--child",
        "NOSUCH01",
        "--out",
        str(out_file),
        "--workspace",
        str(workspace_path),
    )
    assert code == 1 and "NOSUCH01" in err
    assert not out_file.exists()
