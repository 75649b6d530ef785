"""About-page facts and changing the passphrase of an open workspace."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.errors import ValidationError, WeakPassphrase, WrongPassphrase
from app.services.workspace import open_workspace
from app.storage import migrate
from app.storage.workspace import Workspace
from app.workspace_info import change_passphrase, describe, verify_passphrase
from tests.conftest import OTHER_PASSPHRASE, PASSPHRASE

THIRD_PASSPHRASE = "copper lantern meadow quilt"


def test_describe_reports_path_and_schema(workspace: Workspace, workspace_path: Path) -> None:
    info = describe(workspace)
    assert info.path == workspace_path
    assert info.schema_revision == migrate.SCHEMA_HEAD
    assert info.schema_head == migrate.SCHEMA_HEAD
    assert info.size_bytes == workspace_path.stat().st_size > 0


def test_verify_passphrase(workspace: Workspace) -> None:
    verify_passphrase(workspace, PASSPHRASE)
    with pytest.raises(WrongPassphrase):
        verify_passphrase(workspace, OTHER_PASSPHRASE)


def test_change_passphrase_needs_the_current_one(
    workspace: Workspace, workspace_path: Path
) -> None:
    before = workspace_path.read_bytes()[:4096]
    with pytest.raises(WrongPassphrase):
        change_passphrase(
            workspace,
            current=OTHER_PASSPHRASE,
            new=THIRD_PASSPHRASE,
            confirmation=THIRD_PASSPHRASE,
        )
    assert workspace_path.read_bytes()[:4096] == before
    with pytest.raises(WeakPassphrase, match="not the same"):
        change_passphrase(
            workspace, current=PASSPHRASE, new=OTHER_PASSPHRASE, confirmation="something else"
        )
    with pytest.raises(ValidationError, match="same as the current"):
        change_passphrase(workspace, current=PASSPHRASE, new=PASSPHRASE, confirmation=PASSPHRASE)


def test_change_passphrase_rekeys(workspace: Workspace, workspace_path: Path) -> None:
    change_passphrase(
        workspace, current=PASSPHRASE, new=OTHER_PASSPHRASE, confirmation=OTHER_PASSPHRASE
    )
    verify_passphrase(workspace, OTHER_PASSPHRASE)
    workspace.close()
    with pytest.raises(WrongPassphrase):
        open_workspace(workspace_path, PASSPHRASE)
    open_workspace(workspace_path, OTHER_PASSPHRASE).close()
