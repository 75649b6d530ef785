"""A damaged -wal is noticed, and a wrong passphrase changes nothing even after a crash."""

from __future__ import annotations

import random
import shutil
from pathlib import Path

import pytest

from app.errors import WalDamaged, WrongPassphrase
from app.services.workspace import open_workspace
from app.storage import wal
from tests.conftest import OTHER_PASSPHRASE, PASSPHRASE
from tests.helpers.crashed import crash_with_commits, flip_one_bit
from tests.helpers.workspaces import companions, copy_workspace, macpt, sha256, template

COMMITS = 12
FLIPS = 40


def _nothing(_workspace: object) -> None:
    """A freshly created workspace is enough here."""


@pytest.fixture(scope="module")
def crashed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A workspace whose writer was killed with its commits all still in the -wal."""
    folder = tmp_path_factory.mktemp("crashed")
    path = copy_workspace(template("empty", tmp_path_factory.mktemp, _nothing), folder / "w.macpt")
    crash_with_commits(path, COMMITS)
    return path


def _copy_crashed(source: Path, folder: Path) -> Path:
    target = folder / "w.macpt"
    for original, copy in zip(
        (source, *companions(source)), (target, *companions(target)), strict=True
    ):
        shutil.copyfile(original, copy)
    return target


def _fingerprints(path: Path) -> list[str]:
    return [sha256(p) for p in (path, *companions(path))]


def test_a_crashed_workspace_opens_with_every_commit(crashed: Path, tmp_path: Path) -> None:
    path = _copy_crashed(crashed, tmp_path)
    report = wal.analyse(path, 4096)
    assert not report.damaged and report.readable_frames == report.frames
    with open_workspace(path, PASSPHRASE) as workspace, workspace.engine.connect() as connection:
        notes = connection.exec_driver_sql("SELECT max(n) FROM crash_note").scalar()
    assert notes == COMMITS


def test_wrong_passphrase_leaves_a_crashed_workspace_byte_identical(
    crashed: Path, tmp_path: Path
) -> None:
    path = _copy_crashed(crashed, tmp_path)
    before = _fingerprints(path)
    for _attempt in range(3):
        with pytest.raises(WrongPassphrase):
            open_workspace(path, OTHER_PASSPHRASE)
        assert _fingerprints(path) == before
    result = macpt("verify", "--workspace", str(path), "--passphrase-stdin", stdin="not it\n")
    assert result.returncode == 1
    assert result.stderr == f"macpt: {WrongPassphrase()}\n"
    assert _fingerprints(path) == before


def test_every_flipped_bit_before_the_last_commit_is_caught(crashed: Path) -> None:
    data = wal.wal_path(crashed).read_bytes()
    rng = random.Random(20261123)
    from tests.helpers.crashed import before_last_transaction

    end = before_last_transaction(data)
    for _flip in range(FLIPS):
        damaged = bytearray(data)
        damaged[rng.randrange(end)] ^= 1 << rng.randrange(8)
        report = wal.analyse_bytes(bytes(damaged), 4096)
        assert report.damaged, report
        assert report.lost_commits >= 1


def test_a_torn_tail_is_not_damage(crashed: Path) -> None:
    data = wal.wal_path(crashed).read_bytes()
    for cut in (17, 4096, len(data) // 3):
        report = wal.analyse_bytes(data[: len(data) - cut], 4096)
        assert not report.damaged
    assert wal.analyse_bytes(b"", 4096) == wal.WalReport()


def test_opening_a_damaged_wal_refuses_keeps_the_files_and_says_what_to_do(
    crashed: Path, tmp_path: Path
) -> None:
    path = _copy_crashed(crashed, tmp_path)
    flip_one_bit(path, random.Random(7))
    before = _fingerprints(path)
    with pytest.raises(WalDamaged) as raised:
        open_workspace(path, PASSPHRASE)
    message = str(raised.value)
    assert "saved change(s) after it cannot be read" in message
    assert "contact your IT service desk" in message
    assert _fingerprints(path) == before
    aside = [p for p in tmp_path.iterdir() if ".damaged-" in p.name]
    assert len(aside) == 1
    assert sorted(p.name for p in aside[0].iterdir()) == ["w.macpt", "w.macpt-shm", "w.macpt-wal"]
    assert _fingerprints(aside[0] / "w.macpt") == before

    # verify says the same in one line; a wrong passphrase is still told apart.
    result = macpt(
        "verify", "--workspace", str(path), "--passphrase-stdin", stdin=PASSPHRASE + "\n"
    )
    assert result.returncode == 1
    assert len(result.stderr.splitlines()) == 1
    assert "Recent changes to this workspace cannot all be read" in result.stderr
    with pytest.raises(WrongPassphrase):
        open_workspace(path, OTHER_PASSPHRASE)
    assert _fingerprints(path) == before


def test_a_crash_mid_write_still_opens_with_what_was_committed(
    crashed: Path, tmp_path: Path
) -> None:
    from tests.helpers.crashed import before_last_transaction

    path = _copy_crashed(crashed, tmp_path)
    log = wal.wal_path(path)
    data = log.read_bytes()
    log.write_bytes(data[: before_last_transaction(data) + 5000])  # the last one half-written
    with open_workspace(path, PASSPHRASE) as workspace, workspace.engine.connect() as connection:
        notes = connection.exec_driver_sql("SELECT max(n) FROM crash_note").scalar()
    assert notes == COMMITS - 1
