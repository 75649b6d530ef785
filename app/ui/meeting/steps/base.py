"""What every step page has: the item's title and guidance, its notes, and its gaps."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QPoint, Qt
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QFrame,
    QLabel,
    QPlainTextEdit,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from app.services.conduct.agenda import save_agenda_notes
from app.ui.meeting.restriction_toggle import restriction_toggle
from app.ui.meeting.state import MeetingState
from app.ui.spelling import check_spelling
from app.ui.widgets import heading, hint, named, show_message
from app.workflow import Blocker, Step

NOTES_LINES = 6


def show_whole(scroller: QScrollArea, widget: QWidget) -> None:
    """Scroll so that all of ``widget`` shows (six lines of notes, not only the cursor's
    line, which is all ``ensureWidgetVisible`` brings into sight for a text box)."""
    content = scroller.widget()
    if content is None or not content.isAncestorOf(widget):
        return
    if widget.height() + 16 > scroller.viewport().height():
        scroller.ensureWidgetVisible(widget, 8, 8)  # too tall to show whole: the cursor
        return
    top_left = widget.mapTo(content, QPoint(0, 0))
    half_width, half_height = widget.width() // 2, widget.height() // 2
    scroller.ensureVisible(
        top_left.x() + half_width, top_left.y() + half_height, half_width + 8, half_height + 8
    )


def notes_box(placeholder: str, name: str) -> QPlainTextEdit:
    edit = QPlainTextEdit()
    edit.setPlaceholderText(placeholder)
    edit.setTabChangesFocus(True)  # Tab leaves the box, as everywhere else
    named(edit, name)
    check_spelling(edit)
    return edit


class StepPage(QWidget):
    """One agenda item on screen. Subclasses add their own parts to ``self.body``.

    Every page keeps the item's notes (they go in the minutes under the item).
    ``refresh()`` reloads what the page shows from the services; pages never
    hold a database session.
    """

    # Pages whose notes are the whole item give the notes box more room.
    notes_stretch = 0
    notes_label = "Notes for this item"
    # Pages that store with a button of their own (not as the chair types) name what
    # they record, so leaving with changes not yet recorded can be stopped.
    recorded_as = ""

    def __init__(self, state: MeetingState, step: Step, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.state = state
        self.step = step
        self.title = heading(step.title)
        self.guidance = hint(step.guidance)
        self.gaps = QLabel()
        self.gaps.setObjectName("warning")
        self.gaps.setWordWrap(True)
        self.gaps.setTextFormat(Qt.TextFormat.PlainText)
        named(self.gaps, "What this item still needs")
        self.gaps.setVisible(False)

        item = state.agenda.get(step.agenda_item_id)
        self.notes = notes_box(
            "Type the notes for this item. They are saved as you type.",
            f"Notes: {step.title}",
        )
        self.notes.setPlainText(item.notes if item else "")
        item_id = step.agenda_item_id
        state.bind(
            self.notes,
            lambda text: save_agenda_notes(state.workspace, item_id=item_id, notes=text),
        )
        restriction_toggle(self.notes, state, "agenda_item", "notes", lambda: item_id)
        notes_label = QLabel(f"{self.notes_label}:")
        notes_label.setBuddy(self.notes)

        inner = QWidget()
        self.body = QVBoxLayout(inner)
        self.body.setContentsMargins(0, 0, 0, 0)
        self.body.addWidget(self.title)
        self.body.addWidget(self.guidance)
        # Only once placed: a label shown before it has a parent is shown as a window
        # of its own, and takes the keyboard from the meeting.
        self.guidance.setVisible(bool(step.guidance))
        self.body.addWidget(self.gaps)
        self._recorded: object = None
        self._drafts_ready = False
        self._problems: list[QLabel] = []
        self.inner = inner
        self.build()
        self.body.addWidget(notes_label)
        self.body.addWidget(self.notes, self.notes_stretch)
        self._keep_notes_lines()
        if not self.notes_stretch:
            self.body.addStretch(1)

        scroll = QScrollArea()
        scroll.setWidget(inner)
        scroll.setWidgetResizable(True)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        named(scroll, f"Item: {step.title}")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(scroll)
        self.scroller = scroll
        inner.installEventFilter(self)
        state.facts_changed.connect(self.show_gaps)
        self.show_gaps()
        self.set_editable(state.editable)
        # What was typed here but not yet recorded comes back, and is kept from now on.
        self.drafted = False
        self._drafts_ready = False
        if state.editable and self.keeps_drafts():
            self.drafted = state.drafts.watch(self)
            self._drafts_ready = True

    def _keep_notes_lines(self) -> None:
        """Six lines of notes stay in sight on any screen, at any text size (the page
        scrolls), below the Restricted box that sits over the notes."""
        notes = self.notes
        margins = notes.viewportMargins()
        frame = 2 * notes.frameWidth() + 8 + margins.top() + margins.bottom()
        notes.setMinimumHeight(notes.fontMetrics().lineSpacing() * NOTES_LINES + frame)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # The page grew or shrank above the cursor (rows loaded, a message shown): the
        # field being typed in stays in sight.
        if watched is self.inner and event.type() is QEvent.Type.Resize:
            where = self.focusWidget()
            if where is not None and self.inner.isAncestorOf(where):
                show_whole(self.scroller, where)
        return super().eventFilter(watched, event)

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        # The page takes the window's text size once it is placed: measure again.
        if event.type() is QEvent.Type.FontChange:
            self._keep_notes_lines()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self._keep_notes_lines()

    # -- for subclasses --------------------------------------------------------
    def build(self) -> None:
        """Add the page's own widgets to ``self.body`` (between guidance and notes)."""

    def refresh(self) -> None:
        """Reload from the services what may have changed elsewhere (attendance, say)."""

    def snapshot(self) -> object:
        """What the page's own record button would store (pages with one say)."""
        return None

    def mark_recorded(self) -> None:
        """Call when what the page shows is what is stored (its drafts are cleared)."""
        self._recorded = self.snapshot()
        if self._drafts_ready:
            self.state.drafts.confirmed(self)

    # -- drafts (see app.ui.meeting.drafts) ----------------------------------------
    def keeps_drafts(self) -> bool:
        """Pages that store with a button of their own keep what is typed as a draft."""
        return bool(self.recorded_as)

    def draft_key(self) -> str:
        return self.step.agenda_item_id

    def draft_root(self) -> QWidget:
        return self.inner

    def prepare_draft(self, values: dict[str, str]) -> None:
        """Make room for a draft's fields (rows added after the page was built)."""

    def unrecorded(self) -> str | None:
        """A sentence naming what was typed here but not yet recorded, if anything."""
        if not self.recorded_as or not self.state.editable or self.snapshot() == self._recorded:
            return None
        return f"{self.recorded_as} has changes that are not recorded."

    def first_field(self) -> QWidget:
        """Where the cursor goes when the chair arrives at this item."""
        return self.notes

    def focus_blocker(self, blocker: Blocker) -> None:
        """Put the cursor where ``blocker`` is put right (this page's first field by default)."""
        target = self.field_for(blocker) or self.first_field()
        target.setFocus(Qt.FocusReason.OtherFocusReason)
        self.scroller.ensureWidgetVisible(target)

    def show_problem(self, label: QLabel, message: str) -> None:
        """Say what is wrong in ``label`` and scroll it into sight (it may be below the fold)."""
        show_message(label, message, error=True)
        self.scroller.ensureWidgetVisible(label)
        if label not in self._problems:
            self._problems.append(label)

    def clear_problems(self) -> None:
        """Take down what :meth:`show_problem` said: the chair moved on or is putting it right."""
        for label in self._problems:
            show_message(label, "")

    def field_for(self, blocker: Blocker) -> QWidget | None:
        """The field that puts right ``blocker`` on this page, if the page knows it."""
        return None

    def set_editable(self, editable: bool) -> None:
        """Signed-off minutes are read-only: every change is an amendment."""
        self.notes.setReadOnly(not editable)

    # -- gaps ---------------------------------------------------------------------
    def show_gaps(self) -> None:
        flow = self.state.flow
        index = flow.steps.index(self.step)
        gaps = [b.message for b in flow.blockers_at(index)]
        if gaps and self.state.editable:
            self.gaps.setText("Before the meeting can close:\n• " + "\n• ".join(gaps))
            self.gaps.setAccessibleDescription(self.gaps.text())
        self.gaps.setVisible(bool(gaps) and self.state.editable)
