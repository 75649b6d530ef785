"""About: the version, what the app is for, and where this workspace is."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFormLayout, QLabel, QVBoxLayout, QWidget

from app import APP_NAME, __version__
from app.storage.workspace import Workspace
from app.ui.widgets import heading, hint, named
from app.workspace_info import describe

PURPOSE = (
    f"{APP_NAME} helps a Lead Child Protection Practitioner chair multi-agency child "
    "protection strategy meetings, reviews and conferences, and record them: who was "
    "invited and who came, what each agency shared, the threshold decision and why, "
    "actions and timescales. It works without a network. Every record is kept in one "
    "encrypted workspace file (SQLCipher 4) that only its passphrase opens; minutes "
    "and letters are exported as Word documents."
)


def _size(size: int) -> str:
    if size >= 1024 * 1024:
        return f"{size / (1024 * 1024):.1f} MB"
    return f"{max(1, round(size / 1024))} KB"


class AboutPage(QWidget):
    """Version and workspace facts; nothing about any child."""

    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self.facts = QFormLayout()
        self.version = self._fact("Version:", __version__)
        self.path = self._fact("Workspace file:", "")
        self.schema = self._fact("Schema revision:", "")
        self.file_size = self._fact("File size:", "")
        layout = QVBoxLayout(self)
        layout.addWidget(heading(f"About {APP_NAME}"))
        layout.addWidget(named(hint(PURPOSE), "What the app is for"))
        layout.addLayout(self.facts)
        layout.addStretch(1)

    def _fact(self, label: str, value: str) -> QLabel:
        field = QLabel(value)
        field.setWordWrap(True)
        field.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        named(field, label.rstrip(":"))
        self.facts.addRow(label, field)
        return field

    def refresh(self) -> None:
        info = describe(self.workspace)
        self.path.setText(str(info.path))
        revision = info.schema_revision or "none"
        note = ""
        if info.schema_revision != info.schema_head:
            note = f" (this version knows {info.schema_head})"
        self.schema.setText(revision + note)
        self.file_size.setText(_size(info.size_bytes))

    def clear(self) -> None:
        self.path.clear()
