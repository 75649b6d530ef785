"""Messages in meeting mode go once they no longer apply: when the chair moves to
another item, or edits what a complaint was about."""

from __future__ import annotations

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from app.models import IcpcTimeframe
from app.ui.meeting.steps.review_timeframe import ReviewTimeframePage
from tests.ui.test_meeting_support import focused, press

pytest_plugins = ["tests.ui.test_meeting_support"]

CTRL = Qt.KeyboardModifier.ControlModifier
ALT = Qt.KeyboardModifier.AltModifier


def _refused_extension(view, qtbot: QtBot) -> ReviewTimeframePage:  # type: ignore[no-untyped-def]
    press(focused(view), Qt.Key.Key_D, CTRL)
    page = view.current_page
    assert isinstance(page, ReviewTimeframePage)
    page.buttons[IcpcTimeframe.EXTENDED].click()
    qtbot.keyClicks(page.target, "08/01/2027")
    page.record.click()
    assert page.error.isVisible() and "Give the reason" in page.error.text()
    return page


def test_typing_the_missing_reason_takes_the_complaint_down(
    review, open_view, qtbot: QtBot
) -> None:
    view = open_view(review)
    page = _refused_extension(view, qtbot)
    view.state.fail("Something went wrong a moment ago.")
    assert view.notice.isVisible()
    page.reason.setFocus()
    qtbot.keyClicks(page.reason, "The family's interpreter is free in January.")
    qtbot.waitUntil(lambda: not page.error.isVisible())
    assert not view.notice.isVisible()
    assert page.reason.toPlainText() == "The family's interpreter is free in January."


def test_moving_to_another_item_takes_the_messages_down(review, open_view, qtbot: QtBot) -> None:
    view = open_view(review)
    page = _refused_extension(view, qtbot)
    view.state.tell("ICPC timeframe recorded: fictional.")
    assert view.notice.isVisible()
    index = view.state.flow.index
    page.reason.setFocus()
    press(page.reason, Qt.Key.Key_Right, ALT)
    assert view.state.flow.index == index + 1
    assert not view.notice.isVisible()
    press(focused(view), Qt.Key.Key_Left, ALT)
    assert view.current_page is page and not page.error.isVisible()


def test_a_store_that_failed_is_not_forgotten_by_typing(review, open_view, qtbot: QtBot) -> None:
    view = open_view(review)
    page = _refused_extension(view, qtbot)
    view.state.drafts._fail("the disk is full (fictional)")
    assert view.notice.isVisible()
    qtbot.keyClicks(page.reason, "More words.")
    qtbot.waitUntil(lambda: not page.error.isVisible())
    assert view.notice.isVisible() and "could not be stored" in view.notice.text()
