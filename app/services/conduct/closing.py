"""Starting and closing a meeting, and the closing summary: what is recorded, what is missing.

The gaps are the workflow's blockers (app.workflow.blockers), judged from the
same facts in the UI and here, so the summary, the meeting view and
``close_meeting`` always agree.
"""

from __future__ import annotations

import dataclasses
import datetime as dt

from sqlalchemy import select
from sqlalchemy.orm import Session

from app import clock
from app.errors import ValidationError
from app.models import (
    ActionStatus,
    AgencyAttendance,
    AgendaItem,
    AttendanceStatus,
    Meeting,
    MeetingStatus,
    MeetingType,
)
from app.services.conduct import decision as decisions
from app.services.conduct._common import editable_meeting, get_meeting
from app.services.conduct.actions import action_rows, carried_over_rows
from app.services.conduct.information import information_rows
from app.services.conduct.legal_planning import find_legal_decision
from app.services.conduct.representation import representation_rows
from app.services.conduct.risk_to_others import find_risk, risk_in
from app.services.conduct.timescales import store_timescales, timescales_row
from app.storage.workspace import Workspace
from app.validation import validated
from app.workdays import long_date
from app.workflow import (
    ActionFacts,
    Blocker,
    MeetingFacts,
    StatutoryPresence,
    find_blockers,
    journey_gap,
)
from app.workflow.legal_planning import needs_statutory_agencies
from app.workflow.risk_to_others import asked_at
from app.workflow.sections import SectionFacts, empty_sections


@dataclasses.dataclass(frozen=True)
class SummaryLine:
    heading: str
    text: str
    complete: bool = True


@dataclasses.dataclass(frozen=True)
class ClosingSummary:
    meeting_id: str
    status: MeetingStatus
    lines: tuple[SummaryLine, ...]
    blockers: tuple[Blocker, ...]

    @property
    def can_close(self) -> bool:
        return not self.blockers


def _empty_sections(session: Session, meeting: Meeting) -> tuple[str, ...]:
    items = session.execute(
        select(AgendaItem.title, AgendaItem.notes).where(AgendaItem.meeting_id == meeting.id)
    ).all()
    return tuple(
        empty_sections(
            meeting.meeting_type,
            [SectionFacts(title, bool(notes.strip())) for title, notes in items],
            has_information=bool(information_rows(session, meeting.id)),
            looked_after=meeting.case.looked_after,
        )
    )


def facts_for(session: Session, meeting: Meeting) -> MeetingFacts:
    """The snapshot of a meeting's records that the blockers judge."""
    decision = decisions.find_decision(session, meeting.id)
    return MeetingFacts(
        empty_sections=_empty_sections(session, meeting),
        decision_required=meeting.meeting_type is MeetingType.STRATEGY,
        threshold_met=decision.threshold_met if decision else None,
        has_outcome=bool(decision and decision.outcome),
        has_rationale=bool(decision and decision.rationale.strip()),
        # A legal planning meeting is the local authority's: no agency need attend.
        statutory=tuple(
            StatutoryPresence(r.role, r.agency_name, r.represented, r.acknowledgement is not None)
            for r in representation_rows(session, meeting.id)
            if needs_statutory_agencies(meeting.meeting_type)
        ),
        actions=tuple(
            ActionFacts(a.id, a.number, bool(a.owner_name.strip()), a.due_date is not None)
            for a in action_rows(session, meeting)
            if a.status is not ActionStatus.CANCELLED
        ),
        legal_decision_missing=(
            meeting.meeting_type is MeetingType.LEGAL_PLANNING
            and find_legal_decision(session, meeting.id) is None
        ),
        risk_to_others_missing=(
            asked_at(meeting.meeting_type) and find_risk(session, meeting.id) is None
        ),
    )


def _with_journey_gaps(session: Session, meeting: Meeting) -> MeetingFacts:
    """The facts plus what a review or conference still lacks, so the services refuse
    to close it as the meeting view does (the command line goes through here too)."""
    from app.services.journey.gaps import gaps_for

    gaps = tuple(journey_gap(meeting.meeting_type, g) for g in gaps_for(session, meeting))
    return dataclasses.replace(facts_for(session, meeting), journey_gaps=gaps)


def meeting_facts(workspace: Workspace, *, meeting_id: str) -> MeetingFacts:
    """A fresh snapshot for ``MeetingFlow.update_facts`` after each change."""
    with workspace.reading() as session:
        return facts_for(session, get_meeting(session, meeting_id))


def _count(n: int, one: str, many: str | None = None) -> str:
    return f"{n} {one if n == 1 else (many or one + 's')}"


