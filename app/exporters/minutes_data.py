"""Read one meeting's record from the workspace into :class:`MinutesData`.

This is the only part of the minutes export that knows the database; the
renderer sees plain data. Swapping it for the conduct services' own record
reader changes this file alone.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Iterable
from typing import TypeVar

from sqlalchemy import and_, or_, select
from sqlalchemy.orm import Session

from app.errors import NotFound
from app.exporters.minutes_model import (
    ActionEntry,
    AgencyInformationEntry,
    AgencyViewEntry,
    AgendaNote,
    AmendmentEntry,
    AttendanceGroup,
    Attendee,
    DecisionEntry,
    IssueEntry,
    MinutesData,
    MissingAgency,
    TimescalesEntry,
)
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
    MinutesIssue,
    RepresentationAcknowledgement,
    ThresholdDecision,
)
from app.models.conduct import REPRESENTED
from app.services.settings import get_settings
from app.storage.workspace import Workspace

_AgencyRow = TypeVar("_AgencyRow", AgencyInformation, AgencyView)

FAMILY = "Family members and carers"
OTHERS = "Others"
# Within an agency: who was there first, then who contributed otherwise.
_STATUS_ORDER = {
    AttendanceStatus.ATTENDED: 0,
    AttendanceStatus.SENT_INFORMATION: 1,
    AttendanceStatus.APOLOGIES: 2,
    AttendanceStatus.DID_NOT_ATTEND: 3,
    AttendanceStatus.INVITED: 4,
}


def load_minutes_data(
    workspace: Workspace, *, meeting_id: str, include_restricted: bool = True
) -> MinutesData:
    """Everything the minutes of ``meeting_id`` say. ``include_restricted=False``
    leaves out agency information marked restricted (a copy for the family)."""
    prefs = get_settings(workspace)
    with workspace.reading() as session:
        meeting = session.get(Meeting, meeting_id)
        if meeting is None:
            raise NotFound(
                f"There is no meeting with the id {meeting_id}. List them with `macpt meetings`."
            )
        agencies = {a.id: a for a in session.scalars(select(Agency))}
        attendance = list(
            session.scalars(
                select(AgencyAttendance).where(AgencyAttendance.meeting_id == meeting_id)
            )
        )
        information = [
            AgencyInformationEntry(
                _name(agencies, row.agency_id), row.contributor, row.information, row.restricted
            )
            for row in _by_agency(
                agencies,
                session.scalars(
                    select(AgencyInformation).where(AgencyInformation.meeting_id == meeting_id)
                ),
            )
        ]
        shown = [i for i in information if include_restricted or not i.restricted]
        child = meeting.case.child
        signed = meeting.status is MeetingStatus.SIGNED_OFF
        place = meeting.location
        if meeting.is_online:
            place = f"{place} and online" if place else "Online"
        return MinutesData(
            meeting_id=meeting.id,
            meeting_type=meeting.meeting_type,
            local_authority=prefs.local_authority,
            child_reference=child.la_child_ref,
            child_name=child.full_name if prefs.full_names_in_minutes else None,
            meeting_date=meeting.scheduled_date,
            meeting_time=meeting.scheduled_time,
            place=place,
            chair=meeting.chair_name,
            minute_taker=meeting.minute_taker_name,
            attendance=_attendance(agencies, attendance),
            agenda=tuple(
                AgendaNote(item.title, item.kind, item.notes)
                for item in session.scalars(
                    select(AgendaItem)
                    .where(AgendaItem.meeting_id == meeting_id)
                    .order_by(AgendaItem.position)
                )
            ),
            information=tuple(shown),
            missing_agencies=_missing(session, meeting_id, agencies, attendance),
            decision=_decision(session, meeting_id, agencies),
            actions=_as_at(
                (
                    _action(agencies, action)
                    for action in session.scalars(
                        select(MeetingAction)
                        .where(MeetingAction.meeting_id == meeting_id)
                        .order_by(MeetingAction.created_at)
                    )
                ),
                meeting.signed_off_at if signed else None,
            ),
            carried_over=_as_at(
                _carried_over(session, meeting, agencies),
                meeting.signed_off_at if signed else None,
            ),
            timescales=_timescales(session, meeting_id),
            signed_off_by=meeting.signed_off_by if signed else None,
            signed_off_at=meeting.signed_off_at if signed else None,
            issues=tuple(
                IssueEntry(i.version, i.kind, i.issued_at, i.issued_by)
                for i in session.scalars(
                    select(MinutesIssue)
                    .where(MinutesIssue.meeting_id == meeting_id)
                    .order_by(MinutesIssue.version)
                )
            ),
            amendments=tuple(
                AmendmentEntry(a.made_at, a.made_by, a.what, a.reason, a.version)
                for a in session.scalars(
                    select(Amendment)
                    .where(Amendment.meeting_id == meeting_id)
                    .order_by(Amendment.made_at, Amendment.created_at)
                )
            ),
            restricted_left_out=len(shown) < len(information),
            held=meeting.status is not MeetingStatus.SCHEDULED,
        )


def _name(agencies: dict[str, Agency], agency_id: str | None) -> str:
    agency = agencies.get(agency_id) if agency_id else None
    return agency.name if agency else ""


def _sort_key(agencies: dict[str, Agency], agency_id: str | None) -> tuple[int, str]:
    agency = agencies.get(agency_id) if agency_id else None
    return (agency.sort_order, agency.name) if agency else (1_000_000, "")


def _by_agency(agencies: dict[str, Agency], rows: Iterable[_AgencyRow]) -> list[_AgencyRow]:
    return sorted(rows, key=lambda row: _sort_key(agencies, row.agency_id))


def _attendance(
    agencies: dict[str, Agency], rows: list[AgencyAttendance]
) -> tuple[AttendanceGroup, ...]:
    groups: dict[tuple[int, int, str], list[AgencyAttendance]] = {}
    for row in rows:
        agency = agencies.get(row.agency_id) if row.agency_id else None
        if agency is not None:
            key = (0, agency.sort_order, agency.name)
        elif row.family_member_id:
            key = (1, 0, FAMILY)
        else:
            key = (2, 0, OTHERS)
        groups.setdefault(key, []).append(row)
    return tuple(
        AttendanceGroup(
            key[2],
            tuple(
                Attendee(r.name, r.role, r.status, r.arrived_at, r.departed_at, r.walk_in)
                for r in sorted(people, key=lambda r: (_STATUS_ORDER[r.status], r.name.lower()))
            ),
        )
        for key, people in sorted(groups.items())
    )


def _missing(
    session: Session,
    meeting_id: str,
    agencies: dict[str, Agency],
    attendance: list[AgencyAttendance],
) -> tuple[MissingAgency, ...]:
    represented = {row.agency_id for row in attendance if row.status in REPRESENTED}
    acks = {
        ack.statutory_role: ack
        for ack in session.scalars(
            select(RepresentationAcknowledgement).where(
                RepresentationAcknowledgement.meeting_id == meeting_id
            )
        )
    }
    missing = []
    for agency in sorted(agencies.values(), key=lambda a: (a.sort_order, a.name)):
        if agency.statutory_role is None or agency.id in represented:
            continue
        ack = acks.get(agency.statutory_role)
        if ack is None:
            missing.append(MissingAgency(agency.name))
        else:
            missing.append(
                MissingAgency(agency.name, ack.reason, ack.acknowledged_by, ack.acknowledged_at)
            )
    return tuple(missing)


def _decision(
    session: Session, meeting_id: str, agencies: dict[str, Agency]
) -> DecisionEntry | None:
    decision = session.scalar(
        select(ThresholdDecision).where(ThresholdDecision.meeting_id == meeting_id)
    )
    if decision is None:
        return None
    views = _by_agency(
        agencies, session.scalars(select(AgencyView).where(AgencyView.meeting_id == meeting_id))
    )
    return DecisionEntry(
        threshold_met=decision.threshold_met,
        outcome=decision.outcome,
        rationale=decision.rationale,
        support_detail=decision.support_detail,
        dissent=decision.dissent,
        decided_by=decision.decided_by or "",
        decided_at=decision.decided_at,
        views=tuple(
            AgencyViewEntry(_name(agencies, v.agency_id), v.agrees, v.comment) for v in views
        ),
    )


def _action(
    agencies: dict[str, Agency], action: MeetingAction, raised_by: Meeting | None = None
) -> ActionEntry:
    return ActionEntry(
        description=action.description,
        owner=action.owner_name,
        agency=_name(agencies, action.owner_agency_id),
        due=action.due_date,
        status=action.status,
        completed_on=action.completed_on,
        raised_at=raised_by.meeting_type if raised_by else None,
        raised_on=raised_by.scheduled_date if raised_by else None,
    )


def _as_at(
    actions: Iterable[ActionEntry], signed_off_at: dt.datetime | None
) -> tuple[ActionEntry, ...]:
    """Actions as they stood when the minutes were signed off: one completed
    later still shows as open, so signed-off minutes never change silently."""
    if signed_off_at is None:
        return tuple(actions)
    day = signed_off_at.date()
    return tuple(
        dataclasses.replace(a, status=ActionStatus.OPEN, completed_on=None)
        if a.completed_on is not None and a.completed_on > day
        else a
        for a in actions
    )


def _carried_over(
    session: Session, meeting: Meeting, agencies: dict[str, Agency]
) -> tuple[ActionEntry, ...]:
    """Actions from the case's earlier meetings that were still open when this one met."""
    earlier = or_(
        Meeting.scheduled_date < meeting.scheduled_date,
        and_(
            Meeting.scheduled_date == meeting.scheduled_date,
            Meeting.created_at < meeting.created_at,
        ),
    )
    still_open = or_(
        MeetingAction.status == ActionStatus.OPEN,
        and_(
            MeetingAction.status == ActionStatus.DONE,
            MeetingAction.completed_on >= meeting.scheduled_date,
        ),
    )
    rows = session.execute(
        select(MeetingAction, Meeting)
        .join(Meeting, MeetingAction.meeting_id == Meeting.id)
        .where(MeetingAction.case_id == meeting.case_id, Meeting.id != meeting.id)
        .where(earlier, still_open)
        .order_by(Meeting.scheduled_date, MeetingAction.created_at)
    )
    return tuple(_action(agencies, action, raised) for action, raised in rows)


def _timescales(session: Session, meeting_id: str) -> TimescalesEntry | None:
    row = session.scalar(
        select(MeetingTimescales).where(MeetingTimescales.meeting_id == meeting_id)
    )
    if row is None:
        return None
    return TimescalesEntry(row.strategy_date, row.review_due, row.icpc_due, row.assessment_due)
