"""Nothing typed in meeting mode is lost: every route away keeps unconfirmed text.

The five-day review's timeframe is stored only by "Record the timeframe"; until
then its fields are drafts in the workspace. Each test types a reason, leaves
by one route (Ctrl+L, the idle lock, Ctrl+Q, a crash, Ctrl+F, Ctrl+N, leaving
meeting mode) and finds the reason again. Real workspace files, a real shell.
"""

from __future__ import annotations

import datetime as dt
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from app import clock
from app.services.conduct.drafts import list_drafts
from app.services.journey.review import icpc_timeframe
from app.services.workspace import open_workspace
from app.ui.main_window import MainWindow
from app.ui.meeting import MeetingView
from app.ui.meeting.steps.review_timeframe import ReviewTimeframePage
from app.ui.meeting.steps.safety_plan import SafetyPlanPage
from app.ui.shell import Shell
from app.ui.unlock_dialog import UnlockDialog
from app.workflow import StepKind
from tests.conftest import PASSPHRASE
from tests.ui.conftest import ManualClock, answer_modal, unlock
from tests.ui.test_meeting_support import focused, press

pytest_plugins = ["tests.ui.test_meeting_support"]

CTRL = Qt.KeyboardModifier.ControlModifier
CTRL_SHIFT = CTRL | Qt.KeyboardModifier.ShiftModifier
REASON = "Typed, never recorded: the family asked for more time."
# 14:02 in England on the day of the review (GMT in November).
TWO_PM = dt.datetime(2026, 11, 30, 14, 2, tzinfo=dt.UTC)


@pytest.fixture(autouse=True)
def fixed_clock() -> Iterator[None]:
    clock.set_clock(lambda: TWO_PM)
    yield
    clock.set_clock(None)


@pytest.fixture
def journey(journey_template: tuple[Path, dict[str, str]], tmp_path: Path) -> tuple[Path, str]:
    source, ids = journey_template
    target = tmp_path / "journey.macpt"
    shutil.copyfile(source, target)
    target.chmod(0o600)
    return target, ids["meeting_id"]


@pytest.fixture
def chair(
    qtbot: QtBot, make_shell: Callable[[Path], Shell], journey: tuple[Path, str]
) -> tuple[Shell, MainWindow, str]:
    """The review open in meeting mode in an unlocked shell."""
    path, meeting_id = journey
    shell = make_shell(path)
    window = unlock(qtbot, shell)
    window.open_meeting(meeting_id)
    return shell, window, meeting_id


def view_of(window: MainWindow) -> MeetingView:
    view = window.detail
    assert isinstance(view, MeetingView)
    return view


def timeframe(qtbot: QtBot, window: MainWindow) -> ReviewTimeframePage:
    view = view_of(window)
    qtbot.waitUntil(lambda: view.focusWidget() is not None)
    press(focused(view), Qt.Key.Key_D, CTRL)  # the review's decision is the timeframe
    page = view.current_page
    assert isinstance(page, ReviewTimeframePage)
    return page


def type_reason(qtbot: QtBot, window: MainWindow) -> ReviewTimeframePage:
    page = timeframe(qtbot, window)
    page.reason.setFocus()
    qtbot.keyClicks(page.reason, REASON)
    return page


def drafts_of(window: MainWindow, meeting_id: str) -> list[str]:
    return [row.text for row in list_drafts(window.workspace, meeting_id=meeting_id)]


def assert_reason_back(qtbot: QtBot, window: MainWindow) -> None:
    view = view_of(window)
    page = timeframe(qtbot, window)
    assert page.reason.toPlainText() == REASON
    assert "kept as a draft and is back" in view.notice.text()
    assert view.saved.text() == "Draft saved 14:02, not yet recorded"
    assert page.unrecorded() == "The conference timeframe has changes that are not recorded."


def test_ctrl_l_keeps_the_draft_through_the_lock(qtbot: QtBot, chair) -> None:
    shell, window, _meeting_id = chair
    type_reason(qtbot, window)
    with qtbot.waitSignal(shell.locked):
        press(focused(window), Qt.Key.Key_L, CTRL)
    assert_reason_back(qtbot, unlock(qtbot, shell))


