"""Everything about one meeting, in one read: for meeting mode, the minutes and reports.

A signed-off meeting's record shows what was true when it was signed off:
an action completed later (at a later meeting) still shows as open here, so
re-exporting signed-off minutes never changes them silently.
"""

from __future__ import annotations

import dataclasses
import datetime as dt

from sqlalchemy import select
from sqlalchemy.orm import Session

from app import clock
from app.models import (
    ActionStatus,
    Meeting,
    MeetingStatus,
    MeetingType,
    ProceedingsType,
    Setting,
    SignedRecord,
    StatutoryRole,
)
from app.services.conduct import decision as decisions
from app.services.conduct._common import get_meeting
from app.services.conduct.actions import ActionRow, carried_over_rows
from app.services.conduct.agenda import AgendaItemRow, agenda_row, meeting_items
from app.services.conduct.attendance import AttendeeRow, attendance_rows
from app.services.conduct.closing import MeetingReads, facts_for
from app.services.conduct.information import AgencyInformationRow
from app.services.conduct.journey_record import JourneyRecord, journey_record, lent
from app.services.conduct.legal_planning import legal_row
from app.services.conduct.representation import AcknowledgementRow, RepresentationRow
from app.services.conduct.risk_to_others import risk_row
from app.services.conduct.signoff import AmendmentRow, MinutesIssueRow, amendment_rows, issue_rows
from app.services.conduct.timescales import TimescalesRow, timescales_row
from app.services.frozen import from_json, to_json
from app.storage.workspace import Workspace
from app.validation import printable
from app.workflow import StepKind, find_blockers
from app.workflow.legal_planning import LegalPlanningRow
from app.workflow.risk_to_others import RiskToOthersRow
from app.workflow.steps import steps_from_agenda

FAMILY = "Family members"


@dataclasses.dataclass(frozen=True)
class AttendanceGroup:
    """The invitees for one agency (or the family, where ``agency_id`` is None)."""

    agency_id: str | None
    agency_name: str
    statutory_role: StatutoryRole | None
    attendees: tuple[AttendeeRow, ...]


@dataclasses.dataclass(frozen=True)
class MeetingRecord:
    meeting_id: str
    meeting_type: MeetingType
    meeting_title: str  # "Strategy meeting"
    status: MeetingStatus
    scheduled_date: dt.date
    scheduled_time: dt.time | None
    duration_minutes: int
    location: str
    online_link: str | None
    started_at: dt.datetime | None
    closed_at: dt.datetime | None
    signed_off_at: dt.datetime | None
    signed_off_by: str | None
    meeting_notes: str
    chair_name: str
    minute_taker_name: str
    case_id: str
    concern: str
    proceedings: ProceedingsType
    guardian_name: str | None
    child_ref: str
    child_name: str
    local_authority: str
    full_names_in_minutes: bool
    attendance: tuple[AttendanceGroup, ...]
    agenda: tuple[AgendaItemRow, ...]
    agency_information: tuple[AgencyInformationRow, ...]
    representation: tuple[RepresentationRow, ...]
    acknowledgements: tuple[AcknowledgementRow, ...]
    decision: decisions.DecisionRow | None
    agency_views: tuple[decisions.AgencyViewRow, ...]
    actions: tuple[ActionRow, ...]
    carried_over_actions: tuple[ActionRow, ...]
    timescales: TimescalesRow | None
    minutes_issues: tuple[MinutesIssueRow, ...]
    amendments: tuple[AmendmentRow, ...]
    gaps: tuple[str, ...]  # what still stops the meeting closing
    # The journey's parts (timeframe, safety plan, conference, discharge): kept only in
    # a signed record. None in a live record, and in one signed before they were kept:
    # the minutes then read those parts live (there is nothing else to read them from).
    journey: JourneyRecord | None = None
    # Whether the child is thought to pose a risk of harm to others; None until answered
    # (and in a record signed before it was asked).
    risk_to_others: RiskToOthersRow | None = None
    # A legal planning meeting's decision, with the pre-proceedings it started or ended.
    legal_planning: LegalPlanningRow | None = None

    @property
    def is_signed_off(self) -> bool:
        return self.status is MeetingStatus.SIGNED_OFF

    @property
    def is_online(self) -> bool:
        return bool(self.online_link)

    @property
    def latest_issue(self) -> MinutesIssueRow | None:
        return self.minutes_issues[-1] if self.minutes_issues else None


def _groups(rows: list[AttendeeRow]) -> tuple[AttendanceGroup, ...]:
    groups: dict[str | None, list[AttendeeRow]] = {}
    for row in rows:  # already in directory order, family last
        groups.setdefault(None if row.is_family else row.agency_id, []).append(row)
    return tuple(
        AttendanceGroup(
            key,
            members[0].agency_name if key is not None else FAMILY,
            members[0].statutory_role if key is not None else None,
            tuple(members),
        )
        for key, members in groups.items()
    )


def _as_at(rows: list[ActionRow], signed_off_at: dt.datetime | None) -> tuple[ActionRow, ...]:
    if signed_off_at is None:
        return tuple(rows)
    day = clock.local_date(signed_off_at)
    return tuple(
        dataclasses.replace(r, status=ActionStatus.OPEN, completed_on=None, outcome="")
        if r.completed_on is not None and r.completed_on > day
        else r
        for r in rows
    )


_SETTINGS = select(Setting).where(Setting.key.in_(("local_authority", "full_names_in_minutes")))


