"""The journey clocks due by a day, for every child at once: one SQL statement.

Home lists each open clock of each child's newest open case that falls due on or
before a week today. What a clock is, when it is due and when it is met is
defined once, in ``app.workflow.clocks``; the statement here repeats those rules
for speed, as the register's does (``app.services.register.query``), so that
SQLite picks the few due clocks out of every case without Python building each
case's journey. ``tests/test_deadlines_parity.py`` runs both over many generated
journeys, on many days, and holds them equal. Change the rules there first.

Clocks counted in working days (the pre-proceedings letter and first meeting,
the first review after a birth, the transfer-in conference) are picked with
bounds worked out in Python from the area's calendar: counting on is never
earlier from a later start, so such a clock is due by the horizon exactly when
it started on or before the latest start whose count ends by then. Python
counts the due date of each row returned, with the same calendar.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import Any

from sqlalchemy import text
from sqlalchemy.orm import Session

from app.models import (
    PlanCategory,
)
from app.services.clocks import birth_review_working_days, core_group_weeks
from app.services.register.query import CONSTANTS
from app.workdays import WorkingCalendar
from app.workflow.arrivals import TRANSFER_IN_WORKING_DAYS
from app.workflow.clocks import (
    PP_LETTER_WORKING_DAYS,
    PP_MEETING_WORKING_DAYS,
    PP_REVIEW_WEEKS,
    WEEK,
    ClockKind,
    overdue_before,
)


@dataclasses.dataclass(frozen=True)
class DueClock:
    """One open journey clock due within the week, with what Home says about it.

    Fields that only some kinds carry are None (or False) for the others.
    """

    kind: ClockKind
    due: dt.date
    case_id: str
    child_ref: str
    child_name: str
    meeting_id: str | None  # the meeting that started the clock
    enquiry_on: dt.date | None = None  # enquiry clocks: the strategy meeting's date
    extended: bool = False  # ICPC: the five-day review agreed a later date
    assessment_from: str | None = None  # assessment: "referral" or "strategy"
    plan_start: dt.date | None = None  # RCPC and core group: the open plan's
    category: PlanCategory | None = None  # RCPC: the plan's latest category
    held_on: dt.date | None = None  # core group: the last one held under the plan
    since: dt.date | None = None  # arrivals: the birth, or the notification
    # The first meeting booked for this clock (on or after its start), if any.
    booked_on: dt.date | None = None
    booked_id: str | None = None


# The register's constants (and its checks that they follow the rules), and the clocks' kinds.
_CONSTANTS: dict[str, str] = {
    **CONSTANTS,
    **{f"kind_{kind.name.lower()}": kind.value for kind in ClockKind},
}
_HELD = "IN (:in_progress, :closed, :signed_off)"
_S47 = "IN (:s47_single, :s47_joint)"


def _held(kind: str, case: str, when: str) -> str:
    """A meeting of ``kind`` held on the case with a date meeting ``when``."""
    return (
        f"EXISTS (SELECT 1 FROM meeting h WHERE h.case_id = {case}"
        f" AND h.meeting_type = :{kind} AND h.status {_HELD} AND h.scheduled_date {when})"
    )


# Per child with an open case: the newest open case, its open plan, its latest
# pre-proceedings episode, the strategy meeting of its latest section 47 enquiry
# with the clocks it set and the five-day review's latest ICPC timeframe, the
# birth (when recorded) and a transfer-in notification.
_FACTS = f"""
facts AS MATERIALIZED (
  SELECT ch.la_child_ref AS child_ref, ch.first_name, ch.last_name, c.id AS case_id,
    p.id AS plan_id, p.start_date AS plan_start, p.latest_category AS category,
    p.next_review_due, p.icpc_meeting_id AS plan_icpc_id, p.core_group_first_due,
    sm.id AS strategy_id, sm.scheduled_date AS strategy_date,
    ts.meeting_id IS NOT NULL AS has_timescales, ts.review_due,
    CASE WHEN tf.timeframe = :extended AND tf.target_date IS NOT NULL
      THEN tf.target_date ELSE ts.icpc_due END AS icpc_due,
    tf.timeframe = :extended AND tf.target_date IS NOT NULL AS icpc_extended,
    coalesce(tf.timeframe, '') = :not_needed AS icpc_not_needed,
    ts.assessment_due, ts.assessment_from,
    pp.id IS NOT NULL AND pp.step_decided_on IS NULL AS pp_open,
    pp.decided_on AS pp_decided_on, pp.letter_sent_on AS pp_letter_sent_on,
    pp.first_meeting_on AS pp_first_meeting_on,
    -- The birth record says that the baby was born; the date is the child's, as
    -- corrected on the case page.
    CASE WHEN br.id IS NOT NULL THEN ch.date_of_birth END AS born_on,
    ti.received_on AS transfer_in_on
  FROM child ch
  JOIN case_episode c ON c.id = (
    SELECT e.id FROM case_episode e WHERE e.child_id = ch.id AND e.status = :case_open
    ORDER BY e.opened_on DESC, e.created_at DESC LIMIT 1)
  LEFT JOIN cp_plan p ON p.id = (
    SELECT pl.id FROM cp_plan pl WHERE pl.case_id = c.id AND pl.end_date IS NULL
    ORDER BY pl.start_date DESC, pl.created_at DESC LIMIT 1)
  LEFT JOIN child_birth_record br ON br.child_id = ch.id
  LEFT JOIN case_transfer_in ti ON ti.case_id = c.id
  LEFT JOIN pre_proceedings_episode pp ON pp.id = (
    SELECT e.id FROM pre_proceedings_episode e WHERE e.case_id = c.id
    ORDER BY e.decided_on DESC, e.created_at DESC LIMIT 1)
  LEFT JOIN meeting sm ON sm.id = (
    SELECT m.id FROM meeting m JOIN threshold_decision d ON d.meeting_id = m.id
    WHERE m.case_id = c.id AND m.meeting_type = :strategy AND m.status {_HELD}
      AND d.outcome {_S47}
    ORDER BY m.scheduled_date DESC, m.created_at DESC LIMIT 1)
  LEFT JOIN meeting_timescales ts ON ts.meeting_id = sm.id
  LEFT JOIN icpc_timeframe tf ON tf.id = (
    SELECT t.id FROM icpc_timeframe t JOIN meeting rv ON rv.id = t.meeting_id
    WHERE rv.case_id = c.id AND (t.strategy_meeting_id = sm.id
      OR (t.strategy_meeting_id IS NULL AND rv.scheduled_date >= sm.scheduled_date))
    ORDER BY rv.scheduled_date DESC, rv.created_at DESC LIMIT 1)
  WHERE p.id IS NOT NULL OR sm.id IS NOT NULL OR pp.id IS NOT NULL OR ti.id IS NOT NULL
)"""

# The enquiry is open: no plan, no ICPC held since it began, no later strategy
# meeting decided otherwise, and the review did not decide that no conference is
# needed. Its clocks run only when its strategy discussion stored their dates.
_ENQUIRY = f"""
enquiry AS MATERIALIZED (
  SELECT * FROM facts
  WHERE has_timescales AND plan_id IS NULL AND NOT icpc_not_needed
    AND NOT {_held("icpc", "facts.case_id", ">= facts.strategy_date")}
    AND NOT EXISTS (
      SELECT 1 FROM meeting later JOIN threshold_decision d ON d.meeting_id = later.id
      WHERE later.case_id = facts.case_id AND later.meeting_type = :strategy
        AND later.scheduled_date > facts.strategy_date
        AND d.outcome IS NOT NULL AND d.outcome NOT {_S47})
)"""

# The core group: the first by the date stored on the plan, then the area's number
# of days after the last one held under it.
_CORE_GROUPS = f"""
core_groups AS MATERIALIZED (
  SELECT *, CASE WHEN core_group_last IS NOT NULL
      THEN date(core_group_last, :core_group_days) ELSE core_group_first_due END AS next_due
  FROM (
    SELECT facts.*, (
      SELECT max(cg.scheduled_date) FROM meeting cg
      WHERE cg.case_id = facts.case_id AND cg.meeting_type = :core_group
        AND cg.status {_HELD} AND cg.scheduled_date >= facts.plan_start) AS core_group_last
    FROM facts WHERE plan_id IS NOT NULL AND core_group_first_due IS NOT NULL)
)"""

# Each branch: kind, due (None: counted in working days from counted_from, in
# Python), the columns the description needs, and which meeting would meet the
# clock, booked on or after which day.
_COLUMNS = (
    "kind, due, counted_from, case_id, child_ref, first_name, last_name, meeting_id,"
    " enquiry_on, extended, assessment_from, plan_start, category, held_on, since,"
    " booked_type, booked_since"
)
_WHO = "case_id, child_ref, first_name, last_name"
_DUE = f"""
due ({_COLUMNS}) AS (
  SELECT :kind_review, review_due, NULL, {_WHO}, strategy_id,
    strategy_date, 0, NULL, NULL, NULL, NULL, NULL, :review, strategy_date
  FROM enquiry WHERE review_due <= :horizon
    AND NOT {_held("review", "enquiry.case_id", ">= enquiry.strategy_date")}
  UNION ALL
  SELECT :kind_icpc, icpc_due, NULL, {_WHO}, strategy_id,
    strategy_date, icpc_extended, NULL, NULL, NULL, NULL, NULL, :icpc, strategy_date
  FROM enquiry WHERE icpc_due <= :horizon
  UNION ALL
  SELECT :kind_assessment, assessment_due, NULL, {_WHO}, strategy_id,
    strategy_date, 0, assessment_from, NULL, NULL, NULL, NULL, NULL, NULL
  FROM enquiry WHERE assessment_due <= :horizon
  UNION ALL
  SELECT :kind_rcpc, next_review_due, NULL, {_WHO}, plan_icpc_id,
    NULL, 0, NULL, plan_start, category, NULL, NULL, :rcpc, plan_start
  FROM facts WHERE plan_id IS NOT NULL AND next_review_due <= :horizon
    AND NOT {_held("rcpc", "facts.case_id", ">= facts.next_review_due")}
  UNION ALL
  SELECT :kind_core_group, next_due, NULL, {_WHO}, plan_icpc_id,
    NULL, 0, NULL, plan_start, NULL, core_group_last, NULL, :core_group, plan_start
  FROM core_groups WHERE next_due <= :horizon
  UNION ALL
  SELECT :kind_pp_letter, NULL, pp_decided_on, {_WHO}, NULL,
    NULL, 0, NULL, NULL, NULL, NULL, NULL, NULL, NULL
  FROM facts WHERE pp_open AND pp_letter_sent_on IS NULL
    AND pp_decided_on <= :pp_letter_until
  UNION ALL
  SELECT :kind_pp_meeting, NULL, pp_letter_sent_on, {_WHO}, NULL,
    NULL, 0, NULL, NULL, NULL, NULL, NULL, NULL, NULL
  FROM facts WHERE pp_open AND pp_first_meeting_on IS NULL
    AND pp_letter_sent_on <= :pp_meeting_until
  UNION ALL
  SELECT :kind_pp_review, date(pp_decided_on, :pp_review_days), NULL, {_WHO},
    NULL, NULL, 0, NULL, NULL, NULL, NULL, NULL, NULL, NULL
  FROM facts WHERE pp_open AND date(pp_decided_on, :pp_review_days) <= :horizon
  UNION ALL
  SELECT :kind_birth_review, NULL, born_on, {_WHO}, plan_icpc_id,
    NULL, 0, NULL, NULL, NULL, NULL, born_on, :rcpc, born_on
  FROM facts WHERE plan_id IS NOT NULL AND born_on <= :birth_review_until
    AND {_held("icpc", "facts.case_id", "< facts.born_on")}
    AND NOT {_held("rcpc", "facts.case_id", ">= facts.born_on")}
  UNION ALL
  SELECT :kind_transfer_in, NULL, transfer_in_on, {_WHO}, NULL,
    NULL, 0, NULL, NULL, NULL, NULL, transfer_in_on, :icpc, transfer_in_on
  FROM facts WHERE transfer_in_on <= :transfer_in_until
    AND NOT {_held("icpc", "facts.case_id", ">= facts.transfer_in_on")}
)"""

STATEMENT = f"""WITH {_FACTS},{_ENQUIRY},{_CORE_GROUPS},{_DUE}
SELECT due.*, b.id AS booked_id, b.scheduled_date AS booked_on
FROM due LEFT JOIN meeting b ON b.id = (
  SELECT bk.id FROM meeting bk
  WHERE bk.case_id = due.case_id AND bk.meeting_type = due.booked_type
    AND bk.status = :scheduled AND bk.scheduled_date >= due.booked_since
  ORDER BY bk.scheduled_date, bk.created_at LIMIT 1)"""


def due_clocks(session: Session, *, today: dt.date, calendar: WorkingCalendar) -> list[DueClock]:
    """Every open journey clock of each child's newest open case due on or before a
    week today (overdue ones included), in no particular order: one statement."""
    horizon = today + dt.timedelta(days=WEEK)
    birth_days = birth_review_working_days(session)
    counts = {
        ClockKind.PP_LETTER: PP_LETTER_WORKING_DAYS,
        ClockKind.PP_MEETING: PP_MEETING_WORKING_DAYS,
        ClockKind.BIRTH_REVIEW: birth_days,
        ClockKind.TRANSFER_IN: TRANSFER_IN_WORKING_DAYS,
    }
    # The latest start whose count of working days ends on or before the horizon.
    after = horizon + dt.timedelta(days=1)
    until = {kind: _iso(overdue_before(after, n, calendar)) for kind, n in counts.items()}
    params: dict[str, Any] = dict(
        _CONSTANTS,
        horizon=horizon.isoformat(),
        core_group_days=f"+{7 * core_group_weeks(session)} days",
        pp_review_days=f"+{7 * PP_REVIEW_WEEKS} days",
        pp_letter_until=until[ClockKind.PP_LETTER],
        pp_meeting_until=until[ClockKind.PP_MEETING],
        birth_review_until=until[ClockKind.BIRTH_REVIEW],
        transfer_in_until=until[ClockKind.TRANSFER_IN],
    )
    found = []
    for row in session.execute(text(STATEMENT), params).mappings():
        kind = ClockKind(row["kind"])
        due = _date(row["due"])
        if due is None:
            start = _date(row["counted_from"])
            assert start is not None
            due = calendar.add_working_days(start, counts[kind])
        found.append(
            DueClock(
                kind=kind,
                due=due,
                case_id=row["case_id"],
                child_ref=row["child_ref"],
                child_name=" ".join(p for p in (row["first_name"], row["last_name"]) if p),
                meeting_id=row["meeting_id"],
                enquiry_on=_date(row["enquiry_on"]),
                extended=bool(row["extended"]),
                assessment_from=row["assessment_from"],
                plan_start=_date(row["plan_start"]),
                category=PlanCategory(row["category"]) if row["category"] else None,
                held_on=_date(row["held_on"]),
                since=_date(row["since"]),
                booked_on=_date(row["booked_on"]),
                booked_id=row["booked_id"],
            )
        )
    return found


def _iso(day: dt.date | None) -> str | None:
    return day.isoformat() if day is not None else None


def _date(value: Any) -> dt.date | None:
    """A date column as SQLite returns it (ISO text), or None."""
    if value is None:
        return None
    if isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value)[:10])
