"""The representation check: a statutory agency nobody represents needs the chair's reason."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.models import StatutoryRole
from app.services.conduct.representation import (
    RepresentationRow,
    acknowledge_absence,
    representation_check,
    withdraw_acknowledgement,
)
from app.ui.meeting.state import MeetingState, clear_layout
from app.ui.text import time_text
from app.ui.widgets import named, user_message
from app.workflow import Blocker, BlockerCode

WARNING = (
    "Not every statutory agency is represented. For each one below, record why the meeting "
    "is going ahead without it (the reason goes in the minutes), or record who attended or "
    "sent information for it."
)


class RepresentationWarning(QFrame):
    """Shown on the decision step while a statutory agency is not represented.

    Signals:
        acknowledged(str): the chair recorded a reason for a role (its value).
    """

    acknowledged = Signal(str)

    def __init__(self, state: MeetingState, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.state = state
        self.setObjectName("warningPanel")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.intro = QLabel(WARNING)
        self.intro.setWordWrap(True)
        self.intro.setObjectName("warning")
        self.grid = QGridLayout()
        self.reasons: dict[StatutoryRole, QLineEdit] = {}
        self.buttons: dict[StatutoryRole, QPushButton] = {}
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addLayout(self.grid)
        named(self, "Representation check")
        state.people_changed.connect(self.refresh)
        self.refresh()

    @property
    def needs_acknowledgement(self) -> bool:
        return bool(self.reasons)

    def first_reason(self) -> QLineEdit | None:
        """The first reason still to give, if any (where the cursor goes first)."""
        return next(iter(self.reasons.values()), None)

    def field_for(self, blocker: Blocker) -> QLineEdit | None:
        """The reason box that puts right ``blocker``, if it is about a missing agency."""
        if blocker.code is not BlockerCode.UNREPRESENTED_AGENCY:
            return None
        return next((e for r, e in self.reasons.items() if r.value == blocker.subject), None)

    def refresh(self) -> None:
        self._clear()
        rows = [
            r
            for r in representation_check(self.state.workspace, meeting_id=self.state.meeting_id)
            if not r.represented
        ]
        for line, row in enumerate(rows):
            self._add_row(line, row)
        self.setVisible(bool(rows))
        pending = [r for r in rows if r.acknowledgement is None]
        self.intro.setText(
            WARNING if pending else "Every absent statutory agency has a recorded reason."
        )

    def _clear(self) -> None:
        clear_layout(self.grid)
        self.reasons.clear()
        self.buttons.clear()

    def _add_row(self, line: int, row: RepresentationRow) -> None:
        name = QLabel(f"<b>{row.agency_name}</b>")
        name.setTextFormat(Qt.TextFormat.RichText)
        self.grid.addWidget(name, line, 0)
        ack = row.acknowledgement
        if ack is not None:
            text = QLabel(
                f"Not represented. Reason recorded by {ack.acknowledged_by} at "
                f"{time_text(ack.acknowledged_at.time())}: {ack.reason}"
            )
            text.setWordWrap(True)
            text.setTextFormat(Qt.TextFormat.PlainText)
            self.grid.addWidget(text, line, 1)
            withdraw = named(QPushButton("Withdraw"), f"Withdraw the reason for {row.agency_name}")
            withdraw.clicked.connect(lambda _=False, role=row.role: self._on_withdraw(role))
            withdraw.setEnabled(self.state.editable)
            self.grid.addWidget(withdraw, line, 2)
            return
        reason = QLineEdit()
        reason.setPlaceholderText(f"Why the meeting is going ahead without {row.agency_name}")
        named(reason, f"Reason {row.agency_name} is not represented")
        button = named(QPushButton("Acknowledge"), f"Acknowledge that {row.agency_name} is absent")
        reason.returnPressed.connect(lambda role=row.role: self._on_acknowledge(role))
        button.clicked.connect(lambda _=False, role=row.role: self._on_acknowledge(role))
        reason.setEnabled(self.state.editable)
        button.setEnabled(self.state.editable)
        self.grid.addWidget(reason, line, 1)
        self.grid.addWidget(button, line, 2)
        self.reasons[row.role] = reason
        self.buttons[row.role] = button

    def _on_acknowledge(self, role: StatutoryRole) -> None:
        try:
            acknowledge_absence(
                self.state.workspace,
                meeting_id=self.state.meeting_id,
                role=role,
                reason=self.reasons[role].text(),
            )
        except Exception as exc:
            self.state.fail(user_message(exc))
            self.reasons[role].setFocus()
            return
        self.refresh()
        self.state.changed()
        self.acknowledged.emit(role.value)

    def _on_withdraw(self, role: StatutoryRole) -> None:
        try:
            withdraw_acknowledgement(
                self.state.workspace, meeting_id=self.state.meeting_id, role=role
            )
        except Exception as exc:
            self.state.fail(user_message(exc))
            return
        self.refresh()
        self.state.changed()
