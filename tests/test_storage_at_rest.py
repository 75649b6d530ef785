"""At rest: nothing readable on disk, and every file and folder owner-only."""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import text

from app import paths
from app.services.workspace import create_workspace, open_workspace
from app.storage.workspace import Workspace
from tests.conftest import PASSPHRASE
from tests.helpers.workspaces import companions, copy_workspace, demo, template

# Words from the demo data, and SQLite's own plain text, none of which may
# appear in the bytes on disk.
NEEDLES = [
    "Poppy",
    "Example",
    "Imaginary Lane",
    "Sampletown",
    "ZZ99 1AA",
    "DEMO0001",
    "Jordan Demo-Chair",
    "Unexplained bruising",
    "CREATE TABLE",
    "SQLite format 3",
]


def _leaks(path: Path) -> list[str]:
    data = path.read_bytes()
    return [
        needle
        for needle in NEEDLES
        if needle.encode("utf-8") in data or needle.encode("utf-16-le") in data
    ]


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.fixture
def loose_umask() -> Iterator[None]:
    """A permissive umask, as a user's session may have; the app must not rely on it."""
    previous = os.umask(0o022)
    yield
    os.umask(previous)


def test_no_demo_text_in_the_file_wal_or_shm_while_open(workspace: Workspace) -> None:
    path = workspace.path
    # A reader holding a snapshot keeps the WAL from being folded in meanwhile.
    with workspace.reading() as session:
        session.execute(text("SELECT count(*) FROM child")).scalar()
        demo(workspace)
        wal, shm = companions(path)
        assert wal.stat().st_size > 100_000, "the demo should still be in the WAL"
    for file in (path, wal, shm):
        assert _leaks(file) == [], file.name


def test_no_demo_text_on_disk_after_close(
    tmp_path: Path, tmp_path_factory: pytest.TempPathFactory
) -> None:
    path = copy_workspace(template("demo", tmp_path_factory.mktemp, demo), tmp_path / "w.macpt")
    with open_workspace(path, PASSPHRASE) as workspace:
        assert workspace.integrity_problems() == []
    assert not any(p.exists() for p in companions(path))
    assert _leaks(path) == []
    assert path.stat().st_size > 100_000  # the data is there, just not readable


@pytest.mark.usefixtures("loose_umask")
def test_workspace_and_its_folders_are_owner_only(tmp_path: Path) -> None:
    path = tmp_path / "new" / "deeper" / "w.macpt"
    with create_workspace(path, PASSPHRASE) as workspace:
        for file in (path, *companions(path)):
            assert _mode(file) == 0o600, file.name
        backup = tmp_path / "new" / "backup.macpt"
        workspace.backup_to(backup)
        assert _mode(backup) == 0o600
    assert _mode(tmp_path / "new") == 0o700
    assert _mode(tmp_path / "new" / "deeper") == 0o700
    assert _mode(path) == 0o600


@pytest.mark.usefixtures("loose_umask")
def test_created_folders_are_owner_only_whatever_the_umask(tmp_path: Path) -> None:
    os.umask(0o022)
    paths.ensure_private_dir(tmp_path / "a" / "b" / "c")
    for folder in (tmp_path / "a", tmp_path / "a" / "b", tmp_path / "a" / "b" / "c"):
        assert _mode(folder) == 0o700, folder
    # A folder that already existed (a shared one, say) is left as it was.
    shared = tmp_path / "shared"
    shared.mkdir(mode=0o755)
    paths.ensure_private_dir(shared / "exports")
    assert _mode(shared) == 0o755
    assert _mode(shared / "exports") == 0o700


@pytest.mark.usefixtures("loose_umask")
def test_exports_are_written_owner_only_and_whole(tmp_path: Path) -> None:
    target = tmp_path / "minutes.docx"
    with paths.atomic_write(target) as tmp:
        tmp.write_bytes(b"first version")
    assert target.read_bytes() == b"first version"
    assert _mode(target) == 0o600

    # A writer that fails part-way leaves the earlier file and no partial one.
    with pytest.raises(RuntimeError), paths.atomic_write(target) as tmp:
        tmp.write_bytes(b"half a")
        raise RuntimeError("the writer failed")
    assert target.read_bytes() == b"first version"
    assert [p.name for p in tmp_path.iterdir()] == ["minutes.docx"]