def test_the_idle_lock_keeps_the_draft(qtbot: QtBot, chair, idle_clock: ManualClock) -> None:
    shell, window, _meeting_id = chair
    type_reason(qtbot, window)
    idle_clock.advance(60 * 60)
    assert shell.idle is not None
    with qtbot.waitSignal(shell.locked):
        shell.idle.check()
    assert_reason_back(qtbot, unlock(qtbot, shell))


def test_quitting_keeps_the_draft(qtbot: QtBot, chair, journey) -> None:
    shell, window, meeting_id = chair
    type_reason(qtbot, window)
    with qtbot.waitSignal(shell.finished):
        press(focused(window), Qt.Key.Key_Q, CTRL)
    with open_workspace(journey[0], PASSPHRASE) as workspace:
        rows = {
            r.field_key.split("/")[1]: r.text for r in list_drafts(workspace, meeting_id=meeting_id)
        }
    assert rows["Reason#0"] == REASON


def test_a_crash_keeps_what_the_debounce_stored(qtbot: QtBot, chair) -> None:
    _shell, window, meeting_id = chair
    view = view_of(window)
    type_reason(qtbot, window)
    # Nothing flushes: only the debounce writes, as before a power cut.
    qtbot.waitUntil(lambda: REASON in drafts_of(window, meeting_id), timeout=3000)
    qtbot.waitUntil(lambda: view.saved.text() == "Draft saved 14:02, not yet recorded")
    # Committed: a copy of the files as they are now (as a power cut leaves them) has it.
    source = window.workspace.path
    copy = source.with_name("after-crash.macpt")
    for suffix in ("", "-wal"):
        if Path(f"{source}{suffix}").exists():
            shutil.copyfile(f"{source}{suffix}", f"{copy}{suffix}")
    with open_workspace(copy, PASSPHRASE) as workspace:
        assert REASON in [r.text for r in list_drafts(workspace, meeting_id=meeting_id)]


def test_ctrl_f_and_back_keeps_the_draft(qtbot: QtBot, chair) -> None:
    _shell, window, meeting_id = chair
    type_reason(qtbot, window)
    press(focused(window), Qt.Key.Key_F, CTRL)
    assert window.detail is None
    window.open_meeting(meeting_id)
    assert_reason_back(qtbot, window)


def test_ctrl_n_finds_the_draft_stored_before_the_dialog(qtbot: QtBot, chair) -> None:
    _shell, window, meeting_id = chair
    type_reason(qtbot, window)
    seen: list[list[str]] = []

    def look(_dialog: QWidget) -> None:
        seen.append(drafts_of(window, meeting_id))

    answer_modal(look)
    press(focused(window), Qt.Key.Key_N, CTRL)
    assert seen and REASON in seen[0]


def test_leaving_meeting_mode_asks_then_keeps_the_draft(qtbot: QtBot, chair) -> None:
    _shell, window, meeting_id = chair
    type_reason(qtbot, window)
    view = view_of(window)
    with qtbot.assertNotEmitted(view.closed):
        press(focused(view), Qt.Key.Key_Q, CTRL_SHIFT)
    assert view.notice.text() == (
        "The conference timeframe is kept as a draft until it is recorded. "
        "Press Leave meeting mode (Ctrl+Shift+Q) again to leave."
    )
    with qtbot.waitSignal(view.closed):
        press(focused(view), Qt.Key.Key_Q, CTRL_SHIFT)
    window.open_meeting(meeting_id)
    assert_reason_back(qtbot, window)


def test_recording_clears_the_draft_and_the_status_says_so(qtbot: QtBot, chair) -> None:
    _shell, window, meeting_id = chair
    page = type_reason(qtbot, window)
    view = view_of(window)
    view.state.drafts.flush()
    assert view.saved.text() == "Draft saved 14:02, not yet recorded"
    page.record.click()
    assert icpc_timeframe(window.workspace, meeting_id=meeting_id) is not None
    assert drafts_of(window, meeting_id) == []
    assert view.saved.text() == "All changes saved"
    assert page.unrecorded() is None


