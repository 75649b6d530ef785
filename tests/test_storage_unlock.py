"""Unlocking: a wrong passphrase or a wrong file changes nothing and says why."""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest

from app.errors import NotAWorkspace, WorkspaceNotFound, WrongPassphrase
from app.services.workspace import open_workspace
from tests.conftest import OTHER_PASSPHRASE, PASSPHRASE
from tests.helpers.workspaces import companions, copy_workspace, demo, macpt, sha256, template


@pytest.fixture
def closed_demo(tmp_path: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A closed copy of a workspace holding the demo data."""
    return copy_workspace(template("demo", tmp_path_factory.mktemp, demo), tmp_path / "w.macpt")


def test_wrong_passphrase_changes_nothing_and_says_so(closed_demo: Path) -> None:
    before = sha256(closed_demo)
    with pytest.raises(WrongPassphrase) as raised:
        open_workspace(closed_demo, OTHER_PASSPHRASE)
    assert str(raised.value).startswith("That passphrase does not open this workspace.")
    assert sha256(closed_demo) == before
    assert not any(p.exists() for p in companions(closed_demo))
    # Only the instance lock may have appeared beside it; no fresh workspace.
    assert {p.name for p in closed_demo.parent.iterdir()} <= {"w.macpt", "w.macpt.lock"}
    # And the right passphrase still opens the same data.
    with open_workspace(closed_demo, PASSPHRASE) as workspace:
        assert workspace.integrity_problems() == []
    assert not any(p.exists() for p in companions(closed_demo))


def test_missing_workspace_is_not_created(tmp_path: Path) -> None:
    for missing in (tmp_path / "absent.macpt", tmp_path / "no-folder" / "absent.macpt"):
        with pytest.raises(WorkspaceNotFound, match="There is no workspace at"):
            open_workspace(missing, PASSPHRASE)
        assert not missing.exists()
        assert not missing.parent.exists() or missing.parent == tmp_path
    assert list(tmp_path.iterdir()) == []


def _plain_sqlite(path: Path) -> None:
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TABLE child (name TEXT)")
        conn.execute("INSERT INTO child VALUES ('Pat Example')")
    conn.close()


@pytest.mark.parametrize(
    "make",
    [
        pytest.param(lambda p: p.write_bytes(b""), id="empty"),
        pytest.param(lambda p: p.write_bytes(os.urandom(100)), id="random-short"),
        pytest.param(lambda p: p.write_bytes(os.urandom(4096 * 3 + 17)), id="random-odd-size"),
        pytest.param(_plain_sqlite, id="plain-sqlite"),
    ],
)
def test_what_is_not_a_workspace_is_refused_and_left_alone(
    tmp_path: Path, make: Callable[[Path], object]
) -> None:
    path = tmp_path / "w.macpt"
    make(path)
    before = sha256(path)
    with pytest.raises(NotAWorkspace, match="is not a MACPT Companion workspace"):
        open_workspace(path, PASSPHRASE)
    assert sha256(path) == before
    assert {p.name for p in tmp_path.iterdir()} == {"w.macpt"}


def test_random_whole_pages_are_refused_and_left_alone(tmp_path: Path) -> None:
    # Whole pages of random bytes look exactly like an encrypted workspace; only
    # the key can tell, so the refusal is the wrong-passphrase one.
    path = tmp_path / "w.macpt"
    path.write_bytes(os.urandom(4096 * 4))
    before = sha256(path)
    with pytest.raises(WrongPassphrase):
        open_workspace(path, PASSPHRASE)
    assert sha256(path) == before
    assert not any(p.exists() for p in companions(path))


def test_a_folder_is_not_a_workspace(tmp_path: Path) -> None:
    with pytest.raises(NotAWorkspace):
        open_workspace(tmp_path, PASSPHRASE)


def test_standard_sqlite3_cannot_read_a_workspace(closed_demo: Path) -> None:
    before = sha256(closed_demo)
    conn = sqlite3.connect(closed_demo)
    try:
        with pytest.raises(sqlite3.DatabaseError, match="file is not a database"):
            conn.execute("SELECT name FROM sqlite_master").fetchall()
    finally:
        conn.close()
    assert sha256(closed_demo) == before


def test_wrong_passphrase_in_macpt_prints_one_line_and_nothing_from_sqlcipher(
    closed_demo: Path,
) -> None:
    before = sha256(closed_demo)
    result = macpt(
        "verify", "--workspace", str(closed_demo), "--passphrase-stdin", stdin="not the one\n"
    )
    assert result.returncode == 1
    assert result.stderr == f"macpt: {WrongPassphrase()}\n"
    assert result.stdout == ""
    assert sha256(closed_demo) == before
