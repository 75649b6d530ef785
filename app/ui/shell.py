"""The life of the app: create or unlock, work, lock, unlock again, quit.

One workspace file is open at a time. Locking flushes every pending edit,
empties and destroys the main window, closes the workspace (dropping its key
and connections) and shows the unlock screen; unlocking brings back the same
page and record.
"""

from __future__ import annotations

import contextlib
import json
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QByteArray, QObject, QTimer, Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QDialog

from app.errors import MacptError
from app.idle import IdleLock, suspend_aware_seconds
from app.ui.background import wait_for_background_work
from app.ui.file_dialogs import FileDialogs, QtFileDialogs
from app.ui.locking import IdleWatcher
from app.ui.module_sources import forget_module_sources
from app.ui.navigation import Location
from app.ui.unlock_dialog import UnlockDialog
from app.ui.widgets import user_message

# The unlock window must appear as fast as a bare window: the database layer,
# the pages and the passphrase checker are imported once it is showing.
if TYPE_CHECKING:
    from app.services.settings import WorkspaceSettings
    from app.storage.workspace import Workspace
    from app.ui.create_dialog import CreateWorkspaceDialog
    from app.ui.main_window import MainWindow
    from app.ui.screen_lock import ScreenLockWatcher

WARM_UP_DELAY_MS = 300

CARRY_ON = "Type your passphrase to carry on where you left off."
LOCKED_BY_USER = f"You locked the workspace. {CARRY_ON}"
LOCKED_ON_SUSPEND = f"The workspace locked itself because the computer went to sleep. {CARRY_ON}"
LOCKED_WITH_SCREEN = f"The workspace locked itself when the screen was locked. {CARRY_ON}"

HELD = (
    "Not locked: some changes could not be stored, and locking now would lose them. "
    "Free some disk space or copy the text elsewhere, then lock again; "
    "Ctrl+L a second time locks anyway."
)


def idle_reason(minutes: float) -> str:
    count = int(minutes)
    unit = "minute" if count == 1 else "minutes"
    return f"The workspace locked itself after {count} {unit} without use. {CARRY_ON}"


