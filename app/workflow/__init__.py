"""The chair's flow through a meeting, as plain Python: no Qt, no database.

``app/ui/`` renders a :class:`MeetingFlow`; the services in
``app/services/conduct/`` build one from a meeting's agenda and gather the
:class:`MeetingFacts` its :meth:`MeetingFlow.blockers` judge.
"""

from app.workflow.blockers import (
    ActionFacts,
    Blocker,
    BlockerCode,
    JourneyGap,
    MeetingFacts,
    StatutoryPresence,
    find_blockers,
    journey_gap,
)
from app.workflow.flow import MeetingFlow, Progress
from app.workflow.steps import DECISION_KINDS, Step, StepKind, kind_at

__all__ = [
    "DECISION_KINDS",
    "ActionFacts",
    "Blocker",
    "BlockerCode",
    "JourneyGap",
    "MeetingFacts",
    "MeetingFlow",
    "Progress",
    "StatutoryPresence",
    "Step",
    "StepKind",
    "find_blockers",
    "journey_gap",
    "kind_at",
]
