"""The course of a case's section 47 enquiries: record it and read it back.

Which enquiry applies is :mod:`app.workflow.enquiries`'s rule (the latest held
strategy meeting whose decision started one); what a record must hold together
is :mod:`app.workflow.s47`'s. Each write is one transaction; the audit log
records it like any other record.
"""

from __future__ import annotations

import dataclasses
import datetime as dt

from sqlalchemy import select
from sqlalchemy.orm import Session

from app import clock
from app.errors import NotFound, ValidationError
from app.models import (
    Meeting,
    S47Agencies,
    S47Enquiry,
    S47Interview,
    S47Outcome,
    SeenAlone,
)
from app.services.clocks import case_facts
from app.storage.workspace import Workspace
from app.validation import validated
from app.workflow.enquiries import enquiries, latest_enquiry
from app.workflow.s47 import S47Values, course_problems, interview_problems

NOT_AN_ENQUIRY = (
    "That strategy meeting did not start a section 47 enquiry: record the course of an "
    "enquiry against the held strategy meeting whose decision started it."
)


@dataclasses.dataclass(frozen=True)
class InterviewRow:
    id: str
    held_on: dt.date
    interviewee: str
    abe: bool


@dataclasses.dataclass(frozen=True)
class S47Course:
    """One enquiry's course: the strategy meeting that started it and what is recorded."""

    case_id: str
    strategy_meeting_id: str
    started_on: dt.date
    values: S47Values
    interviews: tuple[InterviewRow, ...] = ()
    recorded: bool = False  # False: nothing has been recorded about its course yet

    def as_of(self, day: dt.date) -> S47Course:
        """The course as it stood on ``day``: what happened after it is left out."""

        def kept(on: dt.date | None) -> dt.date | None:
            return on if on is not None and on <= day else None

        v = self.values
        ended = v.ended_on is not None and v.ended_on <= day
        values = dataclasses.replace(
            v,
            visited_on=kept(v.visited_on),
            medical_on=kept(v.medical_on),
            outcome=v.outcome if ended else None,
            ended_on=v.ended_on if ended else None,
        )
        return dataclasses.replace(
            self,
            values=values,
            interviews=tuple(i for i in self.interviews if i.held_on <= day),
        )

    def as_json(self) -> dict[str, object]:
        found: dict[str, object] = {
            "case_id": self.case_id,
            "strategy_meeting_id": self.strategy_meeting_id,
            "started_on": self.started_on.isoformat(),
            "recorded": self.recorded,
        }
        for name, value in dataclasses.asdict(self.values).items():
            if isinstance(value, dt.date):
                value = value.isoformat()
            elif isinstance(value, S47Agencies | SeenAlone | S47Outcome):
                value = value.value
            found[name] = value
        found["interviews"] = [
            {
                "id": i.id,
                "held_on": i.held_on.isoformat(),
                "interviewee": i.interviewee,
                "abe": i.abe,
            }
            for i in self.interviews
        ]
        return found


def _course(session: Session, case_id: str, strategy_id: str, started_on: dt.date) -> S47Course:
    row = session.scalar(select(S47Enquiry).where(S47Enquiry.strategy_meeting_id == strategy_id))
    if row is None:
        return S47Course(case_id, strategy_id, started_on, S47Values())
    names = [f.name for f in dataclasses.fields(S47Values)]
    values = S47Values(**{name: getattr(row, name) for name in names})
    interviews = session.scalars(
        select(S47Interview)
        .where(S47Interview.enquiry_id == row.id)
        .order_by(S47Interview.held_on, S47Interview.created_at)
    )
    return S47Course(
        case_id,
        strategy_id,
        started_on,
        values,
        tuple(InterviewRow(i.id, i.held_on, i.interviewee, i.abe) for i in interviews),
        recorded=True,
    )


def course_on(session: Session, case_id: str, day: dt.date | None = None) -> S47Course | None:
    """The course of the case's latest enquiry (as it stood on ``day``, if given), or
    None when no enquiry had started. The minutes read it inside their own read."""
    facts = case_facts(session, [case_id]).get(case_id)
    if facts is None:
        return None
    enquiry = latest_enquiry(facts.as_of(day) if day is not None else facts)
    if enquiry is None:
        return None
    course = _course(session, case_id, enquiry.id, enquiry.day)
    return course.as_of(day) if day is not None else course


