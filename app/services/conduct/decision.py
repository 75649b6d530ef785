"""The threshold decision: met or not, the outcome, why, and each agency's view.

``save_decision`` stores fields as they are typed. ``record_decision`` is the
chair confirming it: it needs an answer, an outcome and a rationale, and
stamps who decided and when. Changing the answer or the outcome afterwards
clears the stamp, so the decision must be recorded again (closing does so).
"""

from __future__ import annotations

import dataclasses
import datetime as dt

from sqlalchemy import bindparam, select
from sqlalchemy.orm import Session

from app import clock
from app.errors import NotFound, ValidationError
from app.models import (
    Agency,
    AgencyView,
    Meeting,
    MeetingStatus,
    ThresholdDecision,
    ThresholdOutcome,
)
from app.services.conduct._common import UNSET, Unset, editable_meeting, get_agency, get_meeting
from app.services.conduct.timescales import store_timescales
from app.storage.workspace import Workspace
from app.validation import validated


@dataclasses.dataclass(frozen=True)
class DecisionRow:
    meeting_id: str
    threshold_met: bool | None
    outcome: ThresholdOutcome | None
    rationale: str
    support_detail: str
    dissent: str
    decided_by: str | None
    decided_at: dt.datetime | None

    @property
    def outcome_label(self) -> str:
        return self.outcome.label if self.outcome else ""

    @property
    def starts_s47(self) -> bool:
        return bool(self.outcome and self.outcome.starts_s47)

    @property
    def recorded(self) -> bool:
        return self.decided_at is not None


@dataclasses.dataclass(frozen=True)
class AgencyViewRow:
    id: str
    agency_id: str
    agency_name: str
    agrees: bool
    comment: str


def decision_row(meeting_id: str, decision: ThresholdDecision | None) -> DecisionRow:
    if decision is None:
        return DecisionRow(meeting_id, None, None, "", "", "", None, None)
    return DecisionRow(
        meeting_id,
        decision.threshold_met,
        decision.outcome,
        decision.rationale,
        decision.support_detail,
        decision.dissent,
        decision.decided_by,
        decision.decided_at,
    )


# Built once: the meeting's decision is read at every step of a meeting.
_DECISION = select(ThresholdDecision).where(ThresholdDecision.meeting_id == bindparam("meeting"))
_VIEWS = (
    select(AgencyView, Agency)
    .join(Agency, Agency.id == AgencyView.agency_id)
    .where(AgencyView.meeting_id == bindparam("meeting"))
    .order_by(Agency.sort_order, Agency.name)
)


def find_decision(session: Session, meeting_id: str) -> ThresholdDecision | None:
    return session.scalar(_DECISION, {"meeting": meeting_id})


def view_rows(session: Session, meeting_id: str) -> list[AgencyViewRow]:
    pairs = session.execute(_VIEWS, {"meeting": meeting_id}).all()
    return [AgencyViewRow(v.id, v.agency_id, a.name, v.agrees, v.comment) for v, a in pairs]


NOT_STARTED = (
    "This meeting has not started. Start it before recording a decision: "
    "a decision is made at a meeting that is being held."
)
NO_CHAIR = (
    "Set the chair's name for this meeting before recording a decision: decisions and "
    "sign-offs name the chair, never a login name."
)


def require_started(meeting: Meeting) -> None:
    """Refuse a decision on a meeting still only scheduled."""
    if meeting.status is MeetingStatus.SCHEDULED:
        raise ValidationError(NOT_STARTED)


def deciding_chair(meeting: Meeting) -> str:
    """The name that decisions and sign-offs carry: the meeting's chair, who must be named."""
    name = meeting.chair_name.strip()
    if not name:
        raise ValidationError(NO_CHAIR)
    return name


