"""Meetings about several children linked by a context, held at one sitting.

Scheduling makes one meeting per child, each about the child's own case with its
own agenda, invitations, decision and minutes; a :class:`MeetingContext` ties
each to the context and to the sitting. The discussion of the context is copied
into each child's record, and may name none of the children; what the child's
parents do as partners in keeping him or her safe, and how the child took part,
are that child's own and may name no other child. Each call is one transaction.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Sequence

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.errors import NotFound, ValidationError
from app.models import (
    ActionOwnerContext,
    ActionStatus,
    CaseEpisode,
    Child,
    Context,
    ContextKind,
    ContextResponsible,
    Meeting,
    MeetingAction,
    MeetingContext,
    MeetingType,
    meeting_context_id,
    new_id,
)
from app.services.conduct._common import editable_meeting, get_meeting, required_text
from app.services.conduct.actions import ActionRow, action_rows
from app.services.context_names import check_no_child_named
from app.services.contexts import (
    DisruptionRow,
    ResponsibleRow,
    check_context_text,
    disruption_rows,
    link_in,
    responsible_rows,
)
from app.services.meeting_list import MeetingSummary, summary_of
from app.services.meetings import schedule_in
from app.storage.workspace import Workspace
from app.validation import validated

# A strategy meeting or a conference may be held about a context.
CONTEXTUAL_TYPES = frozenset({MeetingType.STRATEGY, MeetingType.ICPC, MeetingType.RCPC})


@dataclasses.dataclass(frozen=True)
class Sitting:
    sitting_id: str
    context_id: str
    meetings: tuple[MeetingSummary, ...]


@dataclasses.dataclass(frozen=True)
class MeetingContextView:
    """One child's meeting's view of its context: nothing here is another child's."""

    meeting_id: str
    context_id: str
    sitting_id: str
    kind: ContextKind
    name: str
    description: str
    responsible: tuple[ResponsibleRow, ...]
    disruption: tuple[DisruptionRow, ...]
    discussion: str
    parents_as_partners: str
    child_participation: str


def _meeting_context(session: Session, meeting_id: str) -> MeetingContext:
    row = session.get(MeetingContext, meeting_context_id(meeting_id))
    if row is None:
        raise NotFound("That meeting was not held about a context.")
    return row


def view_in(session: Session, meeting: Meeting) -> MeetingContextView | None:
    """The context part of ``meeting``'s record, the log as it stood on its day."""
    row = session.get(MeetingContext, meeting_context_id(meeting.id))
    if row is None:
        return None
    context = session.get(Context, row.context_id)
    assert context is not None
    return MeetingContextView(
        meeting.id,
        context.id,
        row.sitting_id,
        context.kind,
        context.name,
        context.description,
        responsible_rows(session, context.id, as_of=meeting.signed_off_at),
        disruption_rows(session, context.id, up_to=meeting.scheduled_date),
        row.discussion,
        row.parents_as_partners,
        row.child_participation,
    )


def meeting_context(workspace: Workspace, *, meeting_id: str) -> MeetingContextView | None:
    """The context the meeting was held about, or None for a meeting about one child alone."""
    with workspace.reading() as session:
        return view_in(session, get_meeting(session, meeting_id))


def has_context(workspace: Workspace, *, meeting_id: str) -> bool:
    """Whether the meeting was held about a context (one small read)."""
    with workspace.reading() as session:
        return session.get(MeetingContext, meeting_context_id(meeting_id)) is not None


def sitting_meetings(workspace: Workspace, *, sitting_id: str) -> list[MeetingSummary]:
    """The children's meetings held together at one sitting (for the chair only)."""
    with workspace.reading() as session:
        meetings = session.scalars(
            select(Meeting)
            .join(MeetingContext, MeetingContext.meeting_id == Meeting.id)
            .join(CaseEpisode, CaseEpisode.id == Meeting.case_id)
            .join(Child, Child.id == CaseEpisode.child_id)
            .where(MeetingContext.sitting_id == sitting_id)
            .order_by(Child.la_child_ref, Meeting.id)
        )
        return [summary_of(m) for m in meetings]


