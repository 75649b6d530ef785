"""Every storage failure says what it is, in one line, and never "wrong passphrase"."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from app.errors import (
    DiskFull,
    NameTooLong,
    PermissionDenied,
    WorkspaceDamaged,
    WorkspaceNotFound,
    WorkspaceReadOnly,
)
from app.services.workspace import open_workspace
from tests.conftest import PASSPHRASE
from tests.helpers.workspaces import REPO, copy_workspace, template

WRONG = "That passphrase does not open"


def _nothing(_workspace: object) -> None:
    """A freshly created workspace is enough here."""


@pytest.fixture
def closed(tmp_path: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    return copy_workspace(
        template("empty", tmp_path_factory.mktemp, _nothing), tmp_path / "w.macpt"
    )


def _unprivileged(
    *args: str, stdin: str, fsize: int | None = None
) -> subprocess.CompletedProcess[str]:
    """``macpt`` as an ordinary user would meet it: root's bypass of file modes dropped."""
    prefix: list[str] = []
    if os.geteuid() == 0:
        if shutil.which("setpriv") is None:
            pytest.skip("needs setpriv to drop root's override of file permissions")
        prefix = ["setpriv", "--bounding-set=-dac_override,-dac_read_search,-fowner"]

    return subprocess.run(
        [*prefix, sys.executable, "-m", "app.cli", *args],
        input=stdin,
        capture_output=True,
        text=True,
        cwd=REPO,
        timeout=120,
        check=False,
    )


def _one_line(result: subprocess.CompletedProcess[str]) -> str:
    assert result.returncode == 1, result.stderr
    assert len(result.stderr.splitlines()) == 1, result.stderr
    assert WRONG not in result.stderr
    assert "unexpected error" not in result.stderr
    return result.stderr


def _verify(path: Path) -> subprocess.CompletedProcess[str]:
    return _unprivileged(
        "verify", "--workspace", str(path), "--passphrase-stdin", stdin=PASSPHRASE + "\n"
    )


def test_a_read_only_file_is_named_as_such(closed: Path) -> None:
    closed.chmod(0o400)
    assert _one_line(_verify(closed)) == f"macpt: {WorkspaceReadOnly(closed)}\n"


def test_a_read_only_folder_is_named_as_such(closed: Path) -> None:
    closed.parent.chmod(0o500)
    try:
        message = _one_line(_verify(closed))
    finally:
        closed.parent.chmod(0o700)
    assert message == f"macpt: {PermissionDenied(closed.parent, 'create files in')}\n"


def test_a_wal_owned_by_someone_else_is_named(closed: Path) -> None:
    wal = Path(f"{closed}-wal")
    wal.write_bytes(b"")
    wal.chmod(0o400)  # as a root-owned -wal looks to its user
    assert _one_line(_verify(closed)) == f"macpt: {PermissionDenied(wal, 'read and write')}\n"


def test_missing_and_too_long_names(tmp_path: Path) -> None:
    with pytest.raises(WorkspaceNotFound):
        open_workspace(tmp_path / "absent.macpt", PASSPHRASE)
    long_name = tmp_path / ("x" * 300 + ".macpt")
    with pytest.raises(NameTooLong, match="too long"):
        open_workspace(long_name, PASSPHRASE)


def test_a_full_disk_is_named_as_such(closed: Path) -> None:
    from sqlalchemy import event

    from app.services import cases

    with open_workspace(closed, PASSPHRASE) as workspace:
        # SQLite's own page limit fails a write exactly as a full disk does.
        event.listen(
            workspace.engine,
            "connect",
            lambda conn, _record: conn.execute("PRAGMA max_page_count = 1"),
        )
        workspace.engine.dispose()
        with pytest.raises(DiskFull) as raised:
            for n in range(50):
                cases.create_case(
                    workspace,
                    la_child_ref=f"DEMO09{n:02d}",
                    first_name="Pat",
                    last_name="Example",
                    address="12 Imaginary Lane, Sampletown, ZZ99 1AA " * 20,
                )
    assert str(raised.value) == str(DiskFull(closed.parent))


def test_a_file_cut_short_is_damaged_not_a_wrong_passphrase(closed: Path) -> None:
    data = closed.read_bytes()
    closed.write_bytes(data[: len(data) - 1000])
    with pytest.raises(WorkspaceDamaged, match="cut short"):
        open_workspace(closed, PASSPHRASE)


def test_a_damaged_first_page_is_damage_not_a_wrong_passphrase(closed: Path) -> None:
    data = bytearray(closed.read_bytes())
    data[100] ^= 0xFF
    closed.write_bytes(bytes(data))
    with pytest.raises(WorkspaceDamaged, match="first page"):
        open_workspace(closed, PASSPHRASE)
