"""Demo children, families, practitioners, and a strategy meeting for each status.

The meetings are only scheduled here; the strategy part of the demo holds them
as a chair would (``app.services.demo.strategy``). The other types of meeting,
in every status, come with the journeys of ``app.services.demo.register``.
"""

from __future__ import annotations

import datetime as dt

from app import clock
from app.models import MeetingStatus, MeetingType, Sex
from app.services import agencies, cases, meetings, settings
from app.services.demo import directory
from app.storage.workspace import Workspace
from app.workdays import WorkingCalendar

LOCAL_AUTHORITY = "Sampleshire County Council (demo)"
CHAIR = "Jordan Demo-Chair"
MINUTE_TAKER = "Casey Demo-Minutes"

CHILDREN = [
    # ref, first, last, dob offset in years (None: unborn), sex, concern
    ("DEMO0001", "Poppy", "Example", 7, Sex.FEMALE, "Unexplained bruising seen at school."),
    ("DEMO0002", "Alfie", "Sample", 14, Sex.MALE, "Missing from home; concerns of exploitation."),
    (
        "DEMO0003",
        "Ruby",
        "Testwood",
        3,
        Sex.FEMALE,
        "Neglect: home conditions and missed health appointments.",
    ),
    (
        "DEMO0004",
        "Baby",
        "Fictional",
        None,
        Sex.NOT_KNOWN,
        "Unborn baby; older sibling previously on a plan.",
    ),
    ("DEMO0005", "Noah", "Placeholder", 11, Sex.MALE, "Online contact from an unknown adult."),
]


def _meeting_day(today: dt.date, status: MeetingStatus, offset: int) -> dt.date:
    """A weekday: held meetings in the past (or today), scheduled ones to come."""
    calendar = WorkingCalendar()
    if status is MeetingStatus.SCHEDULED:
        return calendar.add_working_days(today, 2 + 5 * offset)
    weeks_ago = {MeetingStatus.IN_PROGRESS: 0, MeetingStatus.CLOSED: 1, MeetingStatus.SIGNED_OFF: 2}
    day = today - dt.timedelta(days=7 * weeks_ago[status] + offset)
    while not calendar.is_working_day(day):
        day -= dt.timedelta(days=1)
    return day


def add(workspace: Workspace) -> dict[str, int]:
    today = clock.today()
    settings.update_setting(workspace, key="local_authority", value=LOCAL_AUTHORITY)
    # Numbers from Ofcom's range for drama: they reach nobody.
    for key, number in (("team_phone", "01632 960 999"), ("out_of_hours_phone", "01632 960 555")):
        if not getattr(settings.get_settings(workspace), key):
            settings.update_setting(workspace, key=key, value=number)
    if not settings.get_settings(workspace).chair_name:
        settings.update_setting(workspace, key="chair_name", value=CHAIR)
    for role, agency in agencies.statutory_agencies(workspace).items():
        name, title = directory.AGENCY_PRACTITIONERS[role.value]
        cases.add_practitioner(
            workspace, name=name, role=title, agency_id=agency.id, email=directory.email(name)
        )

    created: list[cases.CaseSummary] = []
    for ref, first, last, age, sex, concern in CHILDREN:
        dob = dt.date(today.year - age, 3, 14) if age is not None else None
        edd = None if age is not None else today + dt.timedelta(days=70)
        case = cases.create_case(
            workspace,
            la_child_ref=ref,
            first_name=first,
            last_name=last,
            date_of_birth=dob,
            expected_date_of_birth=edd,
            sex=sex,
            address="12 Imaginary Lane, Sampletown, ZZ99 1AA",
            concern=concern,
            opened_on=today - dt.timedelta(days=30),
        )
        created.append(case)
        cases.add_family_member(
            workspace,
            child_id=case.child_id,
            name=f"Pat {last}",
            relationship_to_child="Mother",
            parental_responsibility=True,
            address="12 Imaginary Lane, Sampletown, ZZ99 1AA",
            phone="01632 960001",
            invite_to_conferences=True,
            is_carer=True,
        )
        cases.add_family_member(
            workspace,
            child_id=case.child_id,
            name=f"Chris {last}-Other",
            relationship_to_child="Father",
            parental_responsibility=True,
            address="3 Madeup Road, Othertown, ZZ99 2BB",
            phone="01632 960002",
            invite_to_conferences=True,
        )

    # A strategy meeting for each status it will reach, one child each: the
    # strategy demo starts, records, closes and signs them off on their days.
    count = 0
    for case, status in zip(created, MeetingStatus, strict=False):
        with clock.frozen_at(clock.from_local(case.opened_on, dt.time(9))):
            meetings.schedule_meeting(
                workspace,
                case_id=case.case_id,
                meeting_type=MeetingType.STRATEGY,
                scheduled_date=_meeting_day(today, status, 0),
                scheduled_time=dt.time(10, 0),
                location="Room 2, Sampletown Civic Centre (demo)",
                chair_name=CHAIR,
                minute_taker_name=MINUTE_TAKER,
            )
        count += 1
    return {"children": len(created), "meetings": count}
