"""The journey's records for one meeting's minutes, read through the journey services.

A five-day review gets its ICPC timeframe decision and the interim safety plan;
a conference gets its decision, and a review conference that ended the plan
gets the discharge. Nothing here queries the models: the services in
``app.services.journey`` own how these records are read.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Collection

from app.exporters.minutes_journey_model import (
    ConferenceEntry,
    ConferenceViewEntry,
    CoreGroupEntry,
    DischargeEntry,
    PractitionerInput,
    SafetyPlanEntry,
    SafetyPlanRow,
    TimeframeEntry,
    ToBeTold,
)
from app.models import MeetingType, RecipientRole
from app.services.agencies import list_agencies
from app.services.conduct.record import MeetingRecord
from app.services.journey import conference, discharge, review
from app.services.journey import safety_plan as plans
from app.services.journey.discharge import SUPPORT_LABELS
from app.storage.workspace import Workspace
from app.workflow import StepKind

CONFERENCES = (MeetingType.ICPC, MeetingType.RCPC)


@dataclasses.dataclass(frozen=True)
class JourneyParts:
    """Everything the journey adds to one meeting's minutes (None where it does not apply)."""

    icpc_timeframe: TimeframeEntry | None = None
    safety_plan: SafetyPlanEntry | None = None
    conference: ConferenceEntry | None = None
    discharge: DischargeEntry | None = None


def load_journey_parts(
    workspace: Workspace, record: MeetingRecord, kinds: Collection[StepKind] = ()
) -> JourneyParts:
    """The journey's records for the meeting in ``record``. ``kinds`` are its agenda
    items' kinds: an agenda with a safety plan item gets the plan at any meeting."""
    parts = JourneyParts()
    review_meeting = record.meeting_type is MeetingType.REVIEW
    if review_meeting:
        parts = dataclasses.replace(parts, icpc_timeframe=_timeframe(workspace, record.meeting_id))
    if review_meeting or StepKind.SAFETY_PLAN in kinds:
        # Signed-off minutes show the plan as it stood when they were signed off.
        as_at = record.signed_off_at if record.is_signed_off else None
        parts = dataclasses.replace(
            parts, safety_plan=_safety_plan(workspace, record.case_id, as_at)
        )
    if record.meeting_type in CONFERENCES:
        entry = _conference(workspace, record)
        ended = None
        if record.meeting_type is MeetingType.RCPC and entry is not None:
            ended = _discharge(workspace, record.meeting_id)
        parts = dataclasses.replace(parts, conference=entry, discharge=ended)
    return parts


def _timeframe(workspace: Workspace, meeting_id: str) -> TimeframeEntry | None:
    decided = review.icpc_timeframe(workspace, meeting_id=meeting_id)
    if decided is None:
        return None
    clocks = review.review_context(workspace, meeting_id=meeting_id)
    return TimeframeEntry(
        timeframe=decided.timeframe,
        label=decided.label,
        strategy_date=clocks.strategy_date,
        review_due=clocks.review_due,
        review_on_time=clocks.review_on_time,
        default_due=decided.default_due,
        target_date=decided.target_date,
        extra_days=decided.extra_days,
        reason=decided.reason,
        exceptional_circumstances_confirmed=decided.exceptional_circumstances_confirmed,
        decided_by=decided.decided_by or "",
        decided_at=decided.decided_at,
    )


def _safety_plan(
    workspace: Workspace, case_id: str, as_at: dt.datetime | None
) -> SafetyPlanEntry | None:
    current = plans.safety_plan_for_case(workspace, case_id=case_id)
    if current is None:
        return None
    shown = current
    if as_at is not None:
        history = plans.safety_plan_versions(workspace, plan_id=current.plan_id)
        agreed = [v.version for v in history if v.made_at <= as_at]
        if not agreed:
            return None
        if agreed[-1] != current.version:
            shown = plans.safety_plan(workspace, plan_id=current.plan_id, version=agreed[-1])
    return SafetyPlanEntry(
        version=shown.version,
        made_at=shown.made_at,
        made_by=shown.made_by,
        agreed_by=shown.agreed_by,
        change_note=shown.change_note,
        items=tuple(
            SafetyPlanRow(
                worry=item.worry,
                keeps_safe=item.keeps_safe,
                person=item.responsible_name,
                agency=item.responsible_agency,
                by_when=item.by_when,
                how_we_know=item.how_we_know,
                contingency=item.contingency,
            )
            for item in shown.items
        ),
    )


def _conference(workspace: Workspace, record: MeetingRecord) -> ConferenceEntry | None:
    decided = conference.conference_decision(workspace, meeting_id=record.meeting_id)
    if decided is None:
        return None
    context = conference.conference_context(workspace, meeting_id=record.meeting_id)
    names = {a.id: a.name for a in list_agencies(workspace, include_retired=True)}
    return ConferenceEntry(
        meeting_type=decided.meeting_type,
        outcome=decided.outcome,
        outcome_label=decided.outcome_label,
        category=decided.category,
        category_before=context.category_going_in,
        progress=decided.progress,
        rationale=decided.rationale,
        lead_practitioner=decided.lead_practitioner,
        core_group=tuple(
            CoreGroupEntry(m.name, names.get(m.agency_id or "", ""), m.role)
            for m in decided.core_group
        ),
        outline_plan=decided.outline_plan,
        dissent=decided.dissent,
        next_review_due=decided.next_review_due,
        decided_by=decided.decided_by or "",
        decided_at=decided.decided_at,
        views=tuple(
            ConferenceViewEntry(v.agency_name, v.agrees, v.comment) for v in record.agency_views
        ),
    )


def _discharge(workspace: Workspace, meeting_id: str) -> DischargeEntry | None:
    ended = discharge.discharge(workspace, meeting_id=meeting_id)
    if ended is None:
        return None
    return DischargeEntry(
        reason_label=ended.reason_label,
        support=tuple(SUPPORT_LABELS[s] for s in ended.ongoing_support),
        support_detail=ended.ongoing_support_detail,
        inputs=tuple(
            PractitionerInput(
                r.practitioner_name, r.agency_name, r.asked_on, r.responded_on, r.response
            )
            for r in ended.inputs
        ),
        who_must_be_told=tuple(
            ToBeTold(
                r.name,
                r.agency_name if r.role is RecipientRole.AGENCY else r.relationship,
                r.role is RecipientRole.PARENT_CARER,
            )
            for r in ended.who_must_be_told
        ),
    )
