"""The report's counts, made by the database, against the same rules counted record by
record in Python, over a seeded muddle of meetings, decisions, attendance and plans.

The rules are the ones ``app.services.reporting`` states: a meeting is held when it
started on a day in the period; the outcomes and the threshold-met rate are over the
strategy meetings held; attendance is recorded at a held meeting when anyone on its
list is marked other than invited, and an agency attended (or was represented) at a
meeting when anyone from it did; plans started count by their first category, plans
ended by their latest, with their length in days and their discharge reason.
"""

from __future__ import annotations

import datetime as dt
import random
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import select

from app import clock
from app.models import (
    AgencyAttendance,
    AttendanceStatus,
    ChildProtectionPlan,
    DischargeReason,
    IcpcTimeframe,
    IcpcTimeframeDecision,
    Meeting,
    MeetingStatus,
    MeetingType,
    PlanCategory,
    StatutoryRole,
    ThresholdDecision,
    ThresholdOutcome,
)
from app.models.conduct import REPRESENTED
from app.services.reporting import (
    DISCHARGE_LABELS,
    NOT_RECORDED,
    OUTCOME_SHORT,
    ROLE_ORDER,
    ReportFigures,
    Share,
    report_figures,
)
from app.services.workspace import create_workspace
from app.storage.workspace import Workspace
from app.workflow.clocks import HELD_STATUSES
from tests.conftest import FIXED_NOW, PASSPHRASE
from tests.helpers.journey_records import JourneyBuilder

SEED = 20261123
CHILDREN = 40
FIRST, LAST = dt.date(2026, 1, 1), dt.date(2027, 6, 30)
PERIODS = (
    (dt.date(2026, 4, 1), dt.date(2027, 3, 31)),
    (dt.date(2026, 9, 1), dt.date(2026, 11, 30)),
    (dt.date(2026, 6, 1), dt.date(2026, 6, 30)),
)


def _day(rng: random.Random) -> dt.date:
    return FIRST + dt.timedelta(days=rng.randrange((LAST - FIRST).days + 1))


def _build(folder: Path) -> Workspace:
    clock.set_clock(lambda: FIXED_NOW)
    workspace = create_workspace(folder / "counts.macpt", PASSPHRASE)
    workspace.actor = "Test Chair"
    rng = random.Random(SEED)
    with workspace.transaction() as session:
        b = JourneyBuilder(session)
        agencies = [b.statutory_agency(role).id for role in StatutoryRole] + [None]
        for number in range(CHILDREN):
            case = b.child(f"DEMOC{number:03d}")
            for _ in range(rng.randrange(6)):
                status = rng.choice(list(MeetingStatus))
                # Records go in before the meeting is signed off, as a chair's would.
                meeting = b.meeting(
                    case,
                    rng.choice(list(MeetingType)),
                    _day(rng),
                    status=MeetingStatus.CLOSED if status is MeetingStatus.SIGNED_OFF else status,
                )
                if rng.random() < 0.7:
                    session.add(
                        ThresholdDecision(
                            meeting_id=meeting.id,
                            threshold_met=rng.choice((True, False, None)),
                            outcome=rng.choice([*ThresholdOutcome, None]),
                        )
                    )
                if rng.random() < 0.2:
                    session.add(
                        IcpcTimeframeDecision(
                            meeting_id=meeting.id,
                            timeframe=rng.choice(list(IcpcTimeframe)),
                            default_due=_day(rng),
                            target_date=rng.choice((_day(rng), None)),
                            exceptional_circumstances_confirmed=rng.random() < 0.5,
                        )
                    )
                for _ in range(rng.randrange(7)):
                    session.add(
                        AgencyAttendance(
                            meeting_id=meeting.id,
                            agency_id=rng.choice(agencies),
                            name="Demo Invitee",
                            status=rng.choice(list(AttendanceStatus)),
                        )
                    )
                session.flush()
                meeting.status = status
                session.flush()
            for _ in range(rng.randrange(3)):
                start = _day(rng)
                ended = rng.random() < 0.6
                b.plan(
                    case,
                    None,
                    start,
                    rng.choice(list(PlanCategory)),
                    latest=rng.choice(list(PlanCategory)),
                    end=start + dt.timedelta(days=rng.randrange(800)) if ended else None,
                    end_reason=rng.choice([*DischargeReason, None]) if ended else None,
                )
    return workspace


@pytest.fixture(scope="module")
def workspace(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Workspace]:
    built = _build(tmp_path_factory.mktemp("counts"))
    yield built
    built.close()


