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


def test_closing_stops_the_check_rather_than_waiting_for_every_page(tmp_path: Path) -> None:
    """A check still reading when the workspace closes (quit, lock) is interrupted."""
    import sqlite3
    import threading

    running = threading.Event()

    class Endless:
        """A real connection whose page check never ends until it is interrupted."""

        def __init__(self) -> None:
            self.conn = sqlite3.connect(tmp_path / "plain.db", check_same_thread=False)

        def execute(self, sql: str) -> sqlite3.Cursor:
            if sql != "PRAGMA cipher_integrity_check":
                return self.conn.execute("SELECT 1")
            self.conn.set_progress_handler(lambda: running.set() or 0, 1000)
            return self.conn.execute(
                "WITH RECURSIVE n(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM n)"
                " SELECT count(*) FROM n"
            )

        def interrupt(self) -> None:
            self.conn.interrupt()

        def close(self) -> None:
            self.conn.close()

    check = integrity.BackgroundCheck(Endless)
    assert running.wait(timeout=60)
    check.stop()
    assert not check._thread.is_alive()


def test_a_workspace_closed_during_its_check_opens_and_checks_again(closed_demo: Path) -> None:
    workspace = open_workspace(closed_demo, PASSPHRASE)
    workspace.close()  # at once: the check is stopped, not awaited
    with open_workspace(closed_demo, PASSPHRASE) as again:
        _add_child(again)
        assert not again.damaged
