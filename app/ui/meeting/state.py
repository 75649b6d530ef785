"""What every part of meeting mode shares: the meeting, its step model and its autosave.

The step model (:class:`app.workflow.MeetingFlow`) decides where the chair is
and what stops the meeting closing; this object only keeps it fed with fresh
facts after each save and tells the widgets when something changed.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import itertools
from collections.abc import Callable
from typing import Any, TypeVar

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QLayout, QWidget

from app import clock
from app.models import MeetingStatus, MeetingType
from app.services.agencies import AgencyRow, list_agencies
from app.services.conduct.agenda import list_agenda
from app.services.conduct.closing import meeting_facts
from app.services.conduct.record import meeting_record
from app.services.conduct.restriction import Restrictions, load_restrictions
from app.services.journey.gaps import journey_gaps
from app.storage.workspace import Workspace
from app.ui.autosave import Autosave
from app.ui.meeting.dialogs import MeetingFileDialogs, QtMeetingFileDialogs
from app.ui.meeting.drafts import DraftKeeper
from app.ui.widgets import user_message
from app.workflow import MeetingFacts, MeetingFlow, journey_gap
from app.workflow.steps import steps_from_agenda

T = TypeVar("T")


def discard(widget: QWidget) -> None:
    """Take ``widget`` out of the window and delete it.

    Hidden first: a widget added to a layout in this same turn of the event loop
    is shown by a queued call, which would otherwise show it as a window of its
    own (taking the keyboard from the meeting) once it has no parent.
    """
    widget.hide()
    widget.setParent(None)
    widget.deleteLater()


def clear_layout(layout: QLayout) -> None:
    """Take every item out of ``layout``, deleting its widgets."""
    while layout.count():
        item = layout.takeAt(0)
        widget = item.widget() if item is not None else None
        if widget is not None:
            discard(widget)


def tab_in_order(*widgets: QWidget) -> None:
    """Tab goes through ``widgets`` in the order given.

    Rows added after a page is built (actions, agencies, practitioners) would
    otherwise come last in the Tab order, after the fields below them.
    """
    for first, second in itertools.pairwise(widgets):
        QWidget.setTabOrder(first, second)


@dataclasses.dataclass(frozen=True)
class MeetingHeader:
    """The few facts about the meeting the header and the pages need."""

    meeting_id: str
    case_id: str
    meeting_type: MeetingType
    title: str
    status: MeetingStatus
    scheduled_date: dt.date
    scheduled_time: dt.time | None
    location: str
    chair_name: str
    child_ref: str
    child_name: str
    started_at: dt.datetime | None
    signed_off_at: dt.datetime | None
    signed_off_by: str | None

    @property
    def editable(self) -> bool:
        return self.status is not MeetingStatus.SIGNED_OFF


def load_facts(workspace: Workspace, meeting_id: str, meeting_type: MeetingType) -> MeetingFacts:
    """What the step model judges: the conduct services' facts and, after a strategy
    meeting, the journey's own gaps placed at their steps."""
    facts = meeting_facts(workspace, meeting_id=meeting_id)
    if meeting_type is MeetingType.STRATEGY:
        return facts
    gaps = journey_gaps(workspace, meeting_id=meeting_id)
    return dataclasses.replace(
        facts, journey_gaps=tuple(journey_gap(meeting_type, gap) for gap in gaps)
    )


def load_header(workspace: Workspace, meeting_id: str) -> MeetingHeader:
    record = meeting_record(workspace, meeting_id=meeting_id)
    title = record.meeting_title
    if record.meeting_type is MeetingType.ICPC:  # a pre-birth or transfer-in conference?
        from app.services.arrivals import conference_title

        title = conference_title(workspace, case_id=record.case_id, meeting_id=meeting_id) or title
    return MeetingHeader(
        record.meeting_id,
        record.case_id,
        record.meeting_type,
        title,
        record.status,
        record.scheduled_date,
        record.scheduled_time,
        record.location if not record.online_link else "Online",
        record.chair_name,
        record.child_ref,
        record.child_name,
        record.started_at,
        record.signed_off_at,
        record.signed_off_by,
    )


class MeetingState(QObject):
    """The open meeting, shared by the view, its panels and its step pages.

    Signals:
        facts_changed: something was saved; blockers and progress may differ.
        header_changed: the meeting's status (or start) changed.
        people_changed: the attendance list changed (someone added, arrived, left).
        notice(str, bool): a message for the chair (text, is it an error).
    """

    facts_changed = Signal()
    header_changed = Signal()
    people_changed = Signal()
    notice = Signal(str, bool)

    def __init__(
        self,
        workspace: Workspace,
        meeting_id: str,
        *,
        dialogs: MeetingFileDialogs | None = None,
        now: Callable[[], dt.datetime] = clock.utcnow,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self.meeting_id = meeting_id
        self.dialogs: MeetingFileDialogs = dialogs or QtMeetingFileDialogs()
        self.header = load_header(workspace, meeting_id)
        agenda = list_agenda(workspace, meeting_id=meeting_id)
        self.agenda = {item.id: item for item in agenda}
        self.flow = MeetingFlow(
            steps_from_agenda(agenda, self.header.meeting_type),
            now=now,
            started_at=self.header.started_at,
            spent={item.id: item.seconds_spent for item in agenda},
            facts=load_facts(workspace, meeting_id, self.header.meeting_type),
        )
        self.autosave = Autosave(workspace, self)
        self.autosave.saved.connect(self.refresh_facts)
        self.drafts = DraftKeeper(workspace, meeting_id, self)
        self._agencies: list[AgencyRow] | None = None
        self._restrictions: Restrictions | None = None

    @property
    def editable(self) -> bool:
        return self.header.editable

    def agencies(self) -> list[AgencyRow]:
        """The directory's agencies in use (read once per meeting view)."""
        if self._agencies is None:
            self._agencies = list_agencies(self.workspace)
        return self._agencies

    def restrictions(self) -> Restrictions:
        """The chair's restrictions for this case's meetings, read once until the next save
        (a page of 80 actions has a toggle on each, and each read its own)."""
        if self._restrictions is None:
            self._restrictions = load_restrictions(self.workspace, meeting_id=self.meeting_id)
        return self._restrictions

    def bind(self, widget: QWidget, save: Callable[[Any], object]) -> None:
        """Autosave ``widget`` through ``save(value)`` (whatever the service returns)."""

        def store(value: Any) -> None:
            save(value)

        widget.setProperty("autosaved", True)  # stored as typed: never a draft
        self.autosave.bind(widget, store)

    def refresh_facts(self) -> None:
        """Take a fresh snapshot of what is recorded, and say so."""
        self._restrictions = None  # what was saved may be a restriction
        self.flow.update_facts(
            load_facts(self.workspace, self.meeting_id, self.header.meeting_type)
        )
        self.facts_changed.emit()

    def refresh_header(self) -> None:
        self.header = load_header(self.workspace, self.meeting_id)
        self.header_changed.emit()
        self.refresh_facts()

    def changed(self) -> None:
        """Call after any service call that changed the meeting's records."""
        self.refresh_facts()

    def attempt(self, action: Callable[[], T]) -> T | None:
        """Run one service call; on success refresh the facts, on failure say why (None)."""
        try:
            result = action()
        except Exception as exc:
            self.fail(user_message(exc))
            return None
        self.changed()
        return result

    def fail(self, message: str) -> None:
        self.notice.emit(message, True)

    def tell(self, message: str) -> None:
        self.notice.emit(message, False)
