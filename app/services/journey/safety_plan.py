"""The interim safety plan agreed at the five-day review.

A plan is never edited in place: every change makes a new, dated version
holding a full copy of the items, so what was agreed on any day stays readable.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Sequence

from sqlalchemy import select
from sqlalchemy.orm import Session

from app import clock
from app.errors import NotFound, ValidationError
from app.models import (
    Agency,
    CaseEpisode,
    CaseStatus,
    InterimSafetyPlan,
    Meeting,
    SafetyPlanItem,
    SafetyPlanVersion,
)
from app.services.clocks import case_journey
from app.services.journey._shared import check_editable, required_text
from app.storage.workspace import Workspace
from app.validation import validated


@dataclasses.dataclass(frozen=True)
class SafetyPlanItemInput:
    """One worry and what will keep the child safe from it, as the chair types it."""

    worry: str
    keeps_safe: str
    responsible_name: str = ""
    responsible_agency_id: str | None = None
    by_when: str = ""
    how_we_know: str = ""
    contingency: str = ""


@dataclasses.dataclass(frozen=True)
class SafetyPlanItemRow(SafetyPlanItemInput):
    position: int = 0
    responsible_agency: str = ""

    def as_input(self) -> SafetyPlanItemInput:
        """The item as input for the next version (the UI edits a copy)."""
        fields = {f.name: getattr(self, f.name) for f in dataclasses.fields(SafetyPlanItemInput)}
        return SafetyPlanItemInput(**fields)


@dataclasses.dataclass(frozen=True)
class SafetyPlanVersionView:
    plan_id: str
    case_id: str
    meeting_id: str | None
    version: int
    current_version: int
    made_at: dt.datetime
    made_by: str
    agreed_by: str
    change_note: str
    items: tuple[SafetyPlanItemRow, ...]
    # Once a child protection plan starts or the case closes, the interim plan ends.
    superseded_on: dt.date | None = None
    superseded_because: str = ""

    @property
    def is_current(self) -> bool:
        return self.version == self.current_version

    @property
    def in_force(self) -> bool:
        """The version the child is kept safe by today: current, and not superseded."""
        return self.is_current and self.superseded_on is None

    @property
    def gaps(self) -> list[str]:
        """What a clear plan still lacks (shown to the chair; nothing is refused for it)."""
        missing = []
        for item in self.items:
            for field, what in (
                ("by_when", "by when"),
                ("how_we_know", "how everyone will know it is working"),
                ("contingency", "what happens if it does not work"),
            ):
                if not getattr(item, field).strip():
                    missing.append(f"Item {item.position + 1} does not say {what}.")
        return missing


@dataclasses.dataclass(frozen=True)
class SafetyPlanVersionSummary:
    version: int
    made_at: dt.datetime
    made_by: str
    agreed_by: str
    change_note: str
    item_count: int


def _clean_items(
    session: Session, items: Sequence[SafetyPlanItemInput]
) -> list[SafetyPlanItemInput]:
    if not items:
        raise ValidationError(
            "A safety plan needs at least one worry and what will keep the child safe."
        )
    cleaned = []
    for number, item in enumerate(items, start=1):
        stripped = SafetyPlanItemInput(
            **{
                f.name: (v.strip() if isinstance(v := getattr(item, f.name), str) else v)
                for f in dataclasses.fields(SafetyPlanItemInput)
            }
        )
        if not stripped.worry:
            raise ValidationError(f"Item {number}: say what the worry or concern is.")
        if not stripped.keeps_safe:
            raise ValidationError(f"Item {number}: say what will keep the child safe.")
        if not stripped.responsible_name and not stripped.responsible_agency_id:
            raise ValidationError(
                f"Item {number}: say who is responsible (a person, an agency or both)."
            )
        if (
            stripped.responsible_agency_id
            and session.get(Agency, stripped.responsible_agency_id) is None
        ):
            raise NotFound(f"Item {number}: that agency is not in the directory. Choose another.")
        cleaned.append(stripped)
    return cleaned


def _add_version(
    session: Session,
    plan: InterimSafetyPlan,
    items: Sequence[SafetyPlanItemInput],
    *,
    made_by: str,
    agreed_by: str,
    change_note: str,
) -> None:
    plan.current_version += 1
    version = SafetyPlanVersion(
        plan_id=plan.id,
        version=plan.current_version,
        made_at=clock.utcnow(),
        made_by=made_by,
        agreed_by=agreed_by,
        change_note=change_note,
    )
    session.add(version)
    session.flush()
    for position, item in enumerate(items):
        session.add(
            SafetyPlanItem(
                version_id=version.id,
                position=position,
                **{f.name: getattr(item, f.name) for f in dataclasses.fields(SafetyPlanItemInput)},
            )
        )
    session.flush()


def _read(
    session: Session, plan: InterimSafetyPlan, version_number: int | None
) -> SafetyPlanVersionView:
    number = version_number or plan.current_version
    version = session.scalar(
        select(SafetyPlanVersion).where(
            SafetyPlanVersion.plan_id == plan.id, SafetyPlanVersion.version == number
        )
    )
    if version is None:
        raise NotFound(f"This safety plan has no version {number}. Choose one from its history.")
    rows = session.scalars(
        select(SafetyPlanItem)
        .where(SafetyPlanItem.version_id == version.id)
        .order_by(SafetyPlanItem.position)
    )
    names = dict(session.execute(select(Agency.id, Agency.name)).all())
    items = tuple(
        SafetyPlanItemRow(
            worry=r.worry,
            keeps_safe=r.keeps_safe,
            responsible_name=r.responsible_name,
            responsible_agency_id=r.responsible_agency_id,
            by_when=r.by_when,
            how_we_know=r.how_we_know,
            contingency=r.contingency,
            position=r.position,
            responsible_agency=names.get(r.responsible_agency_id or "", ""),
        )
        for r in rows
    )
    return SafetyPlanVersionView(
        plan.id,
        plan.case_id,
        plan.meeting_id,
        version.version,
        plan.current_version,
        version.made_at,
        version.made_by,
        version.agreed_by,
        version.change_note,
        items,
        *(superseded(session, plan) or (None, "")),
    )


def superseded(session: Session, plan: InterimSafetyPlan) -> tuple[dt.date, str] | None:
    """When, and why, the interim plan stopped being in force (None while it is).

    The journey rules say when a child protection plan stands in its place
    (``JourneyState.interim_safety_plan_superseded``, by the records of today); the
    case closing ends it too.
    """
    today = clock.today()
    state = case_journey(session, plan.case_id, on=today)
    if state is not None and state.superseding_plan is not None:
        return state.superseding_plan.start, "a child protection plan started"
    case = session.get(CaseEpisode, plan.case_id)
    if case is not None and case.status is CaseStatus.CLOSED:
        return case.closed_on or today, "the case closed"
    return None


def _plan(session: Session, plan_id: str) -> InterimSafetyPlan:
    plan = session.get(InterimSafetyPlan, plan_id)
    if plan is None:
        raise NotFound("That safety plan no longer exists.")
    return plan


@validated
def create_safety_plan(
    workspace: Workspace,
    *,
    case_id: str,
    items: Sequence[SafetyPlanItemInput],
    agreed_by: str,
    meeting_id: str | None = None,
    change_note: str = "First version.",
) -> SafetyPlanVersionView:
    """The case's interim safety plan, version 1. A case has one plan: revise it after."""
    agreed = required_text(agreed_by, "Say who agreed the safety plan.")
    with workspace.transaction() as session:
        if session.get(CaseEpisode, case_id) is None:
            raise NotFound("That case no longer exists.")
        if meeting_id is not None:
            meeting = session.get(Meeting, meeting_id)
            if meeting is None or meeting.case_id != case_id:
                raise NotFound(
                    "That meeting is not about this child. Choose one of the child's meetings."
                )
            check_editable(meeting)
        if session.scalar(select(InterimSafetyPlan.id).where(InterimSafetyPlan.case_id == case_id)):
            raise ValidationError(
                "This child already has an interim safety plan. Revise it instead."
            )
        cleaned = _clean_items(session, items)
        plan = InterimSafetyPlan(case_id=case_id, meeting_id=meeting_id, current_version=0)
        session.add(plan)
        session.flush()
        _add_version(
            session,
            plan,
            cleaned,
            made_by=workspace.actor,
            agreed_by=agreed,
            change_note=change_note.strip(),
        )
        return _read(session, plan, None)


