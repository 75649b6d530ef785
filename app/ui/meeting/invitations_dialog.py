"""Before the meeting: who is invited, by agency, and the family for conferences.

The four statutory agencies are on the list from the start (the services invite
them when the meeting is scheduled). Where the child is in proceedings, the
dialog prompts to invite the guardian. Usable from meeting mode and the case view.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from app.models import MeetingType
from app.services.agencies import list_agencies
from app.services.cases import get_case
from app.services.conduct import attendance, invitations
from app.services.meetings import get_meeting
from app.storage.workspace import Workspace
from app.ui.meeting.state import clear_layout
from app.ui.widgets import add_row, heading, hint, message_label, named, show_message, user_message

INTRO = (
    "Invite people by agency. Children's social care, police, health and education are on "
    "the list by default: fill in who is coming for each when you know."
)
CONFERENCES = (MeetingType.ICPC, MeetingType.RCPC)


class InvitationsDialog(QDialog):
    """Invite by agency from the directory; family members for conferences; the guardian."""

    def __init__(
        self, workspace: Workspace, meeting_id: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self.meeting_id = meeting_id
        meeting = get_meeting(workspace, meeting_id=meeting_id)
        self.case_id = meeting.case_id
        # The family are invited to conferences, and are members of the core group.
        self.conference = meeting.meeting_type in (*CONFERENCES, MeetingType.CORE_GROUP)
        self.setWindowTitle("Invitations")
        self.guardian = QFrame()
        self.guardian.setObjectName("warningPanel")
        self.guardian_text = QLabel()
        self.guardian_text.setWordWrap(True)
        self.guardian_name = QLineEdit()
        named(self.guardian_name, "Guardian's name")
        self.guardian_button = named(QPushButton("Invite the &guardian"), "Invite the guardian")
        self.guardian_button.clicked.connect(self._on_guardian)
        guardian_row = QHBoxLayout(self.guardian)
        guardian_row.addWidget(self.guardian_text, 1)
        guardian_row.addWidget(self.guardian_name)
        guardian_row.addWidget(self.guardian_button)
        self.list = QGridLayout()
        self.list.setColumnStretch(1, 1)
        inner = QWidget()
        inner_layout = QVBoxLayout(inner)
        inner_layout.addLayout(self.list)
        inner_layout.addStretch(1)
        scroll = QScrollArea()
        named(scroll, "Invitations")
        scroll.setWidget(inner)
        scroll.setWidgetResizable(True)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.agency = QComboBox()
        self.agency.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        for agency in list_agencies(workspace):
            self.agency.addItem(agency.name, agency.id)
        self.name = QLineEdit()
        self.role = QLineEdit()
        self.invite_button = named(QPushButton("&Invite"), "Invite this person")
        self.invite_button.setAutoDefault(False)
        self.invite_button.clicked.connect(self._on_invite)
        self.name.returnPressed.connect(self._on_invite)
        self.role.returnPressed.connect(self._on_invite)
        form = QFormLayout()
        add_row(form, "&Agency:", self.agency)
        add_row(form, "&Name:", self.name)
        add_row(form, "&Role:", self.role)
        form.addRow("", self.invite_button)
        self.family = QVBoxLayout()
        self.error = message_label("Problem with the invitation")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        buttons.button(QDialogButtonBox.StandardButton.Close).setAutoDefault(False)
        layout = QVBoxLayout(self)
        layout.addWidget(heading("Invitations"))
        layout.addWidget(hint(INTRO))
        layout.addWidget(self.guardian)
        layout.addWidget(scroll, 1)
        layout.addWidget(heading("Invite someone", level=2))
        layout.addLayout(form)
        if self.conference:
            layout.addWidget(heading("Family members", level=2))
            layout.addLayout(self.family)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self.setMinimumSize(  # wide enough for agency, name, role and Remove side by side
            self.fontMetrics().averageCharWidth() * 110, self.fontMetrics().height() * 36
        )
        self.refresh()
        self.name.setFocus(Qt.FocusReason.OtherFocusReason)

    def refresh(self) -> None:
        for layout in (self.list, self.family):
            clear_layout(layout)
        rows = attendance.list_attendance(self.workspace, meeting_id=self.meeting_id)
        removes: list[QWidget] = []
        for column, text in enumerate(("Agency", "Name", "Role", "")):
            self.list.addWidget(QLabel(f"<b>{text}</b>"), 0, column)
        for line, row in enumerate(rows, start=1):
            self.list.addWidget(QLabel(row.agency_name or "Family"), line, 0)
            self.list.addWidget(QLabel(row.name or "(name not known yet)"), line, 1)
            self.list.addWidget(QLabel(row.role), line, 2)
            remove = named(
                QPushButton("Remove"), f"Remove {row.name or row.agency_name} from the list"
            )
            remove.setAutoDefault(False)
            remove.clicked.connect(
                lambda _=False, r=row.id: self._run(
                    lambda: attendance.remove_attendee(self.workspace, attendance_id=r)
                )
            )
            self.list.addWidget(remove, line, 3)
            removes.append(remove)
        if not rows:
            self.list.addWidget(hint("Nobody is invited yet."), 1, 0, 1, 4)
        prompt = invitations.guardian_prompt(self.workspace, meeting_id=self.meeting_id)
        self.guardian.setVisible(prompt is not None)
        if prompt is not None:
            self.guardian_text.setText(prompt.message)
            self.guardian_name.setText(prompt.guardian_name or "")
            self.guardian_name.setPlaceholderText("Guardian's name")
        family = (
            self._family({r.family_member_id for r in rows if r.family_member_id})
            if self.conference
            else []
        )
        # Tab reads the dialog from the top: the guardian, the list, the form, the family.
        order = [self.guardian_name, self.guardian_button, *removes, self.agency, self.name]
        order += [self.role, self.invite_button, *family]
        for before, after in itertools.pairwise(order):
            QWidget.setTabOrder(before, after)

    def _family(self, invited: set[str | None]) -> list[QWidget]:
        members = [
            m
            for m in get_case(self.workspace, case_id=self.case_id).family
            if m.id not in invited and not m.retired
        ]
        if not members:
            self.family.addWidget(hint("Every recorded family member is invited."))
        buttons: list[QWidget] = []
        for member in members:
            button = QPushButton(
                f"Invite {member.name} ({member.relationship_to_child or 'family'})"
            )
            button.setAutoDefault(False)
            button.clicked.connect(
                lambda _=False, m=member.id: self._run(
                    lambda: invitations.invite_family_member(
                        self.workspace, meeting_id=self.meeting_id, family_member_id=m
                    )
                )
            )
            self.family.addWidget(button)
            buttons.append(button)
        return buttons

    def _run(self, action: Callable[[], object]) -> bool:
        try:
            action()
        except Exception as exc:
            show_message(self.error, user_message(exc), error=True)
            return False
        show_message(self.error, "")
        self.refresh()
        return True

    def _on_invite(self) -> None:
        done = self._run(
            lambda: invitations.invite_person(
                self.workspace,
                meeting_id=self.meeting_id,
                name=self.name.text(),
                agency_id=self.agency.currentData(),
                role=self.role.text(),
            )
        )
        if done:
            self.name.clear()
            self.role.clear()
            self.name.setFocus()

    def _on_guardian(self) -> None:
        self._run(
            lambda: invitations.invite_guardian(
                self.workspace, meeting_id=self.meeting_id, name=self.guardian_name.text() or None
            )
        )
