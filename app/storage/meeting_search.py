"""The meetings and cases searches' full-text indexes (revision 0015).

The index holds, for each meeting, the child's reference, first and last name, the
meeting's place and its chair, split into trigrams: text of three characters or more
is found inside any one of them, case aside, as ``LIKE '%text%'`` would find it, but
from the index rather than by reading every meeting. ``case_search`` does the same
for the Cases list, over each child's reference and "first last" name. Shorter text has no trigram to
look up, and ``%`` or ``_`` mean "anything" to ``LIKE``: for those the caller keeps
reading the meetings themselves.
"""

from __future__ import annotations

from sqlalchemy import String, TextualSelect, column, text

MIN_LENGTH = 3  # a trigram
_LIKE_WILDCARDS = ("%", "_")

_CHILDREN = """SELECT k.child_id FROM case_search_key AS k
WHERE k.id IN (SELECT rowid FROM case_search WHERE case_search MATCH :match)"""
_MATCHING = """SELECT k.meeting_id FROM meeting_search_key AS k
WHERE k.id IN (SELECT rowid FROM meeting_search WHERE meeting_search MATCH :match)"""


def usable(term: str) -> bool:
    """Whether the index finds every meeting ``LIKE '%term%'`` finds (and maybe more)."""
    return len(term) >= MIN_LENGTH and not any(w in term for w in _LIKE_WILDCARDS)


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


__all__ = ["MIN_LENGTH", "match_expression", "matching_children", "matching_ids", "usable"]
