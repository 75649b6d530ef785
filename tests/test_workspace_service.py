"""Creating, opening and upgrading a workspace are services; storage knows files and keys."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

import app.storage
from app.errors import WorkspaceExists
from app.services.workspace import create_workspace, open_workspace
from app.storage import migrate
from tests.conftest import PASSPHRASE


def test_storage_never_imports_services() -> None:
    for module in Path(app.storage.__file__).parent.glob("*.py"):
        tree = ast.parse(module.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            names: list[str] = []
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module]
            assert not any(n.startswith("app.services") for n in names), module.name


def test_a_created_workspace_is_at_head_seeded_and_reopens(tmp_path: Path) -> None:
    path = tmp_path / "w.macpt"
    with (
        create_workspace(path, PASSPHRASE) as workspace,
        workspace.engine.connect() as connection,
    ):
        assert migrate.current_revision(connection) == migrate.SCHEMA_HEAD
    with pytest.raises(WorkspaceExists):
        create_workspace(path, PASSPHRASE)
    with (
        open_workspace(path, PASSPHRASE) as workspace,
        workspace.engine.connect() as connection,
    ):
        assert migrate.current_revision(connection) == migrate.SCHEMA_HEAD


def test_a_failed_first_migration_reports_its_own_error_and_leaves_no_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Closing the half-made workspace must not raise over the error being reported."""

    class MigrationBroke(Exception):
        pass

    def broken_upgrade(*_args: object, **_kwargs: object) -> None:
        raise MigrationBroke

    monkeypatch.setattr(migrate, "upgrade", broken_upgrade)
    path = tmp_path / "w.macpt"
    with pytest.raises(MigrationBroke):
        create_workspace(path, PASSPHRASE)
    assert list(tmp_path.iterdir()) == []


def test_sealed_text_opens_only_in_the_same_workspace_unlocked_again(tmp_path: Path) -> None:
    """Text a forced lock could not store is sealed under a key derived from the workspace's."""
    first, second = tmp_path / "a.macpt", tmp_path / "b.macpt"
    with create_workspace(first, PASSPHRASE) as workspace:
        sealed = workspace.seal(b"The mother's words, typed as the disk filled")
    assert b"mother" not in sealed
    with create_workspace(second, PASSPHRASE) as other:
        assert other.unseal(sealed) is None  # same passphrase, another file's key
    with open_workspace(first, PASSPHRASE) as again:
        assert again.unseal(sealed) == b"The mother's words, typed as the disk filled"