def _counted(workspace: Workspace, start: dt.date, end: dt.date) -> dict[str, object]:
    """The figures counted one record at a time, as the rules read."""
    with workspace.reading() as session:
        held = [
            m
            for m in session.scalars(select(Meeting))
            if m.status in HELD_STATUSES and start <= m.scheduled_date <= end
        ]
        decisions = {d.meeting_id: d for d in session.scalars(select(ThresholdDecision))}
        strategy = [m for m in held if m.meeting_type is MeetingType.STRATEGY]
        outcomes = dict.fromkeys(OUTCOME_SHORT.values(), 0)
        decided = met = 0
        for meeting in strategy:
            decision = decisions.get(meeting.id)
            outcome = decision.outcome if decision else None
            label = OUTCOME_SHORT[outcome] if outcome else NOT_RECORDED
            outcomes[label] = outcomes.get(label, 0) + 1
            if decision is not None and decision.threshold_met is not None:
                decided += 1
                met += decision.threshold_met
        held_ids = {m.id for m in held}
        lists: dict[str, list[AgencyAttendance]] = {}
        for row in session.scalars(select(AgencyAttendance)):
            if row.meeting_id in held_ids:
                lists.setdefault(row.meeting_id, []).append(row)
        recorded = {
            meeting_id: rows
            for meeting_id, rows in lists.items()
            if any(r.status is not AttendanceStatus.INVITED for r in rows)
        }
        agencies = {
            role: JourneyBuilder(session).statutory_agency(role).id for role in StatutoryRole
        }
        attendance = []
        for role in ROLE_ORDER:
            mine = [
                [r.status for r in rows if r.agency_id == agencies[role]] for rows in lists.values()
            ]
            attendance.append(
                (
                    Share(sum(AttendanceStatus.ATTENDED in s for s in mine), len(recorded)),
                    Share(sum(bool(REPRESENTED.intersection(s)) for s in mine), len(recorded)),
                )
            )
        plans = list(session.scalars(select(ChildProtectionPlan)))
        started = Counter(p.initial_category for p in plans if start <= p.start_date <= end)
        ended = [p for p in plans if p.end_date is not None and start <= p.end_date <= end]
        reasons = dict.fromkeys(DISCHARGE_LABELS.values(), 0)
        for plan in ended:
            label = DISCHARGE_LABELS[plan.end_reason] if plan.end_reason else NOT_RECORDED
            reasons[label] = reasons.get(label, 0) + 1
        lengths = [(p.end_date - p.start_date).days for p in ended if p.end_date]
        extensions = sorted(
            (m.scheduled_date, d.default_due, d.target_date, d.exceptional_circumstances_confirmed)
            for d, m in session.execute(
                select(IcpcTimeframeDecision, Meeting).join(
                    Meeting, Meeting.id == IcpcTimeframeDecision.meeting_id
                )
            )
            if d.timeframe is IcpcTimeframe.EXTENDED and start <= m.scheduled_date <= end
        )
        return {
            "held": len(held),
            "strategy": len(strategy),
            "outcomes": outcomes,
            "threshold": Share(met, decided),
            "recorded": Share(len(recorded), len(held)),
            "invitees": Share(
                sum(
                    r.status is AttendanceStatus.ATTENDED
                    for rows in recorded.values()
                    for r in rows
                ),
                sum(len(rows) for rows in recorded.values()),
            ),
            "attendance": attendance,
            "started": {c: started[c] for c in PlanCategory},
            "ended": {c: sum(p.latest_category is c for p in ended) for c in PlanCategory},
            "average": sum(lengths) / len(lengths) if lengths else None,
            "reasons": reasons,
            "extensions": extensions,
        }


def _reported(figures: ReportFigures) -> dict[str, object]:
    return {
        "held": figures.meetings_held,
        "strategy": figures.strategy_meetings,
        "outcomes": {c.label: c.count for c in figures.outcomes},
        "threshold": figures.threshold_met,
        "recorded": figures.attendance_recorded,
        "invitees": figures.invitees_attended,
        "attendance": [(a.attended, a.represented) for a in figures.attendance],
        "started": {c.category: c.started for c in figures.plans_by_category},
        "ended": {c.category: c.ended for c in figures.plans_by_category},
        "average": figures.average_plan_days,
        "reasons": {c.label: c.count for c in figures.discharge_reasons},
        "extensions": sorted(
            (e.decided_on, e.default_due, e.target_date, e.exceptional_circumstances)
            for e in figures.extensions
        ),
    }


@pytest.mark.parametrize(("start", "end"), PERIODS)
def test_the_databases_counts_are_the_rules_counted_record_by_record(
    workspace: Workspace, start: dt.date, end: dt.date
) -> None:
    counted = _counted(workspace, start, end)
    assert counted["held"], "the seeded records should hold meetings in every period"
    assert _reported(report_figures(workspace, start=start, end=end)) == counted
