"""Ending a child protection plan: the decision, its reason, what support follows,
and the input sought and obtained from every practitioner involved.

Working Together allows a plan to end only when all agencies agree the child is
no longer suffering or likely to suffer significant harm; when the family has
moved permanently to another local authority and the plan has been transferred;
or when the child has turned 18, died or left the UK permanently.
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
    AgencyView,
    ConferenceDecision,
    ConferenceOutcome,
    DischargeInput,
    DischargeReason,
    Meeting,
    MeetingType,
    OngoingSupport,
)
from app.services.conduct.decision import deciding_chair
from app.services.journey import plan as plans
from app.services.journey._shared import (
    check_decidable,
    check_editable,
    meeting_of_type,
    required_text,
)
from app.services.journey.conference import running_plan
from app.services.journey.discharge_replies import replies_at
from app.services.journey.notifications import Recipient, discharge_recipients
from app.storage.workspace import Workspace
from app.validation import validated

REASON_LABELS = {
    DischargeReason.NO_LONGER_AT_RISK: (
        "All agencies agree the child is no longer suffering, or likely to suffer, significant harm"
    ),
    DischargeReason.TRANSFERRED: (
        "The child and family have moved permanently to another local authority "
        "and the plan has been transferred"
    ),
    DischargeReason.TURNED_18: "The child has turned 18",
    DischargeReason.DIED: "The child has died",
    DischargeReason.LEFT_UK: "The child has permanently left the UK",
}

SUPPORT_LABELS = {
    OngoingSupport.FAMILY_HELP: "Family Help",
    OngoingSupport.EARLY_HELP: "Early help",
    OngoingSupport.UNIVERSAL: "Universal services",
    OngoingSupport.PRE_PROCEEDINGS: "Pre-proceedings (Public Law Outline)",
    OngoingSupport.CARE_PROCEEDINGS: "Care proceedings",
    OngoingSupport.REUNIFICATION: "Reunification",
    OngoingSupport.NONE: "No ongoing support",
}


@dataclasses.dataclass(frozen=True)
class DischargeInputRow:
    id: str
    meeting_id: str
    practitioner_name: str
    agency_id: str | None
    agency_name: str
    asked_on: dt.date | None
    responded_on: dt.date | None
    response: str

    @property
    def status(self) -> str:
        if self.asked_on is None:
            return "Not asked yet"
        if self.responded_on is None:
            return "Asked; no reply yet"
        return "Replied"


@dataclasses.dataclass(frozen=True)
class DischargeView:
    meeting_id: str
    plan_id: str
    reason: DischargeReason
    ongoing_support: tuple[OngoingSupport, ...]
    ongoing_support_detail: str
    progress: str
    rationale: str
    dissent: str
    decided_by: str | None
    decided_at: dt.datetime | None
    inputs: tuple[DischargeInputRow, ...]
    who_must_be_told: tuple[Recipient, ...]
    warnings: tuple[str, ...] = ()

    @property
    def reason_label(self) -> str:
        return REASON_LABELS[self.reason]


def _input_rows(session: Session, meeting_id: str) -> list[DischargeInputRow]:
    names = dict(session.execute(select(Agency.id, Agency.name)).all())
    rows = session.scalars(
        select(DischargeInput)
        .where(DischargeInput.meeting_id == meeting_id)
        .order_by(DischargeInput.created_at, DischargeInput.practitioner_name)
    )
    return [
        DischargeInputRow(
            r.id,
            r.meeting_id,
            r.practitioner_name,
            r.agency_id,
            names.get(r.agency_id or "", ""),
            r.asked_on,
            r.responded_on,
            r.response,
        )
        for r in rows
    ]


def _rcpc(session: Session, meeting_id: str) -> Meeting:
    meeting = meeting_of_type(session, meeting_id, MeetingType.RCPC)
    check_editable(meeting)
    return meeting


def discharge_inputs(workspace: Workspace, *, meeting_id: str) -> list[DischargeInputRow]:
    """The input checklist: who was asked, when, and what they said."""
    with workspace.reading() as session:
        meeting_of_type(session, meeting_id, MeetingType.RCPC)
        return _input_rows(session, meeting_id)


@validated
def prefill_discharge_inputs(workspace: Workspace, *, meeting_id: str) -> list[DischargeInputRow]:
    """Add every practitioner who was invited to any of the child's meetings, once each.

    Where their agency gave its view or shared information at this conference, and
    nothing is recorded for them yet, they are recorded as asked and replied on the
    conference's date, with what the agency said there (unless that is restricted)."""
    with workspace.transaction() as session:
        meeting = _rcpc(session, meeting_id)
        have = {
            (r.practitioner_name.lower(), r.agency_id)
            for r in session.scalars(
                select(DischargeInput).where(DischargeInput.meeting_id == meeting.id)
            )
        }
        attendees = session.execute(
            select(AgencyAttendance.name, AgencyAttendance.agency_id)
            .join(Meeting, Meeting.id == AgencyAttendance.meeting_id)
            .where(
                Meeting.case_id == meeting.case_id,
                Meeting.scheduled_date <= meeting.scheduled_date,
                AgencyAttendance.agency_id.is_not(None),
                AgencyAttendance.family_member_id.is_(None),
            )
            .order_by(Meeting.scheduled_date, AgencyAttendance.created_at)
        )
        for name, agency_id in attendees:
            key = (name.strip().lower(), agency_id)
            if not name.strip() or key in have:
                continue
            have.add(key)
            session.add(
                DischargeInput(
                    meeting_id=meeting.id, practitioner_name=name.strip(), agency_id=agency_id
                )
            )
        session.flush()
        _fill_replies(session, meeting)
        return _input_rows(session, meeting.id)


