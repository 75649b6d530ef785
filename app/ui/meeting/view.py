"""Meeting mode: the chair's calm, keyboard-first view of one meeting.

Agenda on the left, the current item in the middle, attendance on the right.
Where the chair is, how long it has taken and what stops the meeting closing
all come from the step model (:class:`app.workflow.MeetingFlow`); this module
only renders it and turns keys into moves.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QEvent, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QResizeEvent, QShortcut, QShowEvent
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QSplitter,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from app import clock
from app.services.conduct.agenda import save_time_spent
from app.services.conduct.closing import start_meeting
from app.services.conduct.signoff import reissue_minutes
from app.storage.workspace import Workspace
from app.ui.meeting.action_form import QuickActionDialog
from app.ui.meeting.agenda_panel import AgendaPanel
from app.ui.meeting.attendance_panel import AttendancePanel
from app.ui.meeting.closing_dialog import ClosingDialog
from app.ui.meeting.compact import (
    AgendaLine,
    attendance_button,
    fits_three_columns,
    has_room_for_hints,
)
from app.ui.meeting.dialogs import MeetingFileDialogs
from app.ui.meeting.export import export_minutes_with_dialog
from app.ui.meeting.family_copy import FamilyCopyDialog
from app.ui.meeting.header import HeaderBar
from app.ui.meeting.invitations_dialog import InvitationsDialog
from app.ui.meeting.read_only import SIGNED_OFF_LINE, show_read_only
from app.ui.meeting.resume import keep_current_item, return_to_kept_item
from app.ui.meeting.signoff import AmendmentDialog, SignOffDialog
from app.ui.meeting.state import MeetingState
from app.ui.meeting.steps import StepPage, make_page
from app.ui.meeting.steps.base import NOTES_LINES, show_whole
from app.ui.meeting.steps.notifications import NotificationsDialog
from app.ui.meeting.walk_in import ArrivalPicker
from app.ui.spelling import use_workspace_words
from app.ui.widgets import named, show_message
from app.workflow import Blocker

HINTS = (
    "Next item Alt+→ or Ctrl+PgDn · Previous Alt+← or Ctrl+PgUp · Item n Ctrl+1…9, Ctrl+0 for 10 · "
    "Decision Ctrl+D · Add action Ctrl+Shift+A · Arrived Ctrl+Shift+M · Walk-in Ctrl+Shift+W · "
    "Close meeting Ctrl+Shift+E"
)


class ColumnsArea(QScrollArea):
    """The three columns, asking for no more height than their minimum: the rest of
    the window's height is theirs anyway, and a taller wish would make the view scroll."""

    def sizeHint(self) -> QSize:
        return QSize(super().sizeHint().width(), self.minimumHeight())


