"""A modal form: fields, an inline error and OK/Cancel; errors keep the dialog open."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QSize
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QFrame,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from app.ui.widgets import (
    busy,
    fit_to_contents,
    heading,
    hint,
    message_label,
    named,
    show_message,
    user_message,
)


class _FormScroll(QScrollArea):
    """Scrolls a long form; asks for the form's whole height, so it scrolls only when
    the screen is too short for it, and keeps wrapped lines at their full height."""

    def setWidget(self, widget: QWidget) -> None:
        super().setWidget(widget)
        widget.installEventFilter(self)

    def _whole_height(self, width: int) -> int:
        inner = self.widget()
        layout = inner.layout() if inner is not None else None
        if inner is None or layout is None:
            return 0
        if layout.hasHeightForWidth():
            return max(layout.totalHeightForWidth(width), layout.totalMinimumSize().height())
        return layout.totalMinimumSize().height()

    def _fit_inner(self) -> None:
        inner = self.widget()
        if inner is not None:
            inner.setMinimumHeight(self._whole_height(self.viewport().width()))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.widget() and event.type() == QEvent.Type.LayoutRequest:
            self._fit_inner()
        return super().eventFilter(watched, event)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit_inner()

    def sizeHint(self) -> QSize:
        inner = self.widget()
        if inner is None:
            return super().sizeHint()
        wanted = inner.sizeHint()
        height = max(wanted.height(), self._whole_height(wanted.width()))
        bar = self.verticalScrollBar().sizeHint().width()
        return QSize(wanted.width() + bar, height + 2 * self.frameWidth())


class FormDialog(QDialog):
    """Subclasses add rows to ``self.form`` and implement :meth:`submit`.

    ``submit`` does the work (one service call) and returns True to close;
    any error it raises is shown in the dialog, which stays open with
    everything the user typed.
    """

    def __init__(
        self,
        title: str,
        *,
        ok_text: str,
        intro: str = "",
        cancel_text: str = "Cancel",
        scroll: bool = False,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(title.replace("&", ""))
        self.form = QFormLayout()
        self.form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        self.error = message_label("Problem")
        self.buttons = QDialogButtonBox()
        self.ok_button: QPushButton | None = None
        if ok_text:
            self.ok_button = self.buttons.addButton(ok_text, QDialogButtonBox.ButtonRole.AcceptRole)
            named(self.ok_button, ok_text.replace("&", "").rstrip("…"))
            self.ok_button.setDefault(True)
        cancel = self.buttons.addButton(cancel_text, QDialogButtonBox.ButtonRole.RejectRole)
        named(cancel, cancel_text.replace("&", ""))
        self.cancel_button = cancel
        # Enter never throws away what was typed: Tab from the last field reaches the
        # OK button first, and Enter on a focused Cancel presses the default instead.
        cancel.setAutoDefault(False)
        if self.ok_button is not None:
            QWidget.setTabOrder(self.ok_button, cancel)
        self.buttons.accepted.connect(self._on_ok)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(heading(title.replace("&", "").rstrip("…")))
        if intro:
            layout.addWidget(hint(intro))
        if scroll:  # a long form scrolls on a short screen, the buttons stay in sight
            body = QWidget()
            rows = QVBoxLayout(body)
            rows.setContentsMargins(0, 0, 0, 0)
            rows.addLayout(self.form)
            rows.addStretch(1)  # the rows keep together at the top
            area = _FormScroll()
            area.setWidgetResizable(True)
            area.setFrameShape(QFrame.Shape.NoFrame)
            area.setWidget(body)
            named(area, title.replace("&", "").rstrip("…"))
            layout.addWidget(area, 1)
        else:
            layout.addLayout(self.form)
        layout.addWidget(self.error)
        if not scroll:  # a scrolling form takes the spare height itself
            layout.addStretch(1)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(self.fontMetrics().averageCharWidth() * 72)

    def submit(self) -> bool:
        raise NotImplementedError

    def fail(self, message: str) -> None:
        show_message(self.error, message, error=True)
        fit_to_contents(self)

    def _on_ok(self) -> None:
        show_message(self.error, "")
        try:
            with busy():
                done = self.submit()
        except Exception as exc:
            self.fail(user_message(exc))
            return
        if done:
            self.accept()
