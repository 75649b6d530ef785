"""Contexts of harm outside the home: create and edit them, say who is responsible
for each, link children, and keep each context's disruption log.

Each write is one transaction. A context's description and its disruption log
reach every linked child's minutes, so neither may name a linked child
(:func:`app.services.context_names.check_no_child_named`). The disruption log
is only added to: a mistake is put right by a later entry that corrects it.
"""

from __future__ import annotations

import dataclasses
import datetime as dt

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from app import clock
from app.errors import NotFound, ValidationError
from app.models import (
    Agency,
    Child,
    Context,
    ContextChild,
    ContextDisruption,
    ContextKind,
    ContextResponsible,
    ResponsibleKind,
)
from app.services.context_names import check_no_child_named, linked_child_ids
from app.storage.workspace import Workspace
from app.validation import validated


@dataclasses.dataclass(frozen=True)
class ResponsibleRow:
    id: str
    name: str
    kind: ResponsibleKind
    contact: str


@dataclasses.dataclass(frozen=True)
class DisruptionRow:
    id: str
    happened_on: dt.date
    agency_name: str
    activity: str
    outcome: str
    corrects_id: str | None
    recorded_by: str


@dataclasses.dataclass(frozen=True)
class LinkedChild:
    child_id: str
    la_child_ref: str
    name: str


@dataclasses.dataclass(frozen=True)
class ContextSummary:
    id: str
    kind: ContextKind
    name: str
    description: str
    children: int
    retired: bool

    def as_json(self) -> dict[str, object]:
        return {
            "id": self.id,
            "kind": self.kind.value,
            "name": self.name,
            "children": self.children,
            "retired": self.retired,
        }


@dataclasses.dataclass(frozen=True)
class ContextDetail:
    summary: ContextSummary
    responsible: tuple[ResponsibleRow, ...]
    children: tuple[LinkedChild, ...]
    disruption: tuple[DisruptionRow, ...]


def _context(session: Session, context_id: str) -> Context:
    context = session.get(Context, context_id)
    if context is None:
        raise NotFound("That context no longer exists.")
    return context


def _live(session: Session, context_id: str) -> Context:
    context = _context(session, context_id)
    if context.retired:
        raise ValidationError("That context has been retired: nothing more is added to it.")
    return context


def _name(name: str) -> str:
    name = name.strip()
    if not name:
        raise ValidationError("Give the context a name (the place, group or online space).")
    return name


def _summary(session: Session, context: Context) -> ContextSummary:
    return ContextSummary(
        context.id,
        context.kind,
        context.name,
        context.description,
        len(linked_child_ids(session, context.id)),
        context.retired,
    )


def responsible_rows(
    session: Session, context_id: str, *, as_of: dt.datetime | None = None
) -> tuple[ResponsibleRow, ...]:
    """Who is responsible now, or (``as_of``) as recorded at that moment: signed
    minutes keep naming those responsible when they were signed."""
    query = (
        select(ContextResponsible)
        .where(ContextResponsible.context_id == context_id)
        .order_by(ContextResponsible.created_at, ContextResponsible.name, ContextResponsible.id)
    )
    if as_of is None:
        query = query.where(ContextResponsible.retired_at.is_(None))
    else:
        query = query.where(
            ContextResponsible.created_at <= as_of,
            or_(ContextResponsible.retired_at.is_(None), ContextResponsible.retired_at > as_of),
        )
    rows = session.scalars(query)
    return tuple(ResponsibleRow(r.id, r.name, r.kind, r.contact) for r in rows)


def disruption_rows(
    session: Session, context_id: str, *, up_to: dt.date | None = None
) -> tuple[DisruptionRow, ...]:
    """The log in date order (entries dated after ``up_to`` left out)."""
    query = (
        select(ContextDisruption, Agency.name)
        .join(Agency, Agency.id == ContextDisruption.agency_id)
        .where(ContextDisruption.context_id == context_id)
        .order_by(ContextDisruption.happened_on, ContextDisruption.created_at)
    )
    if up_to is not None:
        query = query.where(ContextDisruption.happened_on <= up_to)
    return tuple(
        DisruptionRow(
            d.id, d.happened_on, agency, d.activity, d.outcome, d.corrects_id, d.recorded_by
        )
        for d, agency in session.execute(query)
    )


def list_contexts(workspace: Workspace, *, include_retired: bool = False) -> list[ContextSummary]:
    with workspace.reading() as session:
        query = select(Context).order_by(Context.name, Context.id)
        if not include_retired:
            query = query.where(Context.retired_at.is_(None))
        return [_summary(session, c) for c in session.scalars(query)]


def get_context(workspace: Workspace, *, context_id: str) -> ContextDetail:
    with workspace.reading() as session:
        context = _context(session, context_id)
        children = session.scalars(
            select(Child)
            .join(ContextChild, ContextChild.child_id == Child.id)
            .where(ContextChild.context_id == context_id)
            .order_by(Child.la_child_ref)
        )
        return ContextDetail(
            _summary(session, context),
            responsible_rows(session, context_id),
            tuple(LinkedChild(c.id, c.la_child_ref, c.full_name) for c in children),
            disruption_rows(session, context_id),
        )


