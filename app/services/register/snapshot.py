"""The register worked out once per change of the workspace, then sorted, filtered
and paged in memory.

Working out every child's clocks is the register's whole cost (about a second and
a half at 10,000 children, growing with them); sorting and narrowing what came out
costs milliseconds. So the rows the register's SQL gives for everyone are kept, a
compact tuple per child, for as long as nothing has been written and the clocks'
bounds (``today``, the settings) are the same: the audit log's newest entry moves
on every write, and a count of commits in this process catches a write made
without an entry. Statuses and overdue flags are the SQL's, never worked out
again here; only the orders of ``query.SORT_KEYS`` are repeated, and a parity test
holds every order, filter and page equal to the SQL's.
"""

from __future__ import annotations

import bisect
import dataclasses
import re
import threading
import weakref
from collections import OrderedDict
from collections.abc import Callable, Iterator, Sequence
from typing import Any

from sqlalchemy import event, func, select, text
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session

from app.models import AuditEntry
from app.services.register import query
from app.storage.workspace import Workspace

NAMES = (*query.COLUMNS.split(", "), "next_due")
AT = {name: n for n, name in enumerate(NAMES)}
_REF, _LAST, _FIRST, _NEXT_DUE = AT["child_ref"], AT["last_name"], AT["first_name"], AT["next_due"]
_STATUS, _LCPP, _CATEGORY = AT["status"], AT["lcpp"], AT["category"]
_FLAGS = tuple(AT[name] for name in NAMES if name.endswith("_overdue"))
# Values many children share (dates, LCPPs, statuses) are held once.
_SHARED = tuple(
    AT[name]
    for name in NAMES
    if name.endswith(("_date", "_due", "_start")) or name in ("status", "lcpp", "category")
)
# Narrowed views kept per snapshot: the one on screen and a few it may go back to.
_VIEWS = 6

Row = tuple[Any, ...]
Filters = tuple[str | None, str | None, str | None, bool, str | None]  # + the FTS5 match


# -- when the workspace has changed ---------------------------------------------
_commits: weakref.WeakKeyDictionary[Engine, int] = weakref.WeakKeyDictionary()


@event.listens_for(Session, "after_commit")
def _count_commit(session: Session) -> None:
    # After the commit, so a snapshot that reads the count and then the rows
    # either sees the write or is held under the count before it.
    bind = session.bind
    if isinstance(bind, Engine):
        _commits[bind] = _commits.get(bind, 0) + 1


def _changes(workspace: Workspace, session: Session) -> tuple[int, int]:
    commits = _commits.get(workspace.engine, 0)  # read first: see _count_commit
    return commits, int(session.scalar(select(func.max(AuditEntry.seq))) or 0)


