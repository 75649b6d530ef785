"""The journey's records for one meeting's minutes, as plain frozen entries.

A five-day review gets its ICPC timeframe decision and the interim safety plan;
a conference gets its decision, and a review conference that ended the plan
gets the discharge. Signed-off minutes take them from the signed record, as
they were at sign-off; drafts (and minutes signed off before the signed record
kept these parts) read them through ``app.services.conduct.journey_record``.
"""

from __future__ import annotations

import dataclasses

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
from app.models import RecipientRole
from app.services.conduct.journey_record import JourneyRecord, journey_record
from app.services.conduct.record import MeetingRecord, has_safety_plan_item
from app.services.journey import review
from app.services.journey.conference import ConferenceDecisionView
from app.services.journey.discharge import SUPPORT_LABELS, DischargeView
from app.services.journey.safety_plan import SafetyPlanVersionView
from app.storage.workspace import Workspace


@dataclasses.dataclass(frozen=True)
class JourneyParts:
    """Everything the journey adds to one meeting's minutes (None where it does not apply)."""

    icpc_timeframe: TimeframeEntry | None = None
    safety_plan: SafetyPlanEntry | None = None
    conference: ConferenceEntry | None = None
    discharge: DischargeEntry | None = None


def load_journey_parts(workspace: Workspace, record: MeetingRecord) -> JourneyParts:
    """The minutes' view of the journey's parts of ``record`` (see :func:`load_journey`)."""
    return journey_parts(load_journey(workspace, record), record)


def load_journey(workspace: Workspace, record: MeetingRecord) -> JourneyRecord:
    """The journey's records for the meeting in ``record``: from its signed record where
    that kept them, otherwise read now (a draft, or minutes signed off before signed
    records kept these parts, which have nothing else to read them from)."""
    journey = record.journey
    if journey is None:
        journey = journey_record(
            workspace,
            meeting_id=record.meeting_id,
            meeting_type=record.meeting_type,
            case_id=record.case_id,
            with_safety_plan=has_safety_plan_item(record),
            # Signed-off minutes show the plan as it stood when they were signed off.
            as_at=record.signed_off_at if record.is_signed_off else None,
        )
    return journey


def journey_parts(journey: JourneyRecord, record: MeetingRecord) -> JourneyParts:
    """The minutes' view of the journey's parts of ``record``."""
    entry = _conference(journey, record) if journey.conference is not None else None
    return JourneyParts(
        icpc_timeframe=(
            _timeframe(journey.timeframe, journey.review_clocks)
            if journey.timeframe is not None and journey.review_clocks is not None
            else None
        ),
        safety_plan=_safety_plan(journey.safety_plan) if journey.safety_plan else None,
        conference=entry,
        discharge=(
            _discharge(journey.discharge)
            if entry is not None and journey.discharge is not None
            else None
        ),
    )


def _timeframe(decided: review.IcpcTimeframeView, clocks: review.ReviewContext) -> TimeframeEntry:
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


def _safety_plan(shown: SafetyPlanVersionView) -> SafetyPlanEntry:
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


def _conference(journey: JourneyRecord, record: MeetingRecord) -> ConferenceEntry:
    decided: ConferenceDecisionView | None = journey.conference
    assert decided is not None
    return ConferenceEntry(
        meeting_type=decided.meeting_type,
        outcome=decided.outcome,
        outcome_label=decided.outcome_label,
        category=decided.category,
        category_before=journey.category_going_in,
        progress=decided.progress,
        rationale=decided.rationale,
        lead_practitioner=decided.lead_practitioner,
        core_group=tuple(
            CoreGroupEntry(m.name, journey.agency_name(m.agency_id), m.role)
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


def _discharge(ended: DischargeView) -> DischargeEntry:
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
