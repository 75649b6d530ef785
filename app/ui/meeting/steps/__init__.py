"""One page per kind of agenda item; :func:`page_class` picks the page for a step.

Most steps are shown by their kind. A five-day review's agenda has items for
the conference timeframe and the interim safety plan, whose editors replace
plain notes there; conferences show their own decision (plan or not; continue,
change or end) where a strategy meeting shows the threshold decision.
"""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from app.models import MeetingType
from app.ui.meeting.state import MeetingState
from app.ui.meeting.steps.actions import ActionsPage
from app.ui.meeting.steps.agency_information import AgencyInformationPage
from app.ui.meeting.steps.base import StepPage
from app.ui.meeting.steps.conference_decision import ConferenceDecisionPage
from app.ui.meeting.steps.decision import DecisionPage
from app.ui.meeting.steps.notes import NotesPage
from app.ui.meeting.steps.review_timeframe import ReviewTimeframePage
from app.ui.meeting.steps.safety_plan import SafetyPlanPage
from app.ui.meeting.steps.timescales import TimescalesPage
from app.workflow import Step, StepKind

PAGES: dict[StepKind, type[StepPage]] = {
    StepKind.NOTES: NotesPage,
    StepKind.AGENCY_INFORMATION: AgencyInformationPage,
    StepKind.DECISION: DecisionPage,
    StepKind.ACTIONS: ActionsPage,
    StepKind.TIMESCALES: TimescalesPage,
}
CONFERENCES = (MeetingType.ICPC, MeetingType.RCPC)
# The review agenda's own words for its two decisions (a local area may reword
# them; the decision item, if the agenda has one, shows the timeframe instead).
REVIEW_ITEMS: tuple[tuple[str, type[StepPage]], ...] = (
    ("timeframe", ReviewTimeframePage),
    ("safety plan", SafetyPlanPage),
)
DECISION_PAGES = (DecisionPage, ConferenceDecisionPage, ReviewTimeframePage)


def page_class(meeting_type: MeetingType, step: Step) -> type[StepPage]:
    """The page that shows ``step`` at a meeting of ``meeting_type``."""
    if meeting_type is MeetingType.REVIEW:
        if step.kind is StepKind.DECISION:
            return ReviewTimeframePage
        if step.kind is StepKind.NOTES:
            title = step.title.casefold()
            for words, page in REVIEW_ITEMS:
                if words in title:
                    return page
    if meeting_type in CONFERENCES and step.kind is StepKind.DECISION:
        return ConferenceDecisionPage
    return PAGES[step.kind]


def decision_index(meeting_type: MeetingType, steps: tuple[Step, ...]) -> int | None:
    """Where Ctrl+D goes: the first step shown by a decision page, if any."""
    for index, step in enumerate(steps):
        if page_class(meeting_type, step) in DECISION_PAGES:
            return index
    return None


def make_page(state: MeetingState, step: Step, parent: QWidget | None = None) -> StepPage:
    """The page that shows ``step`` of this meeting."""
    return page_class(state.header.meeting_type, step)(state, step, parent)


__all__ = ["StepPage", "decision_index", "make_page", "page_class"]
