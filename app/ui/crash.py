"""The last line of defence: an unexpected error gets a calm message, never a traceback.

A traceback can quote the values a function was working on (a child's name,
an address), so none is printed or written anywhere. The user sees what kind
of error it was and what to do; their saved work is safe in the workspace.
"""

from __future__ import annotations

import sys
import threading
from types import TracebackType
from typing import Any

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QApplication, QMessageBox

from app import APP_NAME
from app.ui.widgets import user_message

_open_boxes: list[QMessageBox] = []


class _Relay(QObject):
    """Carries a message to the GUI thread, whichever thread the error happened in."""

    message = Signal(str)


_relay: _Relay | None = None


def calm_message(exc: BaseException) -> str:
    """What the user is told: our own errors' text, else the error's kind only."""
    return user_message(exc) + " Everything saved before this is safe in the workspace."


def show_calm_error(
    exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None
) -> None:
    """``sys.excepthook``: one line on stderr naming the kind of error, and a dialog."""
    if issubclass(exc_type, KeyboardInterrupt):
        QApplication.quit()
        return
    print(
        f"{APP_NAME}: an unexpected error ({exc_type.__name__}) was handled; "
        "no details are printed because they could contain personal data.",
        file=sys.stderr,
    )
    if _relay is not None:
        _relay.message.emit(calm_message(exc))  # queued when not on the GUI thread


def _show_box(message: str) -> None:
    if QApplication.instance() is None or _open_boxes:
        return  # one message at a time; a burst of errors should not bury the user
    box = QMessageBox(QApplication.activeWindow())
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle(f"{APP_NAME}: something went wrong")
    box.setText(message)
    box.setAccessibleName("Something went wrong")
    box.finished.connect(lambda *_: _open_boxes.remove(box) if box in _open_boxes else None)
    _open_boxes.append(box)
    box.open()


def _thread_hook(args: Any) -> None:
    show_calm_error(args.exc_type, args.exc_value or args.exc_type(), args.exc_traceback)


def install_excepthook() -> None:
    """Route uncaught errors (GUI thread and others) to :func:`show_calm_error`.

    Call it on the GUI thread once the QApplication exists.
    """
    global _relay
    if _relay is None:
        _relay = _Relay()
        _relay.message.connect(_show_box)
    sys.excepthook = show_calm_error
    threading.excepthook = _thread_hook


def open_error_boxes() -> list[QMessageBox]:
    return list(_open_boxes)
