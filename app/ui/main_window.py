"""The main window of an unlocked workspace: navigation, pages, menus and status bar.

It lives only while the workspace is unlocked: locking flushes its autosaves,
empties every view and destroys it (see :class:`app.ui.shell.Shell`).
"""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QMainWindow,
    QMessageBox,
    QStackedWidget,
    QToolBar,
    QToolButton,
    QWidget,
)

from app import spelling
from app.services.settings import WorkspaceSettings, get_settings
from app.storage.workspace import Workspace
from app.ui import scrub
from app.ui.autosave import Autosave
from app.ui.file_dialogs import FileDialogs
from app.ui.module_sources import forget_module_sources
from app.ui.navigation import PAGES, Location
from app.ui.save_indicator import SaveIndicator
from app.ui.widgets import named

DETAIL_PAGES = {"case": "cases", "meeting": "meetings"}
PAGE_KEYS = [spec.key for spec in PAGES]


class CurrentPageStack(QStackedWidget):
    """A stack as small as the page on show: a page built earlier (Home at a large text
    size, say) must not hold the window taller than a small screen in meeting mode."""

    def __init__(self) -> None:
        super().__init__()
        self.currentChanged.connect(lambda _index: self.updateGeometry())

    def minimumSizeHint(self) -> QSize:
        page = self.currentWidget()
        return page.minimumSizeHint() if page is not None else super().minimumSizeHint()


