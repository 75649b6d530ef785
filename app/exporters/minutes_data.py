"""One meeting's record, as the conduct services read it, turned into :class:`MinutesData`.

This and ``minutes_journey_data.py`` are the only parts of the minutes export
that know where the record comes from: here
``app.services.conduct.record.meeting_record``, which also gives the rules the
minutes share with meeting mode (live timescales while a strategy meeting runs,
carried-over actions, actions as they stood at sign-off); there what the
meetings after a strategy meeting decide, kept with the signed record once
signed off. The renderer sees plain data.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Mapping, Sequence

from app.errors import ExportError, NotFound
from app.exporters.minutes_context import redact_context
from app.exporters.minutes_journey_data import journey_parts, load_journey
from app.exporters.minutes_model import (
    ActionEntry,
    AgencyInformationEntry,
    AgencyViewEntry,
    AgendaNote,
    AmendmentEntry,
    AttendanceGroup,
    Attendee,
    DecisionEntry,
    DistributionEntry,
    IssueEntry,
    MinutesData,
    MissingAgency,
    TimescalesEntry,
)
from app.exporters.minutes_redact import redact_journey, redact_record
from app.models import ActionStatus, AttendanceStatus, MeetingStatus, MeetingType, MinutesCopy
from app.services.arrivals import conference_title
from app.services.cases import get_case
from app.services.conduct.actions import ActionRow
from app.services.conduct.agenda import AgendaItemRow
from app.services.conduct.attendance import AttendeeRow
from app.services.conduct.distribution import KIND_LABELS, DistributionRow
from app.services.conduct.record import MeetingRecord, meeting_record
from app.services.conduct.restriction import load_restrictions
from app.services.contextual_meetings import meeting_context
from app.services.s47_enquiry import s47_course_as_of
from app.storage.workspace import Workspace
from app.workflow.restriction import NotForFamilies, check_family_copy
from app.workflow.risk_to_others import asked_at
from app.workflow.steps import steps_from_agenda

FAMILY = "Family members and carers"
OTHERS = "Others"
# Within an agency: who was there first, then who contributed otherwise.
_STATUS_ORDER = {
    AttendanceStatus.ATTENDED: 0,
    AttendanceStatus.SENT_INFORMATION: 1,
    AttendanceStatus.APOLOGIES: 2,
    AttendanceStatus.DID_NOT_ATTEND: 3,
    AttendanceStatus.INVITED: 4,
}


NOT_STARTED = (
    "This meeting has not started, so there are no minutes to write yet. "
    "Start the meeting first; its invitations are exported as letters."
)


def load_minutes_data(
    workspace: Workspace,
    *,
    meeting_id: str,
    family_copy: bool = False,
    distribution: Sequence[DistributionRow] = (),
) -> MinutesData:
    """Everything the minutes of ``meeting_id`` say. ``family_copy=True`` takes out
    everything restricted (``app.exporters.minutes_redact``), and is refused for
    minutes that are for professionals only. ``distribution`` is the list of copies
    the minutes carry (one being made now, say)."""
    try:
        record = meeting_record(workspace, meeting_id=meeting_id)
    except NotFound as exc:
        raise NotFound(
            f"There is no meeting with the id {meeting_id}. List them with `macpt meetings`."
        ) from exc
    if record.status is MeetingStatus.SCHEDULED:
        raise ExportError(NOT_STARTED)
    journey = load_journey(workspace, record)
    context = meeting_context(workspace, meeting_id=meeting_id)
    if family_copy:
        try:
            check_family_copy(record.meeting_type)
        except NotForFamilies as exc:
            raise ExportError(str(exc)) from exc
        rules = load_restrictions(workspace, meeting_id=meeting_id)
        record = redact_record(record, rules)
        journey = redact_journey(journey, record.meeting_id, rules)
        context = redact_context(context, rules) if context is not None else None
    # The full copy marks the risk to others restricted, as it marks agency information.
    risk, risk_restricted = record.risk_to_others, False
    if risk is not None and not family_copy:
        rules = load_restrictions(workspace, meeting_id=meeting_id)
        risk_restricted = rules.restricted("risk_to_others", risk.meeting_id, "detail", risk.detail)
    data = minutes_data(record, relationships=_relationships(workspace, record))
    parts = journey_parts(journey, record)
    return dataclasses.replace(
        data,
        icpc_timeframe=parts.icpc_timeframe,
        safety_plan=parts.safety_plan,
        conference=parts.conference,
        discharge=parts.discharge,
        s47=s47_course_as_of(workspace, case_id=record.case_id, day=record.scheduled_date)
        if record.meeting_type in (MeetingType.REVIEW, MeetingType.ICPC)
        else None,
        context=context,
        family_copy=family_copy,
        risk_restricted=risk_restricted,
        distribution=distribution_entries(distribution, family_copy=family_copy),
        conference_title=(
            conference_title(workspace, case_id=record.case_id, meeting_id=record.meeting_id) or ""
            if record.meeting_type is MeetingType.ICPC
            else ""
        ),
    )


def distribution_entries(
    rows: Sequence[DistributionRow], *, family_copy: bool
) -> tuple[DistributionEntry, ...]:
    """The distribution list as the minutes show it (a family copy: the family's copies)."""
    return tuple(
        DistributionEntry(
            d.recipient.label,
            KIND_LABELS[d.recipient.kind],
            d.copy_label,
            d.version_label,
            d.made_at,
        )
        for d in rows
        if not family_copy or d.copy is MinutesCopy.FAMILY
    )


def _relationships(workspace: Workspace, record: MeetingRecord) -> dict[str, str]:
    """Each invited family member's relationship to the child, for invitations that
    were recorded without one (a family member is listed by name and relationship)."""
    unknown = [
        a for group in record.attendance for a in group.attendees if a.is_family and not a.role
    ]
    if not unknown:
        return {}
    family = get_case(workspace, case_id=record.case_id).family
    return {m.id: m.relationship_to_child for m in family}


def minutes_data(
    record: MeetingRecord,
    *,
    relationships: Mapping[str, str] | None = None,
) -> MinutesData:
    """The minutes' view of a meeting record; ``relationships`` (family member id to
    relationship) fills in a family invitee's relationship where none was recorded."""
    information = [
        AgencyInformationEntry(i.agency_name, i.contributor, i.information, i.restricted)
        for i in record.agency_information
    ]
    place = record.location
    if record.is_online:
        place = f"{place} and online" if place else "Online"
    signed = record.is_signed_off
    return MinutesData(
        meeting_id=record.meeting_id,
        meeting_type=record.meeting_type,
        local_authority=record.local_authority,
        child_reference=record.child_ref,
        child_name=record.child_name if record.full_names_in_minutes else None,
        meeting_date=record.scheduled_date,
        meeting_time=record.scheduled_time,
        place=place,
        chair=record.chair_name,
        minute_taker=record.minute_taker_name,
        attendance=_attendance(
            (a for group in record.attendance for a in group.attendees), relationships or {}
        ),
        agenda=agenda_notes(record.agenda, record.meeting_type),
        information=tuple(information),
        missing_agencies=tuple(
            MissingAgency(
                row.agency_name,
                row.acknowledgement.reason if row.acknowledgement else "",
                row.acknowledgement.acknowledged_by if row.acknowledgement else "",
                row.acknowledgement.acknowledged_at if row.acknowledgement else None,
            )
            for row in record.representation
            if not row.represented
        ),
        decision=_decision(record),
        actions=tuple(_action(a) for a in record.actions),
        carried_over=tuple(_action(a, carried=True) for a in record.carried_over_actions),
        timescales=(
            TimescalesEntry(
                record.timescales.strategy_date,
                record.timescales.review_due,
                record.timescales.icpc_due,
                record.timescales.assessment_due,
                record.timescales.assessment_from,
            )
            if record.timescales
            else None
        ),
        signed_off_by=record.signed_off_by if signed else None,
        signed_off_at=record.signed_off_at if signed else None,
        issues=tuple(
            IssueEntry(i.version, i.kind, i.issued_at, i.issued_by) for i in record.minutes_issues
        ),
        amendments=tuple(
            AmendmentEntry(a.made_at, a.made_by, a.what, a.reason, a.version)
            for a in record.amendments
        ),
        held=record.status is not MeetingStatus.SCHEDULED,
        risk_to_others=record.risk_to_others,
        risk_asked=asked_at(record.meeting_type)
        and (record.risk_to_others is not None or not signed),
        legal_planning=record.legal_planning,
    )


def agenda_notes(
    items: Sequence[AgendaItemRow], meeting_type: MeetingType
) -> tuple[AgendaNote, ...]:
    """The agenda with each item's kind as meeting mode reads it (an older review
    agenda names its timeframe and safety plan items only in their titles)."""
    steps = steps_from_agenda(items, meeting_type)
    return tuple(
        AgendaNote(item.title, step.kind.value, item.notes)
        for item, step in zip(items, steps, strict=True)
    )


def _role(row: AttendeeRow, relationships: Mapping[str, str]) -> str:
    if row.role or not row.family_member_id:
        return row.role
    return relationships.get(row.family_member_id, "")


def _attendance(
    rows: Iterable[AttendeeRow], relationships: Mapping[str, str]
) -> tuple[AttendanceGroup, ...]:
    """By agency in directory order, then the family, then anyone with neither."""
    groups: dict[tuple[int, str], list[AttendeeRow]] = {}
    order: list[tuple[int, str]] = []
    for row in rows:
        if row.agency_id:
            key = (0, row.agency_name)
        elif row.is_family:
            key = (1, FAMILY)
        else:
            key = (2, OTHERS)
        if key not in groups:
            groups[key] = []
            order.append(key)
        groups[key].append(row)
    order.sort(key=lambda k: k[0])  # stable: agencies keep the directory's order
    return tuple(
        AttendanceGroup(
            key[1],
            tuple(
                Attendee(
                    r.name,
                    _role(r, relationships),
                    r.status,
                    r.arrived_at,
                    r.departed_at,
                    r.walk_in,
                )
                for r in sorted(
                    groups[key], key=lambda r: (_STATUS_ORDER[r.status], r.name.casefold())
                )
            ),
        )
        for key in order
    )


def _decision(record: MeetingRecord) -> DecisionEntry | None:
    decision = record.decision
    if decision is None:
        return None
    return DecisionEntry(
        threshold_met=decision.threshold_met,
        outcome=decision.outcome,
        rationale=decision.rationale,
        support_detail=decision.support_detail,
        dissent=decision.dissent,
        decided_by=decision.decided_by or "",
        decided_at=decision.decided_at,
        views=tuple(
            AgencyViewEntry(v.agency_name, v.agrees, v.comment) for v in record.agency_views
        ),
    )


def _action(action: ActionRow, *, carried: bool = False) -> ActionEntry:
    return ActionEntry(
        description=action.description,
        owner=action.owner_name,
        agency=action.owner_agency_name,
        due=action.due_date,
        status=action.status,
        completed_on=action.completed_on,
        raised_on=action.raised_on if carried else None,
        outcome=action.outcome if action.status is ActionStatus.DONE else "",
    )
