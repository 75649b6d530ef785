"""Family copy…: the family copy on screen exactly as the family will read it, for
whom it is made, and the export. Also lists every copy made so far.

Conference minutes only: strategy meeting and review minutes are for professionals.
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from app.models import RecipientKind
from app.services.cases import get_case
from app.services.conduct.distribution import NOT_NAMED, Recipient, list_distribution
from app.ui.meeting.export import export_folder
from app.ui.meeting.state import MeetingState
from app.ui.widgets import busy, hint, named, user_message


def distribution_lines(state: MeetingState) -> str:
    """Every copy made so far, one a line ("Pat Example (family member): family copy …")."""
    copies = list_distribution(state.workspace, meeting_id=state.meeting_id)
    if not copies:
        return "No copies of these minutes have been made yet."
    return "\n".join(
        f"{c.recipient.label} ({c.recipient.kind.value.replace('-', ' ')}): "
        f"{c.copy_label.lower()}, {c.version_label.lower()}"
        for c in copies
    )


class FamilyCopyDialog(QDialog):
    """The preview, the recipient, and Export; nothing is written until Export."""

    def __init__(self, state: MeetingState, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.state = state
        self.setWindowTitle("Family copy of the minutes")
        self.recipient = named(QComboBox(), "Family copy for")
        self.recipient.addItem("Not named", None)
        case_id = state.header.case_id
        for member in get_case(state.workspace, case_id=case_id).family:
            label = f"{member.name} ({member.relationship_to_child})".replace(" ()", "")
            self.recipient.addItem(
                label,
                Recipient(RecipientKind.FAMILY_MEMBER, member.name, family_member_id=member.id),
            )
        self.preview = named(QPlainTextEdit(), "Family copy preview")
        self.preview.setReadOnly(True)
        self.copies = QLabel(distribution_lines(state))
        self.copies.setWordWrap(True)
        named(self.copies, "Copies made so far")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.export = buttons.addButton(
            "E&xport this family copy…", QDialogButtonBox.ButtonRole.AcceptRole
        )
        named(self.export, "Export this family copy")
        self.export.clicked.connect(self._on_export)
        buttons.rejected.connect(self.reject)
        form = QFormLayout()
        form.addRow("For:", self.recipient)
        layout = QVBoxLayout(self)
        layout.addWidget(
            hint(
                "This is the family copy exactly as the family will read it. Restricted text is not in it."
            )
        )
        layout.addLayout(form)
        layout.addWidget(self.preview, 1)
        layout.addWidget(QLabel("Copies made so far:"))
        layout.addWidget(self.copies)
        layout.addWidget(buttons)
        self.resize(760, 640)
        self.recipient.currentIndexChanged.connect(self.refresh)
        self.refresh()

    def chosen(self) -> Recipient:
        found = self.recipient.currentData()
        return found if isinstance(found, Recipient) else NOT_NAMED

    def refresh(self) -> None:
        from app.exporters.minutes_preview import family_copy_text

        self.state.autosave.flush()
        try:
            text = family_copy_text(
                self.state.workspace, meeting_id=self.state.meeting_id, recipient=self.chosen()
            )
        except Exception as exc:
            text = user_message(exc)
            self.export.setEnabled(False)
        self.preview.setPlainText(text)

    def _on_export(self) -> None:
        from app.exporters.minutes import export_minutes, minutes_title

        header = self.state.header
        name = (
            f"{minutes_title(header.meeting_type)} family copy "
            f"{header.scheduled_date.isoformat()}.docx"
        )
        target = self.state.dialogs.choose_document_target(
            self, "Export the family copy", export_folder() / name
        )
        if target is None:
            return
        try:
            with busy(self):
                written = export_minutes(
                    self.state.workspace,
                    meeting_id=self.state.meeting_id,
                    target=target,
                    family_copy=True,
                    recipient=self.chosen(),
                )
        except Exception as exc:
            self.state.fail(user_message(exc))
            return
        self.state.tell(f"Family copy saved as {written.path.name} in {written.path.parent}.")
        self.copies.setText(distribution_lines(self.state))
        self.refresh()
