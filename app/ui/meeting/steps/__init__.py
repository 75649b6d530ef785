"""One page per kind of agenda item; :func:`page_class` picks the page for a step.

The page follows the step's kind only (the step model reads each stored kind for
the meeting's type: ``app.workflow.kind_at``), so a local area can rename any
item and it keeps its editor.
"""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from app.ui.meeting.state import MeetingState
from app.ui.meeting.steps.actions import ActionsPage
from app.ui.meeting.steps.agency_information import AgencyInformationPage
from app.ui.meeting.steps.base import StepPage
from app.ui.meeting.steps.conference_decision import ConferenceDecisionPage
from app.ui.meeting.steps.decision import DecisionPage
from app.ui.meeting.steps.legal_decision import LegalDecisionPage
from app.ui.meeting.steps.notes import NotesPage
from app.ui.meeting.steps.review_timeframe import ReviewTimeframePage
from app.ui.meeting.steps.risk_to_others import RiskToOthersPage
from app.ui.meeting.steps.safety_plan import SafetyPlanPage
from app.ui.meeting.steps.timescales import TimescalesPage
from app.workflow import Step, StepKind

PAGES: dict[StepKind, type[StepPage]] = {
    StepKind.NOTES: NotesPage,
    StepKind.AGENCY_INFORMATION: AgencyInformationPage,
    StepKind.DECISION: DecisionPage,
    StepKind.ACTIONS: ActionsPage,
    StepKind.TIMESCALES: TimescalesPage,
    StepKind.ICPC_TIMEFRAME: ReviewTimeframePage,
    StepKind.SAFETY_PLAN: SafetyPlanPage,
    StepKind.CONFERENCE_DECISION: ConferenceDecisionPage,
    StepKind.RISK_TO_OTHERS: RiskToOthersPage,
    StepKind.LEGAL_DECISION: LegalDecisionPage,
}


def page_class(step: Step) -> type[StepPage]:
    """The page that shows ``step``."""
    return PAGES[step.kind]


def make_page(state: MeetingState, step: Step, parent: QWidget | None = None) -> StepPage:
    """The page that shows ``step`` of this meeting."""
    return page_class(step)(state, step, parent)


__all__ = ["PAGES", "StepPage", "make_page", "page_class"]
