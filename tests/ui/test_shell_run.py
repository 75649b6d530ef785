"""Starting the app, and what an unexpected error shows (never a traceback)."""

from __future__ import annotations

import os
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from app import APP_NAME
from app.errors import ValidationError
from app.ui.application import run
from app.ui.crash import install_excepthook, open_error_boxes
from app.ui.create_dialog import CreateWorkspaceDialog
from app.ui.unlock_dialog import UnlockDialog


@pytest.fixture
def app_state(qapp: QApplication, monkeypatch: pytest.MonkeyPatch) -> Iterator[QApplication]:
    """Undo what starting the app changes process-wide, so other tests are unaffected."""
    font, sheet = QFont(qapp.font()), qapp.styleSheet()
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    monkeypatch.setattr(threading, "excepthook", threading.excepthook)
    umask = os.umask(0o022)
    os.umask(umask)
    yield qapp
    os.umask(umask)
    qapp.setFont(font)
    qapp.setStyleSheet(sheet)
    qapp.setQuitOnLastWindowClosed(True)


def _quit_from(kind: type) -> list[str]:
    seen: list[str] = []

    def attempt() -> None:
        gates = [w for w in QApplication.topLevelWidgets() if isinstance(w, kind) and w.isVisible()]
        if not gates:
            QTimer.singleShot(10, attempt)
            return
        seen.append(type(gates[0]).__name__)
        gates[0].quit_button.click()

    QTimer.singleShot(0, attempt)
    return seen


def test_run_opens_the_unlock_dialog_for_an_existing_file(
    app_state: QApplication, demo_path: Path
) -> None:
    seen = _quit_from(UnlockDialog)
    assert run(workspace=demo_path) == 0
    assert seen == ["UnlockDialog"]
    assert app_state.applicationName() == APP_NAME
    assert os.umask(0o077) == 0o077  # files made from now on are owner-only


def test_run_opens_the_create_dialog_for_a_new_file(
    app_state: QApplication, tmp_path: Path
) -> None:
    seen = _quit_from(CreateWorkspaceDialog)
    assert run(workspace=tmp_path / "new.macpt") == 0
    assert seen == ["CreateWorkspaceDialog"]
    assert not (tmp_path / "new.macpt").exists()


def test_an_unexpected_error_gets_a_calm_message_without_details(
    qtbot: QtBot, app_state: QApplication, capsys: pytest.CaptureFixture[str]
) -> None:
    install_excepthook()
    try:
        raise KeyError("Poppy Example, 12 Imaginary Lane")
    except KeyError as exc:
        sys.excepthook(type(exc), exc, exc.__traceback__)
    (box,) = open_error_boxes()
    assert "Something went wrong (KeyError)" in box.text()
    assert "safe in the workspace" in box.text()
    assert "Poppy" not in box.text()
    captured = capsys.readouterr()
    assert "KeyError" in captured.err
    assert "Traceback" not in captured.err and "Poppy" not in captured.err
    box.accept()
    assert open_error_boxes() == []


def test_our_own_errors_keep_their_message(qtbot: QtBot, app_state: QApplication) -> None:
    install_excepthook()
    error = ValidationError("Give the agency a name.")
    sys.excepthook(ValidationError, error, None)
    (box,) = open_error_boxes()
    assert box.text().startswith("Give the agency a name.")
    box.accept()


def test_errors_in_other_threads_are_handled_too(
    qtbot: QtBot, app_state: QApplication, capsys: pytest.CaptureFixture[str]
) -> None:
    install_excepthook()

    def fail() -> None:
        raise RuntimeError("Chris Example-Other")

    thread = threading.Thread(target=fail)
    thread.start()
    thread.join()
    qtbot.waitUntil(lambda: len(open_error_boxes()) == 1)
    (box,) = open_error_boxes()
    assert "Something went wrong (RuntimeError)" in box.text() and "Chris" not in box.text()
    captured = capsys.readouterr()
    assert "RuntimeError" in captured.err and "Chris" not in captured.err
    box.accept()


def test_the_unlock_window_needs_no_database_code(demo_path: Path) -> None:
    """Cold start stays close to a bare window: the database layer loads after it shows."""
    import subprocess

    script = (
        "import sys; from pathlib import Path\n"
        "from app.ui import application\n"
        "app = application.create_application()\n"
        "shell = application.start_shell(Path(sys.argv[1]))\n"
        "app.processEvents()\n"
        "assert type(shell.gate).__name__ == 'UnlockDialog' and shell.gate.isVisible()\n"
        "heavy = sorted(m for m in ('sqlalchemy', 'sqlcipher3', 'alembic', 'zxcvbn') "
        "if m in sys.modules)\n"
        "print(','.join(heavy) or 'none')\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script, str(demo_path)],
        capture_output=True,
        text=True,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
        timeout=60,
        check=True,
    )
    assert result.stdout.strip() == "none"
