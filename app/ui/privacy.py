"""The privacy key: Ctrl+Shift+B hides every window's contents at once, without locking.

For when the screen is projected or someone walks in: each open window (the
main window and any dialog over it) is covered by a plain panel saying how to
bring it back, and keys typed meanwhile go nowhere. The same key shows
everything again. Locking (Ctrl+L) still works while hidden.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QLabel, QVBoxLayout, QWidget

HIDDEN_TEXT = "Hidden — press Ctrl+Shift+B to show"
# Events that would reach what is hidden: typing and clicking go nowhere meanwhile.
SWALLOWED = (
    QEvent.Type.KeyPress,
    QEvent.Type.KeyRelease,
    QEvent.Type.MouseButtonPress,
    QEvent.Type.MouseButtonRelease,
    QEvent.Type.MouseButtonDblClick,
    QEvent.Type.Wheel,
)


def _privacy_keys() -> object:
    return Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier | Qt.Key.Key_B


class Curtain(QWidget):
    """A plain panel over the whole of one window, following its size."""

    def __init__(self, window: QWidget) -> None:
        super().__init__(window)
        self.setObjectName("privacyCurtain")
        self.setAutoFillBackground(True)
        self.setAccessibleName("Hidden")
        label = QLabel(HIDDEN_TEXT)
        label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        label.setWordWrap(True)
        label.setAccessibleName(HIDDEN_TEXT)
        layout = QVBoxLayout(self)
        layout.addWidget(label)
        self.label = label
        window.installEventFilter(self)
        self.setGeometry(window.rect())
        self.show()
        self.raise_()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.parent() and event.type() in (
            QEvent.Type.Resize,
            QEvent.Type.ChildAdded,
        ):
            parent = self.parentWidget()
            if parent is not None:
                self.setGeometry(parent.rect())
            self.raise_()
        return False


class PrivacyScreen(QObject):
    """The application's privacy key (installed once on the application).

    Signals:
        toggled(bool): the windows were hidden (True) or shown again (False).
    """

    toggled = Signal(bool)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.hidden = False
        self._curtains: list[Curtain] = []

    def toggle(self) -> None:
        if self.hidden:
            self.show_all()
        else:
            self.hide_all()

    def hide_all(self) -> None:
        """Cover every visible window."""
        self.hidden = True
        for window in QApplication.topLevelWidgets():
            if window.isVisible():
                self._cover(window)
        self.toggled.emit(True)

    def show_all(self) -> None:
        """Take every cover away."""
        self.hidden = False
        for curtain in self._curtains:
            curtain.hide()
            curtain.deleteLater()
        self._curtains.clear()
        self.toggled.emit(False)

    def covered(self, window: QWidget) -> bool:
        return any(c.parentWidget() is window for c in self._curtains)

    def _cover(self, window: QWidget) -> None:
        if self.covered(window):
            return
        curtain = Curtain(window)
        self._curtains.append(curtain)
        curtain.destroyed.connect(lambda *_: self._forget(curtain))

    def _forget(self, curtain: Curtain) -> None:
        if curtain in self._curtains:
            self._curtains.remove(curtain)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # Called for every event of every widget: cheap checks first, the event's type
        # (costly from Python) only when it can matter.
        if (
            isinstance(event, QKeyEvent)
            and event.type() == QEvent.Type.KeyPress
            and event.keyCombination() == _privacy_keys()
        ):
            if not event.isAutoRepeat():
                self.toggle()
            return True
        if not self.hidden or not isinstance(watched, QWidget):
            return False
        kind = event.type()
        if kind == QEvent.Type.Show and watched.isWindow() and watched.parentWidget() is not None:
            self._cover(watched)  # a dialog opened over a hidden window is hidden too
            return False
        return kind in SWALLOWED and self.covered(watched.window())


def install(app: QApplication) -> PrivacyScreen:
    """Install the privacy key on ``app`` (once; the screen is returned either way)."""
    existing = app.findChild(PrivacyScreen)
    if isinstance(existing, PrivacyScreen):
        return existing
    screen = PrivacyScreen(app)
    app.installEventFilter(screen)
    return screen
