"""Creating a workspace: the passphrase policy, live feedback, and the shell's choice."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QLineEdit
from pytestqt.qtbot import QtBot

from app.services.workspace import open_workspace
from app.ui.create_dialog import CreateWorkspaceDialog, passphrase_feedback
from app.ui.file_dialogs import FixedFileDialogs
from app.ui.shell import Shell
from app.ui.unlock_dialog import UnlockDialog
from tests.conftest import PASSPHRASE
from tests.ui.conftest import unlock


@pytest.fixture
def dialog(qtbot: QtBot, tmp_path: Path) -> CreateWorkspaceDialog:
    dialog = CreateWorkspaceDialog(tmp_path / "new.macpt")
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def test_explains_the_policy_and_where_the_file_goes(dialog: CreateWorkspaceDialog) -> None:
    texts = " ".join(label.text() for label in dialog.findChildren(type(dialog.feedback)))
    assert "at least 12 characters" in texts
    assert str(dialog.path) in texts
    assert not dialog.create_button.isEnabled()


def test_refuses_a_short_passphrase(qtbot: QtBot, dialog: CreateWorkspaceDialog) -> None:
    qtbot.keyClicks(dialog.passphrase, "short one")
    qtbot.keyClicks(dialog.confirmation, "short one")
    assert not dialog.create_button.isEnabled()
    assert "it needs at least 12" in dialog.feedback.text()
    dialog.create_button.click()
    assert not dialog.path.exists()


def test_refuses_a_common_passphrase(qtbot: QtBot, dialog: CreateWorkspaceDialog) -> None:
    qtbot.keyClicks(dialog.passphrase, "password1234")
    qtbot.keyClicks(dialog.confirmation, "password1234")
    assert not dialog.create_button.isEnabled()
    assert "too common or predictable" in dialog.feedback.text()


def test_refuses_a_mismatched_confirmation(qtbot: QtBot, dialog: CreateWorkspaceDialog) -> None:
    qtbot.keyClicks(dialog.passphrase, PASSPHRASE)
    assert "Now type it again" in dialog.feedback.text()
    qtbot.keyClicks(dialog.confirmation, PASSPHRASE + "x")
    assert not dialog.create_button.isEnabled()
    assert "not the same" in dialog.feedback.text()
    qtbot.keyClick(dialog.confirmation, Qt.Key.Key_Backspace)  # now they match
    assert dialog.confirmation.text() == PASSPHRASE
    assert dialog.create_button.isEnabled()
    assert dialog.feedback.text() == "The passphrases match."


def test_creates_the_workspace(qtbot: QtBot, dialog: CreateWorkspaceDialog) -> None:
    qtbot.keyClicks(dialog.passphrase, PASSPHRASE)
    qtbot.keyClicks(dialog.confirmation, PASSPHRASE)
    with qtbot.waitSignal(dialog.created, timeout=60_000) as blocker:
        dialog.create_button.click()
    workspace = blocker.args[0]
    assert workspace.is_open and workspace.path == dialog.path
    assert dialog.passphrase.text() == dialog.confirmation.text() == ""
    workspace.close()
    open_workspace(dialog.path, PASSPHRASE).close()


def test_show_passphrase_shows_both_fields(qtbot: QtBot, dialog: CreateWorkspaceDialog) -> None:
    assert dialog.show_text.accessibleName() == "Show passphrase"
    assert dialog.show_text.focusPolicy() & Qt.FocusPolicy.TabFocus
    dialog.confirmation.setFocus()
    qtbot.keyClick(dialog.confirmation, Qt.Key.Key_Tab)
    assert dialog.focusWidget() is dialog.show_text
    qtbot.keyClick(dialog.show_text, Qt.Key.Key_Space)
    normal = QLineEdit.EchoMode.Normal
    assert dialog.passphrase.echoMode() == dialog.confirmation.echoMode() == normal
    qtbot.keyClick(dialog.show_text, Qt.Key.Key_Space)
    assert dialog.passphrase.echoMode() == QLineEdit.EchoMode.Password


def test_creating_shows_progress_off_the_window_thread_once(
    qtbot: QtBot, dialog: CreateWorkspaceDialog
) -> None:
    qtbot.keyClicks(dialog.passphrase, PASSPHRASE)
    qtbot.keyClicks(dialog.confirmation, PASSPHRASE)
    seen: list[tuple[bool, bool]] = []
    # Runs on the next turn of the event loop: only if the window is not held up.
    QTimer.singleShot(0, lambda: seen.append((dialog.creating, dialog.progress.isVisible())))
    steps: list[str] = []
    dialog.create_button.click()
    assert dialog.job is not None
    dialog.job.progress.connect(lambda _step, _steps, what: steps.append(what))
    first = dialog.job
    assert not dialog.create_button.isEnabled() and not dialog.passphrase.isEnabled()
    assert not dialog.quit_button.isEnabled()
    # Neither Enter nor Escape does anything until it is done.
    qtbot.keyClick(dialog.confirmation, Qt.Key.Key_Return)
    dialog._on_create()
    assert dialog.job is first
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert dialog.isVisible()
    with qtbot.waitSignal(dialog.created, timeout=60_000) as blocker:
        pass
    assert seen == [(True, True)]
    assert "Adding the agencies and agenda templates…" in steps
    assert dialog.progress.value() == dialog.progress.maximum() == 3
    assert dialog.status.text() == "The workspace is ready."
    blocker.args[0].close()


def test_feedback_rules_without_widgets() -> None:
    assert passphrase_feedback("", "") == (False, "")
    assert passphrase_feedback(PASSPHRASE, PASSPHRASE) == (True, "The passphrases match.")
    ok, message = passphrase_feedback("aaaaaaaaaaaaaaaa", "aaaaaaaaaaaaaaaa")
    assert not ok and "common or predictable" in message


def test_shell_offers_create_for_a_new_file_then_the_main_window(
    qtbot: QtBot, make_shell: Callable[[Path], Shell], tmp_path: Path
) -> None:
    shell = make_shell(tmp_path / "fresh.macpt")
    gate = shell.gate
    assert isinstance(gate, CreateWorkspaceDialog)
    qtbot.keyClicks(gate.passphrase, PASSPHRASE)
    qtbot.keyClicks(gate.confirmation, PASSPHRASE)
    # Creating runs the migrations on a thread of its own: seconds on a busy machine.
    with qtbot.waitSignal(shell.unlocked, timeout=60_000):
        gate.create_button.click()
    assert shell.window is not None and shell.window.isVisible()
    assert (tmp_path / "fresh.macpt").exists()


def test_shell_offers_unlock_for_an_existing_file(
    make_shell: Callable[[Path], Shell], demo_path: Path
) -> None:
    shell = make_shell(demo_path)
    assert isinstance(shell.gate, UnlockDialog)
    assert shell.gate.isVisible()


def test_open_another_workspace_from_the_unlock_dialog(
    qtbot: QtBot,
    make_shell: Callable[[Path], Shell],
    demo_path: Path,
    empty_path: Path,
    file_dialogs: FixedFileDialogs,
) -> None:
    shell = make_shell(demo_path)
    file_dialogs.workspace = empty_path
    assert isinstance(shell.gate, UnlockDialog)
    shell.gate.another_button.click()
    assert file_dialogs.asked == ["workspace"]
    assert shell.path == empty_path
    assert isinstance(shell.gate, UnlockDialog) and shell.gate.path == empty_path
    unlock(qtbot, shell)
    assert shell.workspace is not None and shell.workspace.path == empty_path


def test_open_another_workspace_from_the_main_window(
    qtbot: QtBot,
    make_shell: Callable[[Path], Shell],
    demo_path: Path,
    empty_path: Path,
    file_dialogs: FixedFileDialogs,
) -> None:
    shell = make_shell(demo_path)
    window = unlock(qtbot, shell)
    first = shell.workspace
    file_dialogs.workspace = empty_path
    window.open_another_action.trigger()
    assert first is not None and not first.is_open
    assert shell.window is None
    assert isinstance(shell.gate, UnlockDialog) and shell.gate.path == empty_path


def test_cancelling_open_another_keeps_everything(
    qtbot: QtBot, make_shell: Callable[[Path], Shell], demo_path: Path
) -> None:
    shell = make_shell(demo_path)
    window = unlock(qtbot, shell)
    window.open_another_action.trigger()  # the fixed dialog answers "cancel" (None)
    assert shell.window is window and shell.workspace is not None and shell.workspace.is_open


def test_quitting_at_the_unlock_dialog_finishes(
    qtbot: QtBot, make_shell: Callable[[Path], Shell], demo_path: Path
) -> None:
    shell = make_shell(demo_path)
    assert isinstance(shell.gate, UnlockDialog)
    with qtbot.waitSignal(shell.finished):
        shell.gate.quit_button.click()
    assert shell.gate is None
