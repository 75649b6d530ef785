"""Gathers the facts the journey's clocks need, in a few queries, for app.workflow.clocks.

Callers pass an open session (a read transaction they already hold), so that
Home, the register's checks, the timeline and the letters each read one
consistent snapshot.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
from collections import defaultdict
from collections.abc import Iterable
from typing import Any

from sqlalchemy import ColumnElement, Executable, bindparam, func, select, true
from sqlalchemy.orm import Session

from app.errors import NotFound
from app.models import (
    CaseEpisode,
    CaseStatus,
    CaseTransferIn,
    Child,
    ChildBirthRecord,
    ChildProtectionPlan,
    ClosureDay,
    IcpcTimeframeDecision,
    Meeting,
    MeetingTimescales,
    PreProceedingsEpisode,
    Setting,
    ThresholdDecision,
)
from app.setting_names import BIRTH_REVIEW_DAYS_KEY, CORE_GROUP_WEEKS_KEY
from app.storage.workspace import Workspace
from app.workdays import WorkingCalendar
from app.workflow.clocks import (
    BIRTH_REVIEW_WORKING_DAYS,
    CORE_GROUP_WEEKS,
    CaseFacts,
    JourneyState,
    MeetingFact,
    PlanFact,
    PreProceedingsFact,
    TimeframeFact,
    TimescalesFact,
    journey_state,
    newest_open_cases,
)


@dataclasses.dataclass(frozen=True)
class _Queries:
    """The queries :func:`case_facts` runs, built once for each way of choosing cases."""

    cases: Executable
    meetings: Executable
    timescales: Executable
    timeframes: Executable
    plans: Executable
    pre_proceedings: Executable


# The cases chosen: ``IDS`` the ones named (bound as "ids"), ``OPEN`` every open case,
# ``EVERY`` every case.
IDS, OPEN, EVERY = "ids", "open", "every"


@functools.cache
def _queries(chosen: str) -> _Queries:
    """Built once a process: building a statement costs more than running it here."""
    cases_q = (
        select(
            CaseEpisode.id,
            Child.la_child_ref,
            CaseEpisode.status,
            CaseEpisode.referral_date,
            Child.date_of_birth,
            Child.expected_date_of_birth,
            # The birth record says that the baby was born; the date is the child's,
            # as corrected on the case page, so that the two never disagree.
            ChildBirthRecord.id,
            CaseTransferIn.received_on,
        )
        .join(Child, Child.id == CaseEpisode.child_id)
        .outerjoin(ChildBirthRecord, ChildBirthRecord.child_id == Child.id)
        .outerjoin(CaseTransferIn, CaseTransferIn.case_id == CaseEpisode.id)
    )
    ids: Any = None
    if chosen == OPEN:
        # A closed case follows no clock: years of them are not read at all.
        cases_q = cases_q.where(CaseEpisode.status == CaseStatus.OPEN)
        ids = select(CaseEpisode.id).where(CaseEpisode.status == CaseStatus.OPEN)
    elif chosen == IDS:
        ids = bindparam("ids", expanding=True)
        cases_q = cases_q.where(CaseEpisode.id.in_(ids))

    def only(column: Any) -> ColumnElement[bool]:
        return column.in_(ids) if ids is not None else true()

    return _Queries(
        cases=cases_q,
        meetings=select(
            Meeting.id,
            Meeting.case_id,
            Meeting.meeting_type,
            Meeting.scheduled_date,
            Meeting.status,
            Meeting.created_at,
            ThresholdDecision.outcome,
        )
        .outerjoin(ThresholdDecision, ThresholdDecision.meeting_id == Meeting.id)
        .where(only(Meeting.case_id)),
        timescales=select(
            Meeting.case_id,
            MeetingTimescales.meeting_id,
            MeetingTimescales.review_due,
            MeetingTimescales.icpc_due,
            MeetingTimescales.assessment_due,
            MeetingTimescales.assessment_from,
        )
        .join(Meeting, Meeting.id == MeetingTimescales.meeting_id)
        .where(only(Meeting.case_id)),
        timeframes=select(
            Meeting.case_id,
            IcpcTimeframeDecision.meeting_id,
            IcpcTimeframeDecision.strategy_meeting_id,
            IcpcTimeframeDecision.timeframe,
            IcpcTimeframeDecision.target_date,
            IcpcTimeframeDecision.default_due,
        )
        .join(Meeting, Meeting.id == IcpcTimeframeDecision.meeting_id)
        .where(only(Meeting.case_id)),
        plans=select(
            ChildProtectionPlan.case_id,
            ChildProtectionPlan.id,
            ChildProtectionPlan.start_date,
            ChildProtectionPlan.end_date,
            ChildProtectionPlan.next_review_due,
            ChildProtectionPlan.icpc_meeting_id,
            ChildProtectionPlan.created_at,
            ChildProtectionPlan.latest_category,
            ChildProtectionPlan.core_group_first_due,
        ).where(only(ChildProtectionPlan.case_id)),
        pre_proceedings=select(
            PreProceedingsEpisode.case_id,
            PreProceedingsEpisode.id,
            PreProceedingsEpisode.decided_on,
            PreProceedingsEpisode.letter_sent_on,
            PreProceedingsEpisode.first_meeting_on,
            PreProceedingsEpisode.step_decided_on,
            PreProceedingsEpisode.created_at,
            # The closure days ride along on each row (see _pre_proceedings).
            select(func.group_concat(ClosureDay.day, ",")).scalar_subquery(),
        ).where(only(PreProceedingsEpisode.case_id)),
    )


_CLOSURE_DAYS = select(ClosureDay.day)


def case_facts(
    session: Session, case_ids: Iterable[str] | None = None, *, open_only: bool = False
) -> dict[str, CaseFacts]:
    """The facts of the given cases (every case when ``None``; every open case when
    ``open_only``), by case id: six queries however many cases there are.

    Columns, not ORM objects: Home reads every open case of a large workspace.
    """
    params: dict[str, Any] = {}
    if open_only:
        queries = _queries(OPEN)
    elif case_ids is not None:
        queries = _queries(IDS)
        params = {"ids": list(case_ids)}
    else:
        queries = _queries(EVERY)
    # Core rows through the connection: the ORM's per-row bookkeeping is not needed.
    # Changes the session holds unflushed count, as they would for an ORM query.
    session.flush()
    conn = session.connection()
    cases = conn.execute(queries.cases, params).all()
    if not cases:
        return {}
    meetings: dict[str, list[MeetingFact]] = defaultdict(list)
    for meeting_id, case_id, kind, day, status, created, outcome in conn.execute(
        queries.meetings, params
    ).all():
        meetings[case_id].append(MeetingFact(meeting_id, kind, day, status, created, outcome))
    scales: dict[str, dict[str, TimescalesFact]] = defaultdict(dict)
    for case_id, meeting_id, review, icpc, assessment, source in conn.execute(
        queries.timescales, params
    ).all():
        scales[case_id][meeting_id] = TimescalesFact(review, icpc, assessment, source)
    frames: dict[str, list[TimeframeFact]] = defaultdict(list)
    for case_id, review_id, strategy_id, timeframe, target, default in conn.execute(
        queries.timeframes, params
    ).all():
        frames[case_id].append(TimeframeFact(review_id, strategy_id, timeframe, target, default))
    plans: dict[str, list[PlanFact]] = defaultdict(list)
    for case_id, plan_id, start, end, review_due, icpc_id, created, category, first in conn.execute(
        queries.plans, params
    ).all():
        plans[case_id].append(
            PlanFact(plan_id, start, end, review_due, icpc_id, created, category, first)
        )
    weeks = core_group_weeks(session)
    episodes, calendar = _pre_proceedings(conn.execute(queries.pre_proceedings, params).all())
    arrivals = any(born or moved for *_, born, moved in cases)
    if calendar is None and arrivals:
        calendar = WorkingCalendar(conn.execute(_CLOSURE_DAYS).scalars())
    review_days = birth_review_working_days(session) if arrivals else BIRTH_REVIEW_WORKING_DAYS
    return {
        case_id: CaseFacts(
            case_id=case_id,
            child_ref=ref,
            is_open=status is CaseStatus.OPEN,
            referral_date=referral,
            meetings=tuple(meetings[case_id]),
            timescales=scales[case_id],
            timeframes=tuple(frames[case_id]),
            plans=tuple(plans[case_id]),
            core_group_weeks=weeks,
            pre_proceedings=tuple(episodes[case_id]),
            unborn=dob is None and expected is not None,
            born_on=dob if born else None,
            birth_review_working_days=review_days,
            transfer_in_on=moved,
            calendar=calendar,
        )
        for case_id, ref, status, referral, dob, expected, born, moved in cases
    }


def _pre_proceedings(
    rows: Iterable[Any],
) -> tuple[dict[str, list[PreProceedingsFact]], WorkingCalendar | None]:
    """The cases' pre-proceedings episodes and, when there are any, the calendar their
    working days are counted on: the closure days ride along on each row."""
    episodes: dict[str, list[PreProceedingsFact]] = defaultdict(list)
    closed_days = ""
    for case_id, *dates, closed in rows:
        episodes[case_id].append(PreProceedingsFact(*dates))
        closed_days = closed or ""
    if not episodes:
        return episodes, None
    return episodes, WorkingCalendar(
        dt.date.fromisoformat(day[:10]) for day in closed_days.split(",") if day
    )


def core_group_weeks(session: Session) -> int:
    """How many weeks after one core group the next is due: the area's setting."""
    return _number_setting(session, CORE_GROUP_WEEKS_KEY, CORE_GROUP_WEEKS)


