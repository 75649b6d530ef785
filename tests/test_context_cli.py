"""``macpt context create|list|show|responsible|link|disruption|schedule``."""

from __future__ import annotations

import io
import json
import sys
from pathlib import Path

import pytest

from app.cli import main
from app.services import cases
from app.storage.workspace import Workspace
from tests.conftest import PASSPHRASE

REFS = ("CLI-CTX-1", "CLI-CTX-2", "CLI-CTX-3")


def run(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], *args: str
) -> tuple[int, str, str]:
    monkeypatch.setattr(sys, "stdin", io.StringIO(PASSPHRASE + "\n"))
    code = main([*args, "--passphrase-stdin"])
    out, err = capsys.readouterr()
    return code, out, err


def test_a_context_from_creation_to_a_meeting_about_three_children(
    workspace: Workspace,
    workspace_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    for ref, first in zip(REFS, ("Ariel", "Bodhi", "Cass"), strict=True):
        cases.create_case(workspace, la_child_ref=ref, first_name=first, last_name="Clitest")
    workspace.close()
    where = ("--workspace", str(workspace_path))

    def ok(*args: str) -> str:
        code, out, err = run(monkeypatch, capsys, "context", *args, *where)
        assert (code, err) == (0, ""), err
        return out

    out = ok("create", "--kind", "place", "--name", "Testtown bus station")
    context_id = out.strip().rsplit(" ", 1)[-1]
    ok("responsible", context_id, "--name", "Testtown Buses Ltd", "--kind", "transport")
    assert "(1 child)" in ok("link", context_id, "--child", REFS[0])
    out = ok(
        "disruption", "add", context_id, "--date", "2026-11-20", "--agency", "police",
        "--activity", "Patrols after school", "--outcome", "Group moved on",
    )  # fmt: skip
    entry = out.strip().rsplit(" ", 1)[-1]
    ok(
        "disruption", "add", context_id, "--date", "2026-11-20", "--agency", "Police",
        "--activity", "Patrols after school, 3pm to 7pm", "--corrects", entry,
    )  # fmt: skip
    log = json.loads(ok("disruption", "list", context_id, "--json"))
    assert [e["corrects"] for e in log] == [None, entry]
    assert log[0]["agency"] == "Police"

    code, _, err = run(
        monkeypatch, capsys, "context", "disruption", "add", context_id, "--date", "2026-11-20",
        "--agency", "Police", "--activity", "Ariel was seen there", *where,
    )  # fmt: skip
    assert code == 1 and "names a child" in err and "Ariel" not in err

    out = ok(
        "schedule", context_id, *(a for ref in REFS for a in ("--child", ref)),
        "--type", "strategy", "--date", "2026-11-30", "--time", "10:00", "--chair", "J Chair",
    )  # fmt: skip
    assert "Scheduled 3 meetings" in out
    assert all(ref in out for ref in REFS)
    first = next(line.split()[0] for line in out.splitlines() if line.endswith(REFS[0]))
    recorded = json.loads(
        ok(
            "record", first, "--discussion", "The waiting room has no CCTV.",
            "--parents", "Ariel's parent shares contacts.", "--participation", "Views read out.",
            "--json",
        )
    )  # fmt: skip
    assert recorded["parents_as_partners"] == "Ariel's parent shares contacts."
    code, _, err = run(
        monkeypatch, capsys, "context", "record", first, "--participation", "Came with Bodhi.",
        *where,
    )  # fmt: skip
    assert code == 1 and "names another child" in err
    owner = json.loads(ok("show", context_id, "--json"))["responsible"][0]["id"]
    out = ok("action", first, "--responsible", owner, "--description", "Fit CCTV")
    assert "Added action 1 for Testtown Buses Ltd" in out

    shown = json.loads(ok("show", context_id, "--json"))
    assert shown["children"] == list(REFS)
    assert shown["responsible"][0]["kind"] == "transport"
    (listed,) = json.loads(ok("list", "--json"))
    assert (listed["id"], listed["children"]) == (context_id, 3)
    code, out, err = run(monkeypatch, capsys, "meetings", "--json", *where)
    assert code == 0 and sorted(m["child"] for m in json.loads(out)) == list(REFS)


def test_wrong_kind_is_a_usage_error(
    workspace: Workspace,
    workspace_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    workspace.close()
    with pytest.raises(SystemExit) as exited:
        run(monkeypatch, capsys, "context", "create", "--kind", "street", "--name", "x")
    assert exited.value.code == 2
