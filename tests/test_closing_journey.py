"""The services refuse to close a review or conference that lacks its own record,
as meeting mode does: the command line and the services go through the same rule."""

from __future__ import annotations

import datetime as dt

import pytest

from app.errors import ValidationError
from app.models import MeetingType
from app.services.cases import create_case
from app.services.conduct.closing import close_meeting, start_meeting
from app.services.meetings import schedule_meeting
from app.storage.workspace import Workspace


@pytest.mark.parametrize(
    ("meeting_type", "words"),
    [
        (MeetingType.REVIEW, "timeframe for the initial child protection conference"),
        (MeetingType.REVIEW, "no interim safety plan"),
        (MeetingType.ICPC, "conference's decision is not recorded"),
    ],
)
def test_close_refuses_a_meeting_without_its_own_record(
    workspace: Workspace, meeting_type: MeetingType, words: str
) -> None:
    case = create_case(workspace, la_child_ref=f"TEST{meeting_type.value.upper()}")
    meeting = schedule_meeting(
        workspace,
        case_id=case.case_id,
        meeting_type=meeting_type,
        scheduled_date=dt.date(2026, 11, 23),
    )
    start_meeting(workspace, meeting_id=meeting.id)
    with pytest.raises(ValidationError, match=words):
        close_meeting(workspace, meeting_id=meeting.id)
