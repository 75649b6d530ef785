"""Spelling in a text box: misspelt words get a wavy underline, and the context menu
(right click, the Menu key or Shift+F10) offers up to five words to replace them with.

The words come from :mod:`app.spelling`. Its dictionary is read once, on a thread
of its own so that the window never waits; boxes show their underlines when it is
ready. Qt checks again only the block (paragraph) that changed as the chair types.
A replacement is typed into the box like any other edit, so it is stored the way
typing is (autosave or draft) and can be undone with Ctrl+Z. The menu can also
ignore the word until the workspace locks, or add it to the workspace's own words
(a surname, a street): every box then stops underlining it.
"""

from __future__ import annotations

import contextlib
import logging
import threading
import weakref

from PySide6.QtCore import QEvent, QObject, QPoint, Qt, Signal
from PySide6.QtGui import (
    QAction,
    QColor,
    QKeyEvent,
    QSyntaxHighlighter,
    QTextCharFormat,
    QTextCursor,
)
from PySide6.QtWidgets import QMainWindow, QMenu, QPlainTextEdit, QWidget

from app import spelling
from app.errors import MacptError
from app.storage.workspace import Workspace
from app.ui.style import colours

log = logging.getLogger(__name__)


class _Loader(QObject):
    """Says, on the window's thread, that the dictionary has been read."""

    ready = Signal()

    def __init__(self) -> None:
        super().__init__()
        self._started = False

    def start(self) -> None:
        if self._started or spelling.loaded():
            return
        self._started = True
        threading.Thread(target=self._load, name="spelling", daemon=True).start()

    def _load(self) -> None:
        try:
            spelling.load()
        except (OSError, ValueError) as exc:  # a damaged install: notes work, unchecked
            log.warning("The spelling dictionary could not be read: %s", type(exc).__name__)
            return
        # Queued to the window's thread. RuntimeError: the app closed while it read.
        with contextlib.suppress(RuntimeError):
            self.ready.emit()


_loader: _Loader | None = None


def loader() -> _Loader:
    global _loader
    if _loader is None:
        _loader = _Loader()
    return _loader


_highlighters: weakref.WeakSet[SpellingHighlighter] = weakref.WeakSet()


def use_workspace_words(workspace: Workspace) -> None:
    """Accept the workspace's own words (when a meeting opens)."""
    from app.services.spelling_words import workspace_words

    try:
        spelling.accept(workspace_words(workspace))
    except MacptError as exc:  # the check goes on without them
        log.warning("The workspace's own words could not be read: %s", type(exc).__name__)


def _check_again() -> None:
    """Underline again in every box: a word was accepted."""
    for highlighter in list(_highlighters):
        with contextlib.suppress(RuntimeError):  # its box has gone
            highlighter.rehighlight()


class SpellingHighlighter(QSyntaxHighlighter):
    """Wavy underlines under the misspelt words of one text box's document."""

    def __init__(self, edit: QPlainTextEdit) -> None:
        super().__init__(edit.document())
        _highlighters.add(self)
        self.misspelt_format = QTextCharFormat()
        self.misspelt_format.setUnderlineStyle(QTextCharFormat.UnderlineStyle.SpellCheckUnderline)
        self.misspelt_format.setUnderlineColor(QColor(colours().error))
        if not spelling.loaded():
            loader().ready.connect(self.rehighlight)
            loader().start()

    def highlightBlock(self, text: str) -> None:
        if not spelling.loaded():
            return
        words = spelling.words_in(text)
        wrong = spelling.misspelt(word for _, word in words)
        for start, word in words:
            if word in wrong:
                self.setFormat(start, len(word), self.misspelt_format)


def word_at(edit: QPlainTextEdit, position: int) -> QTextCursor | None:
    """A cursor selecting the checked word at ``position`` in ``edit``, if there is one."""
    block = edit.document().findBlock(position)
    offset = position - block.position()
    for start, word in spelling.words_in(block.text()):
        if start <= offset <= start + len(word):
            cursor = QTextCursor(block)
            cursor.setPosition(block.position() + start)
            cursor.setPosition(
                block.position() + start + len(word), QTextCursor.MoveMode.KeepAnchor
            )
            return cursor
    return None


