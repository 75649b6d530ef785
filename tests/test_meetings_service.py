"""Meetings list and search through the service layer."""

from __future__ import annotations

import datetime as dt

from app.models import MeetingType
from app.services import cases, meetings
from app.storage.workspace import Workspace


def test_search_matches_reference_name_place_and_type(workspace: Workspace) -> None:
    case = cases.create_case(
        workspace, la_child_ref="TEST-0100", first_name="Ada", last_name="Sampleton"
    )
    meetings.schedule_meeting(
        workspace,
        case_id=case.case_id,
        meeting_type=MeetingType.ICPC,
        scheduled_date=dt.date(2026, 12, 1),
        location="Room 4, Sampletown Hub",
    )
    assert len(meetings.list_meetings(workspace, search="TEST-0100")) == 1
    assert len(meetings.list_meetings(workspace, search="sampleton")) == 1
    assert len(meetings.list_meetings(workspace, search="Room 4")) == 1
    assert len(meetings.list_meetings(workspace, search="icpc")) == 1
    assert meetings.list_meetings(workspace, search="strategy") == []


def test_list_by_dates_and_status_and_count_open_cases(workspace: Workspace) -> None:
    from app.models import MeetingStatus

    case = cases.create_case(workspace, la_child_ref="TEST0101")
    for day in (1, 8, 15):
        meetings.schedule_meeting(
            workspace,
            case_id=case.case_id,
            meeting_type=MeetingType.STRATEGY,
            scheduled_date=dt.date(2026, 12, day),
        )
    found = meetings.list_meetings(
        workspace,
        from_date=dt.date(2026, 12, 2),
        to_date=dt.date(2026, 12, 15),
        statuses=(MeetingStatus.SCHEDULED,),
    )
    assert [m.scheduled_date.day for m in found] == [8, 15]
    assert meetings.list_meetings(workspace, statuses=(MeetingStatus.CLOSED,)) == []
    assert cases.count_cases(workspace) == 1