class MainWindow(QMainWindow):
    """Navigation to Home, Cases, Meetings, Settings and About, and one case or meeting.

    Signals:
        lock_requested: the user asked to lock now (Ctrl+L or the toolbar).
        open_another_requested: the user asked to open another workspace file.
        quit_requested: the window was closed; the application should end.
        settings_changed(object): a setting was stored (a WorkspaceSettings).
    """

    lock_requested = Signal()
    open_another_requested = Signal()
    quit_requested = Signal()
    settings_changed = Signal(object)

    def __init__(
        self, workspace: Workspace, *, file_dialogs: FileDialogs, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self.file_dialogs = file_dialogs
        self.setObjectName("mainWindow")
        # Qt adds the application name itself ("d.macpt — MACPT Companion").
        self.setWindowTitle(workspace.path.name)
        # Built the first time each is shown: unlocking builds Home alone.
        self.pages: dict[str, QWidget] = {}
        self.detail: QWidget | None = None
        self._location = Location("home")

        self.nav = QListWidget()
        named(
            self.nav,
            "Sections",
            f"Choose a section; Ctrl+1 to Ctrl+{len(PAGES)} jump straight to one",
        )
        self.nav.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.stack = CurrentPageStack()
        for spec in PAGES:
            self.nav.addItem(spec.title)
        width = max(self.nav.sizeHintForColumn(0), self.fontMetrics().averageCharWidth() * 10)
        self.nav.setFixedWidth(width + 4 * self.fontMetrics().averageCharWidth())
        self.nav.currentRowChanged.connect(self._on_nav_row)
        body = QWidget()
        layout = QHBoxLayout(body)
        layout.addWidget(self.nav)
        layout.addWidget(self.stack, 1)
        self.setCentralWidget(body)

        self.indicator = SaveIndicator()
        self.indicator.setContentsMargins(0, 0, 16, 0)
        self.lock_hint = named(QLabel(), "Idle lock")
        self.statusBar().addPermanentWidget(self.indicator)
        self.statusBar().addPermanentWidget(self.lock_hint)
        self._show_lock_hint(get_settings(workspace))
        self.settings_changed.connect(self._show_lock_hint)
        named(self.statusBar(), "Status")
        self._build_actions()
        self.show_page("home")

    def _show_lock_hint(self, settings: WorkspaceSettings) -> None:
        minutes = settings.idle_lock_minutes
        self.lock_hint.setText(
            f"Locks after {minutes} {'minute' if minutes == 1 else 'minutes'} without use · Ctrl+L locks now"
        )

    # -- actions -----------------------------------------------------------
    def _action(self, text: str, shortcut: str | QKeySequence.StandardKey, slot: object) -> QAction:
        action = QAction(text, self)
        action.setShortcut(QKeySequence(shortcut))
        action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        action.triggered.connect(slot)
        self.addAction(action)
        return action

    def _build_actions(self) -> None:
        self.lock_action = self._action("&Lock", "Ctrl+L", self.lock_requested)
        self.lock_action.setToolTip("Lock the workspace now (Ctrl+L)")
        self.new_case_action = self._action("&New case…", "Ctrl+N", self.new_case)
        self.find_action = self._action("&Find a case", "Ctrl+F", self._on_find)
        self.open_another_action = self._action(
            "&Open another workspace…", "Ctrl+O", self.open_another_requested
        )
        self.quit_action = self._action("&Quit", "Ctrl+Q", self.close)
        self.consultation_action = self._action(
            "Record a &consultation…", "Ctrl+Shift+K", self.record_consultation
        )
        self.page_actions = {
            spec.key: self._action(
                f"&{spec.title}", spec.shortcut, lambda _=False, k=spec.key: self.show_page(k)
            )
            for spec in PAGES
        }
        menus = self.menuBar()
        file_menu = menus.addMenu("&File")
        file_menu.addActions([self.new_case_action, self.find_action, self.open_another_action])
        file_menu.addAction(self.consultation_action)
        file_menu.addSeparator()
        file_menu.addActions([self.lock_action, self.quit_action])
        go_menu = menus.addMenu("&Go")
        go_menu.addActions(list(self.page_actions.values()))
        toolbar = QToolBar("Main toolbar")
        toolbar.setObjectName("mainToolbar")
        toolbar.setMovable(False)
        toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        toolbar.addActions([self.lock_action, self.new_case_action, self.find_action])
        named(toolbar, "Main toolbar")
        self.addToolBar(toolbar)
        for action in toolbar.actions():
            button = toolbar.widgetForAction(action)
            if button is not None:
                label = action.text().replace("&", "")
                named(button, label, f"{label} ({action.shortcut().toString()})")
                if isinstance(button, QToolButton):
                    button.setText(label)  # Ctrl keys, not Alt: the menus and pages use those

    # -- navigation ----------------------------------------------------------
    def location(self) -> Location:
        """Where the user is now (page and record ids only)."""
        return self._location

    def go_to(self, location: Location) -> None:
        """Show ``location``; a record that no longer exists falls back to its list."""
        try:
            if location.page == "case" and location.record_id:
                self.open_case(location.record_id)
            elif location.page == "meeting" and location.record_id:
                self.open_meeting(location.record_id, back=location.back)
            else:
                self.show_page(location.page if location.page in PAGE_KEYS else "home")
        except Exception:
            self.show_page(DETAIL_PAGES.get(location.page, "home"))
            raise

    def page(self, key: str) -> QWidget:
        """The page ``key``, built now if it has not been shown before."""
        if key not in self.pages:
            page = self.pages[key] = PAGES[PAGE_KEYS.index(key)].make(self)
            self.stack.addWidget(page)
            self._watch_autosaves(page)
            forget_module_sources()  # a page's first showing imports what it needs
        return self.pages[key]

    def show_page(self, key: str) -> None:
        page = self.page(key)
        self._drop_detail()
        refresh = getattr(page, "refresh", None)
        if callable(refresh):
            refresh()
        self.stack.setCurrentWidget(page)
        self._select_nav(key)
        self._location = Location(key)

    def _select_nav(self, key: str) -> None:
        self.nav.setVisible(True)
        self.nav.blockSignals(True)
        self.nav.setCurrentRow(PAGE_KEYS.index(key))
        self.nav.blockSignals(False)

    def _on_nav_row(self, row: int) -> None:
        if 0 <= row < len(PAGES):
            self.show_page(PAGES[row].key)

    def _on_find(self) -> None:
        self.show_page("cases")
        search = getattr(self.pages["cases"], "list", None)
        if search is not None:
            search.search.setFocus()
            search.search.selectAll()

    def _show_detail(self, widget: QWidget, location: Location) -> None:
        self._drop_detail()
        self.detail = widget
        self._watch_autosaves(widget)
        self.stack.addWidget(widget)
        self.stack.setCurrentWidget(widget)
        self._select_nav(DETAIL_PAGES[location.page])
        self._location = location

    def _enable_page_shortcuts(self, enabled: bool) -> None:
        for action in self.page_actions.values():
            action.setEnabled(enabled)

    def _drop_detail(self) -> None:
        self._enable_page_shortcuts(True)
        if self.detail is None:
            return
        for autosave in self.detail.findChildren(Autosave):
            autosave.flush()
            autosave.unbind_all()  # emptying the view below is not an edit to store
        scrub.scrub(self.detail)
        self.stack.removeWidget(self.detail)
        self.detail.deleteLater()
        self.detail = None

    def open_case(self, case_id: str) -> None:
        """Show one case, its fields ready to edit."""
        from app.ui.pages.case_view import CaseView

        view = CaseView(self.workspace, case_id, chair_name=get_settings(self.workspace).chair_name)
        view.load()
        view.back.connect(lambda: self.show_page("cases"))
        view.open_meeting.connect(self.open_meeting)
        self._show_detail(view, Location("case", case_id))
        view.back_button.setFocus()

    def open_meeting(self, meeting_id: str, back: Location | None = None) -> None:
        """Show the meeting in meeting mode (or its plain details if that is not built)."""
        back = back or (self._location if self._location.page != "meeting" else None)
        try:
            from app.ui.meeting import MeetingView
        except ImportError as exc:
            # Only a build without meeting mode falls back; a fault inside it is raised.
            if exc.name != "app.ui.meeting":
                raise
            from app.ui.pages.meeting_summary import MeetingSummaryPage

            view: QWidget = MeetingSummaryPage(self.workspace, meeting_id)
        else:
            view = MeetingView(self.workspace, meeting_id, self.stack)  # built in place
        view.closed.connect(lambda: self.go_to(back or Location("meetings")))  # type: ignore[attr-defined]
        self._show_detail(view, Location("meeting", meeting_id, back))
        # Meeting mode takes the whole window: the chair's attention is on the meeting.
        # It numbers agenda items Ctrl+1…9, so the page shortcuts stand aside meanwhile.
        self.nav.setVisible(False)
        self._enable_page_shortcuts(False)

    def new_case(self) -> None:
        from app.ui.dialogs.new_case import NewCaseDialog

        self.flush_autosaves()  # whatever was typed is stored before the dialog takes over
        case = NewCaseDialog.ask(self, self.workspace)
        if case is not None and self.workspace.is_open:
            self.open_case(case.case_id)

    def record_consultation(self) -> None:
        """Ctrl+Shift+K from anywhere: record a practitioner's consultation."""
        from app.ui.dialogs.consultation import ConsultationDialog

        self.flush_autosaves()
        if ConsultationDialog.ask(self, self.workspace) and self.workspace.is_open:
            self.statusBar().showMessage("Consultation recorded.", 5000)
            home = self.pages.get("home")
            if home is not None and self.stack.currentWidget() is home:
                home.refresh()  # type: ignore[attr-defined]

    # -- autosave, locking and closing -----------------------------------------
    def _watch_autosaves(self, widget: QWidget) -> None:
        for autosave in widget.findChildren(Autosave):
            self.indicator.watch(autosave)

    def flush_autosaves(self) -> bool:
        """Store every pending edit in every page; True if all were stored."""
        return all([a.flush() for a in self.findChildren(Autosave)])

    def unsaved_text(self) -> list[tuple[str, str]]:
        """(field, text) of everything typed that is not yet stored, in every page."""
        return [kept for a in self.findChildren(Autosave) for kept in a.unsaved_text()]

    def tell_unsaved(self, message: str) -> None:
        """Say (in the status bar and the save status) why the window stays open."""
        errors = sorted({e for a in self.findChildren(Autosave) for e in a.errors()})
        self.statusBar().showMessage(" ".join([message, *errors]))

    def clear_personal_data(self) -> None:
        """Empty every view and destroy the pages (the workspace is about to lock)."""
        for dialog in scrub.open_dialogs(self):
            dialog.reject()
        self._drop_detail()
        for autosave in self.findChildren(Autosave):
            autosave.unbind_all()
        for page in self.pages.values():
            clear = getattr(page, "clear", None)
            if callable(clear):
                clear()
            scrub.scrub(page)
            self.stack.removeWidget(page)
            page.deleteLater()
        self.pages.clear()
        self.indicator.clear()
        self.statusBar().clearMessage()
        spelling.forget_accepted()  # they may be a family's names

    def closeEvent(self, event: QCloseEvent) -> None:
        if not self.workspace.is_open or self.flush_autosaves():
            self.quit_requested.emit()
            event.accept()
            return
        errors = "\n".join(sorted({e for a in self.findChildren(Autosave) for e in a.errors()}))
        answer = QMessageBox.warning(
            self,
            "Some changes are not saved",
            f"These changes could not be saved:\n{errors}\n\nClose anyway and lose them?",
            QMessageBox.StandardButton.Discard | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Cancel,
        )
        if answer == QMessageBox.StandardButton.Discard:
            self.quit_requested.emit()
            event.accept()
        else:
            event.ignore()
