"""Starting and closing a meeting, and the closing summary: what is recorded, what is missing.

The gaps are the workflow's blockers (app.workflow.blockers), judged from the
same facts in the UI and here, so the summary, the meeting view and
``close_meeting`` always agree.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools

from sqlalchemy import bindparam, select
from sqlalchemy.orm import Session

from app import clock
from app.errors import ValidationError
from app.models import (
    ActionStatus,
    AgencyAttendance,
    AgendaItem,
    AttendanceStatus,
    LegalPlanningDecision,
    Meeting,
    MeetingStatus,
    MeetingType,
    RiskToOthers,
    ThresholdDecision,
)
from app.services.conduct import decision as decisions
from app.services.conduct._common import editable_meeting, get_meeting
from app.services.conduct.actions import ActionRow, action_rows, carried_over_rows
from app.services.conduct.information import AgencyInformationRow, information_rows
from app.services.conduct.legal_planning import find_legal_decision
from app.services.conduct.representation import RepresentationRow, representation_rows
from app.services.conduct.risk_to_others import find_risk, risk_row
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


_AGENDA_NOTES = select(AgendaItem.title, AgendaItem.notes).where(
    AgendaItem.meeting_id == bindparam("meeting")
)
_ATTENDANCE_STATUSES = select(AgencyAttendance.status).where(
    AgencyAttendance.meeting_id == bindparam("meeting")
)


class MeetingReads:
    """What the blockers, the closing summary and the record read of one meeting, each
    read once however many of them one service call builds (closing judges the blockers
    and then sums up; signing off judges them and then keeps the record).

    Read when first asked for, in the caller's transaction. Only for as long as the call
    changes none of it: closing and signing off change the meeting's status, the
    decision's stamp and the timescales, and read those afresh (the decision is the
    record itself, not a copy, so its stamp shows).
    """

    def __init__(self, session: Session, meeting: Meeting) -> None:
        self.session = session
        self.meeting = meeting

    @functools.cached_property
    def decision(self) -> ThresholdDecision | None:
        return decisions.find_decision(self.session, self.meeting.id)

    @functools.cached_property
    def agenda_notes(self) -> tuple[tuple[str, str], ...]:
        """Each agenda item's title and notes."""
        items = self.session.execute(_AGENDA_NOTES, {"meeting": self.meeting.id}).all()
        return tuple((title, notes) for title, notes in items)

    @functools.cached_property
    def information(self) -> tuple[AgencyInformationRow, ...]:
        return tuple(information_rows(self.session, self.meeting.id))

    @functools.cached_property
    def representation(self) -> tuple[RepresentationRow, ...]:
        return tuple(representation_rows(self.session, self.meeting.id))

    @functools.cached_property
    def actions(self) -> tuple[ActionRow, ...]:
        return tuple(action_rows(self.session, self.meeting))

    @functools.cached_property
    def risk(self) -> RiskToOthers | None:
        return find_risk(self.session, self.meeting.id)

    @functools.cached_property
    def legal_decision(self) -> LegalPlanningDecision | None:
        return find_legal_decision(self.session, self.meeting.id)


def _empty_sections(reads: MeetingReads) -> tuple[str, ...]:
    meeting = reads.meeting
    items = reads.agenda_notes
    return tuple(
        empty_sections(
            meeting.meeting_type,
            [SectionFacts(title, bool(notes.strip())) for title, notes in items],
            has_information=bool(reads.information),
            looked_after=meeting.case.looked_after,
        )
    )


