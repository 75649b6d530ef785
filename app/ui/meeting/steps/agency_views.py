"""Each agency's view of the decision: agrees or disagrees, with a comment."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QGridLayout, QLabel, QLineEdit, QWidget

from app.errors import ValidationError
from app.services.conduct import decision as decisions
from app.services.conduct.information import information_panels
from app.ui.meeting.restriction_toggle import restriction_toggle
from app.ui.meeting.state import MeetingState, discard
from app.ui.widgets import hint, named

VIEW_CHOICES: tuple[tuple[str, bool | None], ...] = (
    ("No view recorded", None),
    ("Agrees", True),
    ("Disagrees", False),
)
EMPTY = (
    "No agency is represented yet: views are recorded for agencies present or sending information."
)


class AgencyViewRow:
    """The widgets for one agency's view."""

    def __init__(self, state: MeetingState, agency_id: str, agency_name: str) -> None:
        self.state = state
        self.agency_id = agency_id
        self.label = QLabel(agency_name)
        self.label.setWordWrap(True)  # a long name wraps rather than widen the item
        self.choice = QComboBox()
        for text, value in VIEW_CHOICES:
            self.choice.addItem(text, value)
        self.comment = QLineEdit()
        self.comment.setPlaceholderText("Comment (why, in the agency's words)")
        named(self.choice, f"{agency_name}: view of the decision")
        named(self.comment, f"{agency_name}: comment on the decision")
        self.label.setBuddy(self.choice)
        self.choice.activated.connect(self._on_choice)
        state.bind(self.comment, self._save_comment)
        restriction_toggle(self.comment, state, "agency_view", "comment", self._view_id, agency_id)

    def _view_id(self) -> str | None:
        views = decisions.list_agency_views(self.state.workspace, meeting_id=self.state.meeting_id)
        return next((v.id for v in views if v.agency_id == self.agency_id), None)

    def load(self, agrees: bool | None, comment: str) -> None:
        self.choice.setCurrentIndex(max(self.choice.findData(agrees), 0))
        if self.comment.text() != comment:
            self.comment.setText(comment)

    def _on_choice(self, _index: int) -> None:
        agrees = self.choice.currentData()
        ws, meeting_id = self.state.workspace, self.state.meeting_id
        if agrees is None:
            self.state.attempt(
                lambda: decisions.remove_agency_view(
                    ws, meeting_id=meeting_id, agency_id=self.agency_id
                )
            )
            return
        self.state.attempt(
            lambda: decisions.set_agency_view(
                ws,
                meeting_id=meeting_id,
                agency_id=self.agency_id,
                agrees=bool(agrees),
                comment=self.comment.text(),
            )
        )

    def _save_comment(self, text: str) -> None:
        agrees = self.choice.currentData()
        if agrees is None:
            if not text.strip():
                return
            raise ValidationError(
                f"Say whether {self.label.text()} agrees before adding a comment."
            )
        decisions.set_agency_view(
            self.state.workspace,
            meeting_id=self.state.meeting_id,
            agency_id=self.agency_id,
            agrees=bool(agrees),
            comment=text,
        )


class AgencyViews(QWidget):
    """A row per agency present or sending information (and any with a view already)."""

    def __init__(self, state: MeetingState, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.state = state
        self.rows: dict[str, AgencyViewRow] = {}
        self.grid = QGridLayout(self)
        self.grid.setContentsMargins(0, 0, 0, 0)
        self.grid.setColumnStretch(2, 1)
        self.empty = hint(EMPTY)
        self.grid.addWidget(self.empty, 0, 0, 1, 3)
        state.people_changed.connect(self.refresh)
        self.refresh()

    def refresh(self) -> None:
        self.state.autosave.flush()
        ws, meeting_id = self.state.workspace, self.state.meeting_id
        views = {v.agency_id: v for v in decisions.list_agency_views(ws, meeting_id=meeting_id)}
        present = [
            (p.agency_id, p.agency_name) for p in information_panels(ws, meeting_id=meeting_id)
        ]
        present += [
            (v.agency_id, v.agency_name) for v in views.values() if v.agency_id not in dict(present)
        ]
        if [a for a, _ in present] != list(self.rows):
            for row in self.rows.values():
                for widget in (row.label, row.choice, row.comment):
                    discard(widget)
            self.rows = {}
            for line, (agency_id, name) in enumerate(present, start=1):
                row = AgencyViewRow(self.state, agency_id, name)
                self.grid.addWidget(row.label, line, 0)
                self.grid.addWidget(row.choice, line, 1)
                self.grid.addWidget(row.comment, line, 2)
                self.rows[agency_id] = row
            self.set_editable(self.state.editable)
        for agency_id, row in self.rows.items():
            view = views.get(agency_id)
            row.load(view.agrees if view else None, view.comment if view else "")
        self.empty.setVisible(not self.rows)

    def set_editable(self, editable: bool) -> None:
        for row in self.rows.values():
            row.choice.setEnabled(editable)
            row.comment.setReadOnly(not editable)
