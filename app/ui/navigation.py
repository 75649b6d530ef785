"""Where the user is in the main window, and the pages the navigation offers.

A :class:`Location` is remembered across a lock, so that unlocking returns the
user to the same page and record. It holds ids only, never personal data.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QWidget

if TYPE_CHECKING:
    from app.ui.main_window import MainWindow


@dataclasses.dataclass(frozen=True)
class Location:
    page: str
    record_id: str | None = None
    back: Location | None = None


@dataclasses.dataclass(frozen=True)
class PageSpec:
    """A page in the navigation list: its key, its label, its shortcut and how to build it."""

    key: str
    title: str
    shortcut: str
    make: Callable[[MainWindow], QWidget]


def _home(window: MainWindow) -> QWidget:
    from app.ui.pages.home import HomePage

    page = HomePage(window.workspace)
    page.open_meeting.connect(window.open_meeting)
    page.new_case.connect(window.new_case)
    page.go.connect(window.show_page)
    return page


def _cases(window: MainWindow) -> QWidget:
    from app.ui.pages.cases import CasesPage

    page = CasesPage(window.workspace)
    page.open_case.connect(window.open_case)
    page.new_case.connect(window.new_case)
    return page


def _meetings(window: MainWindow) -> QWidget:
    from app.ui.pages.meetings import MeetingsPage

    page = MeetingsPage(window.workspace)
    page.open_meeting.connect(window.open_meeting)
    return page


def _register(window: MainWindow) -> QWidget:
    from app.ui.register import RegisterView

    page = RegisterView(window.workspace)
    page.case_activated.connect(window.open_case)
    return page


def _reports(window: MainWindow) -> QWidget:
    from app.ui.reports_view import ReportsView

    return ReportsView(window.workspace)


def _settings(window: MainWindow) -> QWidget:
    from app.ui.pages.settings import SettingsPage

    page = SettingsPage(window.workspace, window.file_dialogs)
    page.settings_changed.connect(window.settings_changed)
    return page


def _contexts(window: MainWindow) -> QWidget:
    from app.ui.pages.contexts import ContextsPage

    return ContextsPage(window.workspace)


def _about(window: MainWindow) -> QWidget:
    from app.ui.pages.about import AboutPage

    return AboutPage(window.workspace)


# The navigation, in order. A new page is one more line here.
PAGES: list[PageSpec] = [
    PageSpec("home", "Home", "Ctrl+1", _home),
    PageSpec("register", "Register", "Ctrl+2", _register),
    PageSpec("cases", "Cases", "Ctrl+3", _cases),
    PageSpec("meetings", "Meetings", "Ctrl+4", _meetings),
    PageSpec("reports", "Reports", "Ctrl+5", _reports),
    PageSpec("settings", "Settings", "Ctrl+6", _settings),
    PageSpec("contexts", "Contexts", "Ctrl+7", _contexts),
    PageSpec("about", "About", "Ctrl+8", _about),
]
