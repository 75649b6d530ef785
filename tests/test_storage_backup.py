"""Backups: an encrypted, consistent, owner-only copy, or nothing at all."""

from __future__ import annotations

import sqlite3
import stat
from pathlib import Path

import pytest
from sqlalchemy import select

from app.errors import MacptError, WrongPassphrase
from app.models import AuditEntry, Child, Meeting
from app.services.workspace import open_workspace
from app.storage.workspace import Workspace
from tests.conftest import OTHER_PASSPHRASE, PASSPHRASE
from tests.helpers.workspaces import copy_workspace, demo, macpt, sha256, template


@pytest.fixture
def closed_demo(tmp_path: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    return copy_workspace(template("demo", tmp_path_factory.mktemp, demo), tmp_path / "w.macpt")


def _contents(workspace: Workspace) -> tuple[list[tuple[str, ...]], ...]:
    with workspace.reading() as session:
        children = session.execute(
            select(Child.id, Child.la_child_ref, Child.first_name, Child.address).order_by(Child.id)
        )
        meetings = session.execute(
            select(Meeting.id, Meeting.status, Meeting.scheduled_date).order_by(Meeting.id)
        )
        audit = session.execute(select(AuditEntry.seq, AuditEntry.entry_hash))
        return (
            [tuple(map(str, row)) for row in children],
            [tuple(map(str, row)) for row in meetings],
            [tuple(map(str, row)) for row in audit],
        )


def test_macpt_backup_is_an_encrypted_copy_with_the_same_data(
    closed_demo: Path, tmp_path: Path
) -> None:
    out = tmp_path / "copies" / "backup.macpt"
    out.parent.mkdir()
    before = sha256(closed_demo)
    result = macpt(
        "backup",
        "--workspace",
        str(closed_demo),
        "--passphrase-stdin",
        "--out",
        str(out),
        stdin=PASSPHRASE + "\n",
    )
    assert result.returncode == 0, result.stderr
    assert "encrypted backup" in result.stdout
    assert sha256(closed_demo) == before
    assert stat.S_IMODE(out.stat().st_mode) == 0o600
    assert sorted(p.name for p in out.parent.iterdir()) == ["backup.macpt"]
    assert b"Imaginary Lane" not in out.read_bytes()
    conn = sqlite3.connect(out)
    with pytest.raises(sqlite3.DatabaseError):
        conn.execute("SELECT * FROM sqlite_master").fetchall()
    conn.close()

    with open_workspace(closed_demo, PASSPHRASE) as original:
        expected = _contents(original)
    with open_workspace(out, PASSPHRASE) as copy:
        assert _contents(copy) == expected
        assert expected[0], "the demo has children"
        assert copy.integrity_problems() == []


def test_backup_does_not_open_with_another_passphrase(closed_demo: Path, tmp_path: Path) -> None:
    out = tmp_path / "backup.macpt"
    with open_workspace(closed_demo, PASSPHRASE) as workspace:
        workspace.backup_to(out)
    with pytest.raises(WrongPassphrase):
        open_workspace(out, OTHER_PASSPHRASE)


def test_backup_to_a_missing_folder_fails_cleanly(closed_demo: Path, tmp_path: Path) -> None:
    out = tmp_path / "no-such-folder" / "backup.macpt"
    result = macpt(
        "backup",
        "--workspace",
        str(closed_demo),
        "--passphrase-stdin",
        "--out",
        str(out),
        stdin=PASSPHRASE + "\n",
    )
    assert result.returncode == 1
    assert result.stderr.startswith("macpt: The folder ")
    assert "does not exist" in result.stderr
    assert len(result.stderr.splitlines()) == 1
    assert not out.parent.exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["w.macpt"]


def test_backup_refuses_a_folder_or_the_workspace_itself(closed_demo: Path, tmp_path: Path) -> None:
    before = sha256(closed_demo)
    with open_workspace(closed_demo, PASSPHRASE) as workspace:
        with pytest.raises(MacptError, match="is a folder"):
            workspace.backup_to(tmp_path)
        with pytest.raises(MacptError, match="cannot replace the workspace itself"):
            workspace.backup_to(closed_demo)
    assert sha256(closed_demo) == before
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".partial-")]


def test_backup_over_an_earlier_one_replaces_it_whole(closed_demo: Path, tmp_path: Path) -> None:
    out = tmp_path / "backup.macpt"
    out.write_bytes(b"an older file in the way")
    with open_workspace(closed_demo, PASSPHRASE) as workspace:
        workspace.backup_to(out)
    with open_workspace(out, PASSPHRASE) as copy:
        assert copy.integrity_problems() == []
