"""Hold a meeting through the chair's own service calls, as far as a status.

No test sets a meeting's status by hand: each one reached here passed every
rule that closing and sign-off apply (the demo's ``chairing`` steps, which
run each step on the meeting's own day).
"""

from __future__ import annotations

from app.models import MeetingStatus, MeetingType, ThresholdOutcome
from app.services import meetings
from app.services.conduct import decision
from app.services.demo import chairing
from app.storage.workspace import Workspace


def hold_until(workspace: Workspace, meeting_id: str, status: MeetingStatus) -> None:
    """Start, record attendance and the required notes, decide (a strategy meeting:
    no further action), close and sign off, stopping at ``status``."""
    chairing.start(workspace, meeting_id)
    if status is MeetingStatus.IN_PROGRESS:
        return
    chairing.write_sections(workspace, meeting_id)
    summary = meetings.get_meeting(workspace, meeting_id=meeting_id)
    if summary.meeting_type is MeetingType.STRATEGY:
        with chairing.on(summary.scheduled_date, 11):
            decision.save_decision(
                workspace,
                meeting_id=meeting_id,
                threshold_met=False,
                outcome=ThresholdOutcome.NFA_S47_WITH_SUPPORT,
                rationale="Test rationale: support from Family Help meets the need.",
            )
    chairing.close(workspace, meeting_id)
    if status is MeetingStatus.SIGNED_OFF:
        chairing.sign(workspace, meeting_id)
