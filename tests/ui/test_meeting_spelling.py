"""Spelling in meeting mode's notes: wavy underlines, and replacements from the menu."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QTextCharFormat
from PySide6.QtWidgets import QApplication, QMenu, QPlainTextEdit
from pytestqt.qtbot import QtBot

from app import spelling
from app.services.conduct.agenda import list_agenda
from app.ui import spelling as ui_spelling
from app.ui.meeting import MeetingView
from app.ui.spelling import check_spelling, context_menu
from tests.ui.conftest import OFFSCREEN_NOISE
from tests.ui.test_meeting_support import MeetingFixture, press

pytest_plugins = ["tests.ui.test_meeting_support"]

WAVY = QTextCharFormat.UnderlineStyle.SpellCheckUnderline
SHIFT = Qt.KeyboardModifier.ShiftModifier


def underlined(edit: QPlainTextEdit) -> list[str]:
    """The words of the first block drawn with a wavy underline."""
    block = edit.document().firstBlock()
    return [
        block.text()[r.start : r.start + r.length]
        for r in block.layout().formats()
        if r.format.underlineStyle() == WAVY
    ]


def stored_notes(fixture: MeetingFixture) -> str:
    return list_agenda(fixture.workspace, meeting_id=fixture.meeting_id)[0].notes


def open_notes(open_view, fixture: MeetingFixture, qtbot: QtBot) -> QPlainTextEdit:
    spelling.load()  # read once per run; the box then checks as the chair types
    view: MeetingView = open_view(fixture)
    notes = view.current_page.notes
    notes.setFocus()
    qtbot.waitUntil(notes.hasFocus)
    return notes


def test_misspelt_words_are_underlined_and_british_ones_are_not(
    strategy, open_view, qtbot: QtBot
) -> None:
    notes = open_notes(open_view, strategy, qtbot)
    qtbot.keyClicks(notes, "The organisation will recieve the color report for DEMO0901.")
    assert underlined(notes) == ["recieve", "color"]


def test_a_suggestion_from_the_menu_replaces_the_word_and_is_stored(
    strategy, open_view, qtbot: QtBot
) -> None:
    notes = open_notes(open_view, strategy, qtbot)
    qtbot.keyClicks(notes, "Mother will recieve support")
    at = notes.cursorRect(notes.document().find("recieve")).center()
    menu = context_menu(notes, at)
    labels = [action.text() for action in menu.actions()]
    assert labels[0] == "Replace with “receive”"
    assert len([label for label in labels if label.startswith("Replace with")]) <= 5
    assert any("Copy" in label for label in labels)  # the standard entries stay, below
    menu.actions()[0].trigger()
    assert notes.toPlainText() == "Mother will receive support"
    assert underlined(notes) == []
    qtbot.waitUntil(lambda: stored_notes(strategy) == "Mother will receive support")
    notes.undo()  # one edit, undone as typing is
    assert notes.toPlainText() == "Mother will recieve support"


# A popup menu asks the offscreen platform for the keyboard, which it cannot give.
@pytest.mark.qt_log_ignore(OFFSCREEN_NOISE, r"This plugin does not support grabbing the keyboard")
def test_shift_f10_opens_the_same_menu_at_the_cursor(strategy, open_view, qtbot: QtBot) -> None:
    notes = open_notes(open_view, strategy, qtbot)
    qtbot.keyClicks(notes, "An organsation")
    picked: list[str] = []

    def pick() -> None:
        menu = QApplication.activePopupWidget()
        assert isinstance(menu, QMenu)
        first = menu.actions()[0]
        picked.append(first.text())
        menu.close()
        first.trigger()

    QTimer.singleShot(0, pick)
    press(notes, Qt.Key.Key_F10, SHIFT)
    assert picked == ["Replace with “organisation”"]
    assert notes.toPlainText() == "An organisation"
    press(notes, Qt.Key.Key_Right, Qt.KeyboardModifier.AltModifier)  # moving on stores it
    assert stored_notes(strategy) == "An organisation"


def test_boxes_underline_once_the_dictionary_is_read(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    spelling.load()
    words = spelling._dictionary
    started: list[bool] = []
    monkeypatch.setattr(spelling, "_dictionary", None)  # as if still being read
    monkeypatch.setattr(ui_spelling._Loader, "start", lambda self: started.append(True))
    edit = QPlainTextEdit()
    qtbot.addWidget(edit)
    check_spelling(edit)
    edit.setPlainText("Mother will recieve it")
    assert started and underlined(edit) == []  # typing goes on; nothing waits
    monkeypatch.setattr(spelling, "_dictionary", words)
    ui_spelling.loader().ready.emit()
    assert underlined(edit) == ["recieve"]