class Shell(QObject):
    """Runs the create/unlock → main window → lock cycle for one workspace file.

    Signals:
        unlocked: a workspace is open and the main window shows it.
        locked: the workspace is locked; every view was emptied and destroyed.
        finished: the user quit; the application should end.
    """

    unlocked = Signal()
    locked = Signal()
    finished = Signal()

    def __init__(
        self,
        path: Path,
        *,
        file_dialogs: FileDialogs | None = None,
        idle_clock: Callable[[], float] = suspend_aware_seconds,
        idle_poll_ms: int = 5000,
        screen_lock: ScreenLockWatcher | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.path = path
        self.file_dialogs: FileDialogs = file_dialogs or QtFileDialogs()
        self.workspace: Workspace | None = None
        self.window: MainWindow | None = None
        self.gate: UnlockDialog | CreateWorkspaceDialog | None = None
        self.idle: IdleWatcher | None = None
        self._idle_clock = idle_clock
        self._idle_poll_ms = idle_poll_ms
        self._location: Location | None = None
        self._geometry: QByteArray | None = None
        self._finished = False
        self._lock_held = False
        # Text a forced lock could not store, sealed under the workspace's key.
        self._kept: bytes | None = None
        self.kept_dialog: QDialog | None = None
        self.screen_lock: ScreenLockWatcher | None = None
        if screen_lock is not None:
            self._watch_screen(screen_lock)

    def start(self) -> None:
        """Show the create dialog for a new file, or the unlock dialog for an existing one."""
        self._show_gate()

    # -- the gate: create or unlock ---------------------------------------------
    def _show_gate(self, reason: str = "") -> None:
        self._close_gate()
        gate: UnlockDialog | CreateWorkspaceDialog
        if self.path.exists():
            gate = UnlockDialog(self.path, reason=reason)
            gate.unlocked.connect(self._on_open)
        else:
            from app.ui.create_dialog import CreateWorkspaceDialog

            gate = CreateWorkspaceDialog(self.path)
            gate.created.connect(self._on_open)
        gate.open_another.connect(self._on_open_another)
        gate.rejected.connect(self._on_gate_rejected)
        self.gate = gate
        gate.show()
        gate.raise_()
        gate.activateWindow()
        QTimer.singleShot(WARM_UP_DELAY_MS, _warm_up)

    def _close_gate(self) -> None:
        if self.gate is not None:
            gate, self.gate = self.gate, None
            gate.blockSignals(True)
            gate.hide()
            gate.deleteLater()

    def _on_gate_rejected(self) -> None:
        if self.window is None:
            self.quit()

    def _on_open_another(self) -> None:
        parent = self.window or self.gate
        chosen = self.file_dialogs.choose_workspace(parent, self.path.parent)
        if chosen is not None:
            self.switch_workspace(chosen)

    def switch_workspace(self, path: Path) -> None:
        """Lock whatever is open and ask for ``path`` instead."""
        path = path.expanduser()
        if self.window is not None and path.resolve() == self.path.resolve():
            return
        if self.window is not None:
            self._lock_down()
        self.path = path
        self._location = None
        self._show_gate()

    # -- unlocked -----------------------------------------------------------------
    def _on_open(self, workspace: Workspace) -> None:
        from app.services.settings import get_settings
        from app.ui.main_window import MainWindow

        try:
            settings = get_settings(workspace)
            window = MainWindow(workspace, file_dialogs=self.file_dialogs)
        except Exception as exc:
            # The gate stays up with the reason; the workspace is not left open behind it.
            workspace.close()
            if self.gate is not None:
                self.gate.show_error(user_message(exc))
            return
        self.workspace = workspace
        workspace.actor = settings.chair_name or _login_name()
        window.lock_requested.connect(lambda: self.lock(LOCKED_BY_USER))
        window.open_another_requested.connect(self._on_open_another)
        window.quit_requested.connect(self.quit)
        window.settings_changed.connect(self._on_settings_changed)
        self.window = window
        self._place(window)
        if self._location is not None:
            # A record that went away: go_to has already fallen back to its list.
            with contextlib.suppress(MacptError):
                window.go_to(self._location)
        self._close_gate()
        window.show()
        window.activateWindow()
        forget_module_sources()
        self._start_idle(settings)
        self._offer_kept(workspace, window)
        if self.screen_lock is None:
            from app.ui.screen_lock import ScreenLockWatcher

            self._watch_screen(ScreenLockWatcher())
        self.unlocked.emit()

    def _place(self, window: MainWindow) -> None:
        if self._geometry is not None and window.restoreGeometry(self._geometry):
            return
        screen = QGuiApplication.primaryScreen()
        area = screen.availableGeometry() if screen is not None else None
        width, height = 1280, 800
        if area is not None:
            width, height = min(width, area.width()), min(height, area.height())
        window.resize(width, height)

    def _watch_screen(self, watcher: ScreenLockWatcher) -> None:
        self.screen_lock = watcher
        watcher.setParent(self)
        watcher.screen_locked.connect(lambda: self.lock(LOCKED_WITH_SCREEN))
        watcher.going_to_sleep.connect(lambda: self.lock(LOCKED_ON_SUSPEND))

    def _start_idle(self, settings: WorkspaceSettings) -> None:
        policy = IdleLock(minutes=settings.idle_lock_minutes, now=self._idle_clock)
        self.idle = IdleWatcher(policy, poll_ms=self._idle_poll_ms, parent=self)
        self.idle.idle.connect(lambda: self.lock(idle_reason(policy.minutes)))
        self.idle.suspended.connect(lambda: self.lock(LOCKED_ON_SUSPEND))
        self.idle.lock_pressed.connect(lambda: self.lock(LOCKED_BY_USER))
        self.idle.start()

    def _stop_idle(self) -> None:
        if self.idle is not None:
            self.idle.stop()
            self.idle.deleteLater()
            self.idle = None

    def _on_settings_changed(self, settings: WorkspaceSettings) -> None:
        if self.idle is not None:
            self.idle.set_minutes(settings.idle_lock_minutes)
        if self.workspace is not None:
            self.workspace.actor = settings.chair_name or _login_name()

    # -- locking and quitting ---------------------------------------------------------
    def lock(self, reason: str = LOCKED_BY_USER) -> None:
        """Lock now: store pending edits, empty every view, close the workspace."""
        if self.window is None:
            return
        # A change that cannot be stored (disk full, a damaged file) holds the lock: the
        # chair is told, and only a second Ctrl+L locks anyway (an idle lock tries again).
        forced = self._lock_held and reason == LOCKED_BY_USER
        if not self.window.flush_autosaves() and not forced:
            self._lock_held = reason == LOCKED_BY_USER
            self.window.tell_unsaved(HELD)
            if self.idle is not None and not self.idle.running:
                self.idle.start()  # the idle lock tries again after another quiet spell
            return
        self._lock_held = False
        if forced:
            self._keep_unsaved()
        self._location = self.window.location()
        self._geometry = self.window.saveGeometry()
        self._lock_down()
        self._show_gate(reason)
        self.locked.emit()

    def _keep_unsaved(self) -> None:
        """Hold what could not be stored, encrypted, to offer it back after unlocking."""
        assert self.window is not None and self.workspace is not None
        entries = self.window.unsaved_text()
        if entries:
            self._kept = self.workspace.seal(json.dumps(entries).encode("utf-8"))

    def _offer_kept(self, workspace: Workspace, window: MainWindow) -> None:
        if self._kept is None:
            return
        opened = workspace.unseal(self._kept)
        if opened is None:
            return  # another workspace: kept until its own is unlocked again
        self._kept = None
        from app.ui.dialogs.kept_text import KeptTextDialog

        self.kept_dialog = KeptTextDialog([tuple(e) for e in json.loads(opened)], window)
        self.kept_dialog.finished.connect(lambda *_: setattr(self, "kept_dialog", None))
        self.kept_dialog.open()

    def _lock_down(self) -> None:
        self._stop_idle()
        window, self.window = self.window, None
        if window is not None:
            window.flush_autosaves()
            window.clear_personal_data()
            window.blockSignals(True)
            window.hide()
            window.deleteLater()
            # A page may still be reading on the thread pool (Reports): let it end first.
            wait_for_background_work()
        if self.workspace is not None:
            self.workspace.close()
            self.workspace = None

    def quit(self) -> None:
        """Store pending edits, close the workspace and end (once)."""
        if self._finished:
            return
        self._finished = True
        self._lock_down()
        self._close_gate()
        self.finished.emit()


def _warm_up() -> None:
    """Import what unlocking needs while the user types the passphrase."""
    import app.services.workspace
    import app.ui.main_window  # noqa: F401
    from app.workdays import WorkingCalendar

    WorkingCalendar()  # loads the bank holidays, which Home's deadlines count with
    forget_module_sources()


def _login_name() -> str:
    import getpass

    return getpass.getuser()
