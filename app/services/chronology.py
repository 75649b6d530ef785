"""A child's chronology for court: one read of everything dated, across every case.

Every meeting (with its decision and rationale), the child protection plans and
their categories, the interim safety plan's versions, the pre-proceedings steps
and the significant events the chair added, in date order. Restricted text is
included: the chronology goes only to the court and the local authority's
lawyers. The exporter renders what :func:`chronology` returns; it runs no SQL.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Iterator

from sqlalchemy import select
from sqlalchemy.orm import Session

from app import clock
from app.errors import NotFound
from app.models import (
    CaseEpisode,
    ChildProtectionPlan,
    IcpcTimeframeDecision,
    InterimSafetyPlan,
    Meeting,
    MeetingStatus,
    PreProceedingsEpisode,
    PreProceedingsOutcome,
    SafetyPlanVersion,
)
from app.models.people import Child
from app.services.conduct.decision import find_decision
from app.services.conduct.record import _settings
from app.services.journey.conference import OUTCOME_LABELS as CONFERENCE_OUTCOMES
from app.services.journey.plan import decision_for
from app.services.journey.review import TIMEFRAME_LABELS
from app.services.reporting import DISCHARGE_LABELS
from app.services.significant_events import events_of
from app.storage import audit
from app.storage.workspace import Workspace
from app.validation import validated
from app.workdays import long_date
from app.workflow.preproceedings import OUTCOME_WORDS as PRE_PROCEEDINGS_OUTCOMES

MACPT = "MACPT"


@dataclasses.dataclass(frozen=True)
class ChronologyEntry:
    """One row: the date, what happened, where it is recorded, why it matters."""

    on: dt.date
    event: str
    source: str
    significance: str
    # Ties on the same day keep the order the work happens in.
    order: int = 0


@dataclasses.dataclass(frozen=True)
class Chronology:
    child_id: str
    child_ref: str
    child_name: str | None
    date_of_birth: dt.date | None
    local_authority: str
    made_on: dt.date
    entries: tuple[ChronologyEntry, ...]


def _lines(*parts: str) -> str:
    return "\n".join(part.strip() for part in parts if part and part.strip())


# How far a meeting got, in words a court reads without knowing the app.
STATUS_WORDS = {
    MeetingStatus.SCHEDULED: "arranged, not yet held",
    MeetingStatus.IN_PROGRESS: "in progress",
    MeetingStatus.CLOSED: "held; minutes not yet signed off",
    MeetingStatus.SIGNED_OFF: "held; minutes signed off",
}


def _timeframe_significance(session: Session, meeting_id: str) -> str:
    row = session.scalar(
        select(IcpcTimeframeDecision).where(IcpcTimeframeDecision.meeting_id == meeting_id)
    )
    if row is None:
        return ""
    target = f" Conference date: {long_date(row.target_date)}." if row.target_date else ""
    return _lines(
        f"Decision: {TIMEFRAME_LABELS[row.timeframe]}.{target}",
        f"Reason: {row.reason}" if row.reason else "",
    )


def _meeting_entries(session: Session, meeting: Meeting) -> Iterator[ChronologyEntry]:
    title = meeting.meeting_type.label
    status = STATUS_WORDS[meeting.status]
    source = _lines(MACPT, f"Chair: {meeting.chair_name}" if meeting.chair_name else "")
    significance = _timeframe_significance(session, meeting.id)
    threshold = find_decision(session, meeting.id)
    if threshold is not None and threshold.outcome is not None:
        met = {True: "Threshold met. ", False: "Threshold not met. ", None: ""}
        significance = _lines(
            f"{met[threshold.threshold_met]}Decision: {threshold.outcome.label}.",
            f"Rationale: {threshold.rationale}" if threshold.rationale else "",
            f"Support: {threshold.support_detail}" if threshold.support_detail else "",
            f"Dissent: {threshold.dissent}" if threshold.dissent else "",
        )
    conference = decision_for(session, meeting.id)
    if conference is not None and conference.outcome is not None:
        category = conference.category.label if conference.category else ""
        significance = _lines(
            f"Decision: {CONFERENCE_OUTCOMES[conference.outcome]}.",
            f"Category: {category}." if category else "",
            f"Rationale: {conference.rationale}" if conference.rationale else "",
            f"Progress: {conference.progress}" if conference.progress else "",
            f"Dissent: {conference.dissent}" if conference.dissent else "",
        )
    yield ChronologyEntry(
        meeting.scheduled_date, f"{title} ({status})", source, significance, order=2
    )


def _plan_entries(plan: ChildProtectionPlan) -> Iterator[ChronologyEntry]:
    yield ChronologyEntry(
        plan.start_date,
        "Child protection plan started",
        MACPT,
        f"Category: {plan.initial_category.label}.",
        order=3,
    )
    if plan.latest_category is not plan.initial_category and plan.end_date is None:
        yield ChronologyEntry(
            plan.start_date,
            "Child protection plan: category now",
            MACPT,
            f"Latest category: {plan.latest_category.label}.",
            order=4,
        )
    if plan.end_date is not None:
        reason = DISCHARGE_LABELS[plan.end_reason] if plan.end_reason else ""
        yield ChronologyEntry(
            plan.end_date,
            "Child protection plan ended",
            MACPT,
            _lines(
                f"Reason: {reason}." if reason else "",
                f"Last category: {plan.latest_category.label}.",
            ),
            order=5,
        )


def _safety_plan_entries(session: Session, case_id: str) -> Iterator[ChronologyEntry]:
    versions = session.execute(
        select(SafetyPlanVersion)
        .join(InterimSafetyPlan, InterimSafetyPlan.id == SafetyPlanVersion.plan_id)
        .where(InterimSafetyPlan.case_id == case_id)
        .order_by(SafetyPlanVersion.made_at)
    ).scalars()
    for version in versions:
        yield ChronologyEntry(
            version.made_at.astimezone(clock.LOCAL_ZONE).date(),
            f"Interim safety plan, version {version.version}",
            _lines(MACPT, f"Agreed by: {version.agreed_by}" if version.agreed_by else ""),
            version.change_note or "First version.",
            order=6,
        )


# The step decision in words, by its census outcome (CS131).
STEP_DECISIONS = {
    PreProceedingsOutcome.A: "Decision to step up to care proceedings",
    PreProceedingsOutcome.B: "Decision to step down from pre-proceedings",
    PreProceedingsOutcome.C: "Decision to end pre-proceedings (other outcome)",
}


def _yes_no(value: bool | None) -> str:
    return {True: "yes", False: "no", None: "not recorded"}[value]


def _pre_proceedings_entries(episode: PreProceedingsEpisode) -> Iterator[ChronologyEntry]:
    steps: list[tuple[dt.date | None, str, str]] = [
        (episode.decided_on, "Decision to start pre-proceedings (PLO)", ""),
        (
            episode.letter_sent_on,
            "Letter before proceedings sent",
            f"Family group decision making offered: {_yes_no(episode.fgdm_offered)}; "
            f"facilitated: {_yes_no(episode.fgdm_facilitated)}.",
        ),
        (
            episode.first_meeting_on,
            "First pre-proceedings meeting",
            f"Pre-proceedings review meetings held: {episode.review_meetings}."
            if episode.review_meetings is not None
            else "",
        ),
        (
            episode.step_decided_on,
            STEP_DECISIONS[episode.outcome] if episode.outcome else "Decision to step up or down",
            f"Outcome: {PRE_PROCEEDINGS_OUTCOMES[episode.outcome]}." if episode.outcome else "",
        ),
        (episode.court_application_on, "Application to court", ""),
        (episode.proceedings_letter_on, "Letter to parents starting care proceedings", ""),
    ]
    for index, (on, event, significance) in enumerate(steps):
        if on is not None:
            yield ChronologyEntry(on, event, "Local authority (PLO)", significance, order=7 + index)


def _case_entries(session: Session, case: CaseEpisode) -> Iterator[ChronologyEntry]:
    if case.referral_date is not None:
        yield ChronologyEntry(case.referral_date, "Referral received", MACPT, case.concern)
    yield ChronologyEntry(
        case.opened_on,
        "Case opened by the MACPT",
        MACPT,
        "" if case.referral_date else case.concern,
        order=1,
    )
    meetings = session.scalars(select(Meeting).where(Meeting.case_id == case.id))
    for meeting in meetings:
        yield from _meeting_entries(session, meeting)
    for plan in session.scalars(
        select(ChildProtectionPlan).where(ChildProtectionPlan.case_id == case.id)
    ):
        yield from _plan_entries(plan)
    yield from _safety_plan_entries(session, case.id)
    for episode in session.scalars(
        select(PreProceedingsEpisode).where(PreProceedingsEpisode.case_id == case.id)
    ):
        yield from _pre_proceedings_entries(episode)
    if case.closed_on is not None:
        yield ChronologyEntry(case.closed_on, "Case closed", MACPT, "", order=20)


def _child(session: Session, child_ref: str | None, child_id: str | None) -> Child:
    child = (
        session.get(Child, child_id)
        if child_id
        else session.scalar(select(Child).where(Child.la_child_ref == child_ref))
    )
    if child is None:
        raise NotFound(f"No child with the reference {child_ref!r} is in this workspace.")
    return child


def chronology(
    workspace: Workspace, *, child_ref: str | None = None, child_id: str | None = None
) -> Chronology:
    """The child's chronology (by LA reference or id), oldest first, in one read."""
    with workspace.reading() as session:
        child = _child(session, child_ref, child_id)
        local_authority, full_names = _settings(session)
        entries: list[ChronologyEntry] = []
        cases = session.scalars(select(CaseEpisode).where(CaseEpisode.child_id == child.id))
        for case in cases:
            entries.extend(_case_entries(session, case))
        for event in events_of(session, child.id):
            entries.append(
                ChronologyEntry(event.occurred_on, event.event, event.source, event.significance)
            )
        entries.sort(key=lambda entry: (entry.on, entry.order))
        return Chronology(
            child_id=child.id,
            child_ref=child.la_child_ref,
            child_name=child.full_name if full_names and child.full_name else None,
            date_of_birth=child.date_of_birth,
            local_authority=local_authority,
            made_on=clock.today(),
            entries=tuple(entries),
        )


@validated
def log_chronology_export(workspace: Workspace, *, child_id: str) -> None:
    """Record in the audit log that the child's chronology was exported."""
    with workspace.transaction() as session:
        if session.get(Child, child_id) is None:
            raise NotFound("That child is not in this workspace.")
        audit.append(session, table="child", record_id=child_id, action="export-chronology")
