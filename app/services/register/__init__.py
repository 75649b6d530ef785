"""The register: every child the MACPT must know about, and what is due or overdue.

A child is **in the register** when their newest open case episode has

* an open **section 47 enquiry** (status ``"s47"``): a strategy meeting whose
  threshold decision starts one (``ThresholdOutcome.starts_s47``), and since
  then no initial child protection conference (ICPC) has been held, the
  five-day review has not decided that no conference is needed, and no later
  strategy meeting has decided otherwise (no further action, say); or
* a **child protection plan** with no end date (status ``"cp-plan"``). A child
  on a plan with a new enquiry shows as ``"cp-plan"``; or
* open **pre-proceedings** (status ``"pre-proceedings"``): the latest
  pre-proceedings episode has no decision to step up or down yet, and there is
  neither an open enquiry nor an open plan (either of which shows instead).
  The enquiry's dates are left blank for such a child.

What held, open, superseded and overdue mean is defined once, in
``app.workflow.clocks``; the SQL in ``query`` repeats it for speed, and a
parity test holds the two equal. A meeting counts as **held** once it has
started. The dates shown:

* ``strategy_date``: the strategy meeting that started the latest section 47
  enquiry; ``review_due`` and ``icpc_due`` are the clocks it set
  (``MeetingTimescales``), except that an ICPC timeframe **extended** by the
  five-day review moves ``icpc_due`` to the agreed date (``icpc_extended``);
* ``icpc_date``: the date of the held ICPC (``None`` until held);
* ``plan_start``, ``category`` and ``next_review_due``: the open plan's;
* ``lcpp``: the case's LCPP, else the plan's, else the strategy meeting's chair.

**Overdue** is relative to the ``today`` the caller passes (the UI and CLI pass
``app.clock.today()``); a clock due today is not yet overdue:

* ``"review"``: no five-day review held and ``review_due`` has passed;
* ``"icpc"``: the enquiry is open and ``icpc_due`` has passed;
* ``"rcpc"``: ``next_review_due`` has passed and no review conference has been
  held on or after it;
* ``"assessment"``: the enquiry is open and its 45 working days (from the
  referral, or from the strategy discussion) have passed.
* ``"core-group"``: a plan is open and its next core group's date has passed:
  the first 10 working days from the ICPC (stored on the plan), each later one
  the area's number of weeks after the last held.
* ``"birth-review"``: a pre-birth conference's plan is open, the birth is
  recorded and no review conference has been held since, past the area's
  working days from the birth (10 by default);
* ``"transfer-in"``: a transfer-in notification is recorded and no ICPC has
  been held since, past 15 working days from it. A child moving in shows in
  the register only once an enquiry or a plan is open; Home lists the clock
  either way.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
from typing import Any

from sqlalchemy import select, text
from sqlalchemy.orm import Session

from app.errors import ValidationError
from app.models import ClosureDay, PlanCategory
from app.services.clocks import birth_review_working_days, core_group_weeks
from app.services.register import query, snapshot
from app.services.register.search import match_expression
from app.storage.workspace import Workspace
from app.workdays import WorkingCalendar

STATUSES = ("s47", "cp-plan", "pre-proceedings")
STATUS_LABELS = {
    "s47": "Section 47 enquiry",
    "cp-plan": "Child protection plan",
    "pre-proceedings": "Pre-proceedings (Public Law Outline)",
}
OVERDUE_LABELS = {
    "review": "Review",
    "icpc": "ICPC",
    "rcpc": "RCPC",
    "assessment": "Assessment",
    "core-group": "Core group",
    "pp-letter": "Letter before proceedings",
    "pp-meeting": "First pre-proceedings meeting",
    "pp-review": "Decision to step up or down",
    "birth-review": "First review after the birth",
    "transfer-in": "Transfer-in conference",
}
SORT_KEYS = tuple(query.SORT_KEYS)
MAX_PAGE = 1000


@dataclasses.dataclass(frozen=True)
class RegisterFilter:
    """What the register is narrowed to; the default is everyone in it."""

    search: str = ""
    status: str | None = None
    lcpp: str | None = None
    overdue_only: bool = False
    category: PlanCategory | None = None


@dataclasses.dataclass(frozen=True)
class RegisterRow:
    child_id: str
    case_id: str
    child: str  # the local authority reference
    child_name: str
    status: str
    lcpp: str
    strategy_date: dt.date | None
    review_due: dt.date | None
    icpc_due: dt.date | None
    icpc_extended: bool
    icpc_date: dt.date | None
    plan_start: dt.date | None
    category: PlanCategory | None
    next_review_due: dt.date | None
    overdue: tuple[str, ...]

    def as_json(self) -> dict[str, Any]:
        """The shape ``macpt register --json`` promises. No names: JSON ends up in files."""

        def iso(day: dt.date | None) -> str | None:
            return day.isoformat() if day else None

        return {
            "child": self.child,
            "status": self.status,
            "lcpp": self.lcpp or None,
            "strategy_date": iso(self.strategy_date),
            "review_due": iso(self.review_due),
            "icpc_due": iso(self.icpc_due),
            "icpc_extended": self.icpc_extended,
            "icpc_date": iso(self.icpc_date),
            "plan_start": iso(self.plan_start),
            "category": self.category.value if self.category else None,
            "next_review_due": iso(self.next_review_due),
            "overdue": list(self.overdue),
        }


@dataclasses.dataclass(frozen=True)
class RegisterTotals:
    children: int
    overdue: int  # children with at least one clock overdue
    lcpps: tuple[str, ...]  # the LCPPs of these children, alphabetically


def register_count(workspace: Workspace, *, filters: RegisterFilter, today: dt.date) -> int:
    """How many children the register holds with ``filters`` applied."""
    return register_totals(workspace, filters=filters, today=today).children


def register_totals(
    workspace: Workspace, *, filters: RegisterFilter, today: dt.date
) -> RegisterTotals:
    """How many children match ``filters``, how many of them have something
    overdue, and who their LCPPs are: one pass over the register, kept for the
    sorts and searches that follow (see ``snapshot``)."""
    with workspace.reading() as session:
        params = _parameters(session, today)
        narrowing = _narrowing(filters)
        held = snapshot.current(workspace, session, params, build=True, statement=_everyone)
        assert held is not None
        children, overdue, lcpps = held.totals(narrowing, session)
        return RegisterTotals(children, overdue, tuple(lcpps))


def register_page(
    workspace: Workspace,
    *,
    filters: RegisterFilter,
    today: dt.date,
    offset: int,
    limit: int,
    order: str = "child",
    descending: bool = False,
    after: str | None = None,
) -> list[RegisterRow]:
    """Rows ``offset`` to ``offset + limit`` in ``order`` (a key of ``SORT_KEYS``).

    The default order is by local authority reference; ``"urgency"`` puts
    overdue children first, then the soonest due. In reference order, pass the
    last reference already shown as ``after`` (with ``offset`` 0): the next page
    then costs no more than the first, however far down it is.
    """
    if offset < 0 or not 0 < limit <= MAX_PAGE:
        raise ValidationError(f"Ask for between 1 and {MAX_PAGE} rows from row 0 onwards.")
    if order not in query.SORT_KEYS:
        raise ValidationError(f"The register cannot be sorted by {order!r}.")
    if after is not None and order != "child":
        raise ValidationError("Only the register in reference order can page by reference.")
    with workspace.reading() as session:
        params = _parameters(session, today)
        narrowing = _narrowing(filters)
        # Any order but the reference's needs everyone worked out: worked out
        # once, it serves every sort and search until the workspace changes. The
        # first page in reference order costs less than that, so it waits for no one.
        held = snapshot.current(
            workspace, session, params, build=order != "child", statement=_everyone
        )
        if held is not None:
            found = held.page(
                narrowing,
                order,
                descending,
                offset=offset,
                limit=limit,
                after=after,
                session=session,
            )
            return [_row(dict(zip(snapshot.NAMES, record, strict=True))) for record in found]
        return _sql_page(
            session,
            filters,
            params,
            order=order,
            descending=descending,
            after=after,
            offset=offset,
            limit=limit,
        )


def _sql_page(
    session: Session,
    filters: RegisterFilter,
    params: dict[str, Any],
    *,
    order: str,
    descending: bool,
    after: str | None,
    offset: int,
    limit: int,
) -> list[RegisterRow]:
    """A page worked out by the register's SQL alone (what a snapshot must equal)."""
    sql, bound = _statement(
        session, filters, params, order=order, descending=descending, after=after
    )
    if sql is None:
        return []
    bound.update(limit=limit, offset=offset)
    result = session.execute(text(sql + "\nLIMIT :limit OFFSET :offset"), bound)
    return [_row(record) for record in result.mappings()]


