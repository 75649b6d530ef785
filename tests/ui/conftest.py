"""Shared fixtures for the user interface tests: real workspaces, real widgets.

A demo workspace is built once per run and copied for each test (copying a
closed workspace costs a file copy; creating one costs a key derivation and a
migration). The shell gets a hand-moved idle clock and fixed file-dialog
answers, so no test waits or blocks on a dialog.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QModelIndex, QTimer
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QApplication,
    QComboBox,
    QGroupBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QTextEdit,
    QWidget,
)
from pytestqt.qtbot import QtBot

from app import clock
from app.services.demo import core as demo_core
from app.services.workspace import create_workspace
from app.ui.file_dialogs import FixedFileDialogs
from app.ui.main_window import MainWindow
from app.ui.shell import Shell
from app.ui.unlock_dialog import UnlockDialog
from tests.conftest import FIXED_NOW, PASSPHRASE

# The offscreen platform used in tests has no window manager to pass size
# hints to or raise windows in; these warnings say nothing about the app.
OFFSCREEN_NOISE = r"This plugin does not support (propagateSizeHints|raise)\(\)"


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    here = Path(__file__).parent
    for item in items:
        if here in Path(item.path).parents:
            item.add_marker(pytest.mark.qt_log_ignore(OFFSCREEN_NOISE))


class ManualClock:
    """Seconds that move only when a test moves them."""

    def __init__(self) -> None:
        self.seconds = 10_000.0

    def __call__(self) -> float:
        return self.seconds

    def advance(self, seconds: float) -> None:
        self.seconds += seconds


@pytest.fixture(scope="session")
def demo_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A closed workspace with the core demo (children, families, meetings)."""
    path = tmp_path_factory.mktemp("ui-template") / "demo.macpt"
    clock.set_clock(lambda: FIXED_NOW)
    try:
        with create_workspace(path, PASSPHRASE) as workspace:
            workspace.actor = "Test Chair"
            demo_core.add(workspace)
    finally:
        clock.set_clock(None)
    path.chmod(0o400)
    return path


@pytest.fixture(scope="session")
def empty_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("ui-empty") / "empty.macpt"
    create_workspace(path, PASSPHRASE).close()
    path.chmod(0o400)
    return path


def _copy(source: Path, target: Path) -> Path:
    shutil.copyfile(source, target)
    target.chmod(0o600)
    return target


@pytest.fixture
def demo_path(demo_template: Path, tmp_path: Path) -> Path:
    return _copy(demo_template, tmp_path / "demo.macpt")


@pytest.fixture
def empty_path(empty_template: Path, tmp_path: Path) -> Path:
    return _copy(empty_template, tmp_path / "empty.macpt")


@pytest.fixture
def idle_clock() -> ManualClock:
    return ManualClock()


@pytest.fixture
def file_dialogs() -> FixedFileDialogs:
    return FixedFileDialogs()


@pytest.fixture
def make_shell(
    qtbot: QtBot, idle_clock: ManualClock, file_dialogs: FixedFileDialogs
) -> Iterator[Callable[[Path], Shell]]:
    shells: list[Shell] = []

    def make(path: Path) -> Shell:
        shell = Shell(path, file_dialogs=file_dialogs, idle_clock=idle_clock)
        shells.append(shell)
        shell.start()
        return shell

    yield make
    for shell in shells:
        shell.quit()


def unlock(qtbot: QtBot, shell: Shell, passphrase: str = PASSPHRASE) -> MainWindow:
    """Type the passphrase into the shell's unlock dialog and press Enter."""
    gate = shell.gate
    assert isinstance(gate, UnlockDialog)
    qtbot.keyClicks(gate.passphrase, passphrase)
    with qtbot.waitSignal(shell.unlocked, timeout=5000):
        gate.unlock_button.click()
    window = shell.window
    assert window is not None
    qtbot.waitUntil(window.isActiveWindow)  # keyboard shortcuts need an active window
    return window


@pytest.fixture
def window(qtbot: QtBot, make_shell: Callable[[Path], Shell], demo_path: Path) -> MainWindow:
    """The main window of an unlocked copy of the demo workspace."""
    shell = make_shell(demo_path)
    return unlock(qtbot, shell)


def answer_modal(answer: Callable[[QWidget], None]) -> None:
    """Run ``answer`` on the next modal dialog once it shows, inside its own event loop.

    Code under test opens modals with ``exec()``; this answers them as a user
    would. The dialog is rejected afterwards if ``answer`` left it open, so a
    failing answer cannot hang the test.
    """

    def attempt() -> None:
        dialog = QApplication.activeModalWidget()
        if dialog is None:
            QTimer.singleShot(10, attempt)
            return
        try:
            answer(dialog)
        finally:
            if dialog.isVisible() and hasattr(dialog, "reject"):
                dialog.reject()

    QTimer.singleShot(0, attempt)


def widget_texts(widget: QWidget) -> list[str]:
    """Every piece of text ``widget`` shows or tells assistive technology."""
    texts = [widget.windowTitle(), widget.toolTip(), widget.accessibleName()]
    texts.append(widget.accessibleDescription())
    if isinstance(widget, (QLabel, QLineEdit, QAbstractButton)):
        texts.append(widget.text())
    if isinstance(widget, QPlainTextEdit):
        texts.append(widget.toPlainText())
    if isinstance(widget, QTextEdit):
        texts.append(widget.toPlainText())
    if isinstance(widget, QGroupBox):
        texts.append(widget.title())
    if isinstance(widget, QComboBox):
        texts.extend(widget.itemText(i) for i in range(widget.count()))
    if isinstance(widget, QAbstractItemView) and widget.model() is not None:
        model = widget.model()
        try:
            columns = model.columnCount(QModelIndex())
        except TypeError:  # list models keep columnCount private: they have one
            columns = 1
        for row in range(model.rowCount(QModelIndex())):
            for column in range(columns):
                texts.append(str(model.data(model.index(row, column)) or ""))
    return [t for t in texts if t]


def all_widget_text() -> str:
    """All text in every widget that still exists, as one string."""
    return "\n".join(t for w in QApplication.allWidgets() for t in widget_texts(w))
