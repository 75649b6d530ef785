"""Demo consultations: practitioners asking the MACPT for advice.

- A school's designated safeguarding lead asks about a child known only by
  initials; no outcome yet, so Home lists it as awaiting follow-up.
- A police missing-persons coordinator's worry about Alfie Sample (DEMO0002)
  met the threshold: the strategy meeting convened is linked.
- A youth worker's question needed no further MACPT involvement.
"""

from __future__ import annotations

import datetime as dt

from app import clock
from app.models import ConsultationOutcome, MeetingType, StatutoryRole, ThresholdView
from app.services import meeting_list
from app.services.agencies import list_agencies
from app.services.consultations import record_consultation, set_outcome
from app.storage.workspace import Workspace

LINKED_CHILD = "DEMO0002"


def _strategy_meeting(workspace: Workspace) -> meeting_list.MeetingSummary | None:
    for m in meeting_list.list_meetings(workspace, search=LINKED_CHILD):
        if m.la_child_ref == LINKED_CHILD and m.meeting_type is MeetingType.STRATEGY:
            return m
    return None


def _weekday(day: dt.date) -> dt.date:
    while day.weekday() >= 5:
        day -= dt.timedelta(days=1)
    return day


def add(workspace: Workspace) -> dict[str, int]:
    today = clock.today()
    agencies = list_agencies(workspace)
    by_role = {a.statutory_role: a.id for a in agencies if a.statutory_role}
    charity = next(
        (a.id for a in agencies if a.name.startswith("Charity")), by_role[StatutoryRole.HEALTH]
    )
    record_consultation(
        workspace,
        asked_by_name="Sam Exampleton, designated safeguarding lead",
        agency_id=by_role[StatutoryRole.EDUCATION],
        child_reference="J.D.",
        question="A pupil has come to school with bruising twice this month and gives "
        "different accounts. Does this need a strategy meeting?",
        advice="Speak to the pupil and record their words; make a referral to children's "
        "social care today and call back with what they decide.",
        threshold_view=ThresholdView.UNCLEAR,
        asked_on=_weekday(today - dt.timedelta(days=1)),
    )
    meeting = _strategy_meeting(workspace)
    if meeting is not None:
        asked = _weekday(min(today, meeting.scheduled_date) - dt.timedelta(days=1))
        consultation = record_consultation(
            workspace,
            asked_by_name="Robin Placeholder, missing persons coordinator",
            agency_id=by_role[StatutoryRole.POLICE],
            case_id=meeting.case_id,
            question="Alfie has been missing three times this month and was found with "
            "older men he would not name. Should the MACPT convene a strategy meeting?",
            advice="Yes: threshold met. The LCPP will convene a strategy meeting within "
            "one working day.",
            threshold_view=ThresholdView.MET,
            asked_on=asked,
        )
        set_outcome(
            workspace,
            consultation_id=consultation,
            outcome=ConsultationOutcome.STRATEGY_MEETING,
            meeting_id=meeting.id,
        )
    record_consultation(
        workspace,
        asked_by_name="Alex Notaperson, youth worker",
        agency_id=charity,
        child_reference="K.",
        question="A young person says they argue with their stepfather. Is this for the MACPT?",
        advice="Not at this stage: offer early help and talk to the family about it.",
        threshold_view=ThresholdView.BELOW,
        asked_on=_weekday(today - dt.timedelta(days=3)),
        outcome=ConsultationOutcome.NO_FURTHER,
    )
    return {"consultations": 3 if meeting is not None else 2}
