"""Asked to stop by the system (SIGTERM, Ctrl+C), the app stores pending edits first."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

from app.services.cases import get_case, list_cases
from app.services.workspace import open_workspace
from tests.conftest import PASSPHRASE

REPO = Path(__file__).resolve().parents[2]

# Runs the real app (app.ui.application.run) on a workspace, unlocks it, types
# into a case field with a debounce so long that only a flush can store it,
# says "ready" and waits to be stopped.
SCRIPT = """
import sys
from pathlib import Path
from PySide6.QtCore import QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication
from app.ui import application
from app.ui.main_window import MainWindow
from app.ui.unlock_dialog import UnlockDialog

path, passphrase, case_id = Path(sys.argv[1]), sys.argv[2], sys.argv[3]
app = application.create_application()

def of_type(kind):
    return next(w for w in QApplication.topLevelWidgets() if isinstance(w, kind) and w.isVisible())

def go():
    gate = of_type(UnlockDialog)
    QTest.keyClicks(gate.passphrase, passphrase)
    gate.unlock_button.click()
    window = of_type(MainWindow)
    window.open_case(case_id)
    view = window.detail
    view.autosave.delay_ms = view.autosave.max_wait_ms = 600_000
    QTest.keyClicks(view.child_form.known_as, "Stopped safely")
    assert view.autosave.pending()
    print("ready", flush=True)

QTimer.singleShot(0, go)
sys.exit(application.run(workspace=path))
"""


def test_sigterm_stores_pending_edits_and_exits_cleanly(demo_path: Path) -> None:
    # SIGINT (Ctrl+C) takes the same path; one subprocess run keeps the suite quick.
    with open_workspace(demo_path, PASSPHRASE) as workspace:
        case_id = list_cases(workspace, search="DEMO0002")[0].case_id
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    process = subprocess.Popen(
        [sys.executable, "-c", SCRIPT, str(demo_path), PASSPHRASE, case_id],
        cwd=REPO,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert process.stdout is not None
    assert process.stdout.readline().strip() == "ready"
    process.send_signal(signal.SIGTERM)
    _out, err = process.communicate(timeout=60)
    assert process.returncode == 0, err
    assert "Traceback" not in err
    with open_workspace(demo_path, PASSPHRASE) as workspace:
        assert get_case(workspace, case_id=case_id).known_as == "Stopped safely"