def _lines(session: Session, meeting: Meeting) -> list[SummaryLine]:
    statuses = list(
        session.scalars(
            select(AgencyAttendance.status).where(AgencyAttendance.meeting_id == meeting.id)
        )
    )
    tally = ", ".join(
        f"{sum(1 for s in statuses if s is status)} {status.label.lower()}"
        for status in AttendanceStatus
        if status in statuses
    )
    lines = [SummaryLine("Attendance", tally or "Nobody is on the list.", bool(statuses))]
    missing = [r for r in representation_rows(session, meeting.id) if not r.represented]
    lines.append(
        SummaryLine(
            "Statutory agencies",
            "All four are represented."
            if not missing
            else "; ".join(
                f"{r.agency_name} not represented "
                + ("(reason recorded)" if r.acknowledgement else "(no reason recorded)")
                for r in missing
            ),
            all(r.acknowledgement for r in missing),
        )
    )
    notes = list(
        session.scalars(select(AgendaItem.notes).where(AgendaItem.meeting_id == meeting.id))
    )
    with_notes = sum(1 for n in notes if n.strip())
    lines.append(SummaryLine("Agenda notes", f"{with_notes} of {len(notes)} items have notes."))
    info = information_rows(session, meeting.id)
    restricted = sum(1 for i in info if i.restricted)
    lines.append(
        SummaryLine(
            "Agency information",
            f"{_count(len(info), 'agency', 'agencies')} shared information"
            + (f" ({restricted} restricted)." if restricted else "."),
        )
    )
    if asked_at(meeting.meeting_type):
        risk = risk_in(session, meeting.id)
        lines.append(
            SummaryLine(
                "Risk to others",
                "Not recorded." if risk is None else f"{risk.assessment.label}.",
                risk is not None,
            )
        )
    if meeting.meeting_type is MeetingType.STRATEGY:
        d = decisions.decision_row(meeting.id, decisions.find_decision(session, meeting.id))
        met = {True: "met", False: "not met", None: "not answered"}[d.threshold_met]
        lines.append(
            SummaryLine(
                "Threshold decision",
                f"Threshold {met}. Outcome: {d.outcome_label or 'not chosen'}.",
                d.threshold_met is not None and d.outcome is not None,
            )
        )
        lines.append(
            SummaryLine(
                "Rationale",
                "Recorded." if d.rationale.strip() else "Missing.",
                bool(d.rationale.strip()),
            )
        )
        views = decisions.view_rows(session, meeting.id)
        disagree = sum(1 for v in views if not v.agrees)
        lines.append(
            SummaryLine(
                "Agency views",
                f"{_count(len(views), 'view')} recorded, {disagree} disagreeing."
                + (" Dissent recorded." if d.dissent.strip() else ""),
            )
        )
    actions = [a for a in action_rows(session, meeting) if a.status is not ActionStatus.CANCELLED]
    complete = sum(1 for a in actions if a.owner_name.strip() and a.due_date)
    carried = sum(1 for a in carried_over_rows(session, meeting) if a.is_open)
    lines.append(
        SummaryLine(
            "Actions",
            f"{_count(len(actions), 'action')} agreed, {complete} with an owner and a date; "
            f"{carried} carried over still open.",
            complete == len(actions),
        )
    )
    due = timescales_row(session, meeting)
    if due is not None:
        lines.append(
            SummaryLine(
                "Timescales",
                f"Review due {long_date(due.review_due)}; initial child protection conference "
                f"due {long_date(due.icpc_due)}; assessment due {long_date(due.assessment_due)} "
                f"(counted {due.as_timescales().assessment_counted_from}).",
            )
        )
    return lines


def closing_summary(workspace: Workspace, *, meeting_id: str) -> ClosingSummary:
    """Everything recorded, a line per part, and the gaps that stop closing."""
    with workspace.reading() as session:
        meeting = get_meeting(session, meeting_id)
        return ClosingSummary(
            meeting.id,
            meeting.status,
            tuple(_lines(session, meeting)),
            tuple(find_blockers(facts_for(session, meeting))),
        )


@validated
def start_meeting(workspace: Workspace, *, meeting_id: str) -> dt.datetime:
    """Start a scheduled meeting now (an in-progress one keeps its start). The start time."""
    with workspace.transaction() as session:
        meeting = editable_meeting(session, meeting_id)
        if meeting.status is MeetingStatus.CLOSED:
            raise ValidationError("This meeting is closed. Its records can still be corrected.")
        if meeting.status is MeetingStatus.SCHEDULED:
            meeting.status = MeetingStatus.IN_PROGRESS
        if meeting.started_at is None:
            meeting.started_at = clock.utcnow()
        return meeting.started_at


@validated
def close_meeting(workspace: Workspace, *, meeting_id: str) -> ClosingSummary:
    """Close the meeting, if nothing blocks it; ValidationError lists what does.

    Confirms the decision if the chair has not, and stores the timescales.
    """
    with workspace.transaction() as session:
        meeting = editable_meeting(session, meeting_id)
        if meeting.status is MeetingStatus.CLOSED:
            raise ValidationError("This meeting is already closed. Sign off the minutes next.")
        blockers = find_blockers(_with_journey_gaps(session, meeting))
        if blockers:
            raise ValidationError(
                "The meeting cannot close yet: " + " ".join(b.message for b in blockers)
            )
        decision = decisions.find_decision(session, meeting.id)
        if meeting.meeting_type is MeetingType.STRATEGY and decision and not decision.decided_at:
            decisions.stamp_decision(session, meeting, decision)
        store_timescales(session, meeting)
        now = clock.utcnow()
        meeting.started_at = meeting.started_at or now
        meeting.status = MeetingStatus.CLOSED
        meeting.closed_at = now
        session.flush()
        return ClosingSummary(meeting.id, meeting.status, tuple(_lines(session, meeting)), ())