@validated
def schedule_contextual_meeting(
    workspace: Workspace,
    *,
    context_id: str,
    case_ids: Sequence[str],
    meeting_type: MeetingType,
    scheduled_date: dt.date,
    scheduled_time: dt.time | None = None,
    location: str = "",
    online_link: str | None = None,
    chair_name: str = "",
    minute_taker_name: str = "",
    duration_minutes: int = 90,
) -> Sitting:
    """One meeting per child's case about the context, at one sitting; each child is
    linked to the context if not already."""
    if meeting_type not in CONTEXTUAL_TYPES:
        raise ValidationError(
            "A meeting about a context is a strategy meeting or a child protection conference."
        )
    if len(set(case_ids)) < 2:
        raise ValidationError("Choose at least two children's cases for a meeting about a context.")
    with workspace.transaction() as session:
        context = session.get(Context, context_id)
        if context is None or context.retired:
            raise NotFound("That context is not recorded, or has been retired.")
        sitting = new_id()
        children = set()
        summaries = []
        for case_id in dict.fromkeys(case_ids):
            case = session.get(CaseEpisode, case_id)
            if case is None:
                raise NotFound("One of those cases no longer exists.")
            if case.child_id in children:
                raise ValidationError("Choose one case for each child.")
            children.add(case.child_id)
            link_in(session, context_id, case.child_id)
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
            )
            session.add(
                MeetingContext(
                    id=meeting_context_id(meeting.id),
                    meeting_id=meeting.id,
                    context_id=context_id,
                    sitting_id=sitting,
                )
            )
            summaries.append(summary_of(meeting))
        session.flush()
        check_context_text(session, context_id)  # the children just linked, too
        return Sitting(sitting, context_id, tuple(summaries))


@validated
def record_context_discussion(
    workspace: Workspace, *, meeting_id: str, discussion: str, whole_sitting: bool = True
) -> int:
    """What was said about the context (the place or group, never a child), in this
    child's record and, with ``whole_sitting``, in every other child's meeting of the
    sitting still open for changes. Returns how many records took it."""
    with workspace.transaction() as session:
        editable_meeting(session, meeting_id)
        row = _meeting_context(session, meeting_id)
        check_no_child_named(session, row.context_id, discussion, what="The discussion")
        rows = [row]
        if whole_sitting:
            rows = list(
                session.scalars(
                    select(MeetingContext)
                    .join(Meeting, Meeting.id == MeetingContext.meeting_id)
                    .where(MeetingContext.sitting_id == row.sitting_id)
                    .where(Meeting.status != "signed-off")
                )
            )
        for each in rows:
            each.discussion = discussion.strip()
        return len(rows)


@validated
def record_child_part(
    workspace: Workspace,
    *,
    meeting_id: str,
    parents_as_partners: str | None = None,
    child_participation: str | None = None,
) -> MeetingContextView:
    """This child's own part: the parents as partners in keeping the child safe, and
    how the child took part. Neither may name another child of the context."""
    with workspace.transaction() as session:
        meeting = editable_meeting(session, meeting_id)
        row = _meeting_context(session, meeting_id)
        own = meeting.case.child_id
        for text, what in (
            (parents_as_partners, "What the parents do as partners"),
            (child_participation, "How the child took part"),
        ):
            if text is not None:
                check_no_child_named(session, row.context_id, text, what=what, own_child_id=own)
        if parents_as_partners is not None:
            row.parents_as_partners = parents_as_partners.strip()
        if child_participation is not None:
            row.child_participation = child_participation.strip()
        session.flush()
        view = view_in(session, meeting)
        assert view is not None
        return view


@validated
def add_context_action(
    workspace: Workspace,
    *,
    meeting_id: str,
    responsible_id: str,
    description: str,
    due_date: dt.date | None = None,
) -> ActionRow:
    """An action for this child's meeting owned by a body responsible for its context."""
    description = required_text(description, "what the action is")
    with workspace.transaction() as session:
        meeting = editable_meeting(session, meeting_id)
        row = _meeting_context(session, meeting_id)
        owner = session.get(ContextResponsible, responsible_id)
        if owner is None or owner.context_id != row.context_id or owner.retired:
            raise NotFound("That body is not recorded as responsible for this context.")
        check_no_child_named(
            session,
            row.context_id,
            description,
            what="The action",
            own_child_id=meeting.case.child_id,
        )
        action = MeetingAction(
            case_id=meeting.case_id,
            meeting_id=meeting_id,
            description=description,
            owner_name=owner.name,
            due_date=due_date,
            status=ActionStatus.OPEN,
        )
        session.add(action)
        session.flush()
        session.add(ActionOwnerContext(action_id=action.id, responsible_id=owner.id))
        session.flush()
        return next(r for r in action_rows(session, meeting) if r.id == action.id)
