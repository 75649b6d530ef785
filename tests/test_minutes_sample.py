"""A full, fictional strategy meeting written through the ORM, and the minutes
loader checked against it. The builder is shared with the other minutes tests
and with benchmarks/bench_minutes.py."""

from __future__ import annotations

import dataclasses
import datetime as dt

from sqlalchemy import select

from app import clock
from app.exporters.minutes_data import FAMILY, OTHERS, load_minutes_data
from app.models import (
    ActionStatus,
    Agency,
    AgencyAttendance,
    AgencyInformation,
    AgencyView,
    AgendaItem,
    Amendment,
    AttendanceStatus,
    Meeting,
    MeetingAction,
    MeetingStatus,
    MeetingTimescales,
    MeetingType,
    MinutesIssue,
    MinutesIssueKind,
    RepresentationAcknowledgement,
    StatutoryRole,
    ThresholdDecision,
    ThresholdOutcome,
)
from app.services import cases, meetings, settings
from app.storage.workspace import Workspace

CHAIR = "Jordan Test-Chair"
MINUTE_TAKER = "Casey Test-Minutes"
LOCAL_AUTHORITY = "Sampleshire County Council (test)"
HEALTH_REASON = (
    "The school nurse was called to an emergency; health will send its information by Friday."
)
RATIONALE = (
    "Robin has an injury that the school saw and that has no clear explanation.\n"
    "The police hold information that raises the level of concern."
)
DISSENT = "Education thinks a single-agency enquiry would be enough and asked for that to be noted."
AMENDMENT_WHAT = "Corrected the time the education representative arrived."
AMENDMENT_WHY = "The school's signing-in book shows 10:05, not 10:15."
NOTES = {
    0: "Everyone introduced themselves.\nThe chair reminded the meeting that it is confidential.",
    1: "The school saw bruising on Robin's arm on Friday.",
    3: "Robin says home is busy and likes playing football.",
    4: "Risks: the injury is unexplained.\nStrengths: Robin attends school every day.",
}


@dataclasses.dataclass(frozen=True)
class SampleMeeting:
    meeting_id: str
    earlier_meeting_id: str
    case_id: str
    child_name: str
    child_reference: str


def _agency_ids(workspace: Workspace) -> dict[str, str]:
    with workspace.reading() as session:
        return {a.seed_key or a.name: a.id for a in session.scalars(select(Agency))}


def _at(hour: int, minute: int) -> dt.datetime:
    # 10:00 on the fixed day is 10:00 in London too (November is GMT).
    return clock.utcnow().replace(hour=hour, minute=minute)