class MeetingView(QWidget):
    """One meeting in meeting mode. Everything typed is saved as it is typed.

    Signals:
        closed: the chair left meeting mode (the main window shows its pages again).
    """

    closed = Signal()

    def __init__(
        self,
        workspace: Workspace,
        meeting_id: str,
        parent: QWidget | None = None,
        *,
        dialogs: MeetingFileDialogs | None = None,
        now: Callable[[], dt.datetime] = clock.utcnow,
    ) -> None:
        super().__init__(parent)
        self.state = state = MeetingState(
            workspace, meeting_id, dialogs=dialogs, now=now, parent=self
        )
        use_workspace_words(workspace)  # names the chair added are not misspelt
        self.pages: dict[int, StepPage] = {}
        self.dialog: QDialog | None = None  # the dialog open over the meeting, if any
        self.last_export: Path | None = None
        self._leave_warned = False

        self.header = HeaderBar(state)
        self.agenda = AgendaPanel(state)
        self.attendance = AttendancePanel(state)
        # On a small screen or at a large text size: the agenda as one line, attendance
        # behind a button (see app.ui.meeting.compact).
        self.agenda_line = AgendaLine(state)
        self.attendance_toggle = attendance_button()
        self.compact: bool | None = None
        self.stack = QStackedWidget()
        self.previous_button = QPushButton("◀ Previous (Alt+←)")
        self.next_button = QPushButton("Next (Alt+→) ▶")
        named(self.previous_button, "Previous item")
        named(self.next_button, "Next item")
        self.previous_button.setToolTip("Alt+← or Ctrl+PgUp")
        self.next_button.setToolTip("Alt+→ or Ctrl+PgDn")
        for button in (self.previous_button, self.next_button):
            button.setAutoDefault(False)
        self.notice = QLabel()
        self.notice.setWordWrap(True)
        self.notice.setTextFormat(Qt.TextFormat.PlainText)
        named(self.notice, "Message")
        self.notice.setVisible(False)
        self.signed_off_line = QLabel(SIGNED_OFF_LINE)
        self.signed_off_line.setWordWrap(True)
        self.signed_off_line.setObjectName("hint")
        named(self.signed_off_line, "Signed off")
        self.signed_off_line.setVisible(False)
        self.open_folder = QPushButton("Open &folder")
        self.open_folder.setVisible(False)
        self.saved = QLabel("All changes saved")
        named(self.saved, "Save status")
        hints = self.hints = QLabel(HINTS)
        hints.setWordWrap(True)
        hints.setObjectName("hint")
        named(hints, "Keyboard shortcuts")
        self._layout(hints)
        self._connect()
        self._shortcuts()

        self.timer = QTimer(self)
        self.timer.setInterval(1000)
        self.timer.timeout.connect(self._on_tick)
        return_to_kept_item(state)
        if state.header.started_at is not None and state.editable and not self._settled():
            state.flow.start()
        self.timer.start()
        self._show_current()

    # -- layout ------------------------------------------------------------------
    def _layout(self, hints: QLabel) -> None:
        centre = self.centre = QWidget()
        nav = self.nav = QHBoxLayout()
        nav.setContentsMargins(0, 0, 0, 0)
        nav.addWidget(self.previous_button)
        nav.addWidget(self.agenda_line, 1)
        nav.addStretch(1)
        nav.addWidget(self.next_button)
        centre_layout = self.centre_layout = QVBoxLayout(centre)
        centre_layout.setContentsMargins(8, 0, 8, 0)
        centre_layout.addWidget(self.stack, 1)
        centre_layout.addLayout(nav)
        splitter = self.splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.setChildrenCollapsible(False)
        splitter.addWidget(self.agenda)
        splitter.addWidget(centre)
        splitter.addWidget(self.attendance)
        # Extra width goes to the current item, where the chair and minute-taker type.
        for index, stretch in enumerate((0, 1, 0)):
            splitter.setStretchFactor(index, stretch)
        status = QHBoxLayout()
        status.addWidget(self.signed_off_line, 1)
        status.addWidget(self.notice, 1)
        status.addWidget(self.open_folder)
        status.addWidget(self.attendance_toggle)
        status.addWidget(self.saved)
        # The window never grows past the screen: whatever is still too wide at a large
        # text size scrolls sideways rather than pushing the window wider.
        columns = ColumnsArea()
        columns.setWidget(splitter)
        columns.setWidgetResizable(True)
        columns.setFrameShape(QFrame.Shape.NoFrame)
        columns.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        columns.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        named(columns, "Agenda, current item and attendance")
        self.columns = columns
        self._measure()
        # Six lines of notes, the line above them and Previous and Next always have room:
        # on a short screen the whole view scrolls (to the cursor) rather than squeeze them.
        body = QWidget()
        inner = QVBoxLayout(body)
        inner.setContentsMargins(0, 0, 0, 0)
        inner.addWidget(self.header)
        inner.addLayout(status)
        inner.addWidget(columns, 1)
        inner.addWidget(hints)
        outer = self.outer = QScrollArea()
        outer.setWidget(body)
        outer.setWidgetResizable(True)
        outer.setFrameShape(QFrame.Shape.NoFrame)
        outer.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        outer.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        named(outer, "Meeting mode")
        layout = QVBoxLayout(self)
        layout.addWidget(outer)
        self._fit()

    def _measure(self) -> None:
        """Sizes that follow the text size: the side columns' widths, the item's height
        (six lines of notes, the line above them, Previous and Next)."""
        metrics = self.fontMetrics()
        chars = metrics.averageCharWidth()
        self.agenda.setMinimumWidth(chars * 24)
        self.attendance.setMinimumWidth(chars * 36)
        self.columns.setMinimumHeight(metrics.lineSpacing() * (NOTES_LINES + 5))

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        # The text size changed (in Settings, or once the view is placed): fit again.
        if event.type() is QEvent.Type.FontChange and self.compact is not None:
            self._measure()
            self.compact = None
            self._fit()

    def _fit(self) -> None:
        """Three columns where they fit at this text size; else the agenda on one line
        above the item and attendance behind a button."""
        metrics = self.fontMetrics()
        width = self.width() if self.isVisible() else self.window().width()
        compact = not fits_three_columns(width, metrics)
        tall = has_room_for_hints(self.window().height(), metrics)
        self.hints.setVisible(tall)
        self.header.set_short(not tall)
        people = compact and self.attendance_toggle.isChecked()
        if compact != self.compact:
            # The same Previous and Next buttons go either side of the agenda line.
            self.nav.setStretch(2, 0 if compact else 1)
            chars = metrics.averageCharWidth()
            self.splitter.setSizes([chars * 30, max(width - chars * 78, chars * 40), chars * 48])
        self.compact = compact
        # Beside the agenda line the buttons go without their keys (the tooltips keep them).
        self.previous_button.setText("◀ Previous" if compact else "◀ Previous (Alt+←)")
        self.next_button.setText("Next ▶" if compact else "Next (Alt+→) ▶")
        self.agenda.setVisible(not compact)
        self.agenda_line.setVisible(compact)
        self.attendance_toggle.setVisible(compact)
        self.attendance.setVisible(not compact or people)
        self.centre.setVisible(not people)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit()

    def show_attendance(self, shown: bool = True) -> None:
        """In the compact layout, show attendance in place of the item (or the item again)."""
        if not self.compact:
            return
        self.attendance_toggle.setChecked(shown)

    def _on_attendance_toggled(self, shown: bool) -> None:
        self._fit()
        if shown:
            # The cursor goes to the first invitee's attendance, or to the walk-in form.
            lines = list(self.attendance.lines.values())
            if lines and lines[0].status.isEnabled():
                lines[0].status.setFocus(Qt.FocusReason.OtherFocusReason)
            elif self.attendance.walk_in.isVisibleTo(self):
                self.attendance.walk_in.start()
        elif self.state.flow.index in self.pages:
            self._back_to_item()

    def _on_people_changed(self) -> None:
        self.attendance_toggle.setText(f"Attendance ({len(self.attendance.lines)})")

    def start_walk_in(self) -> None:
        self.show_attendance()
        self.attendance.walk_in.start()

    def _connect(self) -> None:
        state, header = self.state, self.header
        self.agenda.chosen.connect(self.go_to_item)
        self.agenda_line.chosen.connect(self.go_to_item)
        self.attendance_toggle.toggled.connect(self._on_attendance_toggled)
        state.people_changed.connect(self._on_people_changed)
        self._on_people_changed()
        self.previous_button.clicked.connect(self.previous_item)
        self.next_button.clicked.connect(self.next_item)
        header.start.clicked.connect(self.start_meeting)
        header.invitations.clicked.connect(self.show_invitations)
        header.close_meeting.clicked.connect(self.show_closing)
        header.sign_off.clicked.connect(self.show_sign_off)
        header.amend.clicked.connect(self.show_amendment)
        header.reissue.clicked.connect(self.reissue)
        header.export.clicked.connect(self.export_minutes)
        header.letters.clicked.connect(self.show_letters)
        header.family_copy.clicked.connect(lambda: self._open(FamilyCopyDialog(self.state, self)))
        header.leave.clicked.connect(self.leave)
        header.context.clicked.connect(self.show_context)
        self.open_folder.clicked.connect(self._on_open_folder)
        # An Alt key can put the cursor below the fold of a long item: bring it into sight.
        app = QApplication.instance()
        if isinstance(app, QApplication):
            app.focusChanged.connect(self._on_focus_changed)
        # A walk-in is added mid-item: the cursor goes back to where the chair was typing.
        self.attendance.walk_in.added.connect(lambda _row: self._back_to_item())
        state.notice.connect(self._on_notice)
        state.header_changed.connect(self._on_header_changed)
        state.autosave.saving.connect(lambda: self.saved.setText("Saving…"))
        state.autosave.saving.connect(self._on_edited)
        state.drafts.saving.connect(self._on_edited)
        state.autosave.saved.connect(self._on_saved)
        state.autosave.failed.connect(lambda message: self._on_notice(message, True))
        state.drafts.saving.connect(lambda: self.saved.setText("Saving…"))
        state.drafts.saved.connect(self._on_saved)
        state.drafts.failed.connect(self._on_draft_failed)

    def _shortcuts(self) -> None:
        bindings: list[tuple[str, Callable[[], object]]] = [
            ("Alt+Right", self.next_item),
            ("Ctrl+PgDown", self.next_item),
            ("Alt+Left", self.previous_item),
            ("Ctrl+PgUp", self.previous_item),
            ("Ctrl+D", self.jump_to_decision),
            ("Ctrl+Shift+A", self.add_action),
            ("Ctrl+Shift+M", self.mark_arrived),
            ("Ctrl+Shift+W", self.start_walk_in),
            ("Ctrl+Shift+S", self.start_if_scheduled),
            ("Ctrl+Shift+I", self.show_invitations),
            ("Ctrl+Shift+E", self.show_closing),
            ("Ctrl+Shift+X", self.export_minutes),
            ("Ctrl+Shift+L", self.show_letters_if_shown),
            ("Ctrl+Shift+Q", self.leave),
            ("Ctrl+Shift+T", self.show_context),
        ]
        bindings += [(f"Ctrl+{n}", functools.partial(self.go_to_item, n - 1)) for n in range(1, 10)]
        # A strategy meeting has ten items: Ctrl+0 is the tenth, as on a keyboard's row.
        bindings.append(("Ctrl+0", functools.partial(self.go_to_item, 9)))
        self.shortcuts: dict[str, QShortcut] = {}
        for keys, slot in bindings:
            shortcut = QShortcut(QKeySequence(keys), self)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(slot)
            self.shortcuts[keys] = shortcut

    # -- moving through the agenda --------------------------------------------------
    @property
    def current_page(self) -> StepPage:
        return self.pages[self.state.flow.index]

    def next_item(self) -> None:
        self._move(self.state.flow.next)

    def previous_item(self) -> None:
        self._move(self.state.flow.previous)

    def go_to_item(self, index: int) -> None:
        if 0 <= index < len(self.state.flow.steps):
            self._move(lambda: self.state.flow.jump_to(index))

    def jump_to_decision(self) -> None:
        index = self.state.flow.decision_index
        if index is None:
            self.state.fail("This meeting's agenda has no decision item.")
            return
        self.go_to_item(index)

    def go_to_blocker(self, blocker: Blocker) -> None:
        """Go to the item where ``blocker`` is put right, with the cursor in place."""
        try:
            self._move(lambda: self.state.flow.jump_to_blocker(blocker))
        except LookupError:
            self.state.fail(blocker.message)
            return
        self.current_page.focus_blocker(blocker)

    def _move(self, move: Callable[[], object]) -> None:
        self._leave_warned = False
        before = self.state.flow.index
        self.state.autosave.flush()
        move()
        if self.state.flow.index != before:
            self._store_time()
            # What was said about the item left behind no longer applies here.
            self._on_notice("", False)
            if before in self.pages:
                self.pages[before].clear_problems()
            self._show_current()
            keep_current_item(self.state)

    def _show_current(self) -> None:
        flow = self.state.flow
        page = self.pages.get(flow.index)
        if page is None:
            page = self.pages[flow.index] = make_page(self.state, flow.current)
            self.stack.addWidget(page)
            if page.drafted:
                what = page.recorded_as or "What was typed here"
                self.state.tell(f"{what} was kept as a draft and is back. Record it when ready.")
        else:
            page.refresh()
        self.stack.setCurrentWidget(page)
        self._show_read_only()
        self.previous_button.setEnabled(flow.can_go_back)
        self.next_button.setEnabled(flow.can_go_next)
        self._update_agenda()
        self.header.tick()
        self._on_saved()
        page.first_field().setFocus(Qt.FocusReason.OtherFocusReason)

    # -- commands -------------------------------------------------------------------
    def start_meeting(self) -> None:
        started = self.state.attempt(
            lambda: start_meeting(self.state.workspace, meeting_id=self.state.meeting_id)
        )
        if started is not None:
            self.state.flow.started_at = started
            self.state.flow.start()
            self.state.refresh_header()
            self.state.tell("The meeting has started. Everything you type is saved as you go.")
            # The Start button is gone: the cursor goes back to the item, not to the next button.
            self.current_page.first_field().setFocus(Qt.FocusReason.OtherFocusReason)

    def start_if_scheduled(self) -> None:
        if self.header.start.isVisible():
            self.start_meeting()

    def add_action(self) -> None:
        if self.state.editable:
            dialog = QuickActionDialog(self.state, self)
            # The Actions item, if it is built, lists the new action at once.
            dialog.form.added.connect(lambda _row: self._refresh_pages())
            self._open(dialog)

    def mark_arrived(self) -> None:
        if self.state.editable:
            picker = ArrivalPicker(self.state, self)
            picker.arrived.connect(lambda _row: self.state.people_changed.emit())
            self._open(picker)

    def show_invitations(self) -> None:
        if self.state.editable:
            dialog = InvitationsDialog(self.state.workspace, self.state.meeting_id, self)
            dialog.finished.connect(lambda _r: self.state.people_changed.emit())
            self._open(dialog)

    def show_context(self) -> None:
        """The place or group this meeting is about, and this child's part of it."""
        from app.ui.meeting.context_dialog import MeetingContextDialog

        dialog = MeetingContextDialog.for_meeting(self.state, self)
        if dialog is not None:
            self._open(dialog)

    def show_closing(self) -> None:
        if not self.header.close_meeting.isVisible():
            return
        dialog = ClosingDialog(self.state, self)
        dialog.go_to.connect(self.go_to_blocker)
        dialog.meeting_closed.connect(self._on_meeting_closed)
        self._open(dialog)

    def show_sign_off(self) -> None:
        self._open(SignOffDialog(self.state, self))

    def show_amendment(self) -> None:
        self._open(AmendmentDialog(self.state, self))

    def show_letters(self) -> None:
        self._open(NotificationsDialog(self.state, self))

    def show_letters_if_shown(self) -> None:
        if self.header.letters.isVisible():
            self.show_letters()

    def reissue(self) -> None:
        issue = self.state.attempt(
            lambda: reissue_minutes(self.state.workspace, meeting_id=self.state.meeting_id)
        )
        if issue is not None:
            self.state.tell(f"Minutes reissued as version {issue.version}. Export them to send it.")

    def export_minutes(self) -> None:
        written = export_minutes_with_dialog(self.state, self)
        if written is not None:
            self.last_export = written.path
            self.open_folder.setVisible(True)

    def leave(self) -> None:
        """Leave meeting mode, once the chair has pressed Leave a second time.

        Nothing is lost by leaving (notes are stored as typed, unconfirmed
        records are kept as drafts), but a stray key must not end the chair's
        view of the meeting: the first press asks.
        """
        if not self._leave_warned:
            self._leave_warned = True
            kept = "".join(
                f"{page.recorded_as} is kept as a draft until it is recorded. "
                for page in self.pages.values()
                if page.unrecorded()
            )
            self.state.tell(f"{kept}Press Leave meeting mode (Ctrl+Shift+Q) again to leave.")
            return
        self.leave_now()

    def leave_now(self) -> None:
        """Store everything (drafts included) and leave meeting mode."""
        self.state.autosave.flush()
        self.state.drafts.flush()
        self._store_time()
        self.state.flow.stop()
        self.timer.stop()
        self.closed.emit()

    def _refresh_pages(self) -> None:
        for page in self.pages.values():
            page.refresh()

    def _open(self, dialog: QDialog) -> None:
        """Open ``dialog`` over the meeting without blocking (tests drive it as a user would)."""
        self.dialog = dialog
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.finished.connect(lambda _r: self._on_dialog_finished(dialog))
        dialog.open()

    # -- reactions --------------------------------------------------------------------
    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        # Opened from a list in the main window, the cursor stays on that (now hidden)
        # list and no meeting shortcut would work: put it in the current item.
        QTimer.singleShot(0, self, self._focus_current)

    def _on_focus_changed(self, _old: QWidget | None, new: QWidget | None) -> None:
        if new is not None and self.isAncestorOf(new):
            self._into_sight(new)
            # Once more when a page just built has been laid out.
            QTimer.singleShot(0, new, functools.partial(self._into_sight, new))

    def _into_sight(self, widget: QWidget) -> None:
        if not widget.hasFocus():
            return
        page = self.pages.get(self.state.flow.index)
        if page is not None and page.isAncestorOf(widget):
            show_whole(page.scroller, widget)
        # In the columns, all of them shows (Previous and Next too) where they fit.
        columns = self.columns
        fits = columns.height() + 16 <= self.outer.viewport().height()
        show_whole(self.outer, columns if fits and columns.isAncestorOf(widget) else widget)

    def _update_agenda(self) -> None:
        self.agenda.update_items()
        if self.agenda.list.count() == len(self.agenda.texts):  # not once scrubbed
            self.agenda_line.update_items(self.agenda.texts)

    def _back_to_item(self) -> None:
        self.show_attendance(False)
        self.current_page.first_field().setFocus(Qt.FocusReason.OtherFocusReason)

    def _focus_current(self) -> None:
        if self.dialog is not None or self.state.flow.index not in self.pages:
            return
        # Anywhere but the item (a hidden list, or the first button in the window,
        # where a space bar would start the meeting) is no place for the cursor.
        page, where = self.current_page, self.window().focusWidget()
        if where is None or not page.isAncestorOf(where):
            page.first_field().setFocus(Qt.FocusReason.OtherFocusReason)

    def _settled(self) -> bool:
        return self.state.header.status.value in ("closed", "signed-off")

    def _store_time(self) -> None:
        if self.state.editable and self.state.flow.started_at is not None and not self._settled():
            self.state.attempt(
                lambda: save_time_spent(
                    self.state.workspace,
                    meeting_id=self.state.meeting_id,
                    seconds_by_item=self.state.flow.time_spent(),
                )
            )

    def _on_tick(self) -> None:
        self.header.tick()
        if self.state.flow.running:
            self._update_agenda()

    def _on_meeting_closed(self) -> None:
        self._store_time()
        self.state.flow.stop()

    def _on_header_changed(self) -> None:
        for page in self.pages.values():
            page.set_editable(self.state.editable)
        if self.state.flow.index in self.pages:
            self.current_page.refresh()  # closing stores what the page may show (timescales)
        self.attendance.refresh()
        # Signed-off minutes take no walk-ins: the form goes rather than sitting greyed out.
        self.attendance.walk_in.setVisible(self.state.editable)
        self._update_agenda()
        self._show_read_only()

    def _show_read_only(self) -> None:
        """After sign-off, every field looks read-only and a line says why."""
        self.signed_off_line.setVisible(not self.state.editable)
        show_read_only(self.attendance)
        if self.state.flow.index in self.pages:
            show_read_only(self.current_page)

    def _on_saved(self) -> None:
        state = self.state
        if state.autosave.pending() or state.drafts.pending():
            self.saved.setText("Not saved" if state.drafts.errors() else "Saving…")
            return
        draft = state.drafts.status_text()
        self.saved.setText(f"{draft}, not yet recorded" if draft else "All changes saved")

    def _on_draft_failed(self, message: str) -> None:
        self._on_notice(message, True)
        self._on_saved()

    def _on_notice(self, message: str, error: bool) -> None:
        show_message(self.notice, message, error=error)
        if not message.startswith(("Draft minutes saved", "Minutes version")):
            self.open_folder.setVisible(False)

    def _on_edited(self) -> None:
        """The chair is typing: a complaint about what was there before is out of date."""
        state = self.state
        # A store that failed still applies until a store succeeds: that stays.
        stale = not state.autosave.errors() and not state.drafts.errors()
        if stale and self.notice.property("error"):
            self._on_notice("", False)
        if self.state.flow.index in self.pages:
            self.current_page.clear_problems()

    def _on_open_folder(self) -> None:
        if self.last_export is not None:
            self.state.dialogs.open_folder(self.last_export.parent)

    def _on_dialog_finished(self, dialog: QDialog) -> None:
        if self.dialog is dialog:
            self.dialog = None
        # Back to typing where the chair was, whatever had focus before the dialog.
        if self.isVisible() and self.state.flow.index in self.pages:
            page, where = self.current_page, self.focusWidget()
            if where is None or not page.isAncestorOf(where):
                page.first_field().setFocus(Qt.FocusReason.OtherFocusReason)
