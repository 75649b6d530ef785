"""Letters…: who must be told about this meeting, the letters written, and when each was sent."""

from __future__ import annotations

import datetime as dt
from html import escape

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from app import clock
from app.models import NotificationKind, RecipientRole
from app.services.journey import notifications as service
from app.services.journey.notifications import NotificationRow
from app.ui.meeting.export import export_folder
from app.ui.meeting.state import MeetingState, clear_layout
from app.ui.text import short_date, time_text
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

NOBODY = "Nobody needs a letter about this meeting."
NOBODY_YET = (
    "Nobody needs a letter yet: letters follow a closed meeting, and a conference's "
    "invitations go to everyone invited to it."
)
NOT_LATE = "No letters written: they would give dates already past ({}). Issue them late to go on."
NO_LETTERS = "No letters written yet. Export letters… writes one for each person above."


def letter_words(kind: NotificationKind) -> str:
    """ "Conference invitation", "Discharge decision" …"""
    return kind.value.replace("-", " ").capitalize()


def _when(moment: dt.datetime | None) -> str:
    if moment is None:
        return ""
    local = clock.local_time(moment)
    return f"{short_date(local.date())} {time_text(local.time())}"


class NotificationsDialog(QDialog):
    """The notification log of one meeting: export the letters, mark each one sent."""

    def __init__(self, state: MeetingState, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.state = state
        self.setWindowTitle("Letters")
        self.who = QLabel()
        self.who.setWordWrap(True)
        self.who.setTextFormat(Qt.TextFormat.PlainText)
        # The letters written scroll, so a conference with many invitees keeps the
        # dialog on the screen.
        log_box = QWidget()
        self.log = QVBoxLayout(log_box)
        self.log.setContentsMargins(0, 0, 0, 0)
        self.log.setSpacing(0)
        self.log_scroll = QScrollArea()
        self.log_scroll.setWidget(log_box)
        self.log_scroll.setWidgetResizable(True)
        self.log_scroll.setFrameShape(QFrame.Shape.NoFrame)
        named(self.log_scroll, "Letters written")
        self.routes: dict[str, QComboBox] = {}
        self.sent_buttons: dict[str, QPushButton] = {}
        self.export = named(QPushButton("E&xport letters…"), "Export letters")
        self.export.setAutoDefault(False)
        self.export.clicked.connect(self._on_export)
        self.error = message_label("Problem with the letters")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(heading("Letters"))
        layout.addWidget(heading("Who must be told", level=2))
        layout.addWidget(self.who)
        layout.addWidget(self.export, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(heading("Letters written", level=2))
        layout.addWidget(self.log_scroll, 1)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self.setMinimumWidth(self.fontMetrics().averageCharWidth() * 100)
        self.refresh()

    def refresh(self) -> None:
        ws, meeting_id = self.state.workspace, self.state.meeting_id
        recipients = service.required_notifications(ws, meeting_id=meeting_id)
        self.who.setText(
            "\n".join(
                f"• {r.name} ({r.agency_name or r.relationship or 'parent or carer'}): "
                f"{letter_words(r.kind).lower()}"
                for r in recipients
            )
            or (
                NOBODY if self.state.header.status.value in ("closed", "signed-off") else NOBODY_YET
            )
        )
        self.export.setEnabled(bool(recipients))
        clear_layout(self.log)
        self.routes, self.sent_buttons = {}, {}
        rows = service.notification_log(ws, meeting_id=meeting_id)
        for row in rows:
            self.log.addWidget(self._log_row(row))
        if not rows:
            self.log.addWidget(hint(NO_LETTERS))
        fit_to_contents(self)

    def _log_row(self, row: NotificationRow) -> QWidget:
        """Two lines a letter: to whom and which letter; then written, and sent or not."""
        role = "agency" if row.role is RecipientRole.AGENCY else "parent or carer"
        line = QFrame()
        who = QLabel(f"<b>{escape(row.recipient_name)}</b> ({role}): {letter_words(row.kind)}")
        who.setTextFormat(Qt.TextFormat.RichText)
        status = QHBoxLayout()
        status.addWidget(QLabel(f"Written {_when(row.generated_at)}."))
        layout = QVBoxLayout(line)
        layout.setContentsMargins(0, 2, 0, 6)
        layout.addWidget(who)
        layout.addLayout(status)
        if row.sent:
            status.addWidget(QLabel(f"Sent {_when(row.sent_at)} by {row.sent_route}."), 1)
            return line
        status.addWidget(QLabel("Not sent yet."), 1)
        route = QComboBox()
        route.addItems(list(service.SEND_ROUTES))
        named(route, f"How the letter to {row.recipient_name} was sent")
        button = named(QPushButton("Mark sent"), f"Mark the letter to {row.recipient_name} sent")
        button.setAutoDefault(False)
        button.clicked.connect(lambda _=False, r=row.id: self._on_sent(r))
        status.addWidget(route)
        status.addWidget(button)
        self.routes[row.id] = route
        self.sent_buttons[row.id] = button
        return line

    def _on_export(self) -> None:
        from app.exporters.letters import LateIssueNeeded, export_notifications

        folder = self.state.dialogs.choose_folder(
            self, "Export letters to a folder", export_folder()
        )
        if folder is None:
            return
        late_issue = False
        while True:
            try:
                with busy(self):
                    written = export_notifications(
                        self.state.workspace,
                        meeting_id=self.state.meeting_id,
                        out_dir=folder,
                        late_issue=late_issue,
                    )
                break
            except LateIssueNeeded as exc:
                if late_issue or not self._confirm_late(exc.past):
                    show_message(self.error, NOT_LATE.format("; ".join(exc.past)), error=True)
                    return
                late_issue = True
            except Exception as exc:
                show_message(self.error, user_message(exc), error=True)
                return
        show_message(self.error, "")
        self.refresh()
        count = len(written.entries)
        late = " They say they are issued late." if late_issue else ""
        self.state.tell(f"{count} letter{'s' if count != 1 else ''} written to {folder}.{late}")

    def _confirm_late(self, past: tuple[str, ...]) -> bool:
        """Ask the chair whether to issue the letters late, naming the dates already past."""
        question = (
            "These letters give dates that have already passed: "
            + "; ".join(past)
            + ".\n\nIssue late: the letter will say it is issued late."
        )
        return self.state.dialogs.confirm(self, "Issue the letters late?", question, "Issue late")

    def _on_sent(self, notification_id: str) -> None:
        route = self.routes[notification_id].currentText()
        try:
            service.mark_sent(self.state.workspace, notification_id=notification_id, route=route)
        except Exception as exc:
            show_message(self.error, user_message(exc), error=True)
            return
        show_message(self.error, "")
        self.refresh()