def _fill_replies(session: Session, meeting: Meeting) -> None:
    """Record as replied whoever's agency already spoke at this conference."""
    said = replies_at(session, meeting)
    day = min(meeting.scheduled_date, clock.today())  # never a date in the future
    for row in session.scalars(
        select(DischargeInput).where(DischargeInput.meeting_id == meeting.id)
    ):
        untouched = row.asked_on is None and row.responded_on is None and not row.response
        if untouched and row.agency_id in said:
            row.asked_on = row.responded_on = day
            row.response = said[row.agency_id]
    session.flush()


@validated
def add_discharge_input(
    workspace: Workspace, *, meeting_id: str, practitioner_name: str, agency_id: str | None = None
) -> DischargeInputRow:
    """Add a practitioner to the checklist by hand."""
    name = required_text(practitioner_name, "Give the practitioner's name.")
    with workspace.transaction() as session:
        meeting = _rcpc(session, meeting_id)
        if agency_id is not None and session.get(Agency, agency_id) is None:
            raise NotFound("That agency is not in the directory. Choose another.")
        row = DischargeInput(meeting_id=meeting.id, practitioner_name=name, agency_id=agency_id)
        session.add(row)
        session.flush()
        return next(r for r in _input_rows(session, meeting.id) if r.id == row.id)


@validated
def update_discharge_input(
    workspace: Workspace,
    *,
    input_id: str,
    asked_on: dt.date | None,
    responded_on: dt.date | None,
    response: str,
) -> DischargeInputRow:
    """Store when the practitioner was asked, when they replied and what they said."""
    if responded_on is not None and asked_on is None:
        raise ValidationError("Give the date the practitioner was asked before their reply.")
    if asked_on is not None and responded_on is not None and responded_on < asked_on:
        raise ValidationError("The reply is dated before the question. Check the dates.")
    if any(d is not None and d > clock.today() for d in (asked_on, responded_on)):
        raise ValidationError("That date is in the future. Check the dates.")
    if response.strip() and responded_on is None:
        raise ValidationError("Give the date of the practitioner's reply.")
    with workspace.transaction() as session:
        row = session.get(DischargeInput, input_id)
        if row is None:
            raise NotFound("That practitioner is no longer on the checklist.")
        _rcpc(session, row.meeting_id)
        row.asked_on, row.responded_on, row.response = asked_on, responded_on, response.strip()
        session.flush()
        return next(r for r in _input_rows(session, row.meeting_id) if r.id == row.id)


@validated
def remove_discharge_input(workspace: Workspace, *, input_id: str) -> None:
    with workspace.transaction() as session:
        row = session.get(DischargeInput, input_id)
        if row is not None:
            _rcpc(session, row.meeting_id)
            session.delete(row)


def who_must_be_told(workspace: Workspace, *, meeting_id: str) -> list[Recipient]:
    """Every agency involved with the child, and the parents and carers invited to the ICPC."""
    with workspace.reading() as session:
        return discharge_recipients(session, meeting_of_type(session, meeting_id, MeetingType.RCPC))


def _check_support(support: Sequence[OngoingSupport]) -> list[OngoingSupport]:
    chosen = list(dict.fromkeys(support))
    if not chosen:
        raise ValidationError(
            "Say what support continues after the plan ends (or choose no ongoing support)."
        )
    if OngoingSupport.NONE in chosen and len(chosen) > 1:
        raise ValidationError("Choose either no ongoing support, or the support that continues.")
    return chosen


