"""Recording how a child arrived other than by a referral: the birth of a baby first
known unborn, and the notification that a child on a plan moved in from another area.

Each call is one transaction, audited like every write. Recording the birth
keeps the same child record (its reference, case, meetings and plan): it gives
the child a date of birth, and a name when one is given, so that everything
carries on under it. The clocks both start are ``app.workflow.arrivals``'s.
"""

from __future__ import annotations

import dataclasses
import datetime as dt

from sqlalchemy import select
from sqlalchemy.orm import Session

from app import clock
from app.errors import NotFound, ValidationError
from app.models import CaseEpisode, CaseStatus, CaseTransferIn, ChildBirthRecord
from app.storage.workspace import Workspace
from app.validation import validated

NAME_LIMIT = 100  # the child record's first and last names


@dataclasses.dataclass(frozen=True)
class BirthRow:
    child_id: str
    case_id: str
    born_on: dt.date
    name_before: str
    recorded_by: str


@dataclasses.dataclass(frozen=True)
class TransferInRow:
    case_id: str
    received_on: dt.date
    from_area: str
    notes: str
    recorded_by: str


@dataclasses.dataclass(frozen=True)
class Arrivals:
    """What a case records of how its child arrived (None: nothing recorded)."""

    birth: BirthRow | None
    transfer_in: TransferInRow | None


def _open_case(session: Session, case_id: str) -> CaseEpisode:
    case = session.get(CaseEpisode, case_id)
    if case is None:
        raise NotFound("That case no longer exists.")
    if case.status is not CaseStatus.OPEN:
        raise ValidationError("The case is closed: open a new case to record this.")
    return case


def _not_ahead(day: dt.date, what: str) -> None:
    if day > clock.today():
        raise ValidationError(f"The {what} cannot be on a day still to come.")


@validated
def record_birth(
    workspace: Workspace,
    *,
    case_id: str,
    born_on: dt.date,
    first_name: str = "",
    last_name: str = "",
) -> BirthRow:
    """Record that the case's unborn child has been born, on ``born_on``, and the
    child's name when given (a blank name keeps the one recorded)."""
    _not_ahead(born_on, "date of birth")
    first_name, last_name = first_name.strip(), last_name.strip()
    if len(first_name) > NAME_LIMIT or len(last_name) > NAME_LIMIT:
        raise ValidationError(f"Keep each name to {NAME_LIMIT} characters.")
    with workspace.transaction() as session:
        case = _open_case(session, case_id)
        child = case.child
        if session.scalar(select(ChildBirthRecord).where(ChildBirthRecord.child_id == child.id)):
            raise ValidationError("The birth of this child is already recorded.")
        if not child.is_unborn:
            raise ValidationError(
                "This child was not recorded as unborn: record a birth only for a baby "
                "known by an expected date of birth."
            )
        if born_on < case.opened_on - dt.timedelta(days=1):
            raise ValidationError("The birth cannot be before the case was opened.")
        record = ChildBirthRecord(
            child_id=child.id,
            case_id=case.id,
            born_on=born_on,
            name_before=child.full_name,
            recorded_by=workspace.actor,
        )
        session.add(record)
        child.date_of_birth = born_on
        if first_name:
            child.first_name = first_name
        if last_name:
            child.last_name = last_name
        session.flush()
        return _birth_row(record, child.date_of_birth)


@validated
def record_transfer_in(
    workspace: Workspace,
    *,
    case_id: str,
    received_on: dt.date,
    from_area: str,
    notes: str = "",
) -> TransferInRow:
    """Record (or correct) the notification that the case's child, on a plan in
    ``from_area``, has moved into this area; the conference is due from it."""
    _not_ahead(received_on, "notification")
    from_area = from_area.strip()
    if not from_area:
        raise ValidationError("Give the name of the area the child moved from.")
    with workspace.transaction() as session:
        _open_case(session, case_id)
        record = session.scalar(select(CaseTransferIn).where(CaseTransferIn.case_id == case_id))
        if record is None:
            record = CaseTransferIn(case_id=case_id, recorded_by=workspace.actor)
            session.add(record)
        record.received_on = received_on
        record.from_area = from_area
        record.notes = notes.strip()
        session.flush()
        return _transfer_row(record)


def arrivals_of(session: Session, case_id: str) -> Arrivals:
    """The case's birth record and transfer-in notification (a caller's read transaction)."""
    case = session.get(CaseEpisode, case_id)
    if case is None:
        raise NotFound("That case no longer exists.")
    birth = session.scalar(
        select(ChildBirthRecord).where(ChildBirthRecord.child_id == case.child_id)
    )
    moved = session.scalar(select(CaseTransferIn).where(CaseTransferIn.case_id == case_id))
    return Arrivals(
        _birth_row(birth, case.child.date_of_birth) if birth is not None else None,
        _transfer_row(moved) if moved is not None else None,
    )


def case_arrivals(workspace: Workspace, *, case_id: str) -> Arrivals:
    """The case's birth record and transfer-in notification."""
    with workspace.reading() as session:
        return arrivals_of(session, case_id)


def _birth_row(record: ChildBirthRecord, date_of_birth: dt.date | None) -> BirthRow:
    """The birth as the child's record now has it: a date of birth corrected on the case
    page is the date (the clocks count from it too); the record keeps the first one."""
    born = date_of_birth or record.born_on
    return BirthRow(record.child_id, record.case_id, born, record.name_before, record.recorded_by)


def _transfer_row(record: CaseTransferIn) -> TransferInRow:
    return TransferInRow(
        record.case_id, record.received_on, record.from_area, record.notes, record.recorded_by
    )


def conference_title_in(session: Session, case_id: str, meeting_id: str) -> str | None:
    """ "Pre-birth initial child protection conference" or "Transfer-in child protection
    conference" for such a conference (the rules of app.workflow.arrivals), else None."""
    from app.services.clocks import case_facts
    from app.workflow.arrivals import CONFERENCE_TITLES, conference_kind

    facts = case_facts(session, [case_id]).get(case_id)
    fact = facts.meeting(meeting_id) if facts is not None else None
    if facts is None or fact is None:
        return None
    kind = conference_kind(facts, fact)
    return CONFERENCE_TITLES[kind] if kind is not None else None


def conference_title(workspace: Workspace, *, case_id: str, meeting_id: str) -> str | None:
    """The conference's own title, when it is a pre-birth or transfer-in conference."""
    with workspace.reading() as session:
        return conference_title_in(session, case_id, meeting_id)
