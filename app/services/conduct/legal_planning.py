"""A legal planning meeting's decision, recorded on the case's pre-proceedings.

The chair (the legal planning chair) decides at the meeting whether to start
pre-proceedings, issue care proceedings, or neither, with the reasons. Where
the case is already in pre-proceedings, a later legal planning meeting either
continues them or records the decision to step up or down, with its outcome.
Starting or ending pre-proceedings is stored on the case's pre-proceedings
episode (``app.services.preproceedings``) in the same transaction as the
decision, dated the meeting's date.
"""

from __future__ import annotations

import dataclasses
import datetime as dt

from sqlalchemy import bindparam, select
from sqlalchemy.orm import Session

from app import clock
from app.errors import ValidationError
from app.models import (
    LegalDecision,
    LegalPlanningDecision,
    Meeting,
    MeetingType,
    PreProceedingsEpisode,
    PreProceedingsOutcome,
)
from app.services.conduct._common import editable_meeting, get_meeting
from app.services.conduct.decision import deciding_chair, require_started
from app.services.preproceedings import open_episode, store_pre_proceedings
from app.storage.workspace import Workspace
from app.validation import validated
from app.workflow.legal_planning import (
    DECISION_WORDS,
    WHEN_NOT_OPEN,
    WHEN_OPEN,
    LegalPlanningRow,
    LegalPlanningState,
)
from app.workflow.preproceedings import PreProceedingsValues

_LEGAL_DECISION = select(LegalPlanningDecision).where(
    LegalPlanningDecision.meeting_id == bindparam("meeting")
)


def find_legal_decision(session: Session, meeting_id: str) -> LegalPlanningDecision | None:
    return session.scalar(_LEGAL_DECISION, {"meeting": meeting_id})


def legal_planning_row(session: Session, meeting_id: str) -> LegalPlanningRow | None:
    return legal_row(session, meeting_id, find_legal_decision(session, meeting_id))


def legal_row(
    session: Session, meeting_id: str, found: LegalPlanningDecision | None
) -> LegalPlanningRow | None:
    """:func:`legal_planning_row` of a decision already read (None if there is none)."""
    if found is None:
        return None
    episode = session.get(PreProceedingsEpisode, found.episode_id) if found.episode_id else None
    return LegalPlanningRow(
        meeting_id,
        found.decision,
        found.reasons,
        found.decided_by,
        found.decided_at,
        episode.decided_on if episode else None,
        episode.letter_sent_on if episode else None,
        episode.fgdm_offered if episode else None,
        episode.step_decided_on if episode else None,
        episode.outcome if episode else None,
    )


def legal_planning_state(workspace: Workspace, *, meeting_id: str) -> LegalPlanningState:
    with workspace.reading() as session:
        meeting = get_meeting(session, meeting_id)
        row = legal_planning_row(session, meeting_id)
        episode = open_episode(session, meeting.case_id)
        return LegalPlanningState(row, episode.values.decided_on if episode else None)


def _store_episode(
    session: Session,
    meeting: Meeting,
    decision: LegalDecision,
    *,
    letter_sent_on: dt.date | None,
    fgdm_offered: bool | None,
    outcome: PreProceedingsOutcome | None,
) -> str | None:
    """Record what ``decision`` means for the case's pre-proceedings; the episode's id."""
    day = meeting.scheduled_date
    current = open_episode(session, meeting.case_id)
    allowed = WHEN_OPEN if current is not None else WHEN_NOT_OPEN
    if decision not in allowed:
        state = "is in pre-proceedings" if current else "is not in pre-proceedings"
        raise ValidationError(
            f"This case {state}: the decision is one of "
            + ", ".join(DECISION_WORDS[d].lower() for d in allowed)
            + "."
        )
    if decision is LegalDecision.START_PRE_PROCEEDINGS:
        values = PreProceedingsValues(
            decided_on=day, letter_sent_on=letter_sent_on, fgdm_offered=fgdm_offered
        )
        return store_pre_proceedings(
            session, case_id=meeting.case_id, values=values, episode_id=None
        ).id
    if current is None:
        return None
    if decision is LegalDecision.CONTINUE_PRE_PROCEEDINGS:
        return current.id
    if decision is LegalDecision.CARE_PROCEEDINGS:
        outcome = PreProceedingsOutcome.A
    if outcome is None:
        raise ValidationError("Choose the outcome of the decision to step up or down.")
    values = dataclasses.replace(current.values, step_decided_on=day, outcome=outcome)
    return store_pre_proceedings(
        session, case_id=meeting.case_id, values=values, episode_id=current.id
    ).id


@validated
def record_legal_decision(
    workspace: Workspace,
    *,
    meeting_id: str,
    decision: LegalDecision,
    reasons: str,
    letter_sent_on: dt.date | None = None,
    fgdm_offered: bool | None = None,
    outcome: PreProceedingsOutcome | None = None,
) -> LegalPlanningRow:
    """Record the legal planning meeting's decision and, where it starts or ends
    pre-proceedings, the case's pre-proceedings record, dated the meeting's date.

    The meeting must have started and name its chair (who is recorded as deciding).
    Recorded once: a decision that started or ended pre-proceedings is corrected on
    the case's pre-proceedings record, not here."""
    if not reasons.strip():
        raise ValidationError("Give the reasons for the decision.")
    with workspace.transaction() as session:
        meeting = editable_meeting(session, meeting_id)
        if meeting.meeting_type is not MeetingType.LEGAL_PLANNING:
            raise ValidationError("Only a legal planning meeting records this decision.")
        require_started(meeting)
        chair = deciding_chair(meeting)
        if find_legal_decision(session, meeting_id) is not None:
            raise ValidationError(
                "This meeting's decision is already recorded. Correct the dates on the "
                "case's pre-proceedings record."
            )
        episode_id = _store_episode(
            session,
            meeting,
            decision,
            letter_sent_on=letter_sent_on,
            fgdm_offered=fgdm_offered,
            outcome=outcome,
        )
        session.add(
            LegalPlanningDecision(
                meeting_id=meeting_id,
                decision=decision,
                reasons=reasons.strip(),
                episode_id=episode_id,
                decided_by=chair,
                decided_at=clock.utcnow(),
            )
        )
        session.flush()
        row = legal_planning_row(session, meeting_id)
        assert row is not None
        return row