# -- the snapshot ------------------------------------------------------------------
@dataclasses.dataclass
class Snapshot:
    """Everyone in the register, worked out for one state of the workspace and one day."""

    key: tuple[Any, ...]
    rows: list[Row]  # in reference order
    # The search index's rowid of each row, to narrow by the rowids a search finds
    # (reading the index's child ids costs ten times more).
    by_rowid: dict[int, int]
    # The search index's own terms (as its tokenizer made them), sorted, and the
    # rows holding each: a word the tokenizer would keep whole is looked up here.
    terms: list[str]
    holding: list[list[int]]
    orders: dict[tuple[str, bool], list[int]] = dataclasses.field(default_factory=dict)
    views: OrderedDict[tuple[Any, ...], list[int]] = dataclasses.field(default_factory=OrderedDict)
    matches: OrderedDict[str, frozenset[int]] = dataclasses.field(default_factory=OrderedDict)
    overdue: list[bool] | None = None

    def view(self, filters: Filters, order: str, descending: bool, session: Session) -> list[int]:
        """The rows ``filters`` keep, in ``order``: positions in :attr:`rows`."""
        key = (filters, order, descending)
        held = self.views.get(key)
        if held is not None:
            self.views.move_to_end(key)
            return held
        ordered = self._order(order, descending)
        keep = self._predicate(filters, session)
        view = ordered if keep is None else [n for n in ordered if keep(n)]
        self.views[key] = view
        while len(self.views) > _VIEWS:
            self.views.popitem(last=False)
        return view

    def page(
        self,
        filters: Filters,
        order: str,
        descending: bool,
        *,
        offset: int,
        limit: int,
        after: str | None,
        session: Session,
    ) -> list[Row]:
        """As ``register_page`` promises: ``after`` only in reference order."""
        if after is None:
            view = self.view(filters, order, descending, session)
            return [self.rows[n] for n in view[offset : offset + limit]]
        # In reference order, descending is ascending read backwards.
        ascending = self.view(filters, order, False, session)
        if not descending:
            start = bisect.bisect_right(ascending, after, key=self._reference) + offset
            return [self.rows[n] for n in ascending[start : start + limit]]
        end = bisect.bisect_left(ascending, after, key=self._reference) - offset
        return [self.rows[n] for n in reversed(ascending[max(end - limit, 0) : max(end, 0)])]

    def totals(self, filters: Filters, session: Session) -> tuple[int, int, list[str]]:
        """How many rows ``filters`` keep, how many of them have something overdue,
        and their LCPPs (alphabetically, each once)."""
        view = self.view(filters, "child", False, session)
        overdue = self._overdue()
        lcpps = {self.rows[n][_LCPP] for n in view}
        lcpps.discard("")
        return len(view), sum(overdue[n] for n in view), sorted(lcpps, key=_alphabetical)

    def _overdue(self) -> list[bool]:
        """Whether each row has something overdue (worked out once)."""
        if self.overdue is None:
            self.overdue = [_any_overdue(row) for row in self.rows]
        return self.overdue

    def lcpps(self) -> list[str]:
        """The LCPPs of everyone in the register (who is in it does not depend on the day)."""
        return sorted({row[_LCPP] for row in self.rows if row[_LCPP]}, key=_alphabetical)

    def _reference(self, n: int) -> str:
        return str(self.rows[n][_REF])

    def _order(self, order: str, descending: bool) -> list[int]:
        held = self.orders.get((order, descending))
        if held is None:
            held = list(range(len(self.rows)))
            if order == "child" and descending:
                held.reverse()
            elif order != "child":
                # Least significant first: Python's sort is stable, reversed or not,
                # so the reference (ascending) breaks every tie, as in the SQL.
                for sort_key, flips in _ORDERS[order]:
                    keys = [sort_key(row) for row in self.rows]
                    held.sort(key=keys.__getitem__, reverse=flips and descending)
            self.orders[(order, descending)] = held
        return held

    def _predicate(self, filters: Filters, session: Session) -> Callable[[int], bool] | None:
        """Whether the row at a position is kept, or ``None`` when every row is."""
        status, lcpp, category, overdue_only, match = filters
        rows = self.rows
        tests: list[Callable[[int], bool]] = []
        if match is not None:
            tests.append(self._matches(match, session).__contains__)
        if status is not None:
            tests.append(lambda n: rows[n][_STATUS] == status)
        if lcpp is not None:
            tests.append(lambda n: rows[n][_LCPP] == lcpp)
        if category is not None:
            tests.append(lambda n: rows[n][_CATEGORY] == category)
        if overdue_only:
            tests.append(self._overdue().__getitem__)
        if len(tests) <= 1:
            return tests[0] if tests else None
        return lambda n: all(test(n) for test in tests)

    def _matches(self, match: str, session: Session) -> frozenset[int]:
        """The positions of the rows the search index finds for ``match``."""
        held = self.matches.get(match)
        if held is None:
            held = self._by_terms(match)
            if held is None:
                found = session.connection().exec_driver_sql(query.MATCH_ROWIDS, (match,))
                where = self.by_rowid
                held = frozenset(where[r] for (r,) in found.fetchall() if r in where)
            self.matches[match] = held
            while len(self.matches) > _VIEWS:
                self.matches.popitem(last=False)
        return held

    def _by_terms(self, match: str) -> frozenset[int] | None:
        """``match`` worked out from the index's terms, when each of its phrases is
        one ASCII token (what unicode61 does to those is to lower their case);
        ``None`` for anything else, which the index itself answers."""
        found: set[int] | None = None
        for phrase in match.split(" AND "):
            tokens = _ASCII_TOKEN.findall(phrase[1:-2].replace('""', '"'))
            if not phrase[1:-2].isascii() or len(tokens) != 1:
                return None
            prefix = tokens[0].lower()
            first = bisect.bisect_left(self.terms, prefix)
            last = bisect.bisect_left(self.terms, prefix + "\U0010ffff", lo=first)
            rows: set[int] = set()
            for holding in self.holding[first:last]:
                rows.update(holding)
            found = rows if found is None else found & rows
        return frozenset(found or ())


_ASCII_TOKEN = re.compile("[A-Za-z0-9]+")


def _alphabetical(name: str) -> tuple[str, str]:
    return name.casefold(), name  # "sam" and "Sam" always in the same order


def _any_overdue(row: Row) -> bool:
    return any(row[n] for n in _FLAGS)


# SQLite's NOCASE folds A to Z only.
_NOCASE = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")


def _nocase(at: int) -> Callable[[Row], Any]:
    # SQLite puts NULL before any text, ascending.
    return lambda row: (0, "") if row[at] is None else (1, row[at].translate(_NOCASE))


