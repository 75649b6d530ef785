"""Spelling in meeting mode's notes: wavy underlines, and replacements from the menu."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QTextCharFormat
from PySide6.QtWidgets import QApplication, QMenu, QPlainTextEdit
from pytestqt.qtbot import QtBot

from app import spelling
from app.errors import ValidationError
from app.services.conduct.agenda import list_agenda
from app.services.spelling_words import add_spelling_word, workspace_words
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


def test_ignore_stops_the_underline_in_every_box_until_the_workspace_locks(
    strategy, open_view, qtbot: QtBot
) -> None:
    notes = open_notes(open_view, strategy, qtbot)
    qtbot.keyClicks(notes, "Mrs Zorbulon was seen")
    other = QPlainTextEdit()
    check_spelling(other)
    other.setPlainText("Zorbulon again")
    assert underlined(notes) == ["Zorbulon"] and underlined(other) == ["Zorbulon"]
    at = notes.cursorRect(notes.document().find("Zorbulon")).center()
    menu = context_menu(notes, at)
    ignore = next(a for a in menu.actions() if a.text().startswith("Ignore “Zorbulon”"))
    ignore.trigger()
    assert underlined(notes) == [] and underlined(other) == []
    # Nothing was stored: an ignored word is forgotten when the workspace locks.
    assert workspace_words(strategy.workspace) == []
    spelling.forget_accepted()
    assert spelling.misspelt(["Zorbulon"]) == {"Zorbulon"}


def test_a_word_added_to_the_workspace_is_kept_in_it_and_accepted_when_a_meeting_opens(
    strategy, open_view, qtbot: QtBot
) -> None:
    notes = open_notes(open_view, strategy, qtbot)
    qtbot.keyClicks(notes, "Kwabenaworth attended")
    at = notes.cursorRect(notes.document().find("Kwabenaworth")).center()
    menu = context_menu(notes, at)
    add = next(a for a in menu.actions() if "to this workspace's words" in a.text())
    add.trigger()
    assert underlined(notes) == []
    assert workspace_words(strategy.workspace) == ["Kwabenaworth"]
    spelling.forget_accepted()  # as at a lock
    assert spelling.misspelt(["Kwabenaworth"]) == {"Kwabenaworth"}
    open_view(strategy)  # opening a meeting accepts the workspace's words again
    assert spelling.misspelt(["kwabenaworth", "Kwabenaworth"]) == set()
    spelling.forget_accepted()


def test_only_single_words_can_be_added_to_the_workspace(strategy) -> None:
    for bad in ("two words", "", "x" * 61, "DEMO0901", "a\nb"):
        with pytest.raises(ValidationError):
            add_spelling_word(strategy.workspace, word=bad)
    assert add_spelling_word(strategy.workspace, word="O'Notreal") == ["O'Notreal"]
    assert add_spelling_word(strategy.workspace, word="o'notreal") == ["O'Notreal"]
