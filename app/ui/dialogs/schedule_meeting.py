"""Schedule a meeting for a case: type, date, time, place and who chairs it."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTime
from PySide6.QtGui import QFontMetrics, QShowEvent
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QSpinBox,
    QTimeEdit,
    QWidget,
)

from app import clock
from app.errors import ValidationError
from app.models import MeetingType
from app.services.conduct.carry_over import PreviousInvitees, previous_invitees
from app.services.conduct.timescales import working_calendar
from app.services.meeting_list import MeetingSummary
from app.services.meetings import schedule_meeting
from app.services.place_privacy import place_problem, private_details
from app.storage.workspace import Workspace
from app.ui import text
from app.ui.autosave import to_time
from app.ui.date_field import DateField
from app.ui.dialogs.align_review import ReviewAlignment
from app.ui.dialogs.base import FormDialog
from app.ui.widgets import add_row, compact, fit_to_contents, hint
from app.workdays import non_working_day_warning


def _short_screen() -> bool:
    """Whether the form (some 44 lines with the invitees) needs to scroll to keep its
    buttons on the screen: a small screen or a large text size."""
    screen = QApplication.primaryScreen()
    if screen is None:
        return False
    return (
        screen.availableGeometry().height() < QFontMetrics(QApplication.font()).lineSpacing() * 44
    )


class ScheduleMeetingDialog(FormDialog):
    """Schedules the meeting on OK, with its own copy of the area's agenda."""

    def __init__(
        self,
        workspace: Workspace,
        case_id: str,
        *,
        chair_name: str = "",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(
            "Schedule meeting…",
            ok_text="&Schedule",
            intro="The meeting gets its own copy of the agenda for its type, "
            "which can be changed in the meeting.",
            scroll=_short_screen(),
            parent=parent,
        )
        self.workspace = workspace
        self.case_id = case_id
        self.result_meeting: MeetingSummary | None = None
        self.meeting_type = QComboBox()
        for kind in MeetingType:
            self.meeting_type.addItem(kind.label, kind.value)
        # Typed as day/month/year, like every date in the app: a spin box's arrow
        # keys moved the wrong part of the date too easily.
        self.date = DateField()
        self.date.set_date(clock.today())
        self.calendar = working_calendar(workspace)
        self.date_words = hint("")
        self.date.textChanged.connect(self._on_date_typed)
        self.review = ReviewAlignment(workspace, case_id, self.calendar)
        self.review.align.connect(self.date.set_date)
        self.meeting_type.currentIndexChanged.connect(self._on_date_typed)
        self._on_date_typed()
        self.time = compact(QTimeEdit(QTime(10, 0)), 8)
        self.time.setDisplayFormat("HH:mm")
        self.duration = compact(QSpinBox(), 14)
        self.duration.setRange(15, 480)
        self.duration.setSingleStep(15)
        self.duration.setValue(90)
        self.duration.setSuffix(" minutes")
        self.location = QLineEdit()
        self.location.setPlaceholderText("Children's services, room 2; or Online")
        # Read once: the names and addresses a place may not give (the .ics refuses them).
        self.private = private_details(workspace, case_id=case_id)
        self.place_words = hint("")
        self.location.textChanged.connect(self._on_place_typed)
        self.online_link = QLineEdit()
        self.online_link.setPlaceholderText("Leave empty if the meeting is in person")
        self.chair = QLineEdit(chair_name)
        self.minute_taker = QLineEdit()
        add_row(self.form, "Meeting &type:", self.meeting_type)
        add_row(self.form, "&Date:", self.date)
        self.form.addRow("", self.date_words)
        self.form.addRow("", self.review)
        add_row(self.form, "T&ime:", self.time)
        add_row(self.form, "D&uration:", self.duration)
        add_row(self.form, "&Place:", self.location)
        self.form.addRow("", self.place_words)
        self.place_words.setVisible(False)
        add_row(self.form, "&Online link:", self.online_link)
        add_row(self.form, "&Chair:", self.chair)
        add_row(self.form, "&Minute-taker:", self.minute_taker)
        self.previous = previous_invitees(workspace, case_id=case_id)
        self.invitees = self._invitee_list(self.previous)
        self.meeting_type.setFocus()

    def _invitee_list(self, previous: PreviousInvitees | None) -> QListWidget | None:
        """The last meeting's invitees, ticked, for the chair to untick any not to come."""
        if previous is None or not previous.invitees:
            return None
        invitees = QListWidget()
        for person in previous.invitees:
            item = QListWidgetItem(person.label)
            item.setData(Qt.ItemDataRole.UserRole, person.attendance_id)
            item.setToolTip(person.label)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked)
            invitees.addItem(item)
        # One line each (a long one ends in "…", in full as a tooltip), never a sideways
        # scroll bar; up to six people show at once.
        invitees.setTextElideMode(Qt.TextElideMode.ElideRight)
        invitees.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        row = max(invitees.fontMetrics().height(), 16) + 10
        rows = min(len(previous.invitees), 6)
        invitees.setFixedHeight(row * rows + 2 * invitees.frameWidth() + 4)
        when = text.long_date(previous.scheduled_date)
        self.form.addRow(
            hint(
                f"Invited to the {previous.meeting_type.label.lower()} on {when}. "
                "Untick anyone not to be invited again."
            )
        )
        add_row(self.form, "In&vite again:", invitees)
        wide = self.fontMetrics().averageCharWidth() * 90
        screen = self.screen().availableGeometry().width() - 40  # its frame and some room
        self.setMinimumWidth(min(wide, screen))
        return invitees

    def carried_ids(self) -> list[str] | None:
        """The ticked invitees of the last meeting, or ``None`` if it had none."""
        if self.invitees is None:
            return None
        items = (self.invitees.item(row) for row in range(self.invitees.count()))
        return [
            str(item.data(Qt.ItemDataRole.UserRole))
            for item in items
            if item.checkState() == Qt.CheckState.Checked
        ]

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        fit_to_contents(self)  # the wrapped lines above the list need their height

    def _on_date_typed(self, *_args: object) -> None:
        try:
            day = self.date.date()
        except ValidationError as exc:
            self.date_words.setText(str(exc))
            return
        if day is None:
            self.date_words.setText("Give the date of the meeting.")
            return
        warning = non_working_day_warning(day, self.calendar, "The meeting's date")
        self.date_words.setText(warning or text.long_date(day))
        self.review.show_for(MeetingType(self.meeting_type.currentData()), day)
        if self.isVisible():
            fit_to_contents(self)  # the alignment line and its button need their height

    def _on_place_typed(self, place: str) -> None:
        """Warn as the place is typed, before any calendar invitation is refused."""
        problem = place_problem(place, self.private)
        self.place_words.setText(problem or "")
        self.place_words.setVisible(problem is not None)
        if self.isVisible():
            fit_to_contents(self)

    def submit(self) -> bool:
        scheduled_date = self.date.date()
        if scheduled_date is None:
            raise ValidationError("Give the date of the meeting, for example 14/12/2026.")
        scheduled_time = to_time(self.time.time())
        self.result_meeting = schedule_meeting(
            self.workspace,
            case_id=self.case_id,
            meeting_type=MeetingType(self.meeting_type.currentData()),
            scheduled_date=scheduled_date,
            scheduled_time=scheduled_time,
            location=self.location.text(),
            online_link=self.online_link.text(),
            chair_name=self.chair.text(),
            minute_taker_name=self.minute_taker.text(),
            duration_minutes=self.duration.value(),
            carry_attendance_ids=self.carried_ids(),
        )
        return True

    @classmethod
    def ask(
        cls, parent: QWidget | None, workspace: Workspace, case_id: str, *, chair_name: str = ""
    ) -> MeetingSummary | None:
        """The scheduled meeting, or ``None`` if the user cancelled."""
        dialog = cls(workspace, case_id, chair_name=chair_name, parent=parent)
        dialog.exec()
        return dialog.result_meeting
