"""After unlock: the background check guards the first write, the WAL is folded in
when quiet, and leftovers of killed backups are cleared."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from app.errors import WorkspaceDamaged
from app.services import cases
from app.services.workspace import open_workspace
from app.storage import integrity, unlock
from app.storage.workspace import Workspace
from tests.conftest import PASSPHRASE
from tests.helpers.workspaces import companions, copy_workspace, demo, template


@pytest.fixture
def closed_demo(tmp_path: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    return copy_workspace(template("demo", tmp_path_factory.mktemp, demo), tmp_path / "w.macpt")


def _damage_a_late_page(path: Path) -> None:
    """Flip bytes half-way through, in a page unlocking does not read."""
    data = bytearray(path.read_bytes())
    middle = len(data) // 2
    for i in range(middle, middle + 16):
        data[i] ^= 0xFF
    path.write_bytes(bytes(data))


def _add_child(workspace: Workspace) -> None:
    cases.create_case(
        workspace, la_child_ref="DEMO0950", first_name="Pat", last_name="Example", address="-"
    )


def test_damage_found_by_the_background_check_stops_the_first_write(closed_demo: Path) -> None:
    _damage_a_late_page(closed_demo)
    with open_workspace(closed_demo, PASSPHRASE) as workspace:
        with workspace.reading() as session:  # reading starts at once
            assert session.connection().exec_driver_sql("SELECT 1").scalar() == 1
        with pytest.raises(WorkspaceDamaged, match="Nothing more will be written"):
            _add_child(workspace)
        assert workspace.damaged


def test_a_whole_workspace_accepts_writes_after_its_check(closed_demo: Path) -> None:
    with open_workspace(closed_demo, PASSPHRASE) as workspace:
        _add_child(workspace)
        assert not workspace.damaged


def test_the_check_reports_bad_pages_in_one_line_each(closed_demo: Path) -> None:
    _damage_a_late_page(closed_demo)
    with open_workspace(closed_demo, PASSPHRASE) as workspace:
        raw = workspace.engine.raw_connection()
        try:
            problems = integrity.page_problems(raw.driver_connection)
        finally:
            raw.close()
    assert problems and all("\n" not in p for p in problems)


def test_the_wal_is_emptied_when_quiet_and_gone_after_close(closed_demo: Path) -> None:
    wal, _shm = companions(closed_demo)
    with open_workspace(closed_demo, PASSPHRASE) as workspace:
        _add_child(workspace)
        workspace._quiet.cancel()
        assert wal.stat().st_size > 0
        workspace._on_quiet()  # what the quiet timer runs
        assert wal.stat().st_size == 0
    assert not wal.exists()


def test_stale_partial_backups_are_cleared_and_fresh_ones_kept(closed_demo: Path) -> None:
    folder = closed_demo.parent
    stale = folder / ".partial-abc123.macpt"
    stale.write_bytes(b"half a backup")
    old = time.time() - unlock.STALE_PARTIAL_SECONDS - 60
    os.utime(stale, (old, old))
    fresh = folder / ".partial-def456.macpt"
    fresh.write_bytes(b"a backup being written")
    with open_workspace(closed_demo, PASSPHRASE):
        pass
    assert not stale.exists()
    assert fresh.exists()
