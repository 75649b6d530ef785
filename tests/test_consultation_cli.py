"""``macpt consultation``: record, list (with --json) and record what happened next."""

from __future__ import annotations

import io
import json
import sys
from pathlib import Path

import pytest

from app.cli import consultation_commands, main
from app.models import ConsultationOutcome, ThresholdView
from app.storage.workspace import Workspace
from tests.conftest import PASSPHRASE


def run(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], *args: str
) -> tuple[int, str, str]:
    monkeypatch.setattr(sys, "stdin", io.StringIO(PASSPHRASE + "\n"))
    code = main(["consultation", *args, "--passphrase-stdin"])
    out, err = capsys.readouterr()
    return code, out, err


def test_the_choices_are_the_models_values() -> None:
    assert tuple(v.value for v in ThresholdView) == consultation_commands.THRESHOLD_VIEWS
    assert tuple(o.value for o in ConsultationOutcome) == consultation_commands.OUTCOMES


def test_record_list_and_follow_up(
    workspace: Workspace,
    workspace_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    workspace.close()
    where = ("--workspace", str(workspace_path))
    code, out, err = run(
        monkeypatch,
        capsys,
        "record",
        "--asked-by",
        "Pat Example",
        "--agency",
        "police",
        "--question",
        "Is this for a strategy meeting?",
        "--threshold",
        "unclear",
        "--child-ref",
        "A.B.",
        *where,
    )
    assert (code, err) == (0, "")
    consultation_id = out.strip().rsplit(" ", 1)[-1]

    code, out, err = run(monkeypatch, capsys, "list", "--awaiting", "--json", *where)
    assert (code, err) == (0, "")
    (listed,) = json.loads(out)
    assert listed["id"] == consultation_id
    assert (listed["agency"], listed["child"], listed["outcome"]) == ("Police", "A.B.", None)
    assert "question" not in listed  # the free text stays in the workspace

    code, out, err = run(
        monkeypatch,
        capsys,
        "outcome",
        consultation_id,
        "--outcome",
        "other",
        "--note",
        "Early help offered.",
        *where,
    )
    assert (code, err) == (0, "")
    code, out, _ = run(monkeypatch, capsys, "list", "--awaiting", *where)
    assert out.strip() == "No consultations to list."
    code, out, _ = run(monkeypatch, capsys, "list", *where)
    assert "about A.B. · Unclear: more information needed · Other" in out


def test_an_unknown_agency_and_a_missing_note_are_refused(
    workspace: Workspace,
    workspace_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    workspace.close()
    base = ("--asked-by", "Pat", "--question", "Q?", "--threshold", "met")
    where = ("--workspace", str(workspace_path))
    code, _, err = run(monkeypatch, capsys, "record", *base, "--agency", "Nowhere", *where)
    assert code == 2 and "No agency" in err
    code, _, err = run(
        monkeypatch, capsys, "record", *base, "--agency", "Health", "--outcome", "other", *where
    )
    assert code == 1 and "Say what happened next." in err
