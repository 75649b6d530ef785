"""A meeting's plain details, shown when meeting mode is not part of this build."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFormLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from app.services.conduct.distribution import list_distribution
from app.services.meetings import get_meeting
from app.storage.workspace import Workspace
from app.ui import text
from app.ui.widgets import heading, hint, named


def _copies(workspace: Workspace, meeting_id: str) -> str:
    """The distribution list: one line a copy (for whom, which copy, which version)."""
    copies = list_distribution(workspace, meeting_id=meeting_id)
    return (
        "\n".join(
            f"{c.recipient.label}: {c.copy_label.lower()}, {c.version_label.lower()}"
            for c in copies
        )
        or "None made yet"
    )


class MeetingSummaryPage(QWidget):
    """Type, date, place, chair and status of one meeting, read-only.

    Signals:
        closed: the user is done with the meeting.
    """

    closed = Signal()

    def __init__(self, workspace: Workspace, meeting_id: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.meeting_id = meeting_id
        meeting = get_meeting(workspace, meeting_id=meeting_id)
        facts = QFormLayout()
        for label, value in (
            ("Child:", f"{meeting.child_name} ({meeting.la_child_ref})".strip()),
            ("Date:", text.long_date(meeting.scheduled_date)),
            ("Time:", text.time_text(meeting.scheduled_time) or "Not set"),
            ("Place:", meeting.location or "Not set"),
            ("Chair:", meeting.chair_name or "Not set"),
            ("Status:", text.meeting_status(meeting.status)),
            ("Copies of the minutes:", _copies(workspace, meeting_id)),
        ):
            field = QLabel(value)
            field.setWordWrap(True)
            named(field, label.rstrip(":"))
            facts.addRow(label, field)
        back = named(QPushButton("&Back"), "Back")
        back.clicked.connect(self.closed)
        layout = QVBoxLayout(self)
        layout.addWidget(heading(text.meeting_type(meeting.meeting_type)))
        layout.addLayout(facts)
        layout.addWidget(
            hint("Meeting mode, for running the meeting itself, is not part of this version.")
        )
        layout.addWidget(back)
        layout.addStretch(1)
