"""Whether each demo child is thought to pose a risk of harm to others (all fictional).

Every strategy meeting and conference answers it before it closes. Most demo
children have none known; the oldest (15 and over) have a story of youth
justice involvement, and one younger child one of harm to a sibling.
"""

from __future__ import annotations

from app.models import RiskAgency, RiskAssessment
from app.services import cases, meetings
from app.services.conduct import risk_to_others
from app.storage.workspace import Workspace
from app.workflow.risk_to_others import asked_at

# By child reference: (to whom, what, agencies, other agency).
STORIES: dict[str, tuple[str, str, tuple[RiskAgency, ...], str]] = {
    "DEMO0006": (
        "His younger half-sister (aged 4).",
        "Demo: Leo has pushed and hit his half-sister when upset; twice she was hurt. "
        "His mother supervises them together.",
        (RiskAgency.CAMHS, RiskAgency.EDUCATION),
        "",
    ),
}
TEENAGER = (
    "Other young people in the area, and staff at the pupil referral unit.",
    "Demo: found carrying a knife after a missing episode; a youth conditional caution "
    "for an assault on another pupil. Linked to older youths suspected of exploitation.",
    (RiskAgency.YOUTH_JUSTICE, RiskAgency.POLICE, RiskAgency.OTHER),
    "Exploitation panel",
)


def answer(workspace: Workspace, meeting_id: str) -> None:
    """Record the answer for a meeting that must give one and has not (the chair's step
    before closing)."""
    meeting = meetings.get_meeting(workspace, meeting_id=meeting_id)
    if not asked_at(meeting.meeting_type):
        return
    if risk_to_others.load_risk_to_others(workspace, meeting_id=meeting_id) is not None:
        return
    child = cases.get_case(workspace, case_id=meeting.case_id)
    born = child.date_of_birth
    teenager = born is not None and (meeting.scheduled_date - born).days >= 15 * 365
    story = STORIES.get(meeting.la_child_ref) or (TEENAGER if teenager else None)
    if story is None:
        risk_to_others.record_risk_to_others(
            workspace, meeting_id=meeting_id, assessment=RiskAssessment.NONE_KNOWN
        )
        return
    to_whom, what, agencies, other = story
    risk_to_others.record_risk_to_others(
        workspace,
        meeting_id=meeting_id,
        assessment=RiskAssessment.RISK,
        to_whom=to_whom,
        what=what,
        agencies=agencies,
        agencies_other=other,
    )