def _value(at: int) -> Callable[[Row], Any]:
    return lambda row: row[at] or ""


def _blank(at: int) -> Callable[[Row], Any]:
    return lambda row: row[at] is None


def _by_date(name: str) -> list[tuple[Callable[[Row], Any], bool]]:
    return [(_value(AT[name]), True), (_blank(AT[name]), False)]


# query.SORT_KEYS as Python sort keys, least significant first, with whether
# descending flips them (blanks stay last either way). The parity test holds
# each equal to the SQL's.
_URGENCY = [
    (_value(_NEXT_DUE), True),
    (_blank(_NEXT_DUE), False),
    (lambda row: not _any_overdue(row), True),
]
_ORDERS: dict[str, list[tuple[Callable[[Row], Any], bool]]] = {
    "urgency": _URGENCY,
    "overdue": _URGENCY,
    "name": [(_nocase(_FIRST), True), (_nocase(_LAST), True)],
    "status": [(_value(_STATUS), True)],
    "lcpp": [(_nocase(_LCPP), True), (lambda row: row[_LCPP] == "", False)],
    "category": _by_date("category"),
    **{
        name: _by_date(name)
        for name in (
            "strategy_date",
            "review_due",
            "icpc_due",
            "icpc_date",
            "plan_start",
            "next_review_due",
        )
    },
}
assert set(_ORDERS) | {"child"} == set(query.SORT_KEYS), "every order of the SQL, here too"


# -- which snapshot ----------------------------------------------------------------
@dataclasses.dataclass
class _Holder:
    lock: threading.Lock = dataclasses.field(default_factory=threading.Lock)
    snapshot: Snapshot | None = None


_held: weakref.WeakKeyDictionary[Workspace, _Holder] = weakref.WeakKeyDictionary()
_held_lock = threading.Lock()


def current(
    workspace: Workspace,
    session: Session,
    params: dict[str, Any],
    *,
    build: bool,
    statement: Callable[[], str],
) -> Snapshot | None:
    """The snapshot for the workspace as it is now and for ``params`` (the clocks'
    bounds): the one held if nothing has changed since, else (when ``build``) one
    worked out now with ``statement()``, the SQL for everyone; else ``None``."""
    key = (_changes(workspace, session), tuple(sorted(params.items())))
    with _held_lock:
        holder = _held.setdefault(workspace, _Holder())
    held = holder.snapshot
    if held is not None and held.key == key:
        return held
    if not build:
        return None
    # One at a time: a sort waiting for the count's pass uses what it works out.
    with holder.lock:
        held = holder.snapshot
        if held is not None and held.key == key:
            return held
        holder.snapshot = None  # the old one's memory goes before the new one's comes
        rows = _rows(session.execute(text(statement()), params))
        at = {row[0]: n for n, row in enumerate(rows)}
        indexed = session.connection().exec_driver_sql(query.INDEXED).fetchall()
        by_rowid = {rowid: at[child] for rowid, child in indexed if child in at}
        terms, holding = _terms(session, by_rowid)
        holder.snapshot = Snapshot(
            key=key, rows=rows, by_rowid=by_rowid, terms=terms, holding=holding
        )
        return holder.snapshot


def _rows(result: Iterator[Sequence[Any]]) -> list[Row]:
    shared: dict[Any, Any] = {}
    rows = []
    for record in result:
        row = list(record)
        for n in _SHARED:
            row[n] = shared.setdefault(row[n], row[n])
        rows.append(tuple(row))
    rows.sort(key=lambda row: row[_REF])
    return rows


def _terms(session: Session, by_rowid: dict[int, int]) -> tuple[list[str], list[list[int]]]:
    connection = session.connection()
    # A view of the index's terms, on this connection only (and gone with the
    # read's rollback).
    connection.exec_driver_sql(query.TERMS_VIEW)
    holding: dict[str, list[int]] = {}
    for term, rowid in connection.exec_driver_sql(query.TERMS).fetchall():
        if rowid in by_rowid:
            holding.setdefault(term, []).append(by_rowid[rowid])
    terms = sorted(holding)
    return terms, [holding[term] for term in terms]


def lcpps_held(workspace: Workspace, session: Session) -> list[str] | None:
    """The LCPPs of the held snapshot if nothing has changed since it was worked out
    (whatever its day: who is in the register does not depend on it)."""
    holder = _held.get(workspace)
    held = holder.snapshot if holder is not None else None
    if held is None or held.key[0] != _changes(workspace, session):
        return None
    return held.lcpps()


def forget(workspace: Workspace) -> None:
    """Drop what is held for ``workspace`` (it is locking: no child's details stay)."""
    with _held_lock:
        _held.pop(workspace, None)
