"""The register as one SQL statement: every clock worked out by SQLite, not Python.

The statement repeats the rules of ``app.workflow.clocks`` (what held, open,
superseded and overdue mean) for speed; a parity test runs both over many
generated journeys and holds them equal. Change the rules there first.

The statement walks ``child`` and, for each child, looks up their newest open
case episode, its open plan and the strategy meeting that started its latest
section 47 enquiry, through the indexes on ``case_episode.child_id``,
``cp_plan.case_id`` and ``meeting.case_id``; an FTS5 search first narrows the
children to those the index matched.

In reference order SQLite walks the reference index and stops as soon as the
page is full, so a page costs the same at the top of 10,000 children as
anywhere else (the caller pages by the last reference seen). Any other order
needs every row worked out first: then the facts are materialised once, and
``snapshot`` keeps the rows for the sorts, searches and pages that follow
until the workspace changes.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from app.models import (
    CaseStatus,
    IcpcTimeframe,
    MeetingStatus,
    MeetingType,
    ThresholdOutcome,
)
from app.workdays import WorkingCalendar
from app.workflow.arrivals import TRANSFER_IN_WORKING_DAYS
from app.workflow.clocks import (
    HELD_STATUSES,
    PP_LETTER_WORKING_DAYS,
    PP_MEETING_WORKING_DAYS,
    PP_REVIEW_WEEKS,
    overdue_before,
)

# The constants the statement compares with, bound as parameters.
CONSTANTS: dict[str, str] = {
    "case_open": CaseStatus.OPEN.value,
    "strategy": MeetingType.STRATEGY.value,
    "review": MeetingType.REVIEW.value,
    "icpc": MeetingType.ICPC.value,
    "rcpc": MeetingType.RCPC.value,
    "core_group": MeetingType.CORE_GROUP.value,
    "scheduled": MeetingStatus.SCHEDULED.value,
    "in_progress": MeetingStatus.IN_PROGRESS.value,
    "closed": MeetingStatus.CLOSED.value,
    "signed_off": MeetingStatus.SIGNED_OFF.value,
    "s47_single": ThresholdOutcome.S47_SINGLE_AGENCY.value,
    "s47_joint": ThresholdOutcome.S47_JOINT.value,
    "extended": IcpcTimeframe.EXTENDED.value,
    "not_needed": IcpcTimeframe.NOT_NEEDED.value,
}
assert {o for o in ThresholdOutcome if o.starts_s47} == {
    ThresholdOutcome.S47_SINGLE_AGENCY,
    ThresholdOutcome.S47_JOINT,
}, "the register's idea of a section 47 outcome must follow ThresholdOutcome.starts_s47"

# Held, as app.workflow.clocks defines it: the meeting has started.
_HELD = "IN (:in_progress, :closed, :signed_off)"
assert set(HELD_STATUSES) == {
    MeetingStatus.IN_PROGRESS,
    MeetingStatus.CLOSED,
    MeetingStatus.SIGNED_OFF,
}, "the register's idea of a held meeting must follow app.workflow.clocks"
_S47 = "IN (:s47_single, :s47_joint)"

# Per child: the newest open episode, its open plan, its latest pre-proceedings
# episode (in the register while open), the strategy meeting of its
# latest section 47 enquiry, that meeting's clocks and the five-day review's
# ICPC timeframe, and which meetings have been held since.
_FACTS = f"""
facts AS {{materialised}} (
  SELECT ch.id AS child_id, ch.la_child_ref AS child_ref, ch.first_name, ch.last_name,
    c.id AS case_id, c.lcpp_name AS case_lcpp,
    p.id AS plan_id, p.start_date AS plan_start, p.latest_category AS category,
    p.next_review_due, p.lcpp_name AS plan_lcpp, pi.scheduled_date AS plan_icpc_date,
    sm.id AS strategy_id, sm.scheduled_date AS strategy_date, sm.chair_name AS strategy_chair,
    ts.review_due, ts.icpc_due AS timescales_icpc_due, ts.assessment_due,
    tf.timeframe, tf.target_date, tf.default_due AS timeframe_default_due,
    CASE WHEN sm.id IS NOT NULL THEN (
      SELECT min(i.scheduled_date) FROM meeting i
      WHERE i.case_id = c.id AND i.meeting_type = :icpc AND i.status {_HELD}
        AND i.scheduled_date >= sm.scheduled_date) END AS icpc_held_on,
    CASE WHEN sm.id IS NOT NULL THEN EXISTS (
      SELECT 1 FROM meeting r
      WHERE r.case_id = c.id AND r.meeting_type = :review AND r.status {_HELD}
        AND r.scheduled_date >= sm.scheduled_date) ELSE 0 END AS review_held,
    CASE WHEN sm.id IS NOT NULL THEN EXISTS (
      SELECT 1 FROM meeting later JOIN threshold_decision d ON d.meeting_id = later.id
      WHERE later.case_id = c.id AND later.meeting_type = :strategy
        AND later.scheduled_date > sm.scheduled_date
        AND d.outcome IS NOT NULL AND d.outcome NOT {_S47}) ELSE 0 END AS superseded,
    CASE WHEN p.next_review_due IS NOT NULL THEN EXISTS (
      SELECT 1 FROM meeting rc
      WHERE rc.case_id = c.id AND rc.meeting_type = :rcpc AND rc.status {_HELD}
        AND rc.scheduled_date >= p.next_review_due) ELSE 0 END AS rcpc_held,
    p.core_group_first_due,
    CASE WHEN p.id IS NOT NULL THEN (
      SELECT max(cg.scheduled_date) FROM meeting cg
      WHERE cg.case_id = c.id AND cg.meeting_type = :core_group AND cg.status {_HELD}
        AND cg.scheduled_date >= p.start_date) END AS core_group_last,
    pp.decided_on AS pp_decided_on, pp.letter_sent_on AS pp_letter_sent_on,
    pp.first_meeting_on AS pp_first_meeting_on,
    pp.id IS NOT NULL AND pp.step_decided_on IS NULL AS pp_open,
    -- The birth record says that the baby was born; the date is the child's, as
    -- corrected on the case page.
    (CASE WHEN br.id IS NOT NULL THEN ch.date_of_birth END) AS born_on,
    CASE WHEN br.id IS NOT NULL AND ch.date_of_birth IS NOT NULL AND p.id IS NOT NULL
      AND EXISTS (
      SELECT 1 FROM meeting pb
      WHERE pb.case_id = c.id AND pb.meeting_type = :icpc AND pb.status {_HELD}
        AND pb.scheduled_date < ch.date_of_birth) THEN NOT EXISTS (
      SELECT 1 FROM meeting rb
      WHERE rb.case_id = c.id AND rb.meeting_type = :rcpc AND rb.status {_HELD}
        AND rb.scheduled_date >= ch.date_of_birth) ELSE 0 END AS birth_review_open,
    ti.received_on AS transfer_in_on,
    CASE WHEN ti.id IS NOT NULL THEN NOT EXISTS (
      SELECT 1 FROM meeting tc
      WHERE tc.case_id = c.id AND tc.meeting_type = :icpc AND tc.status {_HELD}
        AND tc.scheduled_date >= ti.received_on) ELSE 0 END AS transfer_in_open
  FROM child ch
  JOIN case_episode c ON c.id = (
    SELECT e.id FROM case_episode e WHERE e.child_id = ch.id AND e.status = :case_open
    ORDER BY e.opened_on DESC, e.created_at DESC LIMIT 1)
  LEFT JOIN cp_plan p ON p.id = (
    SELECT pl.id FROM cp_plan pl WHERE pl.case_id = c.id AND pl.end_date IS NULL
    ORDER BY pl.start_date DESC, pl.created_at DESC LIMIT 1)
  LEFT JOIN meeting pi ON pi.id = p.icpc_meeting_id
  LEFT JOIN child_birth_record br ON br.child_id = ch.id
  LEFT JOIN case_transfer_in ti ON ti.case_id = c.id
  LEFT JOIN pre_proceedings_episode pp ON pp.id = (
    SELECT e.id FROM pre_proceedings_episode e WHERE e.case_id = c.id
    ORDER BY e.decided_on DESC, e.created_at DESC LIMIT 1)
  LEFT JOIN meeting sm ON sm.id = (
    SELECT m.id FROM meeting m JOIN threshold_decision d ON d.meeting_id = m.id
    WHERE m.case_id = c.id AND m.meeting_type = :strategy AND m.status != :scheduled
      AND d.outcome {_S47}
    ORDER BY m.scheduled_date DESC, m.created_at DESC LIMIT 1)
  LEFT JOIN meeting_timescales ts ON ts.meeting_id = sm.id
  LEFT JOIN icpc_timeframe tf ON tf.id = (
    SELECT t.id FROM icpc_timeframe t JOIN meeting rv ON rv.id = t.meeting_id
    WHERE rv.case_id = c.id AND (t.strategy_meeting_id = sm.id
      OR (t.strategy_meeting_id IS NULL AND rv.scheduled_date >= sm.scheduled_date))
    ORDER BY rv.scheduled_date DESC, rv.created_at DESC LIMIT 1)
  WHERE (p.id IS NOT NULL OR sm.id IS NOT NULL
    OR (pp.id IS NOT NULL AND pp.step_decided_on IS NULL)) {{narrowing}}
)"""

_ICPC_DUE = (
    "CASE WHEN timeframe = :extended AND target_date IS NOT NULL THEN target_date "
    "ELSE coalesce(timescales_icpc_due, timeframe_default_due) END"
)

# The next core group: the first by the date stored on the plan, then the area's
# number of days (bound as :core_group_days) after the last one held under it.
_CORE_GROUP_DUE = (
    "CASE WHEN core_group_last IS NOT NULL "
    "THEN date(core_group_last, '+' || :core_group_days || ' days') "
    "ELSE core_group_first_due END"
)


def arrival_params(
    today: dt.date, calendar: WorkingCalendar, birth_review_days: int
) -> dict[str, Any]:
    """The bounds of the first review after a birth and of the transfer-in conference
    (app.workflow.arrivals): overdue when the birth, or the notification, was on or
    before these days."""
    return {
        "birth_review_by": _iso(overdue_before(today, birth_review_days, calendar)),
        "transfer_in_by": _iso(overdue_before(today, TRANSFER_IN_WORKING_DAYS, calendar)),
    }


def _iso(day: dt.date | None) -> str | None:
    return day.isoformat() if day is not None else None


def pre_proceedings_params(today: dt.date, calendar: WorkingCalendar) -> dict[str, Any]:
    """The pre-proceedings clocks' bounds for ``today``: a letter or a first meeting is
    overdue when counting started on or before these days (the rules' working days,
    worked out once here rather than in SQL), the step decision 16 weeks on."""

    def iso(day: dt.date | None) -> str | None:
        return day.isoformat() if day is not None else None

    return {
        "pp_letter_by": iso(overdue_before(today, PP_LETTER_WORKING_DAYS, calendar)),
        "pp_meeting_by": iso(overdue_before(today, PP_MEETING_WORKING_DAYS, calendar)),
        "pp_review_weeks": f"+{7 * PP_REVIEW_WEEKS} days",
    }


# The section 47 enquiry is open (app.workflow.clocks.journey_state's enquiry_open).
_ENQUIRY_OPEN = (
    "(strategy_id IS NOT NULL AND plan_id IS NULL AND icpc_held_on IS NULL AND NOT superseded"
    " AND coalesce(timeframe, '') != :not_needed)"
)
# The enquiry's dates, shown while it is open or with a plan (not for a child in
# the register only for pre-proceedings: an ended enquiry's dates are not due).
_ENQUIRY_SHOWN = f"(plan_id IS NOT NULL OR {_ENQUIRY_OPEN})"

# What the register shows, from the facts: status, LCPP, the ICPC's due date
# and the overdue flags, for the children who are in it.
_REGISTER = f"""
register AS (
  SELECT child_id, case_id, child_ref, first_name, last_name,
    CASE WHEN plan_id IS NOT NULL THEN 'cp-plan' WHEN {_ENQUIRY_OPEN} THEN 's47'
      ELSE 'pre-proceedings' END AS status,
    coalesce(nullif(case_lcpp, ''), nullif(plan_lcpp, ''), nullif(strategy_chair, ''), '')
      AS lcpp,
    CASE WHEN {_ENQUIRY_SHOWN} THEN strategy_date END AS strategy_date,
    CASE WHEN {_ENQUIRY_SHOWN} THEN review_due END AS review_due,
    CASE WHEN {_ENQUIRY_SHOWN} THEN {_ICPC_DUE} END AS icpc_due,
    {_ENQUIRY_SHOWN} AND coalesce(timeframe = :extended, 0) AS icpc_extended,
    coalesce(plan_icpc_date, icpc_held_on) AS icpc_date,
    plan_start, category, next_review_due,
    {_ENQUIRY_OPEN} AND NOT review_held AND coalesce(review_due < :today, 0) AS review_overdue,
    {_ENQUIRY_OPEN} AND coalesce({_ICPC_DUE} < :today, 0) AS icpc_overdue,
    {_ENQUIRY_OPEN} AND coalesce(assessment_due < :today, 0) AS assessment_overdue,
    plan_id IS NOT NULL AND NOT rcpc_held AND coalesce(next_review_due < :today, 0)
      AS rcpc_overdue,
    plan_id IS NOT NULL AND coalesce({_CORE_GROUP_DUE} < :today, 0) AS core_group_overdue,
    pp_open AND pp_letter_sent_on IS NULL AND coalesce(pp_decided_on <= :pp_letter_by, 0)
      AS pp_letter_overdue,
    pp_open AND pp_first_meeting_on IS NULL
      AND coalesce(pp_letter_sent_on <= :pp_meeting_by, 0) AS pp_meeting_overdue,
    pp_open AND coalesce(date(pp_decided_on, :pp_review_weeks) < :today, 0) AS pp_review_overdue,
    birth_review_open AND coalesce(born_on <= :birth_review_by, 0) AS birth_review_overdue,
    transfer_in_open AND coalesce(transfer_in_on <= :transfer_in_by, 0) AS transfer_in_overdue,
    CASE WHEN plan_id IS NOT NULL THEN next_review_due
      WHEN NOT {_ENQUIRY_OPEN} THEN NULL
      WHEN NOT review_held AND review_due < {_ICPC_DUE} THEN review_due
      ELSE {_ICPC_DUE} END AS next_due
  FROM facts
  WHERE plan_id IS NOT NULL OR {_ENQUIRY_OPEN} OR pp_open
)"""

COLUMNS = (
    "child_id, case_id, child_ref, first_name, last_name, status, lcpp, strategy_date, "
    "review_due, icpc_due, icpc_extended, icpc_date, plan_start, category, next_review_due, "
    "review_overdue, icpc_overdue, rcpc_overdue, assessment_overdue, core_group_overdue, "
    "pp_letter_overdue, pp_meeting_overdue, pp_review_overdue, birth_review_overdue, "
    "transfer_in_overdue"
)
# Any clock overdue, for filters, totals and sorting.
ANY_OVERDUE = (
    "(review_overdue OR icpc_overdue OR rcpc_overdue OR assessment_overdue OR core_group_overdue"
    " OR pp_letter_overdue OR pp_meeting_overdue OR pp_review_overdue"
    " OR birth_review_overdue OR transfer_in_overdue)"
)

# Sort keys the register offers. Every order ends on the reference, so pages
# never overlap; blanks sort last whichever way a column is sorted.
_OVERDUE_FIRST = f"{ANY_OVERDUE} DESC"
SORT_KEYS: dict[str, str] = {
    "child": "",
    "urgency": f"{_OVERDUE_FIRST}, next_due IS NULL, next_due",
    "name": "last_name COLLATE NOCASE, first_name COLLATE NOCASE",
    "status": "status",
    "lcpp": "lcpp = '', lcpp COLLATE NOCASE",
    "strategy_date": "strategy_date IS NULL, strategy_date",
    "review_due": "review_due IS NULL, review_due",
    "icpc_due": "icpc_due IS NULL, icpc_due",
    "icpc_date": "icpc_date IS NULL, icpc_date",
    "plan_start": "plan_start IS NULL, plan_start",
    "category": "category IS NULL, category",
    "next_review_due": "next_review_due IS NULL, next_review_due",
    "overdue": f"{_OVERDUE_FIRST}, next_due IS NULL, next_due",
}


# A search matching at most this many children is worked out from its matches;
# a broader one walks the register in order and stops when the page is full.
# Working out one child costs about what walking past thirty others does: for
# a page of 50 out of 10,000 children the two ways cost the same near 120.
FEW_MATCHES = 120
MATCH_COUNT = "SELECT count(*) FROM child_search WHERE child_search MATCH :match"
MATCH_ROWIDS = "SELECT rowid FROM child_search WHERE child_search MATCH ?"
INDEXED = "SELECT rowid, child_id FROM child_search"
TERMS_VIEW = (
    "CREATE VIRTUAL TABLE IF NOT EXISTS temp.child_search_terms"
    " USING fts5vocab(main, child_search, 'instance')"
)
TERMS = "SELECT term, doc FROM temp.child_search_terms"
_MATCHES = "ch.id IN (SELECT child_id FROM child_search WHERE child_search MATCH :match)"


def statement(
    *,
    search: str | None,
    where: list[str],
    order: str,
    descending: bool,
    after: bool = False,
    everyone: bool = False,
    columns: str = COLUMNS,
) -> str:
    """The register's SELECT.

    ``search`` is ``None``, ``"few"`` (start from the FTS5 matches) or ``"many"``
    (walk the register, keeping the matches); ``where`` holds the filters' SQL;
    ``order`` is a key of :data:`SORT_KEYS`; ``after`` (reference order only)
    starts after the reference bound as ``:after``. ``everyone`` is for totals
    and snapshots: every row is worked out once, in no particular order.
    ``columns`` are those selected from the register.
    """
    by_reference = order == "child"
    # Walking in reference order streams, for a page; anything else works out
    # each row once (walking repeats some lookups, which only pays for a page).
    streaming = by_reference and search != "few" and not everyone
    narrowing = ""
    if search is not None:
        # "+" stops SQLite driving the walk from the matches, which would
        # then have to be worked out in full before they could be sorted.
        narrowing += " AND " + ("+" if streaming else "") + _MATCHES
    if after:
        assert by_reference, "paging by the last reference needs reference order"
        narrowing += " AND ch.la_child_ref " + ("< :after" if descending else "> :after")
    terms = [t for t in SORT_KEYS[order].split(", ") if t]
    if descending:
        terms = [_flip(term) for term in terms]
    terms.append("child_ref DESC" if descending and by_reference else "child_ref")
    facts = _FACTS.format(
        materialised="NOT MATERIALIZED" if streaming else "MATERIALIZED",
        narrowing=narrowing,
    )
    sql = f"WITH {facts},{_REGISTER}\nSELECT {columns} FROM register\nWHERE {' AND '.join(where) or '1'}"
    return sql if everyone else f"{sql}\nORDER BY {', '.join(terms)}"


def _flip(term: str) -> str:
    if term.endswith(" IS NULL") or term.endswith(" = ''"):
        return term  # blanks stay last
    if term.endswith(" DESC"):
        return term[: -len(" DESC")]
    return term + " DESC"


def parse_date(value: Any) -> dt.date | None:
    """A date column as SQLite returns it (ISO text) or ``None``."""
    if value is None:
        return None
    if isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value)[:10])