@validated
def create_context(
    workspace: Workspace, *, kind: ContextKind, name: str, description: str = ""
) -> ContextSummary:
    """A new context with no children linked yet."""
    with workspace.transaction() as session:
        context = Context(kind=kind, name=_name(name), description=description.strip())
        session.add(context)
        session.flush()
        return _summary(session, context)


@validated
def edit_context(
    workspace: Workspace,
    *,
    context_id: str,
    name: str | None = None,
    description: str | None = None,
) -> ContextSummary:
    """Rename or describe the context; its description may name no linked child."""
    with workspace.transaction() as session:
        context = _live(session, context_id)
        if name is not None:
            context.name = _name(name)
            check_no_child_named(session, context_id, context.name, what="The context's name")
        if description is not None:
            check_no_child_named(session, context_id, description, what="The description")
            context.description = description.strip()
        session.flush()
        return _summary(session, context)


@validated
def retire_context(workspace: Workspace, *, context_id: str, reason: str) -> None:
    with workspace.transaction() as session:
        context = _live(session, context_id)
        context.retired_at = clock.utcnow()
        context.retired_by = workspace.actor
        context.retired_reason = reason.strip()


@validated
def add_responsible(
    workspace: Workspace,
    *,
    context_id: str,
    name: str,
    kind: ResponsibleKind,
    contact: str = "",
) -> ResponsibleRow:
    """Who is responsible for the context (and may own actions about it)."""
    name = name.strip()
    if not name:
        raise ValidationError("Give the name of the business, operator, school or service.")
    with workspace.transaction() as session:
        _live(session, context_id)
        check_no_child_named(session, context_id, name, what="Who is responsible")
        row = ContextResponsible(
            context_id=context_id, name=name, kind=kind, contact=contact.strip()
        )
        session.add(row)
        session.flush()
        return ResponsibleRow(row.id, row.name, row.kind, row.contact)


@validated
def retire_responsible(workspace: Workspace, *, responsible_id: str, reason: str) -> None:
    with workspace.transaction() as session:
        row = session.get(ContextResponsible, responsible_id)
        if row is None:
            raise NotFound("That responsible body is no longer recorded.")
        row.retired_at = clock.utcnow()
        row.retired_by = workspace.actor
        row.retired_reason = reason.strip()


def link_in(session: Session, context_id: str, child_id: str) -> None:
    """Link the child to the context, if not linked already (in a caller's transaction)."""
    if session.get(Child, child_id) is None:
        raise NotFound("That child is not recorded.")
    found = session.scalar(
        select(ContextChild.id).where(
            ContextChild.context_id == context_id, ContextChild.child_id == child_id
        )
    )
    if found is None:
        session.add(ContextChild(context_id=context_id, child_id=child_id))
        session.flush()


def check_context_text(session: Session, context_id: str) -> None:
    """Refuse, in a caller's transaction, if the context's own text (its name, its
    description, those responsible, its log) names a child now linked to it: that
    text reaches every linked child's minutes."""
    context = _context(session, context_id)
    texts = [("The context's name", context.name), ("The description", context.description)]
    texts += [("Who is responsible", r.name) for r in responsible_rows(session, context_id)]
    for entry in disruption_rows(session, context_id):
        texts += [("The disruption log", entry.activity), ("The disruption log", entry.outcome)]
    for what, text in texts:
        check_no_child_named(session, context_id, text, what=what)


@validated
def link_child(workspace: Workspace, *, context_id: str, child_id: str) -> ContextSummary:
    """Link a child to the context. Linking is refused where the context's own text
    already names the child (it would reach the other children's minutes)."""
    with workspace.transaction() as session:
        context = _live(session, context_id)
        link_in(session, context_id, child_id)
        check_context_text(session, context_id)
        return _summary(session, context)


@validated
def add_disruption(
    workspace: Workspace,
    *,
    context_id: str,
    happened_on: dt.date,
    agency_id: str,
    activity: str,
    outcome: str = "",
    corrects_id: str | None = None,
) -> DisruptionRow:
    """Add an entry to the context's disruption log (what was done, by which agency,
    when, with what result). ``corrects_id`` names an earlier entry this one corrects."""
    activity = activity.strip()
    if not activity:
        raise ValidationError("Say what disruption activity took place.")
    if happened_on > clock.today():
        raise ValidationError("Disruption activity cannot be dated on a day still to come.")
    with workspace.transaction() as session:
        _live(session, context_id)
        agency = session.get(Agency, agency_id)
        if agency is None:
            raise NotFound("That agency is not in the directory. Choose another.")
        if corrects_id is not None:
            earlier = session.get(ContextDisruption, corrects_id)
            if earlier is None or earlier.context_id != context_id:
                raise NotFound("The entry to correct is not in this context's log.")
        for text, what in ((activity, "The activity"), (outcome, "The outcome")):
            check_no_child_named(session, context_id, text, what=what)
        entry = ContextDisruption(
            context_id=context_id,
            happened_on=happened_on,
            agency_id=agency_id,
            activity=activity,
            outcome=outcome.strip(),
            corrects_id=corrects_id,
            recorded_by=workspace.actor,
        )
        session.add(entry)
        session.flush()
        return DisruptionRow(
            entry.id,
            entry.happened_on,
            agency.name,
            entry.activity,
            entry.outcome,
            entry.corrects_id,
            entry.recorded_by,
        )
