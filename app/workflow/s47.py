"""The course of a section 47 enquiry: what its record must hold together.

Plain Python, no database and no Qt: the service checks a record with
:func:`course_problems` before storing it. Which enquiry a case's record
belongs to is :mod:`app.workflow.enquiries`'s to say.
"""

from __future__ import annotations

import dataclasses
import datetime as dt

from app.models.s47 import S47Agencies, S47Outcome, SeenAlone
from app.workdays import long_date


@dataclasses.dataclass(frozen=True)
class S47Values:
    """One enquiry's course as the chair gives it (None: not recorded yet)."""

    agencies: S47Agencies | None = None
    visited_on: dt.date | None = None
    child_seen: bool | None = None
    seen_alone: SeenAlone | None = None
    not_seen_reason: str = ""
    medical_on: dt.date | None = None
    medical_not_needed: bool = False
    findings: str = ""
    outcome: S47Outcome | None = None
    ended_on: dt.date | None = None


def _not_before(
    problems: list[str], day: dt.date | None, what: str, start: dt.date, today: dt.date
) -> None:
    if day is None:
        return
    if day < start:
        problems.append(
            f"The {what} cannot be before the strategy meeting that started the enquiry "
            f"({long_date(start)})."
        )
    elif day > today:
        problems.append(f"The {what} cannot be in the future.")


def course_problems(values: S47Values, *, started_on: dt.date, today: dt.date) -> list[str]:
    """Every problem with ``values`` for an enquiry started on ``started_on``, as
    sentences for the chair; an empty list when the record holds together."""
    problems: list[str] = []
    _not_before(problems, values.visited_on, "visit", started_on, today)
    _not_before(problems, values.medical_on, "medical", started_on, today)
    _not_before(problems, values.ended_on, "end date", started_on, today)
    if values.child_seen is not True and values.seen_alone in (SeenAlone.YES, SeenAlone.NO):
        problems.append(
            "Say whether the child was seen alone only when the child was seen; "
            "otherwise choose not applicable."
        )
    if values.child_seen is False and not values.not_seen_reason.strip():
        problems.append("Give the reason the child was not seen.")
    if values.child_seen is True and values.not_seen_reason.strip():
        problems.append("The child was seen: leave the reason for not seeing them empty.")
    if values.medical_on is not None and values.medical_not_needed:
        problems.append("Give the medical's date or say it was not needed, not both.")
    if values.ended_on is not None and values.outcome is None:
        problems.append("Record the enquiry's outcome with its end date.")
    if values.outcome is not None and values.ended_on is None:
        problems.append("Record the date the enquiry ended with its outcome.")
    ended, visited = values.ended_on, values.visited_on
    if ended is not None and visited is not None and ended < visited:
        problems.append("The end date cannot be before the visit.")
    return problems


def interview_problems(
    *, held_on: dt.date, interviewee: str, started_on: dt.date, today: dt.date
) -> list[str]:
    """Every problem with one interview of an enquiry started on ``started_on``."""
    problems: list[str] = []
    if not interviewee.strip():
        problems.append("Say who was interviewed.")
    _not_before(problems, held_on, "interview", started_on, today)
    return problems
