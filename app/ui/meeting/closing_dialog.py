"""The closing summary: everything recorded, the gaps, and Close (refused while gaps remain)."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.errors import ValidationError
from app.services.conduct.closing import ClosingSummary, close_meeting, closing_summary
from app.ui.meeting.journey_summary import journey_lines
from app.ui.meeting.state import MeetingState, clear_layout
from app.ui.widgets import (
    fit_to_contents,
    heading,
    hint,
    message_label,
    named,
    show_message,
    user_message,
)
from app.workflow import Blocker

INTRO = "Check what has been recorded. Anything marked ⚠ needs attention before the meeting closes."
GAPS = "Before the meeting can close, put these right (each button takes you there):"


class ClosingDialog(QDialog):
    """Shown by Close meeting… (Ctrl+Shift+E).

    Signals:
        go_to(object): the chair chose a gap to fix (its ``Blocker``).
        meeting_closed: the meeting closed.
    """

    go_to = Signal(object)
    meeting_closed = Signal()

    def __init__(self, state: MeetingState, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.state = state
        self.setWindowTitle("Close the meeting")
        self.lines = QGridLayout()
        self.lines.setColumnStretch(2, 1)
        self.gaps_intro = QLabel(GAPS)
        self.gaps_intro.setWordWrap(True)
        self.gaps_intro.setObjectName("warning")
        self.gap_box = QGridLayout()
        self.gap_box.setColumnStretch(0, 1)
        self.gap_buttons: list[QPushButton] = []
        self.error = message_label("Why the meeting cannot close")
        buttons = QDialogButtonBox()
        self.close_button = buttons.addButton(
            "&Close the meeting", QDialogButtonBox.ButtonRole.AcceptRole
        )
        back = buttons.addButton("&Back to the meeting", QDialogButtonBox.ButtonRole.RejectRole)
        named(self.close_button, "Close the meeting")
        named(back, "Back to the meeting")
        buttons.accepted.connect(self._on_close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(heading("Close the meeting"))
        layout.addWidget(hint(INTRO))
        layout.addLayout(self.lines)
        layout.addWidget(self.gaps_intro)
        layout.addLayout(self.gap_box)
        layout.addWidget(self.error)
        layout.addStretch(1)
        layout.addWidget(buttons)
        self.setMinimumWidth(self.fontMetrics().averageCharWidth() * 100)
        self.summary: ClosingSummary | None = None
        self.blockers: list[Blocker] = []
        self.refresh()
        # Wrapped lines need the height that goes with the dialog's width.
        width = self.minimumWidth()
        self.resize(width, max(layout.totalHeightForWidth(width), self.sizeHint().height() // 2))

    def refresh(self) -> None:
        self.state.autosave.flush()
        summary = closing_summary(self.state.workspace, meeting_id=self.state.meeting_id)
        self.summary = summary
        # The step model's blockers: the summary's, and a review's or conference's own.
        self.state.refresh_facts()
        flow = self.state.flow
        self.blockers = flow.blockers()
        header = self.state.header
        lines = list(summary.lines) + journey_lines(
            self.state.workspace,
            meeting_id=header.meeting_id,
            case_id=header.case_id,
            meeting_type=header.meeting_type,
        )
        clear_layout(self.lines)
        for row, line in enumerate(lines):
            mark = QLabel("✓" if line.complete else "⚠")
            mark.setAccessibleName("complete" if line.complete else "needs attention")
            what = QLabel(f"<b>{line.heading}</b>")
            what.setTextFormat(Qt.TextFormat.RichText)
            text = QLabel(line.text)
            text.setWordWrap(True)
            text.setTextFormat(Qt.TextFormat.PlainText)
            self.lines.addWidget(mark, row, 0, Qt.AlignmentFlag.AlignTop)
            self.lines.addWidget(what, row, 1, Qt.AlignmentFlag.AlignTop)
            self.lines.addWidget(text, row, 2)
        clear_layout(self.gap_box)
        self.gap_buttons = []
        for number, blocker in enumerate(self.blockers):
            text = QLabel(f"• {blocker.message}")
            text.setWordWrap(True)
            text.setTextFormat(Qt.TextFormat.PlainText)
            where = flow.index_for(blocker)
            kind = blocker.step_kind if where is None else flow.steps[where].kind
            button = QPushButton(f"Go to {kind.label.lower()}")
            button.setAutoDefault(False)
            named(button, f"Go and fix: {blocker.message}")
            button.clicked.connect(lambda _=False, b=blocker: self._on_go_to(b))
            self.gap_box.addWidget(text, number, 0)
            self.gap_box.addWidget(button, number, 1, Qt.AlignmentFlag.AlignTop)
            self.gap_buttons.append(button)
        self.gaps_intro.setVisible(bool(self.blockers))

    def _on_go_to(self, blocker: Blocker) -> None:
        self.go_to.emit(blocker)
        self.reject()

    def _on_close(self) -> None:
        self.state.autosave.flush()
        try:
            self.refresh()
            if self.blockers:
                raise ValidationError(
                    "The meeting cannot close yet: " + " ".join(b.message for b in self.blockers)
                )
            close_meeting(self.state.workspace, meeting_id=self.state.meeting_id)
        except Exception as exc:
            self.refresh()
            show_message(self.error, user_message(exc), error=True)
            fit_to_contents(self)  # the message must not push the summary out of sight
            (self.gap_buttons[0] if self.gap_buttons else self.close_button).setFocus()
            return
        self.state.refresh_header()
        self.state.tell("The meeting is closed. Sign off the minutes when they are right.")
        self.meeting_closed.emit()
        self.accept()
