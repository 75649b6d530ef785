"""Consultations: record a practitioner's request for advice, and what happened next.

A consultation with no outcome is awaiting follow-up (Home lists them). When a
strategy meeting is convened from one, the consultation names the meeting, and
a consultation about a child not yet known takes the meeting's case.
"""

from __future__ import annotations

import dataclasses
import datetime as dt

from sqlalchemy import bindparam, case, func, select
from sqlalchemy.orm import Session

from app import clock
from app.errors import NotFound, ValidationError
from app.models import (
    Agency,
    CaseEpisode,
    Child,
    Consultation,
    ConsultationOutcome,
    Meeting,
    MeetingType,
    ThresholdView,
)
from app.storage.workspace import Workspace
from app.validation import validated


@dataclasses.dataclass(frozen=True)
class ConsultationRow:
    id: str
    asked_on: dt.date
    asked_by_name: str
    agency_name: str
    case_id: str | None
    # The linked child's LA reference, or the short reference given.
    child: str
    question: str
    advice: str
    threshold_view: ThresholdView
    outcome: ConsultationOutcome | None
    outcome_on: dt.date | None
    meeting_id: str | None
    outcome_note: str

    @property
    def awaiting_follow_up(self) -> bool:
        return self.outcome is None

    def as_json(self) -> dict[str, object]:
        """The shape ``macpt consultation list --json`` promises."""
        return {
            "id": self.id,
            "asked_on": self.asked_on.isoformat(),
            "asked_by": self.asked_by_name,
            "agency": self.agency_name,
            "case_id": self.case_id,
            "child": self.child,
            "threshold_view": self.threshold_view.value,
            "outcome": self.outcome.value if self.outcome else None,
            "outcome_on": self.outcome_on.isoformat() if self.outcome_on else None,
            "meeting_id": self.meeting_id,
        }


@dataclasses.dataclass(frozen=True)
class ConsultationCounts:
    consultations: int
    led_to_strategy_meeting: int


def _apply_outcome(
    session: Session,
    consultation: Consultation,
    outcome: ConsultationOutcome | None,
    meeting_id: str | None,
    notes: str,
) -> None:
    notes = notes.strip()
    if outcome is None:
        if meeting_id or notes:
            raise ValidationError("Choose what happened next before giving its details.")
        return
    if outcome is ConsultationOutcome.STRATEGY_MEETING:
        if not meeting_id:
            raise ValidationError("Choose the strategy meeting that was convened.")
        meeting = session.get(Meeting, meeting_id)
        if meeting is None:
            raise NotFound("That meeting no longer exists.")
        if meeting.meeting_type is not MeetingType.STRATEGY:
            raise ValidationError("Only a strategy meeting can be linked to a consultation.")
        if consultation.case_id and consultation.case_id != meeting.case_id:
            raise ValidationError("That strategy meeting is about a different child.")
        # The child is known now: the case replaces the short reference.
        consultation.case_id = meeting.case_id
        consultation.child_reference = ""
    elif meeting_id:
        raise ValidationError("Only a strategy meeting convened can be linked.")
    if outcome is ConsultationOutcome.OTHER and not notes:
        raise ValidationError("Say what happened next.")
    consultation.outcome = outcome
    consultation.outcome_on = clock.today()
    consultation.meeting_id = meeting_id
    consultation.outcome_note = notes


@validated
def record_consultation(
    workspace: Workspace,
    *,
    asked_by_name: str,
    agency_id: str,
    question: str,
    threshold_view: ThresholdView,
    advice: str = "",
    asked_on: dt.date | None = None,
    case_id: str | None = None,
    child_reference: str = "",
    outcome: ConsultationOutcome | None = None,
    meeting_id: str | None = None,
    notes: str = "",
) -> str:
    """Record a consultation (today unless ``asked_on`` says otherwise); its id.

    ``case_id`` links a known child; otherwise ``child_reference`` keeps a short
    reference such as initials. ``outcome`` may be given now or later.
    """
    asked_by_name, question = asked_by_name.strip(), question.strip()
    child_reference = child_reference.strip()
    if not asked_by_name:
        raise ValidationError("Give the name of the practitioner who asked.")
    if not question:
        raise ValidationError("Give the question the practitioner asked.")
    asked_on = asked_on or clock.today()
    if asked_on > clock.today():
        raise ValidationError("A consultation cannot be recorded for a day still to come.")
    if case_id and child_reference:
        raise ValidationError("Give either the child's case or a reference, not both.")
    with workspace.transaction() as session:
        agency = session.get(Agency, agency_id)
        if agency is None or agency.retired:
            raise NotFound("That agency is not in the directory.")
        if case_id and session.get(CaseEpisode, case_id) is None:
            raise NotFound("That case no longer exists.")
        consultation = Consultation(
            asked_on=asked_on,
            asked_by_name=asked_by_name,
            agency_id=agency_id,
            case_id=case_id or None,
            child_reference=child_reference,
            question=question,
            advice=advice.strip(),
            threshold_view=threshold_view,
            recorded_by=workspace.actor,
            outcome_note="",
        )
        _apply_outcome(session, consultation, outcome, meeting_id, notes)
        session.add(consultation)
        session.flush()
        return consultation.id


