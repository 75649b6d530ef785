"""Start the desktop application."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QApplication

from app import APP_NAME, __version__, paths
from app.ui.crash import install_excepthook
from app.ui.file_dialogs import FileDialogs
from app.ui.shell import Shell
from app.ui.style import apply_style

if TYPE_CHECKING:
    pass

ORGANISATION = "MACPT Companion"


def create_application(argv: list[str] | None = None) -> QApplication:
    """The QApplication, named and styled (the existing one if there is one)."""
    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication(argv or sys.argv[:1])
    app.setApplicationName(APP_NAME)
    app.setApplicationDisplayName(APP_NAME)
    app.setOrganizationName(ORGANISATION)
    app.setApplicationVersion(__version__)
    # A crash dialog must never be the reason an unlock screen vanishes.
    app.setQuitOnLastWindowClosed(False)
    from app.ui.display import load_prefs

    apply_style(app, load_prefs())  # this computer's text size and contrast
    from app.ui import privacy, wheel

    wheel.install(app)  # the wheel scrolls pages; it never changes an unfocused choice
    privacy.install(app)  # Ctrl+Shift+B hides every window's contents
    return app


def start_shell(workspace: Path | None = None, *, file_dialogs: FileDialogs | None = None) -> Shell:
    """Show the create or unlock dialog for ``workspace`` (or the default one).

    This is exactly what :func:`run` shows first; benchmarks use it to time a
    cold start to the unlock window.
    """
    shell = Shell(workspace or paths.default_workspace(), file_dialogs=file_dialogs)
    shell.start()
    return shell


def run(*, workspace: Path | None = None) -> int:
    """Run the app until the user quits; the exit status for the process."""
    paths.private_umask()
    app = create_application()
    install_excepthook()
    shell = start_shell(workspace)
    shell.finished.connect(app.quit)
    # Whatever ends the session (logout, SIGTERM, Ctrl+C), pending edits are stored first.
    # Listening starts before the loop does: a signal that arrives early waits on the
    # wake-up socket until the loop reads it, rather than killing the process unsaved.
    from app.ui.stopping import StopRequests

    stop = StopRequests(app)
    stop.stop_requested.connect(shell.quit)
    app.aboutToQuit.connect(shell.quit)
    try:
        return int(app.exec())
    finally:
        stop.uninstall()
