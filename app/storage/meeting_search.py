"""The meetings and cases searches' full-text indexes (revision 0018).

``meeting_search`` holds, for each meeting, the child's reference, first and last
name, the meeting's place and its chair, split into trigrams: text of three characters
or more is found inside any one of them, case aside, as ``LIKE '%text%'`` finds it,
but from the index rather than by reading every meeting. ``case_search`` does the same
for the Cases list, over each child's reference and "first last" name.

Shorter text has no trigram to look up, and ``%`` or ``_`` mean "anything" to
``LIKE``: for those the caller keeps reading the rows themselves. So does the meetings
search for text found in many meetings (a town every place names): looking each match
up then costs more than reading them all, and :func:`narrow` tells the two apart by
counting matches, stopping at a share of all.
"""

from __future__ import annotations

from sqlalchemy import String, TextualSelect, column, text
from sqlalchemy.orm import Session

MIN_LENGTH = 3  # a trigram
_LIKE_WILDCARDS = ("%", "_")

_CHILDREN = """SELECT k.child_id FROM case_search_key AS k
WHERE k.id IN (SELECT rowid FROM case_search WHERE case_search MATCH :match)"""
_MATCHING = """SELECT k.meeting_id FROM meeting_search_key AS k
WHERE k.id IN (SELECT rowid FROM meeting_search WHERE meeting_search MATCH :match)"""


def usable(term: str) -> bool:
    """Whether the index finds every meeting ``LIKE '%term%'`` finds (and maybe more)."""
    return len(term) >= MIN_LENGTH and not any(w in term for w in _LIKE_WILDCARDS)


# The index pays while it finds at most a fifth of the rows: at 2,000 children a
# search matching a seventh of the meetings took half as long through it, one
# matching all of them three times as long.
SHARE = 5


def narrow(session: Session, term: str) -> bool:
    """Whether ``term`` is best looked up in the meetings' index to read every meeting it
    matches: it can be (:func:`usable`) and it matches at most a :data:`SHARE` of the
    meetings. (The Cases list always looks up.)"""
    if not usable(term):
        return False
    share = meetings_indexed(session) // SHARE
    return matches_up_to(session, term, share) <= share


def meetings_indexed(session: Session) -> int:
    """About how many meetings the index holds, at the cost of one lookup: ids are handed
    out in turn and rows are rarely deleted, so the highest is near the count."""
    highest = session.execute(text("SELECT coalesce(max(id), 0) FROM meeting_search_key"))
    return int(highest.scalar_one())


def matches_up_to(session: Session, term: str, cap: int) -> int:
    """How many meetings the index finds for ``term`` (:func:`usable`), counted only as
    far as one more than ``cap``."""
    found = "SELECT 1 FROM meeting_search WHERE meeting_search MATCH :match LIMIT :cap"
    counted = session.execute(
        text(f"SELECT count(*) FROM ({found})"),
        {"match": match_expression(term), "cap": int(cap) + 1},
    )
    return int(counted.scalar_one())


def match_expression(term: str) -> str:
    """``term`` as one FTS5 phrase: its trigrams in a row, inside one column."""
    return '"' + term.replace('"', '""') + '"'


def matching_ids(term: str) -> TextualSelect:
    """The ids of the meetings whose indexed text holds ``term`` (see :func:`usable`)."""
    query = text(_MATCHING).bindparams(match=match_expression(term))
    return query.columns(column("meeting_id", String))


def matching_children(term: str) -> TextualSelect:
    """The ids of the children whose reference or "first last" holds ``term``."""
    query = text(_CHILDREN).bindparams(match=match_expression(term))
    return query.columns(column("child_id", String))


__all__ = [
    "MIN_LENGTH",
    "SHARE",
    "match_expression",
    "matches_up_to",
    "matching_children",
    "matching_ids",
    "meetings_indexed",
    "narrow",
    "usable",
]
