"""Reads what the letters about one meeting need from the workspace, in one look."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Sequence
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from app import clock
from app.errors import ExportError, NotFound
from app.exporters.letters.model import ActionLine, CoreGroupLine, Letter, LetterFacts
from app.exporters.letters.parent_wording import load_wording
from app.models import (
    ActionStatus,
    Agency,
    ConferenceDecision,
    ConferenceOutcome,
    FamilyMember,
    IcpcTimeframeDecision,
    Meeting,
    MeetingAction,
    MeetingStatus,
    MeetingType,
    NotificationKind,
    OngoingSupport,
    PlanCategory,
    Practitioner,
    RecipientRole,
)
from app.services.conduct.decision import find_decision
from app.services.journey import plan as plans
from app.services.journey._shared import latest_plan, strategy_timescales
from app.services.journey.notifications import Recipient, letters_refused, recipients_for
from app.services.settings import WorkspaceSettings, get_settings
from app.storage.workspace import Workspace

# Working Together: the core group first meets within 10 working days of the ICPC.


class LateIssueNeeded(ExportError):
    """Refused only because dates the letters give are already past: the chair may
    confirm a late issue (``late_issue=True``) and the letters then say so."""

    def __init__(self, message: str, past: Sequence[str]) -> None:
        super().__init__(message)
        self.past = tuple(past)


def past_dates(facts: LetterFacts) -> list[str]:
    """The dates a letter would give that are already past on the day it is written."""
    today = facts.letter_date
    found: list[tuple[str, dt.date | None]] = [
        ("the core group's first meeting", facts.core_group_by),
        ("the next review conference", facts.next_review_due),
    ]
    if facts.meeting_type is MeetingType.REVIEW:
        found.append(("the conference", facts.conference_by))
    elif facts.conference_outcome is None and facts.threshold_outcome is None:
        found.append(("the conference", facts.meeting_date))
    if facts.timescales is not None:
        found.append(("the initial child protection conference", facts.timescales.icpc_due))
    return [f"{what} ({day.strftime('%d/%m/%Y')})" for what, day in found if day and day < today]


def load_letters(
    workspace: Workspace, *, meeting_id: str, late_issue: bool = False
) -> list[Letter]:
    """One letter per person who must be told about the meeting (none if nobody need be).

    Refused, with the reason, where the journey forbids a letter (an invitation
    after a decision of no further action, say), and where a date the letter
    gives is already past, unless the chair confirms a ``late_issue``: the
    letters then say they are issued late.
    """
    config = get_settings(workspace)
    words = load_wording(Path(workspace.path).parent, config.parent_letter_wording)
    with workspace.reading() as session:
        meeting = session.get(Meeting, meeting_id)
        if meeting is None:
            raise NotFound(f"There is no meeting with the id {meeting_id}.")
        refused = letters_refused(session, meeting)
        if refused is not None:
            raise ExportError(refused)
        recipients = recipients_for(session, meeting)
        if not recipients:
            return []
        facts = _facts(session, meeting, config, recipients[0].kind)
        late = past_dates(facts)
        if late and not late_issue:
            raise LateIssueNeeded(
                "These letters would give dates already past: "
                + "; ".join(late)
                + ". Issue them late only if the chair confirms it (--late-issue).",
                late,
            )
        facts = dataclasses.replace(facts, late_issue=bool(late), wording=words)
        return [
            Letter(number, r, _address(session, r), facts)
            for number, r in enumerate(recipients, start=1)
        ]


def _address(session: Session, recipient: Recipient) -> tuple[str, ...]:
    if recipient.role is RecipientRole.AGENCY:
        lines = [recipient.name]
        if recipient.agency_name and recipient.agency_name != recipient.name:
            lines.append(recipient.agency_name)
        return tuple(lines)
    member = session.get(FamilyMember, recipient.family_member_id or "")
    text = member.address if member is not None else ""
    parts = text.splitlines() if "\n" in text else text.split(",")
    return (recipient.name, *(p.strip() for p in parts if p.strip()))


def _contact(session: Session, chair_id: str | None, config: WorkspaceSettings) -> tuple[str, ...]:
    """How to reach the named contact: the team's details from the settings, or else
    the chair's own work details from the directory."""
    if config.lcpp_contact.strip():
        return tuple(line.strip() for line in config.lcpp_contact.splitlines() if line.strip())
    person = session.get(Practitioner, chair_id) if chair_id else None
    return tuple(f for f in (person.phone, person.email) if f) if person is not None else ()