def test_a_draft_that_cannot_be_stored_holds_the_lock(qtbot: QtBot, chair) -> None:
    shell, window, meeting_id = chair
    page = timeframe(qtbot, window)
    page.reason.setFocus()
    page.reason.setPlainText("x" * 20_001)  # longer than any field may be: refused
    press(focused(window), Qt.Key.Key_L, CTRL)
    assert shell.window is window  # not locked: locking would lose it
    assert "Not locked" in window.statusBar().currentMessage()
    assert "draft could not be stored" in view_of(window).notice.text()
    assert view_of(window).saved.text() == "Not saved"
    assert "x" * 20_001 not in drafts_of(window, meeting_id)
    with qtbot.waitSignal(shell.locked):
        press(focused(window), Qt.Key.Key_L, CTRL)  # a second Ctrl+L locks anyway
    # What could not be stored is kept, encrypted under the workspace's key, and
    # offered back once the workspace is unlocked again.
    assert shell._kept is not None and b"xxxx" not in shell._kept
    gate = shell.gate
    assert isinstance(gate, UnlockDialog)
    qtbot.keyClicks(gate.passphrase, PASSPHRASE)
    with qtbot.waitSignal(shell.unlocked):
        gate.unlock_button.click()  # the dialog takes the focus, so not ``unlock``
    qtbot.waitUntil(lambda: shell.kept_dialog is not None and shell.kept_dialog.isVisible())
    assert shell.kept_dialog is not None
    shown = shell.kept_dialog.text.toPlainText()  # type: ignore[attr-defined]
    assert "x" * 20_001 in shown
    assert shell._kept is None  # offered once, then gone
    shell.kept_dialog.reject()


def test_a_safety_plan_draft_comes_back_with_all_its_items(review, open_view, qtbot) -> None:
    view = open_view(review)
    index = next(i for i, s in enumerate(view.state.flow.steps) if s.title == "Interim safety plan")
    view.go_to_item(index)
    page = view.current_page
    assert isinstance(page, SafetyPlanPage)
    qtbot.keyClicks(page.items[0].worry, "Unexplained bruising")
    page.add_item.click()
    qtbot.keyClicks(page.items[1].worry, "Missed health appointments")
    qtbot.keyClicks(page.agreed_by, "Both parents")
    assert view.state.drafts.flush()
    view.leave_now()
    again = open_view(review)
    again.go_to_item(index)
    page = again.current_page
    assert isinstance(page, SafetyPlanPage)
    assert [e.worry.toPlainText() for e in page.items] == [
        "Unexplained bruising",
        "Missed health appointments",
    ]
    assert page.agreed_by.text() == "Both parents"
    assert again.saved.text() == "Draft saved 14:02, not yet recorded"


def test_an_action_half_typed_comes_back_and_adding_it_clears_the_draft(
    strategy, open_view, qtbot
) -> None:
    view = open_view(strategy)
    index = next(i for i, s in enumerate(view.state.flow.steps) if isinstance_page(view, i))
    view.go_to_item(index)
    form = view.current_page.form
    qtbot.keyClicks(form.description, "Home visit within two days")
    view.leave_now()  # as Ctrl+F or a lock would, without Add being pressed
    again = open_view(strategy)
    again.go_to_item(index)
    form = again.current_page.form
    assert form.description.text() == "Home visit within two days"
    qtbot.keyClicks(form.owner, "Sam Sample-Social-Worker")
    form.add_button.click()
    assert list_drafts(strategy.workspace, meeting_id=strategy.meeting_id) == []
    assert again.saved.text() == "All changes saved"


def isinstance_page(view: MeetingView, index: int) -> bool:
    return view.state.flow.steps[index].kind is StepKind.ACTIONS


def test_quick_add_shows_the_action_in_the_actions_item(strategy, open_view, qtbot) -> None:
    view = open_view(strategy)
    index = next(i for i, s in enumerate(view.state.flow.steps) if isinstance_page(view, i))
    view.go_to_item(index)
    page = view.current_page
    view.add_action()
    dialog = view.dialog
    assert dialog is not None
    qtbot.keyClicks(dialog.form.description, "Ring the school nurse")  # type: ignore[attr-defined]
    dialog.form.add_button.click()  # type: ignore[attr-defined]
    assert [line.description.text() for line in page.lines.values()] == ["Ring the school nurse"]
