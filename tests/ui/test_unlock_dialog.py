"""The unlock dialog: clear messages, a file left untouched, never a new workspace."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from app.services.workspace import open_workspace
from app.ui.main_window import MainWindow
from app.ui.shell import Shell
from app.ui.unlock_dialog import UnlockDialog
from tests.conftest import OTHER_PASSPHRASE, PASSPHRASE
from tests.ui.conftest import unlock


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_wrong_passphrase_says_so_and_leaves_the_file_unchanged(
    qtbot: QtBot, demo_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = _digest(demo_path)
    dialog = UnlockDialog(demo_path)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.keyClicks(dialog.passphrase, OTHER_PASSPHRASE)
    with qtbot.assertNotEmitted(dialog.unlocked):
        dialog.unlock_button.click()
    assert dialog.error.isVisible()
    assert dialog.error.text().startswith("That passphrase does not open this workspace")
    assert dialog.workspace is None
    assert dialog.passphrase.isEnabled()
    assert dialog.passphrase.selectedText() == OTHER_PASSPHRASE  # easy to retype
    assert _digest(demo_path) == before
    assert not Path(f"{demo_path}-wal").exists()
    captured = capsys.readouterr()
    assert "Traceback" not in captured.err + captured.out


def test_empty_passphrase_asks_for_one(qtbot: QtBot, demo_path: Path) -> None:
    dialog = UnlockDialog(demo_path)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.unlock_button.click()
    assert "Type your passphrase" in dialog.error.text()


def test_a_file_that_is_not_a_workspace_is_named_and_left_alone(
    qtbot: QtBot, tmp_path: Path
) -> None:
    path = tmp_path / "notes.macpt"
    path.write_bytes(b"just some notes, not a workspace" * 100)
    before = _digest(path)
    dialog = UnlockDialog(path)
    qtbot.addWidget(dialog)
    qtbot.keyClicks(dialog.passphrase, PASSPHRASE)
    dialog.unlock_button.click()
    assert "is not a MACPT Companion workspace" in dialog.error.text()
    assert _digest(path) == before


def test_a_workspace_open_elsewhere_is_reported(qtbot: QtBot, demo_path: Path) -> None:
    with open_workspace(demo_path, PASSPHRASE):
        dialog = UnlockDialog(demo_path)
        qtbot.addWidget(dialog)
        qtbot.keyClicks(dialog.passphrase, PASSPHRASE)
        dialog.unlock_button.click()
        assert "already open in another MACPT Companion window" in dialog.error.text()


def test_a_vanished_file_is_never_recreated(qtbot: QtBot, demo_path: Path) -> None:
    dialog = UnlockDialog(demo_path)
    qtbot.addWidget(dialog)
    demo_path.unlink()
    qtbot.keyClicks(dialog.passphrase, PASSPHRASE)
    dialog.unlock_button.click()
    assert "There is no workspace at" in dialog.error.text()
    assert not demo_path.exists()


def test_the_right_passphrase_opens_the_main_window(
    qtbot: QtBot, make_shell: Callable[[Path], Shell], demo_path: Path
) -> None:
    shell = make_shell(demo_path)
    assert isinstance(shell.gate, UnlockDialog)
    window = unlock(qtbot, shell)
    assert isinstance(window, MainWindow)
    assert window.isVisible()
    assert shell.gate is None
    assert shell.workspace is not None and shell.workspace.is_open
    assert window.location().page == "home"


def test_a_workspace_that_cannot_be_shown_is_closed_and_explained(
    qtbot: QtBot,
    make_shell: Callable[[Path], Shell],
    demo_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # Settings that cannot be read fall back to their defaults now, so the failure
    # while showing the window is injected.
    def unreadable(_workspace: object) -> object:
        raise ValueError("the settings cannot be read")

    monkeypatch.setattr("app.services.settings.get_settings", unreadable)
    shell = make_shell(demo_path)
    gate = shell.gate
    assert isinstance(gate, UnlockDialog)
    qtbot.keyClicks(gate.passphrase, PASSPHRASE)
    with qtbot.assertNotEmitted(shell.unlocked):
        gate.unlock_button.click()
    assert shell.window is None and shell.workspace is None
    assert gate.isVisible()
    assert gate.error.text().startswith("Something went wrong (ValueError)")
    open_workspace(demo_path, PASSPHRASE).close()  # it was closed: it opens again