def all_register_rows(workspace: Workspace, *, today: dt.date) -> list[RegisterRow]:
    """Everyone in the register, by local authority reference (for ``macpt register``)."""
    with workspace.reading() as session:
        params = _parameters(session, today)
        sql, params = _statement(session, RegisterFilter(), params, order="child", descending=False)
        assert sql is not None
        return [_row(record) for record in session.execute(text(sql), params).mappings()]


def register_lcpps(workspace: Workspace) -> list[str]:
    """The LCPPs of children now in the register, alphabetically (for the filter)."""
    with workspace.reading() as session:
        held = snapshot.lcpps_held(workspace, session)
    if held is not None:
        return held
    # Who is in the register does not depend on the day; any date will do.
    return list(register_totals(workspace, filters=RegisterFilter(), today=dt.date.min).lcpps)


def forget(workspace: Workspace) -> None:
    """Drop the register kept in memory for ``workspace`` (it is locking)."""
    snapshot.forget(workspace)


def _parameters(session: Session, today: dt.date) -> dict[str, Any]:
    """The clocks' bounds for ``today``, bound as the statement's parameters."""
    closures = frozenset(session.scalars(select(ClosureDay.day)))
    weeks, birth_days = core_group_weeks(session), birth_review_working_days(session)
    return dict(_bounds(today, closures, weeks, birth_days))