def add_full_meeting(
    workspace: Workspace, *, ref: str = "DEMO-T001", first: str = "Robin", last: str = "Example"
) -> SampleMeeting:
    """A strategy meeting today with every part of the record filled in, and an
    earlier meeting about the same child whose open actions carry over."""
    settings.update_setting(workspace, key="local_authority", value=LOCAL_AUTHORITY)
    today = clock.today()
    case = cases.create_case(
        workspace,
        la_child_ref=ref,
        first_name=first,
        last_name=last,
        date_of_birth=dt.date(2018, 3, 14),
        address="1 Test Street, Sampletown, ZZ99 9ZZ",
        concern="Unexplained bruising seen at school.",
        opened_on=today - dt.timedelta(days=30),
    )
    earlier = meetings.schedule_meeting(
        workspace,
        case_id=case.case_id,
        meeting_type=MeetingType.STRATEGY,
        scheduled_date=today - dt.timedelta(days=14),
        scheduled_time=dt.time(14, 0),
        location="Room 1, Sampletown Civic Centre (test)",
        chair_name=CHAIR,
    )
    meeting = meetings.schedule_meeting(
        workspace,
        case_id=case.case_id,
        meeting_type=MeetingType.STRATEGY,
        scheduled_date=today,
        scheduled_time=dt.time(10, 0),
        location="Room 4, Sampletown Civic Centre (test)",
        chair_name=CHAIR,
        minute_taker_name=MINUTE_TAKER,
    )
    a = _agency_ids(workspace)
    mid = meeting.id
    with workspace.transaction() as session:
        # The chair replaces whatever invitations scheduling made with who was asked.
        for row in session.scalars(
            select(AgencyAttendance).where(AgencyAttendance.meeting_id.in_([mid, earlier.id]))
        ):
            session.delete(row)
        held = session.get(Meeting, mid)
        assert held is not None
        held.status, held.started_at, held.closed_at = MeetingStatus.CLOSED, _at(10, 0), _at(11, 30)
        for item in session.scalars(select(AgendaItem).where(AgendaItem.meeting_id == mid)):
            item.notes = NOTES.get(item.position, "")
        people = [
            (
                "social-care",
                "Sam Test-Social-Worker",
                "Social worker",
                AttendanceStatus.ATTENDED,
                _at(10, 0),
                _at(11, 20),
                False,
            ),
            (
                "social-care",
                "Lee Test-Manager",
                "Team manager",
                AttendanceStatus.APOLOGIES,
                None,
                None,
                False,
            ),
            (
                "police",
                "DC Alex Test-Officer",
                "Detective constable",
                AttendanceStatus.SENT_INFORMATION,
                None,
                None,
                False,
            ),
            (
                "health",
                "Nurse Riley Test-Health",
                "School nurse",
                AttendanceStatus.DID_NOT_ATTEND,
                None,
                None,
                False,
            ),
            (
                "education",
                "Morgan Test-Teacher",
                "Designated safeguarding lead",
                AttendanceStatus.ATTENDED,
                _at(10, 15),
                None,
                False,
            ),
            (
                "family-help",
                "Jamie Test-Family-Help",
                "Lead practitioner",
                AttendanceStatus.ATTENDED,
                _at(10, 20),
                None,
                True,
            ),
            (
                None,
                "Taylor Test-Interpreter",
                "Interpreter",
                AttendanceStatus.ATTENDED,
                _at(10, 0),
                None,
                False,
            ),
        ]
        for key, name, role, status, arrived, departed, walk_in in people:
            session.add(
                AgencyAttendance(
                    meeting_id=mid,
                    agency_id=a[key] if key else None,
                    name=name,
                    role=role,
                    status=status,
                    arrived_at=arrived,
                    departed_at=departed,
                    walk_in=walk_in,
                )
            )
        information = [
            (
                "social-care",
                "Sam Test-Social-Worker",
                "Known to Family Help since the spring.",
                False,
            ),
            (
                "police",
                "DC Alex Test-Officer (by email)",
                "An adult in the household has a caution for assault.",
                True,
            ),
            (
                "education",
                "Morgan Test-Teacher",
                "Attendance 98%.\nBruising seen on Friday.",
                False,
            ),
        ]
        for key, contributor, text, restricted in information:
            session.add(
                AgencyInformation(
                    meeting_id=mid,
                    agency_id=a[key],
                    contributor=contributor,
                    information=text,
                    restricted=restricted,
                )
            )
        session.add(
            RepresentationAcknowledgement(
                meeting_id=mid,
                statutory_role=StatutoryRole.HEALTH,
                reason=HEALTH_REASON,
                acknowledged_by=CHAIR,
                acknowledged_at=_at(10, 30),
            )
        )
        session.add(
            ThresholdDecision(
                meeting_id=mid,
                threshold_met=True,
                outcome=ThresholdOutcome.S47_JOINT,
                rationale=RATIONALE,
                dissent=DISSENT,
                decided_by=CHAIR,
                decided_at=_at(10, 50),
            )
        )
        views = [
            ("social-care", True, "Agrees a joint enquiry is needed."),
            ("police", True, "Will take part in the joint enquiry."),
            ("education", False, "Would prefer a single-agency enquiry."),
        ]
        for key, agrees, comment in views:
            session.add(
                AgencyView(meeting_id=mid, agency_id=a[key], agrees=agrees, comment=comment)
            )
        actions = [
            (
                mid,
                "Visit Robin at home and see Robin alone.",
                "Sam Test-Social-Worker",
                "social-care",
                today + dt.timedelta(days=1),
                ActionStatus.OPEN,
                None,
            ),
            (
                mid,
                "Arrange a child protection medical.",
                "Nurse Riley Test-Health",
                "health",
                today + dt.timedelta(days=2),
                ActionStatus.OPEN,
                None,
            ),
            (
                mid,
                "Share attendance records with the social worker.",
                "Morgan Test-Teacher",
                "education",
                today,
                ActionStatus.DONE,
                today,
            ),
            (
                earlier.id,
                "Check the family's previous address with the other council.",
                "Sam Test-Social-Worker",
                "social-care",
                today - dt.timedelta(days=7),
                ActionStatus.OPEN,
                None,
            ),
            (
                earlier.id,
                "Ask the GP for Robin's health history.",
                "Nurse Riley Test-Health",
                "health",
                today - dt.timedelta(days=10),
                ActionStatus.DONE,
                today - dt.timedelta(days=9),
            ),
        ]
        for meeting_id, what, owner, key, due, status, done_on in actions:
            session.add(
                MeetingAction(
                    case_id=case.case_id,
                    meeting_id=meeting_id,
                    description=what,
                    owner_name=owner,
                    owner_agency_id=a[key],
                    due_date=due,
                    status=status,
                    completed_on=done_on,
                )
            )
        session.add(
            MeetingTimescales(
                meeting_id=mid,
                strategy_date=today,
                review_due=today + dt.timedelta(days=7),
                icpc_due=today + dt.timedelta(days=21),
                # 45 working days on, after Christmas, Boxing Day (on the 28th) and New Year.
                assessment_due=dt.date(2027, 1, 28),
            )
        )
    return SampleMeeting(mid, earlier.id, case.case_id, f"{first} {last}", ref)


