"""The figures a MACPT reports to its safeguarding partners for a chosen period.

Counting rules (the report's notes print them too):

- A meeting was *held* when it started (in progress, closed or signed off) and
  its date falls in the period, both ends included.
- The threshold-met rate is over the strategy meetings whose threshold
  decision records met or not met.
- An ICPC is *within 15 working days* when it was held on or before the 15th
  working day after the strategy discussion that started the section 47
  enquiry it concluded, as the journey rules pair them (bank holidays in
  England and the area's closure days excluded). Agreed extensions are
  reported separately and do not change the measure. An ICPC that concluded
  no enquiry on record is counted apart; a transfer-in conference among them
  (a child who moved in on a plan) is counted on its own, within 15 working
  days of the other area's notification.
- Plans *started* and *ended* are those whose start or end date is in the
  period; started plans count by their initial category, ended plans by their
  latest one. The average plan length is over the plans ended in the period.
- Attendance is *recorded* at a meeting when anyone on its list is marked
  other than just invited. Attendance by agency is the share of those meetings
  at which each statutory agency had someone attend (sending information is
  counted separately, as *represented*); meetings that recorded no attendance
  are counted and said, never taken as absences.

The report carries no free text from case records (an extension's reason, for
one, stays in the minutes): only counts, dates and fixed labels.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

from sqlalchemy import (
    Connection,
    Executable,
    Integer,
    bindparam,
    case,
    cast,
    distinct,
    func,
    select,
)
from sqlalchemy.orm import Session

from app.errors import ValidationError
from app.models import (
    Agency,
    AgencyAttendance,
    AttendanceStatus,
    ChildProtectionPlan,
    ClosureDay,
    DischargeReason,
    IcpcTimeframe,
    IcpcTimeframeDecision,
    Meeting,
    MeetingType,
    PlanCategory,
    StatutoryRole,
    ThresholdDecision,
    ThresholdOutcome,
)
from app.models.conduct import REPRESENTED
from app.services.clocks import case_facts
from app.services.consultations import count_consultations
from app.storage.workspace import Workspace
from app.workdays import ICPC_WORKING_DAYS, WorkingCalendar
from app.workflow.arrivals import TRANSFER_IN, conference_kind, transfer_in
from app.workflow.clocks import HELD_STATUSES as HELD
from app.workflow.enquiries import enquiry_courses
from app.workflow.journey_facts import CaseFacts

if TYPE_CHECKING:
    from app.services.reporting_places import PlaceFigures

OUTCOME_SHORT = {
    ThresholdOutcome.S47_SINGLE_AGENCY: "S47 (single-agency)",
    ThresholdOutcome.S47_JOINT: "S47 (joint with police)",
    ThresholdOutcome.NFA_S47_WITH_SUPPORT: "NFA under s47, with support",
    ThresholdOutcome.NFA: "No further action",
    ThresholdOutcome.POLICE_PROTECTION: "Police protection",
    ThresholdOutcome.EMERGENCY_PROTECTION_ORDER: "Emergency protection order",
    ThresholdOutcome.RECONVENE: "Reconvene",
}
DISCHARGE_LABELS = {
    DischargeReason.NO_LONGER_AT_RISK: "No longer at risk of significant harm",
    DischargeReason.TRANSFERRED: "Moved to another authority (plan transferred)",
    DischargeReason.TURNED_18: "Turned 18",
    DischargeReason.DIED: "Died",
    DischargeReason.LEFT_UK: "Left the UK permanently",
}
ROLE_ORDER = (
    StatutoryRole.SOCIAL_CARE,
    StatutoryRole.POLICE,
    StatutoryRole.HEALTH,
    StatutoryRole.EDUCATION,
)
NOT_RECORDED = "Not recorded"
COUNTING_NOTES = (
    "A meeting was held when it started (in progress, closed or signed off) on a date in the "
    "period; both ends of the period are included.",
    "The threshold-met rate is over the strategy meetings whose decision records whether the "
    "significant-harm threshold was met.",
    "An initial child protection conference (ICPC) is within 15 working days when it was held "
    "on or before the 15th working day after the strategy discussion that started the section 47 "
    "enquiry it concluded. Weekends, bank holidays in England and the area's closure days are not working days. "
    "Agreed extensions are listed but do not change this measure. Transfer-in conferences (a "
    "child who moved in on a plan) are counted apart, within 15 working days of the other "
    "area's notification.",
    "Plans started count by their first category and plans ended by their latest one. The "
    "average length is over the plans that ended in the period.",
    "Attendance is counted only at the meetings held in the period that recorded it (anyone on "
    "the list marked as attended, sent apologies, sent information or did not attend). For each "
    "statutory agency it is the share of those meetings at which someone from the agency "
    "attended; sending information without attending is shown separately.",
    "Extensions are listed by date only: their reasons are in the minutes, not in this report.",
    "Consultations are counted by the day the practitioner asked; one led to a strategy meeting "
    "when the strategy meeting convened after it is recorded on it.",
)


@dataclasses.dataclass(frozen=True)
class Count:
    label: str
    count: int


@dataclasses.dataclass(frozen=True)
class Share:
    part: int
    whole: int

    @property
    def rate(self) -> float | None:
        return self.part / self.whole if self.whole else None

    @property
    def percent(self) -> int | None:
        """The share as a whole percentage, halves rounded up (12.5 gives 13)."""
        return None if not self.whole else (200 * self.part + self.whole) // (2 * self.whole)

    @property
    def text(self) -> str:
        """ "7 of 9 (78%)", or "none to count"."""
        if not self.whole:
            return "none to count"
        return f"{self.part} of {self.whole} ({self.percent}%)"


@dataclasses.dataclass(frozen=True)
class Extension:
    decided_on: dt.date
    default_due: dt.date | None
    target_date: dt.date | None
    # Whether the chair confirmed exceptional circumstances (the reason itself is
    # the case record's free text, and stays out of the report).
    exceptional_circumstances: bool


@dataclasses.dataclass(frozen=True)
class CategoryCount:
    category: PlanCategory
    started: int
    ended: int


@dataclasses.dataclass(frozen=True)
class AgencyAttendanceFigure:
    agency: str
    role: StatutoryRole
    attended: Share
    represented: Share


@dataclasses.dataclass(frozen=True)
class ReportFigures:
    start: dt.date
    end: dt.date
    meetings_held: int
    strategy_meetings: int
    outcomes: tuple[Count, ...]
    threshold_met: Share
    icpc_within_15_days: Share
    icpcs_without_strategy: int
    extensions: tuple[Extension, ...]
    plans_by_category: tuple[CategoryCount, ...]
    average_plan_days: float | None
    discharge_reasons: tuple[Count, ...]
    attendance: tuple[AgencyAttendanceFigure, ...]
    # Meetings held that recorded attendance, of all meetings held.
    attendance_recorded: Share = Share(0, 0)
    # At those meetings: the people on the list who attended, of everyone on it.
    invitees_attended: Share = Share(0, 0)
    # Consultations asked in the period (whole) and those that led to a strategy meeting (part).
    consultations: Share = Share(0, 0)
    # Reviews, repeat and long plans and consultations by where the harm happened.
    places: PlaceFigures | None = None
    # Transfer-in conferences held (whole), and those within 15 working days of the
    # notification (part): apart from the initial conferences above.
    transfer_in_conferences: Share = Share(0, 0)

    @property
    def plans_started(self) -> int:
        return sum(c.started for c in self.plans_by_category)

    @property
    def plans_ended(self) -> int:
        return sum(c.ended for c in self.plans_by_category)


def report_figures(workspace: Workspace, *, start: dt.date, end: dt.date) -> ReportFigures:
    """Every figure of the report for ``start`` to ``end`` (both included)."""
    if end < start:
        raise ValidationError(
            "The period ends before it starts. Choose an end date on or after the start date."
        )
    from app.services.reporting_places import place_figures  # it counts in Shares too

    period = {"start": start, "end": end}
    with workspace.reading() as session:
        # Core rows through the connection: nothing here needs the ORM's bookkeeping.
        conn = session.connection()
        held, strategy, outcomes, threshold = _held(conn, period)
        icpcs = conn.execute(_statements().icpcs, period).all()
        # The journeys of every case the figures ask about, read once for all of them.
        planned = set(conn.execute(_statements().planned).scalars())
        facts = case_facts(session, planned | {case_id for _, case_id, _ in icpcs})
        timely, orphans, moved_in = _icpc_timeliness(conn, icpcs, facts)
        categories, average, reasons = _plans(conn, period)
        recorded, invitees = _recorded(conn, period, held)
        return ReportFigures(
            start=start,
            end=end,
            meetings_held=held,
            strategy_meetings=strategy,
            outcomes=outcomes,
            threshold_met=threshold,
            icpc_within_15_days=timely,
            icpcs_without_strategy=orphans,
            extensions=_extensions(conn, period),
            plans_by_category=categories,
            average_plan_days=average,
            discharge_reasons=reasons,
            attendance=_attendance(conn, period, recorded.part),
            attendance_recorded=recorded,
            invitees_attended=invitees,
            consultations=_consultations(session, start, end),
            places=place_figures(session, start, end, facts=facts),
            transfer_in_conferences=moved_in,
        )


@dataclasses.dataclass(frozen=True)
class _Statements:
    """The statements the report runs, for the period bound as "start" and "end"."""

    held: Executable
    icpcs: Executable
    planned: Executable
    closure_days: Executable
    extensions: Executable
    plans_started: Executable
    plans_ended: Executable
    recorded: Executable
    agencies: Executable
    attendance: Executable


@functools.cache
def _statements() -> _Statements:
    """Built once a process: on a small workspace, building a statement costs about as
    much as running it."""
    in_period = (
        Meeting.status.in_(HELD),
        Meeting.scheduled_date >= bindparam("start"),
        Meeting.scheduled_date <= bindparam("end"),
    )
    held_ids = select(Meeting.id).where(*in_period).scalar_subquery()
    plan, status = ChildProtectionPlan, AgencyAttendance.status
    meeting_id = AgencyAttendance.meeting_id
    # Each held meeting that recorded attendance (anyone marked other than invited):
    # how many were on its list, and how many of them attended.
    lists = (
        select(
            func.count().label("listed"),
            func.count(case((status == AttendanceStatus.ATTENDED, 1))).label("attended"),
        )
        .where(meeting_id.in_(held_ids))
        .group_by(meeting_id)
        .having(func.count(case((status != AttendanceStatus.INVITED, 1))) > 0)
        .subquery()
    )
    return _Statements(
        # The meetings held by type, with the strategy meetings' decisions.
        held=select(
            Meeting.meeting_type,
            ThresholdDecision.outcome,
            ThresholdDecision.threshold_met,
            func.count(),
        )
        .outerjoin(ThresholdDecision, ThresholdDecision.meeting_id == Meeting.id)
        .where(*in_period)
        .group_by(Meeting.meeting_type, ThresholdDecision.outcome, ThresholdDecision.threshold_met),
        icpcs=select(Meeting.id, Meeting.case_id, Meeting.scheduled_date).where(
            *in_period, Meeting.meeting_type == MeetingType.ICPC
        ),
        planned=select(ChildProtectionPlan.case_id).distinct(),
        closure_days=select(ClosureDay.day),
        extensions=select(
            Meeting.scheduled_date,
            IcpcTimeframeDecision.default_due,
            IcpcTimeframeDecision.target_date,
            IcpcTimeframeDecision.exceptional_circumstances_confirmed,
        )
        .join(Meeting, Meeting.id == IcpcTimeframeDecision.meeting_id)
        .where(
            IcpcTimeframeDecision.timeframe == IcpcTimeframe.EXTENDED,
            Meeting.scheduled_date >= bindparam("start"),
            Meeting.scheduled_date <= bindparam("end"),
        )
        .order_by(Meeting.scheduled_date),
        plans_started=select(plan.initial_category, func.count())
        .where(plan.start_date >= bindparam("start"), plan.start_date <= bindparam("end"))
        .group_by(plan.initial_category),
        plans_ended=select(
            plan.latest_category,
            plan.end_reason,
            func.count(),
            # Whole days from start to end: each plan's length, summed.
            func.sum(
                cast(func.julianday(plan.end_date) - func.julianday(plan.start_date), Integer)
            ),
        )
        .where(plan.end_date >= bindparam("start"), plan.end_date <= bindparam("end"))
        .group_by(plan.latest_category, plan.end_reason),
        recorded=select(
            func.count(),
            func.coalesce(func.sum(lists.c.listed), 0),
            func.coalesce(func.sum(lists.c.attended), 0),
        ),
        agencies=select(Agency.id, Agency.name, Agency.statutory_role).where(
            Agency.statutory_role.is_not(None)
        ),
        # For each agency, the held meetings at which it attended, and at which it was
        # represented.
        attendance=select(
            AgencyAttendance.agency_id,
            func.count(distinct(case((status == AttendanceStatus.ATTENDED, meeting_id)))),
            func.count(distinct(case((status.in_(sorted(REPRESENTED)), meeting_id)))),
        )
        .where(meeting_id.in_(held_ids), AgencyAttendance.agency_id.is_not(None))
        .group_by(AgencyAttendance.agency_id),
    )


Period = Mapping[str, dt.date]


def _consultations(session: Session, start: dt.date, end: dt.date) -> Share:
    counts = count_consultations(session, start, end)
    return Share(counts.led_to_strategy_meeting, counts.consultations)


def _held(conn: Connection, period: Period) -> tuple[int, int, tuple[Count, ...], Share]:
    """The meetings held, the strategy meetings among them, and those meetings'
    outcomes and threshold-met rate: counted by the database, in one statement."""
    tally = dict.fromkeys(ThresholdOutcome, 0)
    held = strategy = unrecorded = decided = met = 0
    for kind, outcome, threshold_met, count in conn.execute(_statements().held, period):
        held += count
        if kind is not MeetingType.STRATEGY:
            continue
        strategy += count
        if outcome is None:
            unrecorded += count
        else:
            tally[outcome] += count
        if threshold_met is not None:
            decided += count
            met += count if threshold_met else 0
    counts = [Count(OUTCOME_SHORT[o], n) for o, n in tally.items()]
    if unrecorded:
        counts.append(Count(NOT_RECORDED, unrecorded))
    return held, strategy, tuple(counts), Share(met, decided)


def _icpc_timeliness(
    conn: Connection,
    icpcs: Sequence[tuple[str, str, dt.date]],
    facts: Mapping[str, CaseFacts],
) -> tuple[Share, int, Share]:
    """ICPCs held within 15 working days of the enquiry they concluded, the number
    that concluded no enquiry on record (transfer-in conferences apart), and the
    transfer-in conferences held within 15 working days of the notification. Which
    enquiry an ICPC concluded, and which is a transfer-in conference, are the
    journey rules' answers (``app.workflow``), as for Home and the census."""
    calendar = WorkingCalendar(conn.execute(_statements().closure_days).scalars())
    concluded = {
        course.icpc.id: course
        for case in (facts[case_id] for case_id in {case_id for _, case_id, _ in icpcs})
        for course in enquiry_courses(case)
        if course.icpc is not None
    }
    within = counted = orphans = moved = moved_within = 0
    for icpc_id, case_id, held_on in icpcs:
        course = concluded.get(icpc_id)
        if course is None:
            arrival = _transfer_in_due(facts[case_id], icpc_id, calendar)
            if arrival is None:
                orphans += 1
            else:
                moved += 1
                moved_within += int(held_on <= arrival)
            continue
        start = course.enquiry.day
        # The statutory target: an agreed extension does not change the measure.
        due = (
            course.scales.icpc_due
            if course.scales
            else calendar.add_working_days(start, ICPC_WORKING_DAYS)
        )
        counted += 1
        within += int(held_on <= due)
    return Share(within, counted), orphans, Share(moved_within, moved)


