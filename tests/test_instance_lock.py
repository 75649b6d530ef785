"""One instance per workspace: a second one is told so; a stale lock is recovered."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.errors import WorkspaceInUse
from app.services.workspace import open_workspace
from tests.conftest import PASSPHRASE
from tests.helpers.workspaces import copy_workspace, helper, kill, macpt, read_until, template

IN_USE = "already open in another MACPT Companion window"


def _nothing(_workspace: object) -> None:
    """A freshly created workspace is enough here."""


@pytest.fixture
def closed(tmp_path: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    return copy_workspace(
        template("empty", tmp_path_factory.mktemp, _nothing), tmp_path / "w.macpt"
    )


def test_second_open_in_the_same_process_is_refused(closed: Path) -> None:
    with open_workspace(closed, PASSPHRASE), pytest.raises(WorkspaceInUse, match=IN_USE):
        open_workspace(closed, PASSPHRASE)
    # Once the first is closed, the workspace opens again.
    with open_workspace(closed, PASSPHRASE) as workspace:
        assert workspace.is_open


def test_another_process_is_refused_while_this_one_holds_it(closed: Path) -> None:
    with open_workspace(closed, PASSPHRASE):
        result = macpt(
            "verify", "--workspace", str(closed), "--passphrase-stdin", stdin=PASSPHRASE + "\n"
        )
    assert result.returncode == 1
    assert IN_USE in result.stderr
    assert len(result.stderr.splitlines()) == 1


def test_this_process_is_refused_while_another_holds_it_then_recovers_its_stale_lock(
    closed: Path,
) -> None:
    holder = helper("hold_open.py", str(closed), stdin=PASSPHRASE + "\n", keep_stdin=True)
    try:
        read_until(holder, "open")
        with pytest.raises(WorkspaceInUse, match=IN_USE):
            open_workspace(closed, PASSPHRASE)
    finally:
        kill(holder)
    # The lock is on the file itself and died with the process: nothing to clear up.
    assert sorted(p.name for p in closed.parent.iterdir())[0] == "w.macpt"
    with open_workspace(closed, PASSPHRASE) as workspace:
        assert workspace.integrity_problems() == []


def test_a_process_that_closes_normally_releases_the_lock(closed: Path) -> None:
    holder = helper("hold_open.py", str(closed), stdin=PASSPHRASE + "\n", keep_stdin=True)
    read_until(holder, "open")
    with pytest.raises(WorkspaceInUse):
        open_workspace(closed, PASSPHRASE)
    out, err = holder.communicate(timeout=30)  # closing its input tells it to close
    assert (holder.returncode, out.split(), err) == (0, ["closed"], "")
    with open_workspace(closed, PASSPHRASE) as workspace:
        assert workspace.is_open


def test_a_symlink_or_hard_link_to_an_open_workspace_is_refused(closed: Path) -> None:
    symlink = closed.with_name("via-symlink.macpt")
    symlink.symlink_to(closed)
    hard_link = closed.with_name("via-hard-link.macpt")
    hard_link.hardlink_to(closed)
    with open_workspace(closed, PASSPHRASE):
        for other in (symlink, hard_link):
            with pytest.raises(WorkspaceInUse, match=IN_USE):
                open_workspace(other, PASSPHRASE)
    with open_workspace(hard_link, PASSPHRASE), pytest.raises(WorkspaceInUse):
        open_workspace(closed, PASSPHRASE)


def test_no_lock_file_to_delete(closed: Path) -> None:
    with open_workspace(closed, PASSPHRASE):
        # Whatever is removed beside it, the lock is on the file itself.
        for stray in closed.parent.glob("*.lock"):
            stray.unlink()
        result = macpt(
            "verify", "--workspace", str(closed), "--passphrase-stdin", stdin=PASSPHRASE + "\n"
        )
    assert result.returncode == 1
    assert IN_USE in result.stderr