def _facts(
    session: Session, meeting: Meeting, config: WorkspaceSettings, kind: NotificationKind
) -> LetterFacts:
    child = meeting.case.child
    common = LetterFacts(
        meeting_id=meeting.id,
        meeting_type=meeting.meeting_type,
        meeting_date=meeting.scheduled_date,
        meeting_time=meeting.scheduled_time,
        duration_minutes=meeting.duration_minutes,
        place=meeting.location,
        online_link=meeting.online_link,
        chair=meeting.chair_name,
        local_authority=config.local_authority,
        la_child_ref=child.la_child_ref,
        child_first_name=(child.known_as or child.first_name).strip(),
        # Agencies must match the letter to their own records: always the full name
        # (the setting full_names_in_minutes governs the minutes only).
        child_name_for_agencies=child.full_name or None,
        child_date_of_birth=child.date_of_birth,
        child_expected_date_of_birth=child.expected_date_of_birth,
        child_unique_identifier=child.unique_child_identifier or None,
        child_nhs_number=child.nhs_number or None,
        child_upn=child.upn or None,
        team_phone=config.team_phone,
        out_of_hours_phone=config.out_of_hours_phone,
        contact_name=meeting.chair_name,
        contact_details=_contact(session, meeting.chair_id, config),
        letter_date=clock.today(),
        minutes_signed_off=meeting.status is MeetingStatus.SIGNED_OFF,
        actions=_actions(session, meeting),
    )
    if kind is NotificationKind.CONFERENCE_INVITATION:
        return common
    if kind is NotificationKind.REVIEW_DECISION:
        review = session.scalar(
            select(IcpcTimeframeDecision).where(IcpcTimeframeDecision.meeting_id == meeting.id)
        )
        assert review is not None  # only such a review has letters (recipients_for)
        return dataclasses.replace(
            common, review_timeframe=review.timeframe, conference_by=review.target_date
        )
    if meeting.meeting_type is MeetingType.STRATEGY:
        decision = find_decision(session, meeting.id)
        if decision is None or decision.outcome is None:
            raise ExportError(
                "The strategy meeting's decision is not recorded. Record it before the letters."
            )
        clocks = strategy_timescales(session, meeting) if decision.outcome.starts_s47 else None
        return dataclasses.replace(
            common,
            threshold_outcome=decision.outcome,
            threshold_met=decision.threshold_met,
            timescales=clocks,
        )
    return _conference_facts(session, meeting, common)


def _conference_facts(session: Session, meeting: Meeting, common: LetterFacts) -> LetterFacts:
    decision = plans.decision_for(session, meeting.id)
    if decision is None or decision.outcome is None:
        raise ExportError(
            "The conference's decision is not recorded. Record it before the letters."
        )
    plan = latest_plan(session, meeting.case_id, meeting.scheduled_date)
    # The date the journey rules hold the core group to, stored with the plan the
    # conference made (app.workflow.clocks.core_group_due).
    core_group_by = None
    if decision.outcome is ConferenceOutcome.PLAN_NEEDED and plan is not None:
        core_group_by = plan.core_group_first_due
    return dataclasses.replace(
        common,
        conference_outcome=decision.outcome,
        category=_category(session, decision, meeting),
        lead_practitioner=decision.lead_practitioner or _earlier_lead(session, meeting),
        core_group=_core_group(session, decision),
        core_group_by=core_group_by,
        next_review_due=decision.next_review_due,
        discharge_reason=decision.discharge_reason,
        ongoing_support=tuple(OngoingSupport(s) for s in decision.ongoing_support or []),
        plan_end=plan.end_date if plan is not None and plan.end_meeting_id == meeting.id else None,
    )


def _category(
    session: Session, decision: ConferenceDecision, meeting: Meeting
) -> PlanCategory | None:
    if decision.category is not None or meeting.meeting_type is MeetingType.ICPC:
        return decision.category
    plan = latest_plan(session, meeting.case_id, meeting.scheduled_date)
    return plans.category_before(session, plan, meeting) if plan is not None else None


def _earlier_lead(session: Session, meeting: Meeting) -> str:
    """The lead practitioner the last conference named, when this one named nobody new."""
    earlier = session.scalars(
        select(ConferenceDecision)
        .join(Meeting, Meeting.id == ConferenceDecision.meeting_id)
        .where(
            Meeting.case_id == meeting.case_id,
            Meeting.scheduled_date <= meeting.scheduled_date,
            ConferenceDecision.lead_practitioner != "",
        )
        .order_by(Meeting.scheduled_date.desc())
    ).first()
    return earlier.lead_practitioner if earlier is not None else ""


def _core_group(session: Session, decision: ConferenceDecision) -> tuple[CoreGroupLine, ...]:
    names = dict(session.execute(select(Agency.id, Agency.name)).all())
    return tuple(
        CoreGroupLine(m.get("name", ""), names.get(m.get("agency_id") or "", ""), m.get("role", ""))
        for m in decision.core_group or []
    )


def _actions(session: Session, meeting: Meeting) -> tuple[ActionLine, ...]:
    rows = session.scalars(
        select(MeetingAction)
        .where(
            MeetingAction.meeting_id == meeting.id,
            MeetingAction.status != ActionStatus.CANCELLED,
        )
        .order_by(MeetingAction.due_date, MeetingAction.created_at)
    )
    return tuple(
        ActionLine(
            a.description, a.owner_name, a.owner_agency_id, a.due_date, a.owner_family_member_id
        )
        for a in rows
    )