def _transfer_in_due(case: CaseFacts, meeting_id: str, calendar: WorkingCalendar) -> dt.date | None:
    """When the transfer-in conference was due, if this ICPC is one."""
    fact = case.meeting(meeting_id)
    if fact is None or conference_kind(case, fact) != TRANSFER_IN:
        return None
    found = transfer_in(dataclasses.replace(case, calendar=calendar), calendar)
    return found.due if found is not None else None


def _extensions(conn: Connection, period: Period) -> tuple[Extension, ...]:
    return tuple(Extension(*row) for row in conn.execute(_statements().extensions, period))


def _plans(
    conn: Connection, period: Period
) -> tuple[tuple[CategoryCount, ...], float | None, tuple[Count, ...]]:
    """Plans started and ended in the period by category, the ended plans' average
    length in days and their discharge reasons: counted by the database."""
    started = dict.fromkeys(PlanCategory, 0)
    started.update(conn.execute(_statements().plans_started, period).all())
    ended = dict.fromkeys(PlanCategory, 0)
    reasons = dict.fromkeys(DischargeReason, 0)
    unrecorded = plans = days = 0
    for category, reason, count, length in conn.execute(_statements().plans_ended, period):
        ended[category] += count
        plans += count
        days += length
        if reason is None:
            unrecorded += count
        else:
            reasons[reason] += count
    categories = tuple(CategoryCount(c, started[c], ended[c]) for c in PlanCategory)
    average = days / plans if plans else None
    counts = [Count(DISCHARGE_LABELS[r], n) for r, n in reasons.items()]
    if unrecorded:
        counts.append(Count(NOT_RECORDED, unrecorded))
    return categories, average, tuple(counts)


def _recorded(conn: Connection, period: Period, held: int) -> tuple[Share, Share]:
    """How many held meetings recorded attendance, and at those, how many of the
    people on the list attended: counted by the database, meeting by meeting."""
    meetings, listed, attended = conn.execute(_statements().recorded, period).one()
    return Share(meetings, held), Share(attended, listed)


def _attendance(
    conn: Connection, period: Period, recorded: int
) -> tuple[AgencyAttendanceFigure, ...]:
    """Each statutory agency's attendance, over the ``recorded`` meetings that recorded it."""
    agencies = {
        role: (agency_id, name) for agency_id, name, role in conn.execute(_statements().agencies)
    }
    seen = {
        agency_id: (attended, represented)
        for agency_id, attended, represented in conn.execute(_statements().attendance, period)
    }
    figures = []
    for role in ROLE_ORDER:
        if role not in agencies:
            continue
        agency_id, name = agencies[role]
        attended, represented = seen.get(agency_id, (0, 0))
        figures.append(
            AgencyAttendanceFigure(
                name, role, Share(attended, recorded), Share(represented, recorded)
            )
        )
    return tuple(figures)
