"""Children and their case episodes: create, list, search and look at one."""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import Any, TypeVar

from sqlalchemy import Select, and_, func, or_, select
from sqlalchemy.orm import Session, contains_eager

from app import clock
from app.errors import NotFound, ValidationError
from app.models import (
    Agency,
    AgencyAttendance,
    CaseEpisode,
    CaseStatus,
    Child,
    FamilyMember,
    Meeting,
    MeetingStatus,
    MeetingType,
    Practitioner,
    ProceedingsType,
    Retirable,
    Sex,
)
from app.services.conduct.timescales import store_timescales
from app.storage import meeting_search
from app.storage.workspace import Workspace
from app.validation import validated

_Query = TypeVar("_Query", bound=Select[*tuple[Any, ...]])


@dataclasses.dataclass(frozen=True)
class CaseSummary:
    case_id: str
    child_id: str
    la_child_ref: str
    child_name: str
    opened_on: dt.date
    status: CaseStatus
    concern: str


@dataclasses.dataclass(frozen=True)
class FamilyMemberRow:
    id: str
    name: str
    relationship_to_child: str
    parental_responsibility: bool
    address: str
    phone: str | None
    email: str | None
    invite_to_conferences: bool
    is_carer: bool
    # Retired: no longer on the child's list, but kept in every record naming them.
    retired: bool = False


@dataclasses.dataclass(frozen=True)
class MeetingRow:
    id: str
    meeting_type: str
    scheduled_date: dt.date
    scheduled_time: dt.time | None
    status: str


@dataclasses.dataclass(frozen=True)
class CaseDetail:
    case_id: str
    child_id: str
    la_child_ref: str
    unique_child_identifier: str | None
    first_name: str
    last_name: str
    known_as: str | None
    date_of_birth: dt.date | None
    expected_date_of_birth: dt.date | None
    sex: Sex
    gender: str | None
    address: str
    postcode: str | None
    concern: str
    harm_inside_home: bool
    harm_outside_home: bool
    harm_online: bool
    looked_after: bool
    kinship_care: bool
    proceedings: ProceedingsType
    guardian_name: str | None
    guardian_contact: str | None
    lcpp_name: str | None
    opened_on: dt.date
    status: CaseStatus
    family: list[FamilyMemberRow]
    agencies: list[str]
    meetings: list[MeetingRow]
    referral_date: dt.date | None = None
    nhs_number: str | None = None
    upn: str | None = None

    @property
    def child_name(self) -> str:
        return " ".join(p for p in (self.first_name, self.last_name) if p)


def _summary(case: CaseEpisode) -> CaseSummary:
    return CaseSummary(
        case.id,
        case.child_id,
        case.child.la_child_ref,
        case.child.full_name,
        case.opened_on,
        case.status,
        case.concern,
    )


@validated
def create_case(
    workspace: Workspace,
    *,
    la_child_ref: str,
    first_name: str = "",
    last_name: str = "",
    date_of_birth: dt.date | None = None,
    expected_date_of_birth: dt.date | None = None,
    sex: Sex = Sex.NOT_KNOWN,
    address: str = "",
    concern: str = "",
    opened_on: dt.date | None = None,
    referral_date: dt.date | None = None,
) -> CaseSummary:
    """A new child (or an existing one, by reference) with a new open case episode."""
    _check_referral_date(referral_date)
    la_child_ref = la_child_ref.strip()
    if not la_child_ref:
        raise ValidationError("Give the child's local authority reference.")
    if date_of_birth and expected_date_of_birth:
        raise ValidationError(
            "Give a date of birth, or an expected date of birth for an unborn child, not both."
        )
    if date_of_birth and date_of_birth > clock.today():
        raise ValidationError(
            "The date of birth is in the future. For an unborn child, give the expected date."
        )
    with workspace.transaction() as session:
        child = session.scalar(select(Child).where(Child.la_child_ref == la_child_ref))
        if child is None:
            child = Child(
                la_child_ref=la_child_ref,
                first_name=first_name.strip(),
                last_name=last_name.strip(),
                date_of_birth=date_of_birth,
                expected_date_of_birth=expected_date_of_birth,
                sex=sex,
                address=address,
            )
            session.add(child)
        case = CaseEpisode(
            child=child,
            concern=concern,
            opened_on=opened_on or clock.today(),
            referral_date=referral_date,
        )
        session.add(case)
        session.flush()
        return _summary(case)


def _check_referral_date(referral_date: dt.date | None) -> None:
    if referral_date is not None and referral_date > clock.today():
        raise ValidationError("The referral date is in the future. Give the date it was received.")