@functools.lru_cache(maxsize=16)
def _bounds(
    today: dt.date, closures: frozenset[dt.date], weeks: int, birth_days: int
) -> tuple[tuple[str, Any], ...]:
    # Counting working days back from today costs more than a page from a
    # snapshot: counted once per day and setting.
    calendar = WorkingCalendar(closures)
    return tuple(
        dict(
            query.CONSTANTS,
            today=today.isoformat(),
            core_group_days=7 * weeks,
            **query.pre_proceedings_params(today, calendar),
            **query.arrival_params(today, calendar, birth_days),
        ).items()
    )


def _everyone() -> str:
    """The SQL a snapshot is made from: everyone, with what every order needs."""
    return query.statement(
        search=None,
        where=[],
        order="child",
        descending=False,
        everyone=True,
        columns=f"{query.COLUMNS}, next_due",
    )


def _narrowing(filters: RegisterFilter) -> snapshot.Filters:
    """``filters`` as a snapshot narrows by them (the search as its FTS5 match)."""
    if filters.status is not None and filters.status not in STATUSES:
        raise ValidationError(f"A register status is one of {', '.join(STATUSES)}.")
    category = PlanCategory(filters.category).value if filters.category is not None else None
    return (
        filters.status,
        filters.lcpp,
        category,
        filters.overdue_only,
        match_expression(filters.search),
    )


def _statement(
    session: Session,
    filters: RegisterFilter,
    base: dict[str, Any],
    *,
    order: str = "child",
    descending: bool = False,
    after: str | None = None,
) -> tuple[str | None, dict[str, Any]]:
    """The SQL and its parameters (``base``'s and the filters'); no SQL when the
    search matches nobody."""
    params = dict(base)
    where: list[str] = []
    search: str | None = None
    # A search with no letter or digit in it narrows nothing, like an empty one.
    match = match_expression(filters.search)
    if match is not None:
        params["match"] = match
        matches = session.execute(text(query.MATCH_COUNT), {"match": match}).scalar_one()
        if not matches:
            return None, params
        search = "few" if matches <= query.FEW_MATCHES else "many"
    if filters.status is not None:
        if filters.status not in STATUSES:
            raise ValidationError(f"A register status is one of {', '.join(STATUSES)}.")
        where.append("status = :status")
        params["status"] = filters.status
    if filters.lcpp is not None:
        where.append("lcpp = :lcpp")
        params["lcpp"] = filters.lcpp
    if filters.category is not None:
        where.append("category = :category")
        params["category"] = PlanCategory(filters.category).value
    if filters.overdue_only:
        where.append(query.ANY_OVERDUE)
    if after is not None:
        params["after"] = after
    sql = query.statement(
        search=search,
        where=where,
        order=order,
        descending=descending,
        after=after is not None,
    )
    return sql, params


def _row(record: Any) -> RegisterRow:
    overdue = tuple(kind for kind in OVERDUE_LABELS if record[f"{kind.replace('-', '_')}_overdue"])
    return RegisterRow(
        child_id=record["child_id"],
        case_id=record["case_id"],
        child=record["child_ref"],
        child_name=" ".join(p for p in (record["first_name"], record["last_name"]) if p),
        status=record["status"],
        lcpp=record["lcpp"] or "",
        strategy_date=query.parse_date(record["strategy_date"]),
        review_due=query.parse_date(record["review_due"]),
        icpc_due=query.parse_date(record["icpc_due"]),
        icpc_extended=bool(record["icpc_extended"]),
        icpc_date=query.parse_date(record["icpc_date"]),
        plan_start=query.parse_date(record["plan_start"]),
        category=PlanCategory(record["category"]) if record["category"] else None,
        next_review_due=query.parse_date(record["next_review_due"]),
        overdue=overdue,
    )