def _settings(session: Session) -> tuple[str, bool]:
    values = {row.key: row.value for row in session.scalars(_SETTINGS)}
    authority = printable(values.get("local_authority", ""))  # stored before it was checked?
    return authority, values.get("full_names_in_minutes") == "1"


def meeting_record(workspace: Workspace, *, meeting_id: str) -> MeetingRecord:
    """Everything recorded about one meeting, as plain frozen rows.

    Once signed off, that is the record as it was signed (with the minutes'
    issues and amendments since): later changes to the agencies, the child or
    the family do not reach it.
    """
    with workspace.reading() as session:
        meeting = get_meeting(session, meeting_id)
        frozen = session.scalar(select(SignedRecord).where(SignedRecord.meeting_id == meeting.id))
        if frozen is not None and meeting.status is MeetingStatus.SIGNED_OFF:
            record: MeetingRecord = from_json(MeetingRecord, frozen.content)
            return dataclasses.replace(
                record,
                minutes_issues=tuple(issue_rows(session, meeting.id)),
                amendments=tuple(amendment_rows(session, meeting.id)),
            )
        return record_of(session, meeting)


def freeze_record(session: Session, meeting: Meeting, reads: MeetingReads | None = None) -> None:
    """Keep ``meeting``'s record as it is now signed off (see :func:`meeting_record`);
    ``reads``, what signing off has read of it already (see :class:`MeetingReads`)."""
    record = record_of(session, meeting, reads)
    # A family member is listed with their relationship as it stood at sign-off.
    relationships = {
        m.id: m.relationship_to_child for m in meeting.case.child.family if m.relationship_to_child
    }
    attendance = tuple(
        dataclasses.replace(
            group,
            attendees=tuple(
                dataclasses.replace(a, role=relationships.get(a.family_member_id, ""))
                if a.family_member_id and not a.role
                else a
                for a in group.attendees
            ),
        )
        for group in record.attendance
    )
    journey = journey_record(
        lent(session),
        meeting_id=meeting.id,
        meeting_type=meeting.meeting_type,
        case_id=meeting.case_id,
        with_safety_plan=has_safety_plan_item(record),
        as_at=meeting.signed_off_at,
    )
    session.add(
        SignedRecord(
            meeting_id=meeting.id,
            signed_at=meeting.signed_off_at or clock.utcnow(),
            content=to_json(dataclasses.replace(record, attendance=attendance, journey=journey)),
        )
    )


def has_safety_plan_item(record: MeetingRecord) -> bool:
    """Whether the agenda has a safety plan item (an older review's only by its title)."""
    steps = steps_from_agenda(record.agenda, record.meeting_type)
    return any(step.kind is StepKind.SAFETY_PLAN for step in steps)


def refreeze_record(session: Session, meeting: Meeting) -> None:
    """Keep the signed record again after the demo has dated its history back."""
    frozen = session.scalar(select(SignedRecord).where(SignedRecord.meeting_id == meeting.id))
    if frozen is not None:
        session.delete(frozen)
        session.flush()
        freeze_record(session, meeting)


def record_of(
    session: Session, meeting: Meeting, reads: MeetingReads | None = None
) -> MeetingRecord:
    """The meeting's record as it stands in ``session`` now (``reads``, what the caller
    has read of it already in this transaction; see :class:`MeetingReads`)."""
    reads = reads or MeetingReads(session, meeting)
    case = meeting.case
    child = case.child
    local_authority, full_names = _settings(session)
    decision = reads.decision
    representation = reads.representation
    signed = meeting.signed_off_at if meeting.status is MeetingStatus.SIGNED_OFF else None
    return MeetingRecord(
        meeting_id=meeting.id,
        meeting_type=meeting.meeting_type,
        meeting_title=meeting.meeting_type.label,
        status=meeting.status,
        scheduled_date=meeting.scheduled_date,
        scheduled_time=meeting.scheduled_time,
        duration_minutes=meeting.duration_minutes,
        location=meeting.location,
        online_link=meeting.online_link,
        started_at=meeting.started_at,
        closed_at=meeting.closed_at,
        signed_off_at=meeting.signed_off_at,
        signed_off_by=meeting.signed_off_by,
        meeting_notes=meeting.notes,
        chair_name=meeting.chair_name,
        minute_taker_name=meeting.minute_taker_name,
        case_id=case.id,
        concern=case.concern,
        proceedings=case.proceedings,
        guardian_name=case.guardian_name,
        child_ref=child.la_child_ref,
        child_name=child.full_name,
        local_authority=local_authority,
        full_names_in_minutes=full_names,
        attendance=_groups(attendance_rows(session, meeting.id)),
        agenda=tuple(agenda_row(i) for i in meeting_items(session, meeting.id)),
        agency_information=reads.information,
        representation=tuple(representation),
        acknowledgements=tuple(r.acknowledgement for r in representation if r.acknowledgement),
        decision=decisions.decision_row(meeting.id, decision) if decision else None,
        agency_views=tuple(decisions.view_rows(session, meeting.id)),
        actions=_as_at(list(reads.actions), signed),
        carried_over_actions=_as_at(carried_over_rows(session, meeting), signed),
        timescales=timescales_row(session, meeting),
        minutes_issues=tuple(issue_rows(session, meeting.id)),
        amendments=tuple(amendment_rows(session, meeting.id)),
        gaps=tuple(b.message for b in find_blockers(facts_for(session, meeting, reads))),
        risk_to_others=risk_row(reads.risk),
        legal_planning=legal_row(session, meeting.id, reads.legal_decision),
    )
