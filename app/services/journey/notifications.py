"""Who must be told what after a meeting, and the log of the letters that went out.

- A closed strategy meeting: its outcome, to every agency involved in it.
- A scheduled conference (ICPC or review): an invitation to each invitee, agencies
  and family members alike.
- A closed conference: its outcome, to the agencies involved and the family
  members invited; when a review conference ends the plan, the discharge
  decision instead, to every agency involved with the child and to the parents
  and carers who were invited to the initial conference.

- A closed five-day review that puts the initial conference back or finds it
  not needed: a letter to the parents and carers, saying so. (When the
  conference goes ahead in time, its invitations are the letters.) Family invitees are the family members on a conference's
invitation list; where none were recorded there, those marked "invite to
conferences" on the child's record.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Sequence

from sqlalchemy import select
from sqlalchemy.orm import Session

from app import clock
from app.errors import NotFound, ValidationError
from app.models import (
    Agency,
    AgencyAttendance,
    AttendanceStatus,
    ConferenceOutcome,
    FamilyMember,
    IcpcTimeframe,
    IcpcTimeframeDecision,
    Meeting,
    MeetingAction,
    MeetingStatus,
    MeetingType,
    Notification,
    NotificationKind,
    RecipientRole,
)
from app.services.clocks import case_journey
from app.services.journey import plan as plans
from app.services.journey._shared import latest_plan, required_text
from app.storage import audit
from app.storage.workspace import Workspace
from app.validation import validated

SEND_ROUTES = ("Post", "Secure email", "By hand", "Secure portal")
CLOSED = (MeetingStatus.CLOSED, MeetingStatus.SIGNED_OFF)


@dataclasses.dataclass(frozen=True)
class Recipient:
    """Someone who must be told: one letter each (one per agency, one per family member)."""

    kind: NotificationKind
    role: RecipientRole
    name: str
    agency_id: str | None = None
    agency_name: str = ""
    family_member_id: str | None = None
    relationship: str = ""

    @property
    def key(self) -> tuple[str, str, str]:
        return (self.kind.value, self.role.value, self.agency_id or self.family_member_id or "")


@dataclasses.dataclass(frozen=True)
class NotificationRow:
    id: str
    meeting_id: str
    kind: NotificationKind
    role: RecipientRole
    recipient_name: str
    agency_id: str | None
    family_member_id: str | None
    generated_at: dt.datetime | None
    file_name: str | None
    sent_at: dt.datetime | None
    sent_route: str | None
    sent_by: str | None

    @property
    def sent(self) -> bool:
        return self.sent_at is not None


@dataclasses.dataclass(frozen=True)
class GeneratedLetter:
    recipient: Recipient
    file_name: str


def _row(n: Notification) -> NotificationRow:
    return NotificationRow(
        n.id,
        n.meeting_id,
        n.kind,
        n.role,
        n.recipient_name,
        n.agency_id,
        n.family_member_id,
        n.generated_at,
        n.file_name,
        n.sent_at,
        n.sent_route,
        n.sent_by,
    )


# -- who must be told --------------------------------------------------------
def _agency_recipients(
    session: Session,
    kind: NotificationKind,
    meetings: Sequence[Meeting],
    also: Sequence[str] = (),
) -> list[Recipient]:
    """One recipient per agency involved in ``meetings``, addressed to its latest named person."""
    ids = [m.id for m in meetings]
    named: dict[str, str] = {}
    order: list[str] = []
    rows = session.scalars(
        select(AgencyAttendance)
        .join(Meeting, Meeting.id == AgencyAttendance.meeting_id)
        .where(AgencyAttendance.meeting_id.in_(ids), AgencyAttendance.agency_id.is_not(None))
        .order_by(Meeting.scheduled_date, AgencyAttendance.created_at)
    )
    for row in rows:
        assert row.agency_id is not None
        if row.agency_id not in order:
            order.append(row.agency_id)
        if row.name.strip() and row.status is not AttendanceStatus.DID_NOT_ATTEND:
            named[row.agency_id] = row.name.strip()
    owners = session.scalars(
        select(MeetingAction.owner_agency_id).where(
            MeetingAction.meeting_id.in_(ids), MeetingAction.owner_agency_id.is_not(None)
        )
    )
    for agency_id in [*owners, *also]:
        if agency_id is not None and agency_id not in order:
            order.append(agency_id)
    agencies = {a.id: a for a in session.scalars(select(Agency).where(Agency.id.in_(order)))}
    order.sort(key=lambda a: (agencies[a].sort_order, agencies[a].name))
    return [
        Recipient(
            kind,
            RecipientRole.AGENCY,
            named.get(agency_id, agencies[agency_id].name),
            agency_id=agency_id,
            agency_name=agencies[agency_id].name,
        )
        for agency_id in order
    ]


def invited_family(session: Session, meeting: Meeting) -> list[FamilyMember]:
    """The family members invited to ``meeting`` (see the module's note on the fallback)."""
    ids = list(
        session.scalars(
            select(AgencyAttendance.family_member_id).where(
                AgencyAttendance.meeting_id == meeting.id,
                AgencyAttendance.family_member_id.is_not(None),
            )
        )
    )
    query = select(FamilyMember).where(FamilyMember.child_id == meeting.case.child_id)
    if ids:
        query = query.where(FamilyMember.id.in_(ids))
    else:
        query = query.where(
            FamilyMember.invite_to_conferences.is_(True), FamilyMember.retired_at.is_(None)
        )
    return list(session.scalars(query.order_by(FamilyMember.name)))


def _family_recipients(kind: NotificationKind, members: Sequence[FamilyMember]) -> list[Recipient]:
    return [
        Recipient(
            kind,
            RecipientRole.PARENT_CARER,
            m.name,
            family_member_id=m.id,
            relationship=m.relationship_to_child,
        )
        for m in members
    ]


def letters_refused(session: Session, meeting: Meeting) -> str | None:
    """Why no letter may go out about ``meeting``, where the journey forbids one.

    Where the case stood on the meeting's date is the journey rules' answer
    (``app.workflow.clocks``, over the records of that day): no invitation to an initial conference once no further action was decided or
    the review found no conference needed, and none to a review conference
    without an open plan.
    """
    if meeting.status is not MeetingStatus.SCHEDULED:
        return None
    if meeting.meeting_type not in (MeetingType.ICPC, MeetingType.RCPC):
        return None
    state = case_journey(session, meeting.case_id, on=meeting.scheduled_date)
    assert state is not None  # the meeting's case exists
    if meeting.meeting_type is MeetingType.ICPC and (
        state.no_further_action or state.icpc_not_needed
    ):
        return (
            "No invitations to this initial child protection conference: the strategy "
            "discussion decided no further action under section 47 (or the review that no "
            "conference is needed). Cancel the conference instead."
        )
    if meeting.meeting_type is MeetingType.RCPC and not state.has_open_plan:
        return (
            "No invitations to this review conference: the child is not on a child "
            "protection plan. A review conference reviews a plan."
        )
    return None


def recipients_for(session: Session, meeting: Meeting) -> list[Recipient]:
    """Who must be told about ``meeting`` as it stands (empty when nobody need be, yet,
    or the journey forbids a letter: see :func:`letters_refused`)."""
    conference = meeting.meeting_type in (MeetingType.ICPC, MeetingType.RCPC)
    if letters_refused(session, meeting) is not None:
        return []
    if conference and meeting.status is MeetingStatus.SCHEDULED:
        kind = NotificationKind.CONFERENCE_INVITATION
        return _agency_recipients(session, kind, [meeting]) + _family_recipients(
            kind, invited_family(session, meeting)
        )
    if meeting.status not in CLOSED:
        return []
    if meeting.meeting_type is MeetingType.STRATEGY:
        return _agency_recipients(session, NotificationKind.STRATEGY_OUTCOME, [meeting])
    if meeting.meeting_type is MeetingType.REVIEW:
        timeframe = session.scalar(
            select(IcpcTimeframeDecision.timeframe).where(
                IcpcTimeframeDecision.meeting_id == meeting.id
            )
        )
        if timeframe not in (IcpcTimeframe.EXTENDED, IcpcTimeframe.NOT_NEEDED):
            return []
        kind = NotificationKind.REVIEW_DECISION
        return _family_recipients(kind, invited_family(session, meeting))
    if not conference:
        return []
    decision = plans.decision_for(session, meeting.id)
    if decision is not None and decision.outcome is ConferenceOutcome.END_PLAN:
        return discharge_recipients(session, meeting)
    kind = NotificationKind.CONFERENCE_OUTCOME
    return _agency_recipients(session, kind, [meeting]) + _family_recipients(
        kind, invited_family(session, meeting)
    )


def discharge_recipients(session: Session, meeting: Meeting) -> list[Recipient]:
    """Every agency involved with the child, and the parents and carers invited to the ICPC."""
    kind = NotificationKind.DISCHARGE_DECISION
    case_meetings = list(
        session.scalars(
            select(Meeting).where(
                Meeting.case_id == meeting.case_id,
                Meeting.scheduled_date <= meeting.scheduled_date,
            )
        )
    )
    plan = latest_plan(session, meeting.case_id, meeting.scheduled_date)
    core_group = [
        member["agency_id"]
        for m in case_meetings
        if (decision := plans.decision_for(session, m.id)) is not None
        for member in decision.core_group or []
        if member.get("agency_id")
    ]
    agencies = _agency_recipients(session, kind, case_meetings, core_group)
    icpc = session.get(Meeting, plan.icpc_meeting_id) if plan and plan.icpc_meeting_id else None
    family = invited_family(session, icpc) if icpc is not None else []
    return agencies + _family_recipients(kind, family)


def required_notifications(workspace: Workspace, *, meeting_id: str) -> list[Recipient]:
    """Who must be told what about this meeting, agencies first, then family members."""
    with workspace.reading() as session:
        meeting = session.get(Meeting, meeting_id)
        if meeting is None:
            raise NotFound("That meeting no longer exists. It may have been deleted.")
        return recipients_for(session, meeting)


# -- the log -----------------------------------------------------------------
def notification_log(workspace: Workspace, *, meeting_id: str) -> list[NotificationRow]:
    """Every letter generated for the meeting, oldest first, with when and how it was sent."""
    with workspace.reading() as session:
        rows = session.scalars(
            select(Notification)
            .where(Notification.meeting_id == meeting_id)
            .order_by(Notification.created_at, Notification.file_name, Notification.recipient_name)
        )
        return [_row(n) for n in rows]


def _same_recipient(n: Notification, r: Recipient) -> bool:
    return (n.kind, n.role, n.agency_id, n.family_member_id) == (
        r.kind,
        r.role,
        r.agency_id,
        r.family_member_id,
    )


def log_letters(
    session: Session, *, meeting_id: str, letters: Sequence[GeneratedLetter]
) -> list[Notification]:
    """In the caller's transaction: log letters just written (see :func:`record_letters`)."""
    now = clock.utcnow()
    if session.get(Meeting, meeting_id) is None:
        raise NotFound("That meeting no longer exists. It may have been deleted.")
    existing = list(
        session.scalars(select(Notification).where(Notification.meeting_id == meeting_id))
    )
    logged = []
    for letter in letters:
        r = letter.recipient
        row = next((n for n in existing if n.sent_at is None and _same_recipient(n, r)), None)
        if row is None:
            row = Notification(
                meeting_id=meeting_id,
                kind=r.kind,
                role=r.role,
                agency_id=r.agency_id,
                family_member_id=r.family_member_id,
            )
            session.add(row)
        row.recipient_name = r.name
        row.generated_at = now
        row.file_name = letter.file_name
        logged.append(row)
    session.flush()
    audit.append(session, table="meeting", record_id=meeting_id, action="export-notifications")
    return logged


@validated
def record_letters(
    workspace: Workspace, *, meeting_id: str, letters: Sequence[GeneratedLetter]
) -> list[NotificationRow]:
    """Log letters just written: a letter not yet sent is replaced by its new version;
    one already sent stays in the log and the new version gets an entry of its own."""
    with workspace.transaction() as session:
        return [_row(n) for n in log_letters(session, meeting_id=meeting_id, letters=letters)]


@validated
def mark_sent(
    workspace: Workspace,
    *,
    notification_id: str,
    route: str,
    sent_at: dt.datetime | None = None,
) -> NotificationRow:
    """Record that a letter went out, when (now by default) and by what route."""
    how = required_text(route, "Say how the letter was sent, for example by post or secure email.")
    when = sent_at or clock.utcnow()
    if when.tzinfo is None:
        raise ValidationError("Give the time the letter was sent with its time zone.")
    if when > clock.utcnow():
        raise ValidationError("The letter cannot have been sent in the future. Check the date.")
    with workspace.transaction() as session:
        row = session.get(Notification, notification_id)
        if row is None:
            raise NotFound("That letter is no longer in the log.")
        if row.generated_at is not None and when < row.generated_at:
            raise ValidationError(
                "That is before the letter was written. Check the date it was sent."
            )
        row.sent_at = when
        row.sent_route = how
        row.sent_by = workspace.actor
        session.flush()
        return _row(row)
