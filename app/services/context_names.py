"""One child's record never carries another child's name or details.

Text about a context reaches the minutes of every child linked to it, and each
child's own text about a contextual meeting stays in that child's record. So,
at entry, text about a context may name none of its linked children (nor their
family), and a child's own text may name none of the others. Names are matched
as whole words, whatever their case; a local authority reference is matched
as written.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.errors import ValidationError
from app.models import Child, ContextChild, FamilyMember

# Shorter parts of a name ("Jo", "Al") are matched only as part of a full name.
_SHORTEST = 3


def linked_child_ids(session: Session, context_id: str) -> list[str]:
    return list(
        session.scalars(
            select(ContextChild.child_id)
            .where(ContextChild.context_id == context_id)
            .order_by(ContextChild.created_at, ContextChild.id)
        )
    )


def _terms(session: Session, child_id: str) -> set[str]:
    """The words and phrases that identify a child: reference, names, family's names."""
    child = session.get(Child, child_id)
    if child is None:
        return set()
    names = [child.full_name, child.first_name, child.last_name, child.known_as or ""]
    family = session.scalars(select(FamilyMember.name).where(FamilyMember.child_id == child_id))
    names += list(family)
    terms = {child.la_child_ref.strip().casefold()}
    for name in names:
        name = " ".join(name.split())
        if not name:
            continue
        terms.add(name.casefold())
        terms.update(p.casefold() for p in name.split() if len(p) >= _SHORTEST)
    return {t for t in terms if t}


def _found(text: str, terms: Iterable[str]) -> bool:
    folded = " ".join(text.split()).casefold()
    return any(re.search(rf"(?<!\w){re.escape(term)}(?!\w)", folded) is not None for term in terms)


def check_no_child_named(
    session: Session,
    context_id: str,
    text: str,
    *,
    what: str,
    own_child_id: str | None = None,
) -> None:
    """Refuse ``text`` if it names a child linked to the context (or a child's family),
    other than ``own_child_id`` (whose record the text is for)."""
    if not text.strip():
        return
    own = _terms(session, own_child_id) if own_child_id else set()
    others = set()
    for child_id in linked_child_ids(session, context_id):
        if child_id != own_child_id:
            others |= _terms(session, child_id)
    if _found(text, others - own):
        whose = "another child" if own_child_id else "a child"
        raise ValidationError(
            f"{what} names {whose} linked to this context, or a family member. "
            "Each child's record carries only that child's details: write about the "
            "place or group, not the children."
        )
