"""``macpt settings get/set``: administrators configure a laptop's workspace by script."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.services import settings
from app.services.workspace import open_workspace
from tests.conftest import PASSPHRASE
from tests.helpers.workspaces import copy_workspace, macpt, template

LINE = PASSPHRASE + "\n"


@pytest.fixture
def ws(tmp_path: Path, tmp_path_factory: pytest.TempPathFactory) -> str:
    """A new workspace (tests/test_cli_basics.py makes one with ``macpt init``)."""
    source = template("empty", tmp_path_factory.mktemp, lambda _workspace: None)
    return str(copy_workspace(source, tmp_path / "a.macpt"))


def run(ws: str, *args: str) -> tuple[int, str, str]:
    result = macpt("settings", *args, "--workspace", ws, "--passphrase-stdin", stdin=LINE)
    return result.returncode, result.stdout.strip(), result.stderr.strip()


def test_set_then_get_every_setting(ws: str) -> None:
    values = {
        "chair-name": "Demo Chair Ashworth",
        "local-authority-name": "Sampletown Borough Council",
        "team-contact": "MACPT, Sampletown House\nmacpt@sampletown.example",
        "idle-lock-minutes": "15",
        "closure-days": "2026-12-24 Council offices closed; 2026-12-31",
    }
    for key, value in values.items():
        code, out, err = run(ws, "set", key, value)
        assert code == 0, err
        assert out.startswith(f"{key} is now: ")
    for key, value in values.items():
        code, out, err = run(ws, "get", key)
        assert code == 0, err
        expected = value.replace("; ", "\n") if key == "closure-days" else value
        assert out == expected
    # What the script set is what the app reads.
    with open_workspace(Path(ws), PASSPHRASE) as workspace:
        stored = settings.get_settings(workspace)
        assert stored.local_authority == "Sampletown Borough Council"
        assert stored.idle_lock_minutes == 15
        assert [d.isoformat() for d, _ in settings.closure_days(workspace)] == [
            "2026-12-24",
            "2026-12-31",
        ]


@pytest.mark.parametrize(
    ("key", "value", "says"),
    [
        ("idle-lock-minutes", "ten", "Idle lock minutes must be a whole number"),
        ("idle-lock-minutes", "99999999999999999999999", "between 1 and 60"),
        ("local-authority-name", "Sampletown\x1b Council", "Local authority contains a character"),
        ("chair-name", "Demo\nChair", "Chair name must be one line"),
        ("chair-name", "x" * 201, "at most 200 characters"),
        ("closure-days", "24/12/2026 Christmas Eve", "YYYY-MM-DD"),
        ("closure-days", "9999-12-31 Far away", "between 1900 and 2100"),
    ],
)
def test_a_bad_value_is_refused_with_the_field_named(
    ws: str, key: str, value: str, says: str
) -> None:
    code, _, err = run(ws, "set", key, value)
    assert code == 1
    assert says in err, err
    assert len(err.splitlines()) == 1
    assert "unexpected" not in err


def test_unknown_key_is_a_usage_error(ws: str) -> None:
    code, _, err = run(ws, "get", "colour-scheme")
    assert code == 2
    assert "invalid choice" in err


def test_empty_text_and_empty_closure_days_clear(ws: str) -> None:
    run(ws, "set", "chair-name", "Demo Chair")
    run(ws, "set", "closure-days", "2026-12-24")
    assert run(ws, "set", "chair-name", "")[0] == 0
    assert run(ws, "set", "closure-days", "")[0] == 0
    assert run(ws, "get", "chair-name")[1] == ""
    assert run(ws, "get", "closure-days")[1] == ""
