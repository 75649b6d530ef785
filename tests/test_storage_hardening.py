"""Process hardening: no core dumps, no lasting copies of the key, the clipboard cleared."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from app.storage import cipher, secrets
from tests.helpers.workspaces import REPO

CHILD = """
import os, resource, signal, sys
from app.hardening import dumpable, harden
harden()
print(resource.getrlimit(resource.RLIMIT_CORE), dumpable(), flush=True)
os.chdir(sys.argv[1])
os.kill(os.getpid(), signal.SIGSEGV)
"""


def test_a_crash_after_hardening_writes_no_core(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-c", CHILD, str(tmp_path)],
        capture_output=True,
        text=True,
        cwd=REPO,
        timeout=60,
        check=False,
    )
    assert result.returncode == -11
    limit, dumpable = result.stdout.split(")", 1)
    assert limit == "(0, 0"
    if sys.platform.startswith("linux"):
        assert dumpable.strip() == "False"
    assert list(tmp_path.iterdir()) == []  # no core file beside it


def test_macpt_hardens_itself_before_reading_a_passphrase() -> None:
    probe = subprocess.run(
        [
            sys.executable,
            "-c",
            "import resource, sys\n"
            "from app.cli import main\n"
            "from app.hardening import dumpable\n"
            "try:\n    main(['--version'])\nexcept SystemExit:\n    pass\n"
            "print(resource.getrlimit(resource.RLIMIT_CORE), dumpable())",
        ],
        capture_output=True,
        text=True,
        cwd=REPO,
        timeout=60,
        check=False,
    )
    assert probe.stdout.strip().endswith("(0, 0) False"), probe.stdout + probe.stderr


def test_key_material_is_wiped_after_use() -> None:
    key = bytearray(range(32))
    literal = secrets.hex_literal(key)
    assert literal.startswith(b"x'") and len(literal) == 67
    secrets.wipe(literal)
    assert literal == bytearray(67)

    made = "".join(["violet ", "tractor"])  # a string of our own, not a literal
    secrets.wipe_immutable(made)
    assert made == "\x00" * 14
    seen: list[str] = []

    class Recorder:
        def executescript(self, text: str) -> None:
            seen.append(text)
            assert bytes(key).hex() in text

    secrets.run_with_key(Recorder(), b"PRAGMA key = {key};", key, None)
    assert seen == ["\x00" * len(seen[0])]  # the statement was wiped once run
    assert not hasattr(cipher, "raw_key_literal")


MEMORY_SECURITY_PROBE = """
import sys
from pathlib import Path
from app.storage import cipher
if sys.argv[2] == "demo":
    cipher.fictional_data_only()
salt = cipher.new_salt()
conn = cipher.connect(Path(sys.argv[1]), cipher.derive_key("violet tractor mango harbour", salt), salt=salt)
print(conn.execute("PRAGMA cipher_memory_security").fetchone()[0])
conn.close()
try:
    cipher.fictional_data_only()
except RuntimeError:
    print("stays on")
"""


@pytest.mark.parametrize(("process", "expected"), [("app", ["1", "stays on"]), ("demo", ["0"])])
def test_sqlcipher_runs_with_memory_security_except_for_fictional_data(
    tmp_path: Path, process: str, expected: list[str]
) -> None:
    """The tests themselves run without it (conftest), so a fresh process is asked."""
    probe = subprocess.run(
        [sys.executable, "-c", MEMORY_SECURITY_PROBE, str(tmp_path / "w.macpt"), process],
        capture_output=True,
        text=True,
        check=True,
        cwd=Path(__file__).resolve().parent.parent,
    )
    assert probe.stdout.split("\n")[:-1] == expected


def test_locking_clears_text_copied_from_the_app_only(qtbot: QtBot) -> None:
    from PySide6.QtGui import QGuiApplication
    from PySide6.QtWidgets import QLineEdit

    from app.idle import IdleLock
    from app.ui.locking import IdleWatcher

    clipboard = QGuiApplication.clipboard()
    watcher = IdleWatcher(IdleLock(minutes=5))
    field = QLineEdit("Poppy Example")
    qtbot.addWidget(field)
    field.show()
    field.activateWindow()
    qtbot.waitUntil(lambda: QGuiApplication.focusWindow() is not None)
    field.selectAll()
    field.copy()
    assert clipboard.text() == "Poppy Example"
    watcher.stop()
    assert clipboard.text() == ""

    # Text that came from elsewhere (set while the app was not the one copying) stays.
    watcher = IdleWatcher(IdleLock(minutes=5))
    watcher.clipboard._digest = None
    clipboard.dataChanged.disconnect(watcher.clipboard._on_changed)
    clipboard.setText("a shopping list")
    watcher.stop()
    assert clipboard.text() == "a shopping list"
    clipboard.clear()