@validated
def set_outcome(
    workspace: Workspace,
    *,
    consultation_id: str,
    outcome: ConsultationOutcome,
    meeting_id: str | None = None,
    notes: str = "",
) -> None:
    """Record what happened after a consultation; a strategy meeting convened is linked."""
    with workspace.transaction() as session:
        consultation = session.get(Consultation, consultation_id)
        if consultation is None:
            raise NotFound("That consultation no longer exists.")
        _apply_outcome(session, consultation, outcome, meeting_id, notes)


def _rows(session: Session, *where: object) -> list[ConsultationRow]:
    query = (
        select(Consultation, Agency.name, Child.la_child_ref)
        .join(Agency, Agency.id == Consultation.agency_id)
        .outerjoin(CaseEpisode, CaseEpisode.id == Consultation.case_id)
        .outerjoin(Child, Child.id == CaseEpisode.child_id)
        .where(*where)  # type: ignore[arg-type]
        .order_by(Consultation.asked_on.desc(), Consultation.created_at.desc())
    )
    return [
        ConsultationRow(
            c.id,
            c.asked_on,
            c.asked_by_name,
            agency,
            c.case_id,
            ref or c.child_reference,
            c.question,
            c.advice,
            c.threshold_view,
            c.outcome,
            c.outcome_on,
            c.meeting_id,
            c.outcome_note,
        )
        for c, agency, ref in session.execute(query)
    ]


def list_consultations(
    workspace: Workspace, *, awaiting_only: bool = False
) -> list[ConsultationRow]:
    """Consultations, newest first; ``awaiting_only``: those with no outcome yet."""
    with workspace.reading() as session:
        if awaiting_only:
            return _rows(session, Consultation.outcome.is_(None))
        return _rows(session)


def awaiting_follow_up(workspace: Workspace) -> list[ConsultationRow]:
    """Consultations with no outcome recorded yet, newest first."""
    return list_consultations(workspace, awaiting_only=True)


def get_consultation(workspace: Workspace, *, consultation_id: str) -> ConsultationRow:
    with workspace.reading() as session:
        rows = _rows(session, Consultation.id == consultation_id)
    if not rows:
        raise NotFound("That consultation no longer exists.")
    return rows[0]


def consultations_for_meeting(workspace: Workspace, *, meeting_id: str) -> list[ConsultationRow]:
    """The consultations that led to the strategy meeting ``meeting_id`` (the other end
    of the link a consultation's outcome makes)."""
    with workspace.reading() as session:
        return _rows(session, Consultation.meeting_id == meeting_id)


def case_for_reference(workspace: Workspace, *, la_child_ref: str) -> str | None:
    """The newest case of the child whose LA reference is exactly ``la_child_ref``
    (any case), so a consultation about a known child can be linked to it."""
    ref = la_child_ref.strip()
    if not ref:
        return None
    with workspace.reading() as session:
        return session.scalar(
            select(CaseEpisode.id)
            .join(Child, Child.id == CaseEpisode.child_id)
            .where(func.lower(Child.la_child_ref) == ref.lower())
            .order_by(CaseEpisode.opened_on.desc())
            .limit(1)
        )


# Both counts in one statement, built once; the period is bound as "start" and "end".
_COUNTS = select(
    func.count(),
    func.count(case((Consultation.outcome == ConsultationOutcome.STRATEGY_MEETING, 1))),
).where(Consultation.asked_on.between(bindparam("start"), bindparam("end")))


def count_consultations(session: Session, start: dt.date, end: dt.date) -> ConsultationCounts:
    """Consultations asked from ``start`` to ``end`` inclusive, and how many led to a
    strategy meeting (for the report, inside its one read)."""
    total, led = session.connection().execute(_COUNTS, {"start": start, "end": end}).one()
    return ConsultationCounts(total, led)


__all__ = [
    "ConsultationCounts",
    "ConsultationRow",
    "awaiting_follow_up",
    "case_for_reference",
    "consultations_for_meeting",
    "count_consultations",
    "get_consultation",
    "list_consultations",
    "record_consultation",
    "set_outcome",
]