def facts_for(
    session: Session, meeting: Meeting, reads: MeetingReads | None = None
) -> MeetingFacts:
    """The snapshot of a meeting's records that the blockers judge (from ``reads``,
    where the caller reads the same meeting for more than the blockers)."""
    reads = reads or MeetingReads(session, meeting)
    decision = reads.decision
    return MeetingFacts(
        empty_sections=_empty_sections(reads),
        decision_required=meeting.meeting_type is MeetingType.STRATEGY,
        threshold_met=decision.threshold_met if decision else None,
        has_outcome=bool(decision and decision.outcome),
        has_rationale=bool(decision and decision.rationale.strip()),
        # A legal planning meeting is the local authority's: no agency need attend.
        statutory=tuple(
            StatutoryPresence(r.role, r.agency_name, r.represented, r.acknowledgement is not None)
            for r in reads.representation
            if needs_statutory_agencies(meeting.meeting_type)
        ),
        actions=tuple(
            ActionFacts(a.id, a.number, bool(a.owner_name.strip()), a.due_date is not None)
            for a in reads.actions
            if a.status is not ActionStatus.CANCELLED
        ),
        legal_decision_missing=(
            meeting.meeting_type is MeetingType.LEGAL_PLANNING and reads.legal_decision is None
        ),
        risk_to_others_missing=(asked_at(meeting.meeting_type) and reads.risk is None),
    )


def _with_journey_gaps(session: Session, meeting: Meeting, reads: MeetingReads) -> MeetingFacts:
    """The facts plus what a review or conference still lacks, so the services refuse
    to close it as the meeting view does (the command line goes through here too)."""
    from app.services.journey.gaps import gaps_for

    gaps = tuple(journey_gap(meeting.meeting_type, g) for g in gaps_for(session, meeting))
    return dataclasses.replace(facts_for(session, meeting, reads), journey_gaps=gaps)


def meeting_facts(workspace: Workspace, *, meeting_id: str) -> MeetingFacts:
    """A fresh snapshot for ``MeetingFlow.update_facts`` after each change."""
    with workspace.reading() as session:
        return facts_for(session, get_meeting(session, meeting_id))


def _count(n: int, one: str, many: str | None = None) -> str:
    return f"{n} {one if n == 1 else (many or one + 's')}"


def _lines(session: Session, meeting: Meeting, reads: MeetingReads) -> list[SummaryLine]:
    statuses = list(session.scalars(_ATTENDANCE_STATUSES, {"meeting": meeting.id}))
    tally = ", ".join(
        f"{sum(1 for s in statuses if s is status)} {status.label.lower()}"
        for status in AttendanceStatus
        if status in statuses
    )
    lines = [SummaryLine("Attendance", tally or "Nobody is on the list.", bool(statuses))]
    missing = [r for r in reads.representation if not r.represented]
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
    notes = [notes for _title, notes in reads.agenda_notes]
    with_notes = sum(1 for n in notes if n.strip())
    lines.append(SummaryLine("Agenda notes", f"{with_notes} of {len(notes)} items have notes."))
    info = reads.information
    restricted = sum(1 for i in info if i.restricted)
    lines.append(
        SummaryLine(
            "Agency information",
            f"{_count(len(info), 'agency', 'agencies')} shared information"
            + (f" ({restricted} restricted)." if restricted else "."),
        )
    )
    if asked_at(meeting.meeting_type):
        risk = risk_row(reads.risk)
        lines.append(
            SummaryLine(
                "Risk to others",
                "Not recorded." if risk is None else f"{risk.assessment.label}.",
                risk is not None,
            )
        )
    if meeting.meeting_type is MeetingType.STRATEGY:
        d = decisions.decision_row(meeting.id, reads.decision)
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
    actions = [a for a in reads.actions if a.status is not ActionStatus.CANCELLED]
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
        reads = MeetingReads(session, meeting)
        return ClosingSummary(
            meeting.id,
            meeting.status,
            tuple(_lines(session, meeting, reads)),
            tuple(find_blockers(facts_for(session, meeting, reads))),
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
        reads = MeetingReads(session, meeting)
        blockers = find_blockers(_with_journey_gaps(session, meeting, reads))
        if blockers:
            raise ValidationError(
                "The meeting cannot close yet: " + " ".join(b.message for b in blockers)
            )
        decision = reads.decision
        if meeting.meeting_type is MeetingType.STRATEGY and decision and not decision.decided_at:
            # Stamping stores the timescales too.
            decisions.stamp_decision(session, meeting, decision)
        else:
            store_timescales(session, meeting)
        now = clock.utcnow()
        meeting.started_at = meeting.started_at or now
        meeting.status = MeetingStatus.CLOSED
        meeting.closed_at = now
        session.flush()
        return ClosingSummary(
            meeting.id, meeting.status, tuple(_lines(session, meeting, reads)), ()
        )
