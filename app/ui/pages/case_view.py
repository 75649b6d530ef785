"""One case: the child, the case episode, family, agencies involved and meetings."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QGroupBox,
    QHBoxLayout,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from app.models import CaseStatus
from app.services.case_closure import ClosureRow, case_closure
from app.services.cases import CaseDetail, MeetingRow, get_case
from app.storage.workspace import Workspace
from app.ui import text
from app.ui.autosave import Autosave, set_date
from app.ui.case_timeline import CaseTimelineWidget
from app.ui.dialogs.schedule_meeting import ScheduleMeetingDialog
from app.ui.pages.arrival_section import ArrivalSection
from app.ui.pages.case_forms import CaseEpisodeForm, ChildForm
from app.ui.pages.chronology_section import ChronologySection
from app.ui.pages.family_section import FamilySection
from app.ui.pages.list_page import make_table
from app.ui.pages.looked_after_section import LookedAfterSection
from app.ui.pages.preproceedings_section import PreProceedingsSection
from app.ui.pages.s47_section import S47Section
from app.ui.table_models import CaseMeetingsTableModel
from app.ui.widgets import heading, hint, name_buttons, named

NO_AGENCIES = "No agencies yet: agencies appear here once they are invited to a meeting."
NO_MEETINGS = "No meetings yet. Arrange one with Schedule meeting…"


class CaseView(QWidget):
    """Everything about one case, edited in place (no Save button).

    Signals:
        back: the user wants to go back to the cases list.
        open_meeting(str): the user opened one of the case's meetings (its id).
    """

    back = Signal()
    open_meeting = Signal(str)

    def __init__(
        self,
        workspace: Workspace,
        case_id: str,
        *,
        chair_name: str = "",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self.case_id = case_id
        self.chair_name = chair_name
        self.autosave = Autosave(workspace, self)
        self.closure: ClosureRow | None = None

        self.title = heading("")
        self.subtitle = hint()
        named(self.subtitle, "Case summary")
        self.back_button = named(QPushButton("&Back to cases"), "Back to cases")
        self.back_button.clicked.connect(self.back)
        # For a case entered in error: closed with a reason, never deleted.
        self.close_button = named(QPushButton("Close case…"), "Close case")
        self.close_button.setAutoDefault(False)
        self.close_button.clicked.connect(self._on_close_case)
        top = QHBoxLayout()
        top.addWidget(self.title, 1)
        top.addWidget(self.close_button)
        self.reopen_button = named(QPushButton("Reopen case…"), "Reopen case")
        self.reopen_button.setAutoDefault(False)
        self.reopen_button.clicked.connect(self._on_reopen_case)
        self.reopen_button.setVisible(False)
        top.addWidget(self.reopen_button)
        top.addWidget(self.back_button)

        self.child_form = ChildForm()
        self.case_form = CaseEpisodeForm()
        self.looked_after = LookedAfterSection(workspace, case_id)
        for box in (self.case_form.looked_after, self.case_form.kinship_care):
            box.toggled.connect(self._on_care_status)
        self.family = FamilySection(workspace)
        self.family.changed.connect(self.refresh_lists)
        self.agencies = QGroupBox("Agencies involved")
        named(self.agencies, "Agencies involved")
        self.agencies_text = hint(NO_AGENCIES)
        named(self.agencies_text, "Agencies involved")
        QVBoxLayout(self.agencies).addWidget(self.agencies_text)
        self.meetings = self._meetings_box()
        self.timeline = CaseTimelineWidget(workspace, case_id)
        self.timeline.open_meeting.connect(self.open_meeting)
        self.arrival = ArrivalSection(workspace, case_id)
        self.arrival.changed.connect(self._after_arrival)

        body = QWidget()
        # Long lines are hard to read: keep the form to a comfortable width.
        body.setMaximumWidth(self.fontMetrics().averageCharWidth() * 130)
        body_layout = QVBoxLayout(body)
        for section in (
            self.child_form,
            self.case_form,
            self.looked_after,
            self.family,
            self.agencies,
            self.meetings,
            S47Section(workspace, case_id),
            PreProceedingsSection(workspace, case_id),
            self.arrival,
            self.timeline,
            ChronologySection(workspace, case_id),
        ):
            body_layout.addWidget(section)
        body_layout.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(body)
        named(scroll, "Case details")

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.subtitle)
        layout.addWidget(scroll, 1)
        self.child_form.first_name.textEdited.connect(self._update_title)
        self.child_form.last_name.textEdited.connect(self._update_title)

    def _meetings_box(self) -> QGroupBox:
        box = QGroupBox("Meetings")
        named(box, "Meetings for this case")
        self.meetings_model = CaseMeetingsTableModel(self)
        self.meetings_table = make_table(self.meetings_model, "Meetings for this case")
        self.meetings_table.activated.connect(lambda _index: self._on_open_meeting())
        self.meetings_table.setMinimumHeight(self.fontMetrics().lineSpacing() * 6)
        self.meetings_empty = hint(NO_MEETINGS)
        self.schedule_button = QPushButton("Schedule &meeting…")
        self.schedule_button.clicked.connect(self._on_schedule)
        self.open_meeting_button = QPushButton("Open meeting")
        self.open_meeting_button.clicked.connect(self._on_open_meeting)
        buttons = QHBoxLayout()
        buttons.addWidget(self.schedule_button)
        buttons.addWidget(self.open_meeting_button)
        buttons.addStretch(1)
        name_buttons(buttons)
        layout = QVBoxLayout(box)
        layout.addWidget(self.meetings_table)
        layout.addWidget(self.meetings_empty)
        layout.addLayout(buttons)
        return box

    def load(self) -> CaseDetail:
        """Read the case, fill every field and start autosaving them."""
        case = get_case(self.workspace, case_id=self.case_id)
        self.child_form.load(case)
        self.case_form.load(case)
        self.child_form.bind(self.autosave, case.child_id)
        self.case_form.bind(self.autosave, case.case_id)
        self._show_lists(case)
        self._update_title()
        self._show_status(case)
        return case

    def _show_status(self, case: CaseDetail) -> None:
        self.subtitle.setText(
            f"Reference {case.la_child_ref} · opened {text.long_date(case.opened_on)} · "
            f"{text.CASE_STATUS_WORDS[case.status].lower()}"
        )
        self.close_button.setEnabled(case.status is CaseStatus.OPEN)
        # Only a case closed here (in error) reopens; a discharge ends the journey.
        self.closure = None
        if case.status is CaseStatus.CLOSED:
            self.closure = case_closure(self.workspace, case_id=self.case_id)
        if self.closure is not None:
            reason = self.closure.reason.label.lower()
            self.subtitle.setText(f"{self.subtitle.text()} ({reason})")
        self.close_button.setVisible(self.closure is None)
        self.reopen_button.setVisible(self.closure is not None)

    def _on_close_case(self) -> None:
        from app.ui.dialogs.close_case import CloseCaseDialog

        if CloseCaseDialog.ask(self, self.workspace, self.case_id) and self.workspace.is_open:
            self._show_status(get_case(self.workspace, case_id=self.case_id))

    def _on_reopen_case(self) -> None:
        from app.ui.dialogs.close_case import ReopenCaseDialog

        if self.closure is None:
            return
        closure = self.closure
        closed = (
            f"Closed on {text.long_date(closure.closed_on)} by {closure.closed_by}: "
            f"{closure.reason.label.lower()}."
        )
        reopened = ReopenCaseDialog.ask(self, self.workspace, self.case_id, closed)
        if reopened and self.workspace.is_open:
            self._show_status(get_case(self.workspace, case_id=self.case_id))
            self.close_button.setFocus()

    def _after_arrival(self) -> None:
        """A birth gives the child a date of birth and perhaps a name: show them."""
        if not self.workspace.is_open:
            return
        case = get_case(self.workspace, case_id=self.case_id)
        self.child_form.first_name.setText(case.first_name)
        self.child_form.last_name.setText(case.last_name)
        set_date(self.child_form.date_of_birth, case.date_of_birth)
        self._update_title()
        self.timeline.refresh()

    def refresh_lists(self) -> None:
        """Re-read the family, agencies and meetings (the fields keep what is typed)."""
        if self.workspace.is_open:
            self._show_lists(get_case(self.workspace, case_id=self.case_id))
            self.timeline.refresh()
            self.arrival.refresh()

    def _show_lists(self, case: CaseDetail) -> None:
        self.family.set_rows(case.child_id, case.family)
        self.agencies_text.setText(", ".join(case.agencies) if case.agencies else NO_AGENCIES)
        self.meetings_model.set_rows(case.meetings)
        self.meetings_table.resizeColumnsToContents()
        self.meetings_table.setVisible(bool(case.meetings))
        self.meetings_empty.setVisible(not case.meetings)
        self.open_meeting_button.setEnabled(bool(case.meetings))

    def _update_title(self, *_args: object) -> None:
        name = " ".join(
            part
            for part in (self.child_form.first_name.text(), self.child_form.last_name.text())
            if part.strip()
        )
        self.title.setText(name or self.child_form.la_child_ref.text() or "Case")

    def _on_care_status(self, _checked: bool) -> None:
        self.looked_after.set_care_status(
            looked_after=self.case_form.looked_after.isChecked(),
            kinship_care=self.case_form.kinship_care.isChecked(),
        )

    def _on_schedule(self) -> None:
        meeting = ScheduleMeetingDialog.ask(
            self, self.workspace, self.case_id, chair_name=self.chair_name
        )
        if meeting is not None and self.workspace.is_open:
            self.refresh_lists()

    def _on_open_meeting(self) -> None:
        row = self.meetings_model.row_at(self.meetings_table.currentIndex())
        if row is None and self.meetings_model.rowCount() == 1:
            row = self.meetings_model.rows()[0]
        if isinstance(row, MeetingRow):
            self.open_meeting.emit(row.id)
        else:
            self.meetings_table.setFocus()

    def clear(self) -> None:
        """Forget everything shown (used when the workspace locks)."""
        self.autosave.unbind_all()
        self.family.clear()
        self.meetings_model.clear()
        self.timeline.table.setRowCount(0)
        self.timeline.summary.clear()