@validated
def revise_safety_plan(
    workspace: Workspace,
    *,
    plan_id: str,
    agreed_by: str,
    change_note: str,
    items: Sequence[SafetyPlanItemInput] | None = None,
) -> SafetyPlanVersionView:
    """A new current version: ``items`` in full, or (None) a copy of the current items."""
    agreed = required_text(agreed_by, "Say who agreed this version of the safety plan.")
    note = required_text(change_note, "Say what changed in this version of the safety plan.")
    with workspace.transaction() as session:
        plan = _plan(session, plan_id)
        if items is None:
            items = [row.as_input() for row in _read(session, plan, None).items]
        cleaned = _clean_items(session, items)
        _add_version(
            session, plan, cleaned, made_by=workspace.actor, agreed_by=agreed, change_note=note
        )
        return _read(session, plan, None)


@validated
def change_safety_plan_item(
    workspace: Workspace,
    *,
    plan_id: str,
    position: int,
    item: SafetyPlanItemInput | None,
    agreed_by: str,
    change_note: str,
) -> SafetyPlanVersionView:
    """A new version with one item changed (``position`` past the end adds one; None removes)."""
    current = safety_plan(workspace, plan_id=plan_id)
    items = [row.as_input() for row in current.items]
    if not 0 <= position <= len(items):
        raise ValidationError(f"The plan has no item {position + 1}. Choose one of its items.")
    if item is None:
        if position == len(items):
            raise ValidationError(f"The plan has no item {position + 1}. Choose one of its items.")
        del items[position]
    elif position == len(items):
        items.append(item)
    else:
        items[position] = item
    return revise_safety_plan(
        workspace, plan_id=plan_id, items=items, agreed_by=agreed_by, change_note=change_note
    )


