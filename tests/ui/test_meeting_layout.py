"""Meeting mode fits a laptop screen, and its keys do what they say, on every page.

Each test walks every agenda item of a strategy meeting (with an action) and of a
five-day review, because a page that is too wide or an Alt key used twice shows
only on the page that has it.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator

import pytest
from PySide6.QtCore import QEvent, QObject
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import QAbstractButton, QApplication, QLabel, QMainWindow, QWidget
from pytestqt.qtbot import QtBot

from app.services.conduct.actions import add_action
from app.ui.meeting import MeetingView
from tests.ui.test_meeting_support import MeetingFixture
from tests.ui.text_size import text_size

pytest_plugins = ["tests.ui.test_meeting_support"]

# A 1366-pixel laptop screen, less the window frame.
LAPTOP_WIDTH = 1340
# The main window's menus (File, Go) take Alt+F and Alt+G.
MENU_KEYS = ("f", "g")
MNEMONIC = re.compile(r"&([^&\s])")


def meetings(review: MeetingFixture) -> list[str]:
    add_action(
        review.workspace,
        meeting_id=review.strategy_id,
        description="Joint visit to see the child and both parents at home this week",
        owner_name="Sam Sample-Social-Worker",
    )
    return [review.strategy_id, review.meeting_id]


@pytest.fixture(autouse=True)
def scale(request: pytest.FixtureRequest) -> Iterator[int]:
    """The text size the app gives everyone (tests run without its style), or the size a
    test is parametrised with, set as Settings sets it: a font set on a window alone does
    not reach views styled before they were placed in it."""
    percent = getattr(request, "param", 100)
    with text_size(percent):
        yield percent


def readable_window(qtbot: QtBot) -> QMainWindow:
    window = QMainWindow()
    qtbot.addWidget(window)
    return window


def every_page(qtbot: QtBot, review: MeetingFixture) -> Iterator[MeetingView]:
    """Each meeting in a laptop-sized window, shown at each of its agenda items in turn."""
    for meeting_id in meetings(review):
        window = readable_window(qtbot)
        view = MeetingView(review.workspace, meeting_id)
        window.setCentralWidget(view)
        window.resize(LAPTOP_WIDTH, 740)
        window.show()
        qtbot.waitExposed(window)
        for index in range(len(view.state.flow.steps)):
            view.go_to_item(index)
            yield view
        view.leave_now()


@pytest.mark.parametrize("scale", [100, 150, 200], ids=lambda s: f"{s}pc", indirect=True)
def test_meeting_mode_fits_a_laptop_screen(review, qtbot: QtBot, scale: int) -> None:
    base = QApplication.font().pointSizeF() * 100 / scale
    for view in every_page(qtbot, review):
        # The text really is at the size chosen, on the page as well as the window.
        assert view.current_page.font().pointSizeF() == pytest.approx(base * scale / 100)
        window = view.window()
        assert window.minimumSizeHint().width() <= LAPTOP_WIDTH
        page = view.current_page
        inner = page.scroller.widget()
        assert inner.minimumSizeHint().width() <= page.scroller.viewport().width(), (
            f"{page.step.title} is wider than the middle column"
        )
        if view.compact:  # three columns do not fit: the agenda is one line above the item
            assert view.agenda_line.isVisible() and not view.agenda.isVisible()
            continue
        # Agenda titles are wrapped to the list's width, never cut short.
        agenda = view.agenda.list
        metrics = QFontMetrics(agenda.font())
        for row in range(agenda.count()):
            for line in agenda.item(row).text().splitlines():
                assert metrics.horizontalAdvance(line) <= agenda.viewport().width() - 36


def mnemonics(view: MeetingView) -> Counter[str]:
    """The Alt keys of every button and labelled field the chair can reach now."""
    keys: Counter[str] = Counter(MENU_KEYS)
    for widget in view.findChildren(QWidget):
        if not widget.isVisible() or not widget.isEnabled():
            continue
        text = ""
        if isinstance(widget, QAbstractButton):
            text = widget.text()
        elif isinstance(widget, QLabel) and widget.buddy() is not None:
            buddy = widget.buddy()
            text = widget.text() if buddy.isVisible() and buddy.isEnabled() else ""
        found = MNEMONIC.search(text)
        if found:
            keys[found.group(1).lower()] += 1
    return keys


def alt_keys_used_twice(view: MeetingView) -> list[str]:
    return sorted(key for key, count in mnemonics(view).items() if count > 1)


@pytest.mark.parametrize("started", [False, True])
def test_no_alt_key_does_two_things(review, qtbot: QtBot, started: bool) -> None:
    for view in every_page(qtbot, review):
        if started and view.header.start.isVisible():
            view.start_meeting()
        twice = alt_keys_used_twice(view)
        assert not twice, f"Alt+{twice} used twice on {view.current_page.step.title}"


def test_an_alt_key_brings_its_field_into_sight(review, qtbot: QtBot) -> None:
    window = readable_window(qtbot)
    view = MeetingView(review.workspace, review.strategy_id)
    window.setCentralWidget(view)
    window.resize(LAPTOP_WIDTH, 600)
    with qtbot.waitActive(window):
        window.show()
        window.activateWindow()
    view.jump_to_decision()
    page = view.current_page
    dissent = page.dissent  # type: ignore[attr-defined]
    assert dissent.visibleRegion().isEmpty()  # below the fold on a short screen
    dissent.setFocus()  # as its Alt key does
    qtbot.waitUntil(lambda: not dissent.visibleRegion().isEmpty())


class WindowsShown(QObject):
    """Records every window shown while it is installed on the application."""

    def __init__(self) -> None:
        super().__init__()
        self.shown: list[QWidget] = []

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        shown = event.type() is QEvent.Type.Show
        if shown and isinstance(watched, QWidget) and watched.isWindow():
            self.shown.append(watched)
        return False


def test_no_item_flashes_a_window_of_its_own(review, qtbot: QtBot) -> None:
    # A part shown before it is placed in its page would be a window of its own for
    # a moment, and take the keyboard away from the meeting.
    watcher = WindowsShown()
    app = QApplication.instance()
    assert app is not None
    app.installEventFilter(watcher)
    try:
        for view in every_page(qtbot, review):
            qtbot.wait(1)  # let queued shows happen
            strays = [w for w in watcher.shown if w is not view.window()]
            assert not strays, f"{view.current_page.step.title} showed " + ", ".join(
                f"{type(w).__name__} {getattr(w, 'text', lambda: '')()!r}" for w in strays
            )
            watcher.shown.clear()
    finally:
        app.removeEventFilter(watcher)
