"""Information from each agency: one panel per agency present or sending information."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.services.conduct.information import InformationPanel, information_panels
from app.services.conduct.information import save_agency_information as save
from app.ui.meeting.restriction_toggle import restriction_toggle
from app.ui.meeting.state import MeetingState, discard, tab_in_order
from app.ui.meeting.steps.base import StepPage, notes_box
from app.ui.widgets import hint, named, user_message

EMPTY = (
    "No agency has attended or sent information yet. Mark people as arrived, or as having "
    "sent information, in the attendance panel; or add an agency's information below."
)


class AgencyPanel(QGroupBox):
    """One agency's entry: who shared it, what they shared, and whether it is restricted."""

    def __init__(self, state: MeetingState, panel: InformationPanel) -> None:
        super().__init__(panel.agency_name)
        self.agency_id = panel.agency_id
        entry = panel.entry
        self.contributor = QLineEdit(entry.contributor if entry else ", ".join(panel.contributors))
        self.contributor.setPlaceholderText("Who shared it")
        self.information = notes_box(
            f"What {panel.agency_name} shared. Saved as you type.",
            f"Information from {panel.agency_name}",
        )
        self.information.setPlainText(entry.information if entry else "")
        self.information.setMinimumHeight(self.fontMetrics().lineSpacing() * 5)
        ws, meeting_id, agency_id = state.workspace, state.meeting_id, panel.agency_id

        def record_id() -> str | None:
            # Signed-off minutes take no new entry: an agency that shared nothing has none.
            if entry is not None or not state.editable:
                return entry.id if entry is not None else None
            return save(ws, meeting_id=meeting_id, agency_id=agency_id).id

        self.restricted = restriction_toggle(
            self.information, state, "agency_information", "information", record_id, agency_id
        )
        named(self.contributor, f"{panel.agency_name}: shared by")
        form = QFormLayout(self)
        form.addRow("Shared by:", self.contributor)
        form.addRow("Information:", self.information)

        state.bind(
            self.contributor,
            lambda v: save(ws, meeting_id=meeting_id, agency_id=agency_id, contributor=v),
        )
        state.bind(
            self.information,
            lambda v: save(ws, meeting_id=meeting_id, agency_id=agency_id, information=v),
        )

    def tab_chain(self) -> list[QWidget]:
        return [self.contributor, self.information, self.restricted]

    def set_editable(self, editable: bool) -> None:
        self.contributor.setReadOnly(not editable)
        self.information.setReadOnly(not editable)
        self.restricted.setEnabled(editable)


class AgencyInformationPage(StepPage):
    """Each agency's panel, in directory order, and a way to add another agency."""

    def build(self) -> None:
        self.panels: dict[str, AgencyPanel] = {}
        self.empty = hint(EMPTY)
        self.panel_box = QVBoxLayout()
        self.other = QComboBox()
        # Agency names can be long: the list shows them in full, the box need not.
        self.other.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.other.setMinimumContentsLength(20)
        named(self.other, "Agency to add information from")
        self.add_button = QPushButton("A&dd information from this agency")
        self.add_button.clicked.connect(self._on_add)
        row = QHBoxLayout()
        label = QLabel("Another agency:")
        label.setBuddy(self.other)
        row.addWidget(label)
        row.addWidget(self.other, 1)
        self.body.addWidget(self.empty)
        self.body.addLayout(self.panel_box)
        self.body.addLayout(row)
        # On its own line, so the page fits a narrow middle column.
        self.body.addWidget(self.add_button, 0, Qt.AlignmentFlag.AlignLeft)
        self.state.people_changed.connect(self.refresh)
        self.refresh()

    def refresh(self) -> None:
        panels = information_panels(self.state.workspace, meeting_id=self.state.meeting_id)
        wanted = [p.agency_id for p in panels]
        if wanted != list(self.panels):
            self.state.autosave.flush()
            for widget in self.panels.values():
                discard(widget)
            self.panels = {p.agency_id: AgencyPanel(self.state, p) for p in panels}
            for widget in self.panels.values():
                widget.set_editable(self.state.editable)
                self.panel_box.addWidget(widget)
            fields = [w for p in self.panels.values() for w in p.tab_chain()]
            tab_in_order(*fields, self.other)
        self.empty.setVisible(not panels)
        self.other.clear()
        for agency in self.state.agencies():
            if agency.id not in self.panels:
                self.other.addItem(agency.name, agency.id)

    def first_field(self) -> QWidget:
        first = next(iter(self.panels.values()), None)
        return first.information if first else self.notes

    def panel(self, agency_name: str) -> AgencyPanel:
        return next(p for p in self.panels.values() if p.title() == agency_name)

    def _on_add(self) -> None:
        agency_id = self.other.currentData()
        if not agency_id:
            return
        try:
            save(self.state.workspace, meeting_id=self.state.meeting_id, agency_id=agency_id)
        except Exception as exc:
            self.state.fail(user_message(exc))
            return
        self.refresh()
        self.state.changed()
        self.panels[agency_id].information.setFocus()

    def set_editable(self, editable: bool) -> None:
        super().set_editable(editable)
        for panel in self.panels.values():
            panel.set_editable(editable)
        self.other.setEnabled(editable)
        self.add_button.setEnabled(editable)