def s47_course(workspace: Workspace, *, case_id: str) -> S47Course | None:
    """The course of the case's latest section 47 enquiry, or None if none started."""
    with workspace.reading() as session:
        if case_facts(session, [case_id]).get(case_id) is None:
            raise NotFound("That case no longer exists.")
        return course_on(session, case_id)


def _enquiry_start(session: Session, strategy_meeting_id: str) -> Meeting:
    meeting = session.get(Meeting, strategy_meeting_id)
    if meeting is None:
        raise NotFound("That strategy meeting no longer exists.")
    facts = case_facts(session, [meeting.case_id]).get(meeting.case_id)
    if facts is None or strategy_meeting_id not in {m.id for m in enquiries(facts)}:
        raise ValidationError(NOT_AN_ENQUIRY)
    return meeting


def _enquiry_row(session: Session, meeting: Meeting) -> S47Enquiry:
    row = session.scalar(select(S47Enquiry).where(S47Enquiry.strategy_meeting_id == meeting.id))
    if row is None:
        row = S47Enquiry(case_id=meeting.case_id, strategy_meeting_id=meeting.id)
        session.add(row)
    return row


@validated
def record_s47_enquiry(
    workspace: Workspace,
    *,
    strategy_meeting_id: str,
    agencies: S47Agencies | None = None,
    visited_on: dt.date | None = None,
    child_seen: bool | None = None,
    seen_alone: SeenAlone | None = None,
    not_seen_reason: str = "",
    medical_on: dt.date | None = None,
    medical_not_needed: bool = False,
    findings: str = "",
    outcome: S47Outcome | None = None,
    ended_on: dt.date | None = None,
) -> S47Course:
    """Record (or replace) the course of the enquiry that ``strategy_meeting_id``
    started. Raises :class:`ValidationError` naming every problem."""
    values = S47Values(
        agencies=agencies,
        visited_on=visited_on,
        child_seen=child_seen,
        seen_alone=seen_alone,
        not_seen_reason=not_seen_reason.strip(),
        medical_on=medical_on,
        medical_not_needed=medical_not_needed,
        findings=findings.strip(),
        outcome=outcome,
        ended_on=ended_on,
    )
    with workspace.transaction() as session:
        meeting = _enquiry_start(session, strategy_meeting_id)
        problems = course_problems(values, started_on=meeting.scheduled_date, today=clock.today())
        if problems:
            raise ValidationError(" ".join(problems))
        row = _enquiry_row(session, meeting)
        for field in dataclasses.fields(values):
            if getattr(row, field.name, None) != getattr(values, field.name):
                setattr(row, field.name, getattr(values, field.name))
        session.flush()
        return _course(session, meeting.case_id, meeting.id, meeting.scheduled_date)


@validated
def add_s47_interview(
    workspace: Workspace,
    *,
    strategy_meeting_id: str,
    held_on: dt.date,
    interviewee: str,
    abe: bool = False,
) -> S47Course:
    """Add an interview (ABE or not) to the enquiry that ``strategy_meeting_id`` started."""
    with workspace.transaction() as session:
        meeting = _enquiry_start(session, strategy_meeting_id)
        problems = interview_problems(
            held_on=held_on,
            interviewee=interviewee,
            started_on=meeting.scheduled_date,
            today=clock.today(),
        )
        if problems:
            raise ValidationError(" ".join(problems))
        row = _enquiry_row(session, meeting)
        session.flush()
        session.add(
            S47Interview(
                enquiry_id=row.id, held_on=held_on, interviewee=interviewee.strip(), abe=abe
            )
        )
        session.flush()
        return _course(session, meeting.case_id, meeting.id, meeting.scheduled_date)


@validated
def remove_s47_interview(workspace: Workspace, *, interview_id: str) -> None:
    """Take an interview recorded in error off its enquiry's record."""
    with workspace.transaction() as session:
        interview = session.get(S47Interview, interview_id)
        if interview is None:
            raise NotFound("That interview is no longer recorded.")
        session.delete(interview)


def s47_course_as_of(workspace: Workspace, *, case_id: str, day: dt.date) -> S47Course | None:
    """The course of the enquiry that applied on ``day``, as it stood that day (what
    a five-day review or a conference on ``day`` knew), or None."""
    with workspace.reading() as session:
        return course_on(session, case_id, day)
