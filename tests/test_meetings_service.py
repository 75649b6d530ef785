"""Meetings list and search through the service layer."""

from __future__ import annotations

import datetime as dt

from app.models import MeetingType
from app.services import cases, meeting_list, meetings
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
    assert len(meeting_list.list_meetings(workspace, search="TEST-0100")) == 1
    assert len(meeting_list.list_meetings(workspace, search="sampleton")) == 1
    assert len(meeting_list.list_meetings(workspace, search="Room 4")) == 1
    assert len(meeting_list.list_meetings(workspace, search="icpc")) == 1
    assert meeting_list.list_meetings(workspace, search="strategy") == []


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
    found = meeting_list.list_meetings(
        workspace,
        from_date=dt.date(2026, 12, 2),
        to_date=dt.date(2026, 12, 15),
        statuses=(MeetingStatus.SCHEDULED,),
    )
    assert [m.scheduled_date.day for m in found] == [8, 15]
    assert meeting_list.list_meetings(workspace, statuses=(MeetingStatus.CLOSED,)) == []
    assert cases.count_cases(workspace) == 1


def test_search_finds_a_kind_of_meeting_by_the_words_chairs_use(workspace: Workspace) -> None:
    from app.models import Meeting
    from app.services.meeting_words import meeting_types_matching

    case = cases.create_case(workspace, la_child_ref="TEST0102")
    # One of each kind, written directly: the journey's order of meetings is not the point.
    with workspace.transaction() as session:
        for day, kind in enumerate(MeetingType, start=1):
            session.add(
                Meeting(
                    case_id=case.case_id, meeting_type=kind, scheduled_date=dt.date(2026, 12, day)
                )
            )
    s, r, i, rc, cg = (
        MeetingType.STRATEGY,
        MeetingType.REVIEW,
        MeetingType.ICPC,
        MeetingType.RCPC,
        MeetingType.CORE_GROUP,
    )
    expected = {
        "five-day": {r},
        "five day review": {r},
        "5-day review": {r},
        "Five-Day Review Meeting": {r},
        "review": {r, rc},
        "initial conference": {i},
        "ICPC": {i},
        "initial child protection": {i},
        "review conference": {rc},
        "RCPC": {rc},
        "conference": {i, rc},
        "strategy": {s},
        "Strategy meeting": {s},
        "core group": {cg},
        "core-group": {cg},
    }
    for typed, kinds in expected.items():
        assert set(meeting_types_matching(typed)) == kinds, typed
        found = meeting_list.list_meetings(workspace, search=typed)
        assert {m.meeting_type for m in found} == kinds, typed
    assert meeting_types_matching("") == ()
    assert meeting_types_matching("Sampleton") == ()
    assert meeting_list.list_meetings(workspace, search="initial review") == []
    assert len(meeting_list.list_meetings(workspace, search="TEST0102")) == len(MeetingType)