def context_menu(edit: QPlainTextEdit, pos: QPoint) -> QMenu:
    """The box's usual menu, with "Replace with …" for a misspelt word at ``pos``
    (in the box's viewport) above it."""
    menu = edit.createStandardContextMenu()
    menu.setParent(edit, menu.windowFlags())
    if edit.isReadOnly() or not spelling.loaded():
        return menu
    word = word_at(edit, edit.cursorForPosition(pos).position())
    if word is None or not spelling.misspelt([word.selectedText()]):
        return menu
    found = spelling.suggestions(word.selectedText())
    offered = []
    for suggestion in found:
        action = QAction(f"Replace with “{suggestion}”", menu)
        action.triggered.connect(lambda _checked=False, s=suggestion: _replace(edit, word, s))
        offered.append(action)
    if not found:
        none = QAction("No spelling suggestions", menu)
        none.setEnabled(False)
        offered.append(none)
    text = word.selectedText()
    ignore = QAction(f"Ignore “{text}” until the workspace locks", menu)
    ignore.triggered.connect(lambda _checked=False: _accept(text))
    offered.append(ignore)
    workspace = _workspace_of(edit)
    if workspace is not None:
        add = QAction(f"Add “{text}” to this workspace's words", menu)
        add.triggered.connect(lambda _checked=False: _add(edit, workspace, text))
        offered.append(add)
    first = menu.actions()[0]  # the standard menu always has Undo, Copy and the rest
    menu.insertActions(first, offered)
    menu.insertSeparator(first)
    return menu


def _workspace_of(edit: QPlainTextEdit) -> Workspace | None:
    """The workspace of the window (or meeting) the box is in."""
    widget: QWidget | None = edit
    while widget is not None:
        for holder in (widget, getattr(widget, "state", None)):
            workspace = getattr(holder, "workspace", None)
            if isinstance(workspace, Workspace) and workspace.is_open:
                return workspace
        widget = widget.parentWidget()
    return None


def _accept(word: str) -> None:
    spelling.accept([word])
    _check_again()


def _add(edit: QPlainTextEdit, workspace: Workspace, word: str) -> None:
    from app.services.spelling_words import add_spelling_word

    try:
        add_spelling_word(workspace, word=word)
    except MacptError as exc:
        window = edit.window()
        if isinstance(window, QMainWindow):
            window.statusBar().showMessage(str(exc))
        return
    _accept(word)


def _replace(edit: QPlainTextEdit, word: QTextCursor, replacement: str) -> None:
    word.insertText(replacement)  # one edit: stored as typing is, undone with Ctrl+Z
    edit.setTextCursor(word)


class _MenuKeys(QObject):
    """Shift+F10 and the Menu key open the menu at the text cursor."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if isinstance(watched, QPlainTextEdit) and event.type() is QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            key, shift = event.key(), Qt.KeyboardModifier.ShiftModifier
            if key == Qt.Key.Key_Menu or (key == Qt.Key.Key_F10 and event.modifiers() == shift):
                show_menu(watched, watched.cursorRect().center())
                return True
        return super().eventFilter(watched, event)


def show_menu(edit: QPlainTextEdit, pos: QPoint) -> None:
    menu = context_menu(edit, pos)
    menu.exec(edit.viewport().mapToGlobal(pos))
    menu.deleteLater()


def check_spelling(edit: QPlainTextEdit) -> SpellingHighlighter:
    """Underline misspelt words in ``edit`` and offer replacements in its context menu."""
    highlighter = SpellingHighlighter(edit)
    edit.setProperty("spelling", True)
    edit.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
    edit.customContextMenuRequested.connect(lambda pos: show_menu(edit, pos))
    keys = _MenuKeys(edit)
    edit.installEventFilter(keys)
    return highlighter