def sign_off(workspace: Workspace, meeting_id: str) -> None:
    with workspace.transaction() as session:
        meeting = session.get(Meeting, meeting_id)
        assert meeting is not None
        meeting.status = MeetingStatus.SIGNED_OFF
        meeting.signed_off_at = _at(16, 45)
        meeting.signed_off_by = CHAIR
        session.add(
            MinutesIssue(
                meeting_id=meeting_id,
                version=1,
                kind=MinutesIssueKind.SIGNED_OFF,
                issued_at=_at(16, 45),
                issued_by=CHAIR,
            )
        )


def amend_and_reissue(workspace: Workspace, meeting_id: str) -> None:
    with workspace.transaction() as session:
        session.add(
            Amendment(
                meeting_id=meeting_id,
                made_at=_at(17, 5),
                made_by=CHAIR,
                what=AMENDMENT_WHAT,
                reason=AMENDMENT_WHY,
                version=2,
            )
        )
        session.add(
            MinutesIssue(
                meeting_id=meeting_id,
                version=2,
                kind=MinutesIssueKind.REISSUED,
                issued_at=_at(17, 10),
                issued_by=CHAIR,
            )
        )


# -- the loader --------------------------------------------------------------


def test_loader_reads_every_part(workspace: Workspace) -> None:
    sample = add_full_meeting(workspace)
    data = load_minutes_data(workspace, meeting_id=sample.meeting_id)
    assert data.local_authority == LOCAL_AUTHORITY
    assert data.child_reference == "DEMO-T001"
    assert data.child_name is None  # full names are off by default
    assert [g.heading for g in data.attendance] == [
        "Children's social care",
        "Police",
        "Health",
        "Education",
        "Family Help",
        OTHERS,
    ]
    social_care = data.attendance[0].people
    assert [p.status for p in social_care] == [
        AttendanceStatus.ATTENDED,
        AttendanceStatus.APOLOGIES,
    ]
    assert [m.agency for m in data.missing_agencies] == ["Health"]
    assert data.missing_agencies[0].reason == HEALTH_REASON
    assert data.decision is not None
    assert data.decision.outcome is ThresholdOutcome.S47_JOINT
    assert [v.agrees for v in data.decision.views] == [True, True, False]
    assert len(data.actions) == 3
    # The earlier meeting's open action carries over; the one done before today does not.
    assert [a.description for a in data.carried_over] == [
        "Check the family's previous address with the other council."
    ]
    assert data.carried_over[0].raised_on == clock.today() - dt.timedelta(days=14)
    assert data.timescales is not None and data.timescales.strategy_date == clock.today()
    assert data.draft and data.version == 1 and data.reissue is None
    assert FAMILY not in [g.heading for g in data.attendance]


def test_loader_signed_off_reissued_and_family_copy(workspace: Workspace) -> None:
    sample = add_full_meeting(workspace)
    sign_off(workspace, sample.meeting_id)
    amend_and_reissue(workspace, sample.meeting_id)
    tomorrow = clock.today() + dt.timedelta(days=1)
    with workspace.transaction() as session:
        visit = session.scalar(
            select(MeetingAction).where(MeetingAction.description.startswith("Visit Robin"))
        )
        assert visit is not None
        visit.status, visit.completed_on = ActionStatus.DONE, tomorrow
    settings.update_setting(workspace, key="full_names_in_minutes", value=True)
    data = load_minutes_data(workspace, meeting_id=sample.meeting_id)
    assert data.signed_off and data.signed_off_by == CHAIR
    assert data.reissue is not None and data.reissue.version == 2 and data.version == 2
    assert [a.what for a in data.amendments] == [AMENDMENT_WHAT]
    assert data.child_name == sample.child_name
    # Done after sign-off: the signed-off minutes still show it as it was then.
    assert data.actions[0].status is ActionStatus.OPEN and data.actions[0].completed_on is None
    # Done on the day of the meeting, before sign-off: shown as done.
    assert data.actions[2].status is ActionStatus.DONE