@validated
def set_referral_date(workspace: Workspace, *, case_id: str, referral_date: dt.date | None) -> None:
    """Record (or clear) when the referral was received. The section 47 assessment's
    45 working days count from it; the dates of strategy meetings whose minutes are
    not yet signed off are counted again, and signed-off minutes keep theirs."""
    _check_referral_date(referral_date)
    with workspace.transaction() as session:
        case = _case_or_raise(session, case_id)
        if case.referral_date == referral_date:
            return
        case.referral_date = referral_date
        for meeting in session.scalars(
            select(Meeting).where(
                Meeting.case_id == case_id,
                Meeting.meeting_type == MeetingType.STRATEGY,
                Meeting.status.in_((MeetingStatus.IN_PROGRESS, MeetingStatus.CLOSED)),
            )
        ):
            store_timescales(session, meeting)


def count_cases(workspace: Workspace, *, status: CaseStatus = CaseStatus.OPEN) -> int:
    with workspace.reading() as session:
        query = select(func.count()).select_from(CaseEpisode).where(CaseEpisode.status == status)
        return int(session.scalar(query) or 0)


def _searched(query: _Query, search: str) -> _Query:
    """``query`` (of cases joined to their child) narrowed to what the search matches: the
    child's reference, or part of their first name, last name or both."""
    term = search.strip()
    if term:
        like = f"%{term}%"
        query = query.where(
            or_(
                Child.la_child_ref.ilike(like),
                Child.first_name.ilike(like),
                Child.last_name.ilike(like),
                (Child.first_name + " " + Child.last_name).ilike(like),
            )
        )
        if meeting_search.usable(term):
            # Found in the index first; the comparison above keeps what it matched.
            query = query.where(Child.id.in_(meeting_search.matching_children(term)))
    return query


# Newest first; the id keeps cases opened on one day in one order from page to page.
_CASE_ORDER = (CaseEpisode.opened_on.desc(), Child.la_child_ref, CaseEpisode.id)


def list_cases(workspace: Workspace, *, search: str = "", limit: int = 500) -> list[CaseSummary]:
    """Cases, newest first, whose child's name or reference contains ``search``: the
    first page of :func:`cases_page`."""
    return cases_page(workspace, search=search, limit=limit).rows


@dataclasses.dataclass(frozen=True)
class CasesPageRows:
    """One page of the cases list, and how many cases match the search in all."""

    rows: list[CaseSummary]
    offset: int
    total: int


def cases_page(
    workspace: Workspace, *, search: str = "", offset: int = 0, limit: int
) -> CasesPageRows:
    """``limit`` cases from ``offset`` in the list's order, and their number, in one query."""
    with workspace.reading() as session:
        # The page is chosen by sorting three narrow columns (with the number
        # alongside), then only its cases are read whole: sorting every case with
        # its child's address and concern to keep 200 of 10,000 took seconds.
        ids = select(CaseEpisode.id.label("id"), func.count().over().label("total")).join(
            CaseEpisode.child
        )
        page = _searched(ids, search).order_by(*_CASE_ORDER).limit(limit).offset(offset).subquery()
        rows = session.execute(
            select(CaseEpisode, page.c.total)
            .join(page, page.c.id == CaseEpisode.id)
            .join(CaseEpisode.child)
            .options(contains_eager(CaseEpisode.child))
            .order_by(*_CASE_ORDER)
        ).all()
        # Past the end there is no row to carry the number: the list ended before it.
        total = rows[0][1] if rows else offset
        return CasesPageRows([_summary(case) for case, _ in rows], offset, total)


@dataclasses.dataclass(frozen=True)
class CasesSlice:
    """Cases next to each other in the list's order, and whether more follow them."""

    rows: list[CaseSummary]
    more: bool


def cases_after(
    workspace: Workspace, *, search: str = "", after: CaseSummary | None, limit: int
) -> CasesSlice:
    """Up to ``limit`` cases matching ``search`` that follow ``after`` in the list (from
    the start with None), newest first. Read from where ``after`` sits (the index on the
    day each case opened finds it), not counted from the top and without counting the
    whole list: the same cost at 50,000 children as at 50."""
    with workspace.reading() as session:
        ids = select(CaseEpisode.id).join(CaseEpisode.child)
        if after is not None:
            opened, ref = CaseEpisode.opened_on, Child.la_child_ref
            ids = ids.where(
                opened <= after.opened_on,
                or_(
                    opened < after.opened_on,
                    ref > after.la_child_ref,
                    and_(ref == after.la_child_ref, CaseEpisode.id > after.case_id),
                ),
            )
        page = _searched(ids, search).order_by(*_CASE_ORDER).limit(limit + 1).subquery()
        cases = session.scalars(
            select(CaseEpisode)
            .join(page, page.c.id == CaseEpisode.id)
            .join(CaseEpisode.child)
            .options(contains_eager(CaseEpisode.child))
            .order_by(*_CASE_ORDER)
        ).all()
        rows = [_summary(case) for case in cases[:limit]]
        return CasesSlice(rows, len(cases) > limit)


def _family_row(m: FamilyMember) -> FamilyMemberRow:
    return FamilyMemberRow(
        m.id,
        m.name,
        m.relationship_to_child,
        m.parental_responsibility,
        m.address,
        m.phone,
        m.email,
        m.invite_to_conferences,
        m.is_carer,
        m.retired,
    )