def _check_inputs(inputs: Sequence[DischargeInputRow]) -> list[str]:
    """Refuse while anyone involved has not been asked; warn about missing replies."""
    if not inputs:
        raise ValidationError(
            "Ask every practitioner involved for their view before the plan ends: "
            "add them to the input checklist."
        )
    unasked = [r.practitioner_name for r in inputs if r.asked_on is None]
    if unasked:
        raise ValidationError(
            f"Record when {', '.join(unasked)} {'was' if len(unasked) == 1 else 'were'} "
            "asked for their view before the plan ends."
        )
    return [f"{r.practitioner_name} has not replied yet." for r in inputs if r.responded_on is None]


def _check_agencies_agree(session: Session, meeting: Meeting) -> None:
    disagree = session.scalars(
        select(Agency.name)
        .join(AgencyView, AgencyView.agency_id == Agency.id)
        .where(AgencyView.meeting_id == meeting.id, AgencyView.agrees.is_(False))
    ).all()
    if disagree:
        raise ValidationError(
            f"{', '.join(disagree)} {'does' if len(disagree) == 1 else 'do'} not agree. A plan "
            "ends for this reason only when all agencies agree the child is no longer at risk "
            "of significant harm."
        )


@validated
def record_discharge(
    workspace: Workspace,
    *,
    meeting_id: str,
    reason: DischargeReason,
    ongoing_support: Sequence[OngoingSupport],
    progress: str,
    rationale: str,
    ongoing_support_detail: str = "",
    dissent: str = "",
) -> DischargeView:
    """End the plan at this review conference: the reason, the support that follows, and
    a checklist in which every practitioner involved was asked for their view.

    Refused while anyone on the checklist has not been asked, and (for "no longer
    at risk") while any agency's recorded view disagrees. Missing replies are warnings.
    """
    support = _check_support(ongoing_support)
    said = required_text(progress, "Describe the progress made against the plan.")
    why = required_text(rationale, "Give the reasons the plan can end.")
    detail = ongoing_support_detail.strip()
    if reason is DischargeReason.TRANSFERRED and not detail:
        raise ValidationError("Say which local authority the plan was transferred to, and when.")
    with workspace.transaction() as session:
        meeting = _rcpc(session, meeting_id)
        check_decidable(meeting)
        plan = running_plan(session, meeting)
        warnings = _check_inputs(_input_rows(session, meeting.id))
        if reason is DischargeReason.NO_LONGER_AT_RISK:
            _check_agencies_agree(session, meeting)
        decision = plans.decision_for(session, meeting.id)
        if decision is None:
            decision = ConferenceDecision(meeting_id=meeting.id)
            session.add(decision)
        decision.outcome = ConferenceOutcome.END_PLAN
        decision.category = None
        decision.next_review_due = None
        decision.progress, decision.rationale, decision.dissent = said, why, dissent.strip()
        decision.discharge_reason = reason
        decision.ongoing_support = [s.value for s in support]
        decision.ongoing_support_detail = detail
        decision.decided_by = deciding_chair(meeting)
        decision.decided_at = clock.utcnow()
        session.flush()
        plans.refresh_plan(session, plan)
        session.flush()
        chair = plans.chair_warning_for(session, meeting)
        return _discharge_view(session, meeting, warnings + ([chair] if chair else []))


def _discharge_view(session: Session, meeting: Meeting, warnings: list[str]) -> DischargeView:
    decision = plans.decision_for(session, meeting.id)
    assert decision is not None and decision.discharge_reason is not None
    plan = running_plan(session, meeting)
    return DischargeView(
        meeting.id,
        plan.id,
        decision.discharge_reason,
        tuple(OngoingSupport(s) for s in decision.ongoing_support or []),
        decision.ongoing_support_detail,
        decision.progress,
        decision.rationale,
        decision.dissent,
        decision.decided_by,
        decision.decided_at,
        tuple(_input_rows(session, meeting.id)),
        tuple(discharge_recipients(session, meeting)),
        tuple(warnings),
    )


def discharge(workspace: Workspace, *, meeting_id: str) -> DischargeView | None:
    """The discharge recorded at this review conference, or None if the plan did not end here."""
    with workspace.reading() as session:
        meeting = meeting_of_type(session, meeting_id, MeetingType.RCPC)
        decision = plans.decision_for(session, meeting.id)
        if decision is None or decision.outcome is not ConferenceOutcome.END_PLAN:
            return None
        replies = [
            f"{r.practitioner_name} has not replied yet."
            for r in _input_rows(session, meeting.id)
            if r.responded_on is None
        ]
        chair = plans.chair_warning_for(session, meeting)
        return _discharge_view(session, meeting, replies + ([chair] if chair else []))