def safety_plan(
    workspace: Workspace, *, plan_id: str, version: int | None = None
) -> SafetyPlanVersionView:
    """One version of a plan (the current one by default), exactly as it was agreed."""
    with workspace.reading() as session:
        return _read(session, _plan(session, plan_id), version)


def safety_plan_for_case(workspace: Workspace, *, case_id: str) -> SafetyPlanVersionView | None:
    """The current version of the case's interim safety plan, or None if it has none."""
    with workspace.reading() as session:
        plan = session.scalar(select(InterimSafetyPlan).where(InterimSafetyPlan.case_id == case_id))
        return _read(session, plan, None) if plan else None


def safety_plan_versions(workspace: Workspace, *, plan_id: str) -> list[SafetyPlanVersionSummary]:
    """Every version, oldest first: the plan's history."""
    with workspace.reading() as session:
        _plan(session, plan_id)
        versions = session.scalars(
            select(SafetyPlanVersion)
            .where(SafetyPlanVersion.plan_id == plan_id)
            .order_by(SafetyPlanVersion.version)
        ).all()
        counts: dict[str, int] = {}
        for version_id in session.scalars(
            select(SafetyPlanItem.version_id).where(
                SafetyPlanItem.version_id.in_([v.id for v in versions])
            )
        ):
            counts[version_id] = counts.get(version_id, 0) + 1
        return [
            SafetyPlanVersionSummary(
                v.version, v.made_at, v.made_by, v.agreed_by, v.change_note, counts.get(v.id, 0)
            )
            for v in versions
        ]
