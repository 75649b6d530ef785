"""Meetings: schedule one, and find one by its id.

A meeting's status moves only through the chair's own steps (start, close,
sign off, in ``app.services.conduct``), each with its rules. The meetings list
and its search are read in ``app.services.meeting_list``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from sqlalchemy import bindparam, select
from sqlalchemy.orm import Session

from app.errors import NotFound, ValidationError
from app.models import AgendaItem, AgendaTemplateItem, CaseEpisode, Meeting, MeetingType
from app.services.clocks import case_journey
from app.services.conduct.carry_over import carry_invitations
from app.services.conduct.invitations import default_invitations
from app.services.meeting_list import MeetingSummary, summary_of
from app.services.people import practitioner_named
from app.storage.workspace import Workspace
from app.validation import validated
from app.workflow.sections import missing_items

_TEMPLATE = (
    select(AgendaTemplateItem)
    .where(AgendaTemplateItem.meeting_type == bindparam("kind"))
    .order_by(AgendaTemplateItem.position)
)


@validated
def schedule_meeting(
    workspace: Workspace,
    *,
    case_id: str,
    meeting_type: MeetingType,
    scheduled_date: dt.date,
    scheduled_time: dt.time | None = None,
    location: str = "",
    online_link: str | None = None,
    chair_name: str = "",
    minute_taker_name: str = "",
    duration_minutes: int = 90,
    carry_attendance_ids: Sequence[str] | None = None,
) -> MeetingSummary:
    """A new scheduled meeting with its own copy of the area's agenda template.

    The four statutory agencies are invited (and, to a conference or a core
    group, the family members to be invited), see
    ``conduct.invitations.default_invitations``. A core group is refused
    for a case with no open child protection plan. With ``carry_attendance_ids``
    (the chair's choice from ``previous_invitees``) those people of the child's
    last meeting are invited again and the others left off.
    """
    with workspace.transaction() as session:
        meeting = schedule_in(
            session,
            case_id=case_id,
            meeting_type=meeting_type,
            scheduled_date=scheduled_date,
            scheduled_time=scheduled_time,
            location=location,
            online_link=online_link,
            chair_name=chair_name,
            minute_taker_name=minute_taker_name,
            duration_minutes=duration_minutes,
            carry_attendance_ids=carry_attendance_ids,
        )
        return summary_of(meeting)


def schedule_in(
    session: Session,
    *,
    case_id: str,
    meeting_type: MeetingType,
    scheduled_date: dt.date,
    scheduled_time: dt.time | None = None,
    location: str = "",
    online_link: str | None = None,
    chair_name: str = "",
    minute_taker_name: str = "",
    duration_minutes: int = 90,
    carry_attendance_ids: Sequence[str] | None = None,
) -> Meeting:
    """:func:`schedule_meeting`'s work in a caller's transaction (a contextual
    meeting schedules one meeting per child in one)."""
    if duration_minutes <= 0:
        raise ValidationError("The meeting must last at least a minute.")
    case = session.get(CaseEpisode, case_id)
    if case is None:
        raise NotFound("That case no longer exists.")
    if meeting_type is MeetingType.CORE_GROUP:
        _check_plan_open(session, case_id)
    template = [
        (i.title, i.guidance, i.kind) for i in session.scalars(_TEMPLATE, {"kind": meeting_type})
    ]
    meeting = Meeting(
        case_id=case_id,
        meeting_type=meeting_type,
        scheduled_date=scheduled_date,
        scheduled_time=scheduled_time,
        location=location.strip(),
        online_link=(online_link or "").strip() or None,
        chair_name=chair_name.strip(),
        chair_id=practitioner_named(session, chair_name),
        minute_taker_name=minute_taker_name.strip(),
        duration_minutes=duration_minutes,
    )
    session.add(meeting)
    # The meeting is written first: its agenda and invitations refer to it. Everything
    # they need is read before they are added, so that both are written (and their
    # audit entries made) in one go.
    session.flush()
    invitations = default_invitations(session, meeting, case)
    items = list(template)
    # A section the minutes must fill is never missing from the agenda. The
    # reason for the meeting comes after the introductions, where a reader
    # looks for it; any other goes before the last item (any other business).
    missing = missing_items(
        meeting_type,
        [title for title, _, _ in items],
        looked_after=case.looked_after,
    )
    for section in missing:
        at = min(1, len(items)) if section.key == "reason" else max(len(items) - 1, 0)
        items.insert(at, (section.title, section.guidance, "notes"))
    for position, (title, guidance, kind) in enumerate(items):
        session.add(
            AgendaItem(
                meeting_id=meeting.id,
                position=position,
                title=title,
                guidance=guidance,
                kind=kind,
            )
        )
    session.add_all(invitations)
    session.flush()
    if carry_attendance_ids is not None:
        carry_invitations(session, meeting, frozenset(carry_attendance_ids))
    session.flush()
    return meeting


def _check_plan_open(session: Session, case_id: str) -> None:
    """A core group works on a child protection plan: the case must have one open."""
    state = case_journey(session, case_id)
    if state is None or not state.has_open_plan:
        raise ValidationError(
            "A core group meeting can only be scheduled for a child on a child protection "
            "plan, and this case has no open plan. An initial child protection conference "
            "starts a plan."
        )


def get_meeting(workspace: Workspace, *, meeting_id: str) -> MeetingSummary:
    with workspace.reading() as session:
        meeting = session.get(Meeting, meeting_id)
        if meeting is None:
            raise NotFound(f"There is no meeting with the id {meeting_id}.")
        return summary_of(meeting)
