"""Pre-proceedings episodes on a case: record them and read them back.

Each write is one transaction, checked first by the PLO's rules
(:mod:`app.workflow.preproceedings`); the audit log records it like any other
record. The CIN census reads the same records (``app.census.collect``).
"""

from __future__ import annotations

import dataclasses
import datetime as dt

from sqlalchemy import select
from sqlalchemy.orm import Session

from app import clock
from app.errors import NotFound, ValidationError
from app.models import CaseEpisode, PreProceedingsEpisode, PreProceedingsOutcome
from app.storage.workspace import Workspace
from app.validation import validated
from app.workdays import long_date
from app.workflow.preproceedings import PreProceedingsValues, record_problems


@dataclasses.dataclass(frozen=True)
class PreProceedingsRow:
    id: str
    case_id: str
    values: PreProceedingsValues

    def as_json(self) -> dict[str, object]:
        found: dict[str, object] = {"id": self.id, "case_id": self.case_id}
        for name, value in dataclasses.asdict(self.values).items():
            found[name] = value.isoformat() if isinstance(value, dt.date) else value
        if self.values.outcome is not None:
            found["outcome"] = self.values.outcome.value
        return found


def _row(episode: PreProceedingsEpisode) -> PreProceedingsRow:
    names = [f.name for f in dataclasses.fields(PreProceedingsValues)]
    values = PreProceedingsValues(**{name: getattr(episode, name) for name in names})
    return PreProceedingsRow(episode.id, episode.case_id, values)


def _episodes(session: Session, case_id: str) -> list[PreProceedingsEpisode]:
    return list(
        session.scalars(
            select(PreProceedingsEpisode)
            .where(PreProceedingsEpisode.case_id == case_id)
            .order_by(PreProceedingsEpisode.decided_on, PreProceedingsEpisode.created_at)
        )
    )


def list_pre_proceedings(workspace: Workspace, *, case_id: str) -> list[PreProceedingsRow]:
    """The case's pre-proceedings episodes, oldest first."""
    with workspace.reading() as session:
        if session.get(CaseEpisode, case_id) is None:
            raise NotFound("That case no longer exists.")
        return [_row(e) for e in _episodes(session, case_id)]


@validated
def record_pre_proceedings(
    workspace: Workspace,
    *,
    case_id: str,
    decided_on: dt.date,
    episode_id: str | None = None,
    letter_sent_on: dt.date | None = None,
    fgdm_offered: bool | None = None,
    fgdm_facilitated: bool | None = None,
    first_meeting_on: dt.date | None = None,
    review_meetings: int | None = None,
    step_decided_on: dt.date | None = None,
    outcome: PreProceedingsOutcome | None = None,
    court_application_on: dt.date | None = None,
    proceedings_letter_on: dt.date | None = None,
) -> PreProceedingsRow:
    """Start a pre-proceedings episode on the case, or (given ``episode_id``) replace
    what its record holds. Raises :class:`ValidationError` naming every problem."""
    values = PreProceedingsValues(
        decided_on=decided_on,
        letter_sent_on=letter_sent_on,
        fgdm_offered=fgdm_offered,
        fgdm_facilitated=fgdm_facilitated,
        first_meeting_on=first_meeting_on,
        review_meetings=review_meetings,
        step_decided_on=step_decided_on,
        outcome=outcome,
        court_application_on=court_application_on,
        proceedings_letter_on=proceedings_letter_on,
    )
    with workspace.transaction() as session:
        return store_pre_proceedings(session, case_id=case_id, values=values, episode_id=episode_id)


def store_pre_proceedings(
    session: Session, *, case_id: str, values: PreProceedingsValues, episode_id: str | None
) -> PreProceedingsRow:
    """Check and store one episode's record inside the caller's transaction (a legal
    planning meeting's decision stores it with its own record)."""
    problems = record_problems(values, today=clock.today())
    if problems:
        raise ValidationError(" ".join(problems))
    if session.get(CaseEpisode, case_id) is None:
        raise NotFound("That case no longer exists.")
    others = [e for e in _episodes(session, case_id) if e.id != episode_id]
    _check_no_overlap(values, [_row(e).values for e in others])
    if episode_id is None:
        episode = PreProceedingsEpisode(case_id=case_id, decided_on=values.decided_on)
        session.add(episode)
    else:
        found = session.get(PreProceedingsEpisode, episode_id)
        if found is None or found.case_id != case_id:
            raise NotFound("That pre-proceedings record no longer exists on this case.")
        episode = found
    for field in dataclasses.fields(values):
        if getattr(episode, field.name) != getattr(values, field.name):
            setattr(episode, field.name, getattr(values, field.name))
    session.flush()
    return _row(episode)


def open_episode(session: Session, case_id: str) -> PreProceedingsRow | None:
    """The case's episode still in pre-proceedings, if there is one."""
    found = [_row(e) for e in _episodes(session, case_id)]
    return next((r for r in reversed(found) if r.values.is_open), None)


def _check_no_overlap(values: PreProceedingsValues, others: list[PreProceedingsValues]) -> None:
    for other in others:
        ends = other.step_decided_on or dt.date.max
        mine_ends = values.step_decided_on or dt.date.max
        if values.decided_on <= ends and other.decided_on <= mine_ends:
            still = "is still open" if other.is_open else f"ran until {long_date(ends)}"
            raise ValidationError(
                "This case already has pre-proceedings that started on "
                f"{long_date(other.decided_on)} and {still}. Record the decision to step up "
                "or down on that episode first, or correct its dates."
            )