def birth_review_working_days(session: Session) -> int:
    """How many working days after the birth the first review conference is due."""
    return _number_setting(session, BIRTH_REVIEW_DAYS_KEY, BIRTH_REVIEW_WORKING_DAYS)


_SETTING = select(Setting.value).where(Setting.key == bindparam("key"))


def _number_setting(session: Session, key: str, default: int) -> int:
    raw = session.connection().execute(_SETTING, {"key": key}).scalar()
    try:
        return int(raw) if raw is not None else default
    except ValueError:
        return default


def journey(workspace: Workspace, *, case_id: str) -> JourneyState:
    """Where a case's journey stands (open enquiry, no further action, open plan, each
    clock with its state): for screens, closing and letters."""
    with workspace.reading() as session:
        state = case_journey(session, case_id)
    if state is None:
        raise NotFound("That case no longer exists.")
    return state


def case_journey(session: Session, case_id: str, on: dt.date | None = None) -> JourneyState | None:
    """Where one case's journey stands (None if there is no such case); ``on`` a day,
    where it stood by the records of that day (see ``CaseFacts.as_of``)."""
    facts = case_facts(session, [case_id]).get(case_id)
    if facts is None:
        return None
    return journey_state(facts if on is None else facts.as_of(on))


def current_journeys(session: Session) -> list[JourneyState]:
    """Each child's newest open case, with its clocks: what Home and the register follow
    (their SQL repeats the rules for speed; parity tests hold it to this answer).

    Set-based: the facts of every open case come in a fixed number of queries and
    each case is then put through the same rules as ``case_journey``."""
    facts = case_facts(session, open_only=True)
    rows: list[tuple[str, dt.date, dt.datetime, CaseFacts]] = [
        (child_id, opened_on, created_at, facts[case_id])
        for case_id, child_id, opened_on, created_at in session.connection()
        .execute(
            select(
                CaseEpisode.id, CaseEpisode.child_id, CaseEpisode.opened_on, CaseEpisode.created_at
            ).where(CaseEpisode.status == CaseStatus.OPEN)
        )
        .all()
    ]
    return [journey_state(case) for case in newest_open_cases(rows)]
