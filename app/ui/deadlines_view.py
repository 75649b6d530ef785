"""The home screen's list of what is overdue, due today and due in the next seven days.

Signals:
    meeting_activated(str): the id of the meeting to open, when the chair
        double-clicks (or presses Enter on) a deadline.
    loaded(): deadlines read in the background are on screen.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import (
    QCheckBox,
    QHBoxLayout,
    QHeaderView,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app import clock
from app.services.deadlines import DeadlineItem, Deadlines, changes_recorded, deadlines
from app.storage.workspace import Workspace
from app.ui import style, text
from app.ui.background import Job, Progress
from app.ui.widgets import heading, hint, message_label, named, show_message, user_message

MEETING_ID = Qt.ItemDataRole.UserRole
COLUMNS = ("Due", "Child", "What", "Details")


class DeadlinesView(QWidget):
    """What the chair must do next, in three calm groups."""

    meeting_activated = Signal(str)
    loaded = Signal()

    def __init__(
        self, workspace: Workspace, parent: QWidget | None = None, *, load: bool = True
    ) -> None:
        super().__init__(parent)
        self._workspace = workspace
        self._current: Deadlines | None = None
        # The day and the workspace's changes the deadlines shown were read for.
        self._read_for: tuple[dt.date, int] | None = None
        self._job: Job | None = None
        self._job_for: tuple[dt.date, int] | None = None
        self._title = heading("What is due")
        self._summary = hint()
        self._names = named(QCheckBox("Show c&hildren's names"), "Show children's names")
        self._names.setChecked(True)
        self._names.toggled.connect(self._on_names_toggled)
        self._refresh = named(QPushButton("&Refresh"), "Refresh the deadlines")
        self._refresh.clicked.connect(self.refresh)
        self._message = message_label("Deadlines message")
        self.tree = QTreeWidget()
        self.tree.setObjectName("deadlines")
        self.tree.setAccessibleName("Deadlines: overdue, due today and due in the next seven days")
        self.tree.setColumnCount(len(COLUMNS))
        self.tree.setHeaderLabels(list(COLUMNS))
        self.tree.setRootIsDecorated(False)
        self.tree.setUniformRowHeights(True)
        self.tree.setAlternatingRowColors(True)
        header = self.tree.header()
        header.setStretchLastSection(True)
        for column in range(3):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        self.tree.itemActivated.connect(self._on_item_activated)

        bar = QHBoxLayout()
        bar.addWidget(self._summary, 1)
        bar.addWidget(self._names)
        bar.addWidget(self._refresh)
        layout = QVBoxLayout(self)
        layout.addWidget(self._title)
        layout.addLayout(bar)
        layout.addWidget(self._message)
        layout.addWidget(self.tree, 1)
        # A page that refreshes it when shown says load=False, so it is read once, not twice.
        if load:
            self.refresh()

    # -- public ---------------------------------------------------------------
    def refresh(self) -> None:
        """Reload the deadlines as of today, now."""
        self._stop()
        today = clock.today()
        try:
            read_for = (today, changes_recorded(self._workspace))
            self._current = deadlines(self._workspace, today=today)
        except Exception as exc:
            show_message(self._message, user_message(exc), error=True)
            return
        self._read_for = read_for
        show_message(self._message, "")
        self._fill()

    def refresh_when_changed(self) -> None:
        """Home's way in: read the deadlines again, off the window's thread, only if
        something was written or the day has turned since they were read."""
        today = clock.today()
        try:
            read_for = (today, changes_recorded(self._workspace))
        except Exception as exc:
            show_message(self._message, user_message(exc), error=True)
            return
        if read_for == self._read_for or (self._job is not None and read_for == self._job_for):
            return
        self._stop()
        if self._current is None:
            self._summary.setText("Working out what is due…")
        workspace = self._workspace

        def work(_progress: Progress) -> Deadlines:
            return deadlines(workspace, today=today)

        job = Job(self)
        job.done.connect(self._on_read)
        job.failed.connect(self._on_failed)
        self._job, self._job_for = job, read_for
        job.start(work)

    def is_loading(self) -> bool:
        return self._job is not None

    def current(self) -> Deadlines | None:
        return self._current

    def set_names_visible(self, visible: bool) -> None:
        self._names.setChecked(visible)

    def clear(self) -> None:
        """Forget everything shown (the workspace is locking)."""
        self._stop()
        self._read_for = None
        self._current = None
        self.tree.clear()
        self._summary.setText("")

    # -- drawing -------------------------------------------------------------
    def _fill(self) -> None:
        found = self._current
        assert found is not None
        self.tree.clear()
        week_end = text.long_date(found.week_end)
        groups = (
            ("Overdue", found.overdue, True),
            ("Due today", found.due_today, False),
            (f"Due in the next seven days (to {week_end})", found.due_this_week, False),
        )
        for title, items, overdue in groups:
            self._group(title, items, overdue=overdue)
        total = len(found.overdue) + len(found.due_today) + len(found.due_this_week)
        if total == 0:
            self._summary.setText(
                f"Nothing is overdue or due before {week_end}. Today is {text.long_date(found.today)}."
            )
        else:
            self._summary.setText(
                f"Today is {text.long_date(found.today)}: {len(found.overdue)} overdue, "
                f"{len(found.due_today)} due today, {len(found.due_this_week)} in the next seven days."
            )

    def _group(self, title: str, items: tuple[DeadlineItem, ...], *, overdue: bool) -> None:
        group = QTreeWidgetItem([f"{title} ({len(items)})"])
        group.setFirstColumnSpanned(True)
        group.setFlags(Qt.ItemFlag.ItemIsEnabled)
        font = QFont(self.tree.font())
        font.setBold(True)
        group.setFont(0, font)
        if overdue and items:
            # Overdue stands out without shouting: a red heading, the rows unchanged.
            group.setForeground(0, QBrush(QColor(style.colours().overdue)))
        self.tree.addTopLevelItem(group)
        group.setFirstColumnSpanned(True)
        if not items:
            none = QTreeWidgetItem(["Nothing is due"])
            none.setFlags(Qt.ItemFlag.ItemIsEnabled)
            none.setForeground(0, QBrush(self.palette().placeholderText()))
            group.addChild(none)
            none.setFirstColumnSpanned(True)
        for item in items:
            group.addChild(self._row(item))
        group.setExpanded(True)

    def _row(self, item: DeadlineItem) -> QTreeWidgetItem:
        child = item.la_child_ref
        if self._names.isChecked() and item.child_name:
            child = f"{item.la_child_ref}  {item.child_name}"
        row = QTreeWidgetItem([text.short_date(item.due), child, item.kind.label, item.description])
        row.setData(0, MEETING_ID, item.meeting_id or "")
        row.setToolTip(3, item.description)
        return row

    # -- background ------------------------------------------------------------
    def _stop(self) -> None:
        if self._job is not None:
            self._job.cancel()
            self._job.deleteLater()
            self._job = None

    def _on_read(self, found: Deadlines) -> None:
        self._read_for = self._job_for
        self._stop()
        self._current = found
        show_message(self._message, "")
        self._fill()
        self.loaded.emit()

    def _on_failed(self, exc: object) -> None:
        self._stop()
        assert isinstance(exc, Exception)
        show_message(self._message, user_message(exc), error=True)
        self.loaded.emit()

    # -- slots ---------------------------------------------------------------
    def _on_names_toggled(self, _checked: bool) -> None:
        if self._current is not None:
            self._fill()

    def _on_item_activated(self, item: QTreeWidgetItem, _column: int) -> None:
        meeting_id = item.data(0, MEETING_ID)
        if meeting_id:
            self.meeting_activated.emit(str(meeting_id))
