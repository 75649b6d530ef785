"""One page per kind of agenda item; :func:`make_page` picks the page for a step."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from app.ui.meeting.state import MeetingState
from app.ui.meeting.steps.actions import ActionsPage
from app.ui.meeting.steps.agency_information import AgencyInformationPage
from app.ui.meeting.steps.base import StepPage
from app.ui.meeting.steps.decision import DecisionPage
from app.ui.meeting.steps.notes import NotesPage
from app.ui.meeting.steps.timescales import TimescalesPage
from app.workflow import Step, StepKind

PAGES: dict[StepKind, type[StepPage]] = {
    StepKind.NOTES: NotesPage,
    StepKind.AGENCY_INFORMATION: AgencyInformationPage,
    StepKind.DECISION: DecisionPage,
    StepKind.ACTIONS: ActionsPage,
    StepKind.TIMESCALES: TimescalesPage,
}


def make_page(state: MeetingState, step: Step, parent: QWidget | None = None) -> StepPage:
    """The page that shows ``step`` of this meeting."""
    return PAGES[step.kind](state, step, parent)


__all__ = ["StepPage", "make_page"]
