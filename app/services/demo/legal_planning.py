"""Legal planning meetings for the demo's children in pre-proceedings, held through
the chair's services (``app.services.demo.preproceedings`` says who is who).

Leo Notreal's pre-proceedings were started by a legal planning meeting, signed
off; another meets today to review them and is closed awaiting sign-off, and the
next is booked. Mia Hypothetical's case is back at the legal gateway today: that
meeting is under way.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select

from app.models import Agency, LegalDecision, MeetingType
from app.services import meetings
from app.services.conduct import invitations
from app.services.conduct.legal_planning import record_legal_decision
from app.services.demo import chairing
from app.services.demo.core import CHAIR, MINUTE_TAKER
from app.services.demo.journey import PLACE, TEAM
from app.storage.workspace import Workspace

START_REASONS = (
    "Demo: the threshold for proceedings is met (legal advice given at the meeting). "
    "The parents may yet make the changes the child needs with the help the letter offers."
)
CONTINUE_REASONS = "Demo: some progress; the parents are engaging with the plan."


def book(workspace: Workspace, case_id: str, day: dt.date) -> str:
    """A legal planning meeting on ``day``, with the social worker invited."""
    meeting = meetings.schedule_meeting(
        workspace,
        case_id=case_id,
        meeting_type=MeetingType.LEGAL_PLANNING,
        scheduled_date=day,
        scheduled_time=dt.time(14, 0),
        location=PLACE,
        chair_name=CHAIR,
        minute_taker_name=MINUTE_TAKER,
    )
    with workspace.reading() as session:
        social_care = session.scalar(select(Agency.id).where(Agency.seed_key == "social-care"))
    if social_care is not None:
        name, role = TEAM["social-care"]
        invitations.invite_person(
            workspace, meeting_id=meeting.id, name=name, agency_id=social_care, role=role
        )
    return meeting.id


def hold(
    workspace: Workspace,
    case_id: str,
    day: dt.date,
    decision: LegalDecision | None,
    reasons: str = "",
    *,
    end: str = "signed",
) -> str:
    """Hold a legal planning meeting on ``day`` that records ``decision``; ``end``
    "signed" (off), "closed" (awaiting sign-off) or "open" (under way, undecided)."""
    meeting_id = book(workspace, case_id, day)
    chairing.start(workspace, meeting_id)
    if end == "open" or decision is None:
        return meeting_id
    chairing.write_sections(workspace, meeting_id)
    chairing.at(
        day,
        11,
        0,
        lambda: record_legal_decision(
            workspace, meeting_id=meeting_id, decision=decision, reasons=reasons
        ),
    )
    chairing.finish(workspace, meeting_id, signed=end == "signed")
    return meeting_id
