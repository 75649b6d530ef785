"""Shared fixtures: real SQLCipher workspaces in temporary folders, a fixed clock."""

from __future__ import annotations

import datetime as dt
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# Per-user files (the audit log's anchors) go to a throwaway folder, never the real one;
# processes the tests start inherit it.
os.environ["XDG_DATA_HOME"] = tempfile.mkdtemp(prefix="macpt-test-data-")

from app import clock
from app.services.workspace import create_workspace
from app.storage import cipher
from app.storage.workspace import Workspace

# The tests hold only fictional data: SQLCipher's memory locking, about four times
# the cost of every statement, is left off here as in the demo loader.
# tests/test_storage_hardening.py checks in a fresh process that the app turns it on.
cipher.fictional_data_only()

PASSPHRASE = "violet tractor mango harbour"
OTHER_PASSPHRASE = "saffron kettle glacier orbit"
# Monday 23 November 2026, 10:00 UTC: the tests' "now" unless they say otherwise.
FIXED_NOW = dt.datetime(2026, 11, 23, 10, 0, tzinfo=dt.UTC)


@pytest.fixture(autouse=True)
def own_data_folder(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Each test its own user data folder: copies of one template share a salt, and
    so the audit anchor that tells an older copy from the newest."""
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path_factory.mktemp("user-data")))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path_factory.mktemp("user-config")))


@pytest.fixture(autouse=True)
def fixed_clock() -> Iterator[None]:
    clock.set_clock(lambda: FIXED_NOW)
    yield
    clock.set_clock(None)


@pytest.fixture
def workspace_path(tmp_path: Path) -> Path:
    return tmp_path / "test.macpt"


@pytest.fixture
def workspace(workspace_path: Path) -> Iterator[Workspace]:
    ws = create_workspace(workspace_path, PASSPHRASE)
    ws.actor = "Test Chair"
    yield ws
    ws.close()


@pytest.fixture
def demo_workspace(
    workspace_path: Path, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Workspace]:
    """A copy of the demo, built once per test process (``add_demo_data`` takes seconds)."""
    from app.services.workspace import open_workspace
    from tests.helpers.workspaces import copy_workspace, demo, template

    copy_workspace(template("demo", tmp_path_factory.mktemp, demo), workspace_path)
    ws = open_workspace(workspace_path, PASSPHRASE)
    ws.actor = "Test Chair"
    yield ws
    ws.close()