def stamp_decision(session: Session, meeting: Meeting, decision: ThresholdDecision) -> None:
    """Check the decision is complete, say who made it and when, and store the clocks."""
    require_started(meeting)
    chair = deciding_chair(meeting)
    if decision.threshold_met is None or decision.outcome is None or not decision.rationale.strip():
        raise ValidationError(
            "Record whether the threshold is met, the outcome and the rationale "
            "before confirming the decision."
        )
    decision.decided_by = chair
    decision.decided_at = clock.utcnow()
    store_timescales(session, meeting)


def get_decision(workspace: Workspace, *, meeting_id: str) -> DecisionRow:
    """The decision so far (every field empty when nothing is recorded yet)."""
    with workspace.reading() as session:
        get_meeting(session, meeting_id)
        return decision_row(meeting_id, find_decision(session, meeting_id))


@validated
def save_decision(
    workspace: Workspace,
    *,
    meeting_id: str,
    threshold_met: bool | Unset | None = UNSET,
    outcome: ThresholdOutcome | Unset | None = UNSET,
    rationale: str | None = None,
    support_detail: str | None = None,
    dissent: str | None = None,
) -> DecisionRow:
    """Store what is given (None, or UNSET, leaves a field as it is)."""
    with workspace.transaction() as session:
        require_started(editable_meeting(session, meeting_id))
        decision = find_decision(session, meeting_id)
        if decision is None:
            decision = ThresholdDecision(
                meeting_id=meeting_id, rationale="", support_detail="", dissent=""
            )
            session.add(decision)
        changed_answer = False
        if threshold_met is not UNSET and decision.threshold_met != threshold_met:
            decision.threshold_met = threshold_met
            changed_answer = True
        if outcome is not UNSET and decision.outcome != outcome:
            decision.outcome = outcome
            changed_answer = True
        if changed_answer and decision.decided_at is not None:
            decision.decided_by = decision.decided_at = None
        for field, value in (
            ("rationale", rationale),
            ("support_detail", support_detail),
            ("dissent", dissent),
        ):
            if value is not None and getattr(decision, field) != value:
                setattr(decision, field, value)
        session.flush()
        return decision_row(meeting_id, decision)


@validated
def record_decision(workspace: Workspace, *, meeting_id: str) -> DecisionRow:
    """The chair confirms the decision: stamps who and when, and stores the timescales."""
    with workspace.transaction() as session:
        meeting = editable_meeting(session, meeting_id)
        decision = find_decision(session, meeting_id)
        if decision is None:
            raise ValidationError("There is no decision to confirm yet. Record the outcome first.")
        stamp_decision(session, meeting, decision)
        return decision_row(meeting_id, decision)


def list_agency_views(workspace: Workspace, *, meeting_id: str) -> list[AgencyViewRow]:
    with workspace.reading() as session:
        return view_rows(session, meeting_id)


@validated
def set_agency_view(
    workspace: Workspace, *, meeting_id: str, agency_id: str, agrees: bool, comment: str = ""
) -> AgencyViewRow:
    """Record whether an agency agrees with the decision, and its comment."""
    with workspace.transaction() as session:
        editable_meeting(session, meeting_id)
        agency = get_agency(session, agency_id)
        view = session.scalar(
            select(AgencyView).where(
                AgencyView.meeting_id == meeting_id, AgencyView.agency_id == agency_id
            )
        )
        if view is None:
            view = AgencyView(meeting_id=meeting_id, agency_id=agency_id, agrees=agrees)
            session.add(view)
        view.agrees = agrees
        if view.comment != comment.strip():
            view.comment = comment.strip()
        session.flush()
        return AgencyViewRow(view.id, agency_id, agency.name, view.agrees, view.comment)


@validated
def remove_agency_view(workspace: Workspace, *, meeting_id: str, agency_id: str) -> None:
    with workspace.transaction() as session:
        editable_meeting(session, meeting_id)
        view = session.scalar(
            select(AgencyView).where(
                AgencyView.meeting_id == meeting_id, AgencyView.agency_id == agency_id
            )
        )
        if view is None:
            raise NotFound("That agency's view is not recorded at this meeting.")
        session.delete(view)
