"""Unlocking builds Home alone; the other pages, and the libraries behind them,
load the first time the user goes to them."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

from app.ui.main_window import MainWindow
from app.ui.navigation import PAGES, Location
from tests.conftest import PASSPHRASE
from tests.helpers.workspaces import REPO

# Unlock the real shell in a fresh interpreter, then list the heavy libraries loaded.
# The passphrase comes on standard input, never in argv.
UNLOCK_SCRIPT = textwrap.dedent(
    """
    import json, sys
    from pathlib import Path
    from PySide6.QtCore import QEventLoop, QTimer
    from PySide6.QtWidgets import QApplication
    from app.ui.file_dialogs import FixedFileDialogs
    from app.ui.shell import Shell

    app = QApplication([])
    shell = Shell(Path(sys.argv[1]), file_dialogs=FixedFileDialogs())
    shell.start()
    shell.gate.passphrase.setText(sys.stdin.readline().rstrip("\\n"))
    loop = QEventLoop()
    shell.unlocked.connect(loop.quit)
    QTimer.singleShot(60_000, loop.quit)
    QTimer.singleShot(0, shell.gate.unlock_button.click)
    loop.exec()
    window = shell.window
    app.processEvents()
    print(json.dumps({
        "pages": sorted(window.pages) if window is not None else None,
        "modules": sorted({name.split(".")[0] for name in sys.modules}),
    }))
    shell.quit()
    """
)


def test_unlocking_loads_no_charts_word_or_strength_meter(demo_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-c", UNLOCK_SCRIPT, str(demo_path)],
        input=PASSPHRASE + "\n",
        capture_output=True,
        text=True,
        timeout=180,
        check=False,
        cwd=REPO,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
    )
    assert result.returncode == 0, result.stderr[-3000:]
    found = json.loads(result.stdout.strip().splitlines()[-1])
    assert found["pages"] == ["home"]
    assert {"matplotlib", "docx", "zxcvbn"} & set(found["modules"]) == set()


def test_only_home_is_built_at_unlock(window: MainWindow) -> None:
    assert set(window.pages) == {"home"}
    assert window.stack.count() == 1
    assert window.stack.currentWidget() is window.pages["home"]


def test_each_page_is_built_once_when_first_shown(window: MainWindow) -> None:
    built: dict[str, object] = {}
    for spec in PAGES:
        window.show_page(spec.key)
        built[spec.key] = window.pages[spec.key]
        assert window.stack.currentWidget() is built[spec.key]
    for spec in PAGES:
        window.show_page(spec.key)
        assert window.pages[spec.key] is built[spec.key]
    assert window.stack.count() == len(PAGES)


def test_a_remembered_page_is_built_on_the_way_back(window: MainWindow) -> None:
    window.go_to(Location("meetings"))
    assert set(window.pages) == {"home", "meetings"}
    assert window.location() == Location("meetings")
