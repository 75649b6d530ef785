"""The case page's "Chronology for court" box: the significant events the chair has
added for the child, a button to add one, and the export to Word.

The chronology runs across every case the child has had, so the events belong
to the child; the file name suggested carries no name or reference.
"""

from __future__ import annotations

from PySide6.QtWidgets import QGroupBox, QHBoxLayout, QPushButton, QVBoxLayout, QWidget

from app.storage.workspace import Workspace
from app.ui import text
from app.ui.meeting.dialogs import MeetingFileDialogs, QtMeetingFileDialogs
from app.ui.widgets import hint, message_label, name_buttons, named, show_message, user_message

TITLE = "Chronology for court"
SUGGESTED_NAME = "Chronology for court.docx"
ABOUT = (
    "Every meeting, decision, plan, safety plan version and pre-proceedings step for "
    "this child, with the significant events added here, in date order. It includes "
    "restricted information: it is for the court and the local authority's lawyers only."
)


class ChronologySection(QGroupBox):
    """Add significant events and export the chronology; ``dialogs`` is injectable."""

    def __init__(
        self,
        workspace: Workspace,
        case_id: str,
        *,
        dialogs: MeetingFileDialogs | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(TITLE, parent)
        named(self, TITLE)
        self.workspace = workspace
        self.case_id = case_id
        self.dialogs: MeetingFileDialogs = dialogs or QtMeetingFileDialogs()
        self.about = hint(ABOUT)
        self.events = hint("")
        named(self.events, "Significant events")
        self.message = message_label(TITLE)
        self.add_button = QPushButton("Add si&gnificant event…")
        self.add_button.setAutoDefault(False)
        self.add_button.clicked.connect(self._on_add)
        self.export_button = QPushButton("Chronology for c&ourt…")
        self.export_button.setAutoDefault(False)
        self.export_button.clicked.connect(self._on_export)
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.export_button)
        buttons.addStretch(1)
        name_buttons(buttons)
        layout = QVBoxLayout(self)
        for widget in (self.about, self.events):
            layout.addWidget(widget)
        layout.addLayout(buttons)
        layout.addWidget(self.message)
        self.refresh()

    def _child_id(self) -> str:
        from app.services.cases import get_case

        return get_case(self.workspace, case_id=self.case_id).child_id

    def refresh(self) -> None:
        """Re-read how many significant events the child has."""
        from app.services.significant_events import list_significant_events

        if not self.workspace.is_open:
            return
        rows = list_significant_events(self.workspace, child_id=self._child_id())
        if not rows:
            self.events.setText("No significant events added yet.")
            return
        latest = rows[-1]
        self.events.setText(
            f"Significant events added: {len(rows)}. Latest: {text.short_date(latest.occurred_on)}, "
            f"{latest.event}"
        )

    def _on_add(self) -> None:
        from app.ui.dialogs.significant_event import SignificantEventDialog

        if SignificantEventDialog.ask(self, self.workspace, self._child_id()) is not None:
            self.refresh()
            show_message(self.message, "Significant event added to the chronology.")

    def _on_export(self) -> None:
        from app.exporters.chronology import export_chronology  # Word loads when first used
        from app.ui.meeting.export import export_folder

        target = self.dialogs.choose_document_target(
            self, "Export the chronology for court", export_folder() / SUGGESTED_NAME
        )
        if target is None:
            return
        try:
            written = export_chronology(self.workspace, child_id=self._child_id(), target=target)
        except Exception as exc:
            show_message(self.message, user_message(exc), error=True)
            return
        show_message(self.message, f"Chronology saved as {written.name} in {written.parent}.")
