"""Changing the passphrase: through the API and ``macpt``, losing nothing."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import func, select

from app.errors import WeakPassphrase, WrongPassphrase
from app.models import AuditEntry, Child
from app.services.records import save_field
from app.services.workspace import change_passphrase, open_workspace
from app.storage.workspace import Workspace
from tests.conftest import OTHER_PASSPHRASE, PASSPHRASE
from tests.helpers.workspaces import companions, copy_workspace, demo, macpt, sha256, template


@pytest.fixture
def closed_demo(tmp_path: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    return copy_workspace(template("demo", tmp_path_factory.mktemp, demo), tmp_path / "w.macpt")


def _counts(workspace: Workspace) -> tuple[int, int]:
    with workspace.reading() as session:
        return (
            session.scalar(select(func.count()).select_from(Child)) or 0,
            session.scalar(select(func.count()).select_from(AuditEntry)) or 0,
        )


def test_change_passphrase_api(closed_demo: Path) -> None:
    with open_workspace(closed_demo, PASSPHRASE) as workspace:
        expected = _counts(workspace)
    change_passphrase(closed_demo, PASSPHRASE, OTHER_PASSPHRASE)
    with pytest.raises(WrongPassphrase):
        open_workspace(closed_demo, PASSPHRASE)
    with open_workspace(closed_demo, OTHER_PASSPHRASE) as workspace:
        assert _counts(workspace) == expected
        assert workspace.integrity_problems() == []


def test_an_open_workspace_keeps_working_after_rekey(closed_demo: Path) -> None:
    with open_workspace(closed_demo, PASSPHRASE) as workspace:
        workspace.rekey(OTHER_PASSPHRASE)
        # No page under the old key is left behind in the WAL.
        wal, _shm = companions(closed_demo)
        assert not wal.exists() or wal.stat().st_size == 0
        with workspace.reading() as session:
            child_id = session.scalars(select(Child.id).limit(1)).one()
        save_field(
            workspace, table="child", record_id=child_id, field="known_as", value="Pip Example"
        )
    with open_workspace(closed_demo, OTHER_PASSPHRASE) as workspace, workspace.reading() as s:
        assert s.get(Child, child_id).known_as == "Pip Example"  # type: ignore[union-attr]


def test_refused_changes_leave_the_file_alone(closed_demo: Path) -> None:
    before = sha256(closed_demo)
    with pytest.raises(WrongPassphrase):
        change_passphrase(closed_demo, OTHER_PASSPHRASE, "cobalt meadow lantern quiver")
    with pytest.raises(WeakPassphrase, match="at least 12"):
        change_passphrase(closed_demo, PASSPHRASE, "short")
    assert sha256(closed_demo) == before


def test_change_passphrase_with_macpt(closed_demo: Path) -> None:
    where = f"--workspace={closed_demo}"
    result = macpt(
        "change-passphrase",
        where,
        "--passphrase-stdin",
        stdin=f"{PASSPHRASE}\n{OTHER_PASSPHRASE}\n",
    )
    assert result.returncode == 0, result.stderr
    assert "changed" in result.stdout
    old = macpt("verify", where, "--passphrase-stdin", stdin=PASSPHRASE + "\n")
    assert old.returncode == 1
    assert "does not open this workspace" in old.stderr
    new = macpt("verify", where, "--passphrase-stdin", stdin=OTHER_PASSPHRASE + "\n")
    assert new.returncode == 0, new.stderr


def test_macpt_refuses_a_weak_new_passphrase(closed_demo: Path) -> None:
    before = sha256(closed_demo)
    result = macpt(
        "change-passphrase",
        f"--workspace={closed_demo}",
        "--passphrase-stdin",
        stdin=f"{PASSPHRASE}\npassword1234\n",
    )
    assert result.returncode == 1
    assert "too common" in result.stderr
    assert sha256(closed_demo) == before
