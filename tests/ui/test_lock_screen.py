"""Locking: at once (Ctrl+L, toolbar), when idle, on suspend; views emptied; back where you were."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QEvent, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QToolBar
from pytestqt.qtbot import QtBot

from app.services.cases import list_cases
from app.ui.dialogs.family_member import FamilyMemberDialog
from app.ui.main_window import MainWindow
from app.ui.navigation import Location
from app.ui.pages.case_view import CaseView
from app.ui.shell import LOCKED_BY_USER, LOCKED_ON_SUSPEND, Shell
from app.ui.unlock_dialog import UnlockDialog
from tests.ui.conftest import ManualClock, all_widget_text, unlock

# What the demo shows about its first child and family: none of it may survive a lock.
PERSONAL = ["Poppy", "Example", "DEMO0001", "Imaginary Lane", "Unexplained bruising"]


@pytest.fixture
def shell(qtbot: QtBot, make_shell: Callable[[Path], Shell], demo_path: Path) -> Shell:
    shell = make_shell(demo_path)
    unlock(qtbot, shell)
    return shell


def _main(shell: Shell) -> MainWindow:
    assert shell.window is not None
    return shell.window


def _open_case(window: MainWindow, ref: str = "DEMO0001") -> CaseView:
    window.open_case(list_cases(window.workspace, search=ref)[0].case_id)
    assert isinstance(window.detail, CaseView)
    return window.detail


def _assert_locked(shell: Shell, workspace_was: object) -> None:
    assert shell.window is None and shell.workspace is None
    assert getattr(workspace_was, "is_open", True) is False
    assert isinstance(shell.gate, UnlockDialog) and shell.gate.isVisible()


def test_ctrl_l_locks_and_leaves_no_personal_data(qtbot: QtBot, shell: Shell) -> None:
    window = _main(shell)
    view = _open_case(window)
    view.family.table.selectRow(0)
    shown = all_widget_text()
    assert all(text in shown for text in PERSONAL)  # the check below means something
    workspace = shell.workspace
    with qtbot.waitSignal(shell.locked):
        qtbot.keyClick(window, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    _assert_locked(shell, workspace)
    assert shell.gate is not None
    assert LOCKED_BY_USER in shell.gate.reason.text()
    left = all_widget_text()  # widgets waiting for deletion are included
    assert [text for text in PERSONAL if text in left] == []
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    assert not any(isinstance(w, MainWindow) for w in QApplication.topLevelWidgets())


def test_the_toolbar_button_locks(qtbot: QtBot, shell: Shell) -> None:
    window = _main(shell)
    toolbar = window.findChild(QToolBar, "mainToolbar")
    assert isinstance(toolbar, QToolBar)
    button = toolbar.widgetForAction(window.lock_action)
    assert button is not None and button.accessibleName() == "Lock"
    with qtbot.waitSignal(shell.locked):
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert shell.workspace is None


def test_idle_lock_after_the_set_minutes(
    qtbot: QtBot, shell: Shell, idle_clock: ManualClock
) -> None:
    window = _main(shell)
    _open_case(window, "DEMO0002")
    watcher = shell.idle
    assert watcher is not None and watcher.policy.minutes == 5
    idle_clock.advance(4 * 60)
    assert watcher.check() is False
    qtbot.keyClick(window.nav, Qt.Key.Key_Down)  # the user is still there
    idle_clock.advance(4 * 60)
    assert watcher.check() is False
    assert shell.window is window
    idle_clock.advance(60)
    workspace = shell.workspace
    with qtbot.waitSignal(shell.locked):
        assert watcher.check() is True
    _assert_locked(shell, workspace)
    assert shell.gate is not None
    assert "after 5 minutes without use" in shell.gate.reason.text()
    assert "Alfie" not in all_widget_text() and "DEMO0002" not in all_widget_text()


def test_the_idle_window_follows_the_setting(
    qtbot: QtBot, shell: Shell, idle_clock: ManualClock
) -> None:
    window = _main(shell)
    window.show_page("settings")
    settings = window.pages["settings"]
    spin = settings.idle_minutes  # type: ignore[attr-defined]
    with qtbot.waitSignal(settings.autosave.saved, timeout=3000):  # type: ignore[attr-defined]
        spin.setValue(2)
    assert shell.idle is not None and shell.idle.policy.minutes == 2
    idle_clock.advance(2 * 60)
    with qtbot.waitSignal(shell.locked):
        shell.idle.check()


def test_suspend_locks(qtbot: QtBot, shell: Shell) -> None:
    app = QGuiApplication.instance()
    assert isinstance(app, QGuiApplication)
    with qtbot.waitSignal(shell.locked):
        app.applicationStateChanged.emit(Qt.ApplicationState.ApplicationSuspended)
    assert shell.gate is not None and LOCKED_ON_SUSPEND in shell.gate.reason.text()


@pytest.mark.parametrize("page", ["settings", "meetings", "about"])
def test_unlock_returns_to_the_same_page(qtbot: QtBot, shell: Shell, page: str) -> None:
    _main(shell).show_page(page)
    shell.lock()
    window = unlock(qtbot, shell)
    assert window.location() == Location(page)
    assert window.stack.currentWidget() is window.pages[page]
    assert window.nav.currentItem().text().lower() == page


def test_unlock_returns_to_the_same_case(qtbot: QtBot, shell: Shell) -> None:
    view = _open_case(_main(shell), "DEMO0003")
    case_id = view.case_id
    shell.lock()
    window = unlock(qtbot, shell)
    assert window.location() == Location("case", case_id)
    assert isinstance(window.detail, CaseView)
    assert window.detail.child_form.first_name.text() == "Ruby"


def test_unlock_returns_to_the_same_meeting(qtbot: QtBot, shell: Shell) -> None:
    window = _main(shell)
    view = _open_case(window)
    meeting_id = view.meetings_model.rows()[0].id
    window.open_meeting(meeting_id)
    shell.lock()
    window = unlock(qtbot, shell)
    assert window.location().page == "meeting"
    assert window.location().record_id == meeting_id
    assert window.location().back is not None and window.location().back.page == "case"


def test_locking_closes_an_open_dialog_and_keeps_its_edits(
    qtbot: QtBot, shell: Shell, demo_path: Path
) -> None:
    window = _main(shell)
    view = _open_case(window)
    member = next(r for r in view.family.model.rows() if r.name == "Pat Example")
    dialog = FamilyMemberDialog(window.workspace, view.family.child_id, member, view.family)
    assert dialog.autosave is not None
    dialog.autosave.delay_ms = dialog.autosave.max_wait_ms = 60_000
    dialog.open()
    qtbot.keyClicks(dialog.phone, "9")
    assert dialog.autosave.pending()
    with qtbot.waitSignal(shell.locked):
        shell.lock()
    assert not dialog.isVisible()
    window = unlock(qtbot, shell)
    view = window.detail
    assert isinstance(view, CaseView)
    phones = {r.name: r.phone for r in view.family.model.rows()}
    assert phones["Pat Example"] == "01632 9600019"


def test_quitting_stores_pending_edits_and_closes(
    qtbot: QtBot, shell: Shell, demo_path: Path
) -> None:
    window = _main(shell)
    view = _open_case(window)
    view.autosave.delay_ms = view.autosave.max_wait_ms = 60_000
    qtbot.keyClicks(view.child_form.known_as, "Pip")
    workspace = shell.workspace
    with qtbot.waitSignal(shell.finished):
        window.close()
    assert workspace is not None and not workspace.is_open
    from app.services.cases import get_case
    from app.services.workspace import open_workspace
    from tests.conftest import PASSPHRASE

    with open_workspace(demo_path, PASSPHRASE) as reopened:
        assert get_case(reopened, case_id=view.case_id).known_as == "Pip"


def test_ctrl_l_locks_from_inside_a_dialog(qtbot: QtBot, shell: Shell) -> None:
    window = _main(shell)
    view = _open_case(window)
    member = view.family.model.rows()[0]
    dialog = FamilyMemberDialog(window.workspace, view.family.child_id, member, view.family)
    dialog.open()
    qtbot.waitUntil(lambda: QApplication.activeModalWidget() is dialog)
    with qtbot.waitSignal(shell.locked):
        qtbot.keyClick(dialog.phone, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    assert shell.workspace is None and not dialog.isVisible()
    assert dialog.phone.text() == ""  # emptied with everything else