def _case_or_raise(session: Session, case_id: str) -> CaseEpisode:
    case = session.get(CaseEpisode, case_id)
    if case is None:
        raise NotFound("That case no longer exists.")
    return case


def get_case(workspace: Workspace, *, case_id: str) -> CaseDetail:
    with workspace.reading() as session:
        case = _case_or_raise(session, case_id)
        child = case.child
        meetings = session.scalars(
            select(Meeting)
            .where(Meeting.case_id == case_id)
            .order_by(Meeting.scheduled_date, Meeting.scheduled_time)
        ).all()
        agency_names = session.scalars(
            select(Agency.name)
            .join(AgencyAttendance, AgencyAttendance.agency_id == Agency.id)
            .join(Meeting, Meeting.id == AgencyAttendance.meeting_id)
            .where(Meeting.case_id == case_id)
            .distinct()
            .order_by(Agency.name)
        ).all()
        return CaseDetail(
            case_id=case.id,
            child_id=child.id,
            la_child_ref=child.la_child_ref,
            unique_child_identifier=child.unique_child_identifier,
            nhs_number=child.nhs_number,
            upn=child.upn,
            first_name=child.first_name,
            last_name=child.last_name,
            known_as=child.known_as,
            date_of_birth=child.date_of_birth,
            expected_date_of_birth=child.expected_date_of_birth,
            sex=child.sex,
            gender=child.gender,
            address=child.address,
            postcode=child.postcode,
            concern=case.concern,
            harm_inside_home=case.harm_inside_home,
            harm_outside_home=case.harm_outside_home,
            harm_online=case.harm_online,
            looked_after=case.looked_after,
            kinship_care=case.kinship_care,
            proceedings=case.proceedings,
            guardian_name=case.guardian_name,
            guardian_contact=case.guardian_contact,
            lcpp_name=case.lcpp_name,
            opened_on=case.opened_on,
            referral_date=case.referral_date,
            status=case.status,
            family=[_family_row(m) for m in child.family],
            agencies=list(agency_names),
            meetings=[
                MeetingRow(
                    m.id, m.meeting_type.value, m.scheduled_date, m.scheduled_time, m.status.value
                )
                for m in meetings
            ],
        )


@validated
def add_family_member(
    workspace: Workspace,
    *,
    child_id: str,
    name: str,
    relationship_to_child: str = "",
    parental_responsibility: bool = False,
    address: str = "",
    phone: str | None = None,
    email: str | None = None,
    invite_to_conferences: bool = False,
    is_carer: bool = False,
) -> str:
    if not name.strip():
        raise ValidationError("Give the family member's name.")
    with workspace.transaction() as session:
        if session.get(Child, child_id) is None:
            raise NotFound("That child no longer exists.")
        member = FamilyMember(
            child_id=child_id,
            name=name.strip(),
            relationship_to_child=relationship_to_child,
            parental_responsibility=parental_responsibility,
            address=address,
            phone=phone,
            email=email,
            invite_to_conferences=invite_to_conferences,
            is_carer=is_carer,
        )
        session.add(member)
        session.flush()
        return member.id


@validated
def retire_family_member(workspace: Workspace, *, member_id: str, reason: str) -> None:
    """Take a family member off the child's list; every record that names them keeps them.

    Nothing is deleted: who retired them, when and why are kept with the record.
    """
    reason = reason.strip()
    if not reason:
        raise ValidationError("Say why this family member is being retired.")
    with workspace.transaction() as session:
        member = session.get(FamilyMember, member_id)
        if member is None:
            raise NotFound("That family member no longer exists.")
        retire(member, workspace.actor, reason)


def retire(record: Retirable, actor: str, reason: str) -> None:
    """Mark ``record`` retired by ``actor`` now, for ``reason`` (already retired: unchanged)."""
    if record.retired_at is None:
        record.retired_at = clock.utcnow()
        record.retired_by = actor
        record.retired_reason = reason


@validated
def add_practitioner(
    workspace: Workspace,
    *,
    name: str,
    role: str = "",
    agency_id: str | None = None,
    email: str | None = None,
    phone: str | None = None,
) -> str:
    if not name.strip():
        raise ValidationError("Give the practitioner's name.")
    with workspace.transaction() as session:
        practitioner = Practitioner(
            name=name.strip(), role=role, agency_id=agency_id, email=email, phone=phone
        )
        session.add(practitioner)
        session.flush()
        return practitioner.id


@validated
def retire_practitioner(workspace: Workspace, *, practitioner_id: str, reason: str) -> None:
    """Take a practitioner out of the directory; records that name them keep them."""
    reason = reason.strip()
    if not reason:
        raise ValidationError("Say why this practitioner is being retired.")
    with workspace.transaction() as session:
        practitioner = session.get(Practitioner, practitioner_id)
        if practitioner is None:
            raise NotFound("That practitioner no longer exists.")
        retire(practitioner, workspace.actor, reason)
