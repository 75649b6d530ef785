"""The report's figures on review conferences, repeat and long plans and
consultations, each split by where the harm happened (DfE consultation Q26:
"inside and outside the home, and online").

Counting rules (the report prints them with the figures):

- A review conference is *on time* as :func:`app.workflow.plan_timing.review_timings`
  says: on or before 3 months after the plan's start for the first, 6 months
  after the review before it for each later one. Counted over the review
  conferences held in the period under a plan.
- A plan started in the period is a *repeat* when the child had a plan that
  started before it (in any case episode); a *repeat within two years* when
  it started within two years of the end of that plan before it.
- Plans *lasting two years or more*: of the plans ended in the period, those
  that lasted two years or more; and of the plans open on the period's last
  day, those that had lasted two years by then.
- Consultations are counted by the day they were asked, by what followed.
- Where the harm happened is the case's record: inside the home, outside the
  home, online (a case may record more than one, so the places' figures can add
  up to more than the whole); "not recorded" holds cases that record none and
  consultations about a child the workspace does not know.

Only counts: nothing typed in a case record reaches the report.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import enum
from collections.abc import Iterable, Mapping
from typing import NamedTuple

from sqlalchemy import Connection, bindparam, select
from sqlalchemy.orm import Session

from app.models import CaseEpisode, ChildProtectionPlan, Consultation, ConsultationOutcome
from app.services.clocks import case_facts
from app.services.reporting import Share
from app.workflow.journey_facts import CaseFacts
from app.workflow.plan_timing import lasted_two_years, repeat_within_two_years, review_timings


class HarmPlace(enum.StrEnum):
    INSIDE = "inside-home"
    OUTSIDE = "outside-home"
    ONLINE = "online"
    NOT_RECORDED = "not-recorded"

    @property
    def label(self) -> str:
        return PLACE_WORDS[self]


# The places a case records with a flag each, in the order of its columns.
RECORDED_PLACES = (HarmPlace.INSIDE, HarmPlace.OUTSIDE, HarmPlace.ONLINE)
PLACE_WORDS = {
    HarmPlace.INSIDE: "Inside the home",
    HarmPlace.OUTSIDE: "Outside the home",
    HarmPlace.ONLINE: "Online",
    HarmPlace.NOT_RECORDED: "Not recorded",
}
AWAITING = "Awaiting follow-up"
PLACE_NOTES = (
    "Review conferences are on time when held within 3 months of the initial conference "
    "that made the plan (the first review), then within 6 months of the review before.",
    "A repeat plan is a child's second or later plan; it is within two years when it "
    "started within two years of the end of the child's plan before it.",
    "Where the harm happened is what each case records; a case may record more than one "
    "place, so the places can add up to more than all. Not recorded: cases that record no "
    "place, and consultations about a child the workspace does not know.",
)


@dataclasses.dataclass(frozen=True)
class PlaceFigure:
    """One figure: what it counts (``measure``, of ``out_of``), in all and by place."""

    section: str
    measure: str
    out_of: str
    all: Share
    by_place: tuple[tuple[HarmPlace, Share], ...]


@dataclasses.dataclass(frozen=True)
class PlaceFigures:
    figures: tuple[PlaceFigure, ...] = ()
    notes: tuple[str, ...] = PLACE_NOTES


# Each counted thing: the case it concerns (None: not known) and whether it counts.
Counted = list[tuple[str | None, bool]]

# The statements, built once (building one costs about as much as running it on a
# small workspace); the period is bound as "start" and "end".
_PLACES = select(
    CaseEpisode.id,
    CaseEpisode.harm_inside_home,
    CaseEpisode.harm_outside_home,
    CaseEpisode.harm_online,
).where(CaseEpisode.id.in_(bindparam("ids", expanding=True)))
_CONSULTATIONS = select(Consultation.case_id, Consultation.outcome).where(
    Consultation.asked_on.between(bindparam("start"), bindparam("end"))
)
_PLANNED = select(ChildProtectionPlan.case_id).distinct()
_PLANS = select(
    CaseEpisode.child_id,
    ChildProtectionPlan.case_id,
    ChildProtectionPlan.start_date,
    ChildProtectionPlan.end_date,
    ChildProtectionPlan.created_at,
).join(CaseEpisode, CaseEpisode.id == ChildProtectionPlan.case_id)


def _places(conn: Connection, case_ids: Iterable[str | None]) -> dict[str, frozenset[HarmPlace]]:
    ids = sorted({c for c in case_ids if c is not None})
    found: dict[str, frozenset[HarmPlace]] = {}
    # Eight ways to record the three flags: each way's places, worked out once.
    known: dict[tuple[bool, bool, bool], frozenset[HarmPlace]] = {}
    for case_id, inside, outside, online in conn.execute(_PLACES, {"ids": ids}):
        key = (bool(inside), bool(outside), bool(online))
        if key not in known:
            places = {p for p, flag in zip(RECORDED_PLACES, key, strict=True) if flag}
            known[key] = frozenset(places or {HarmPlace.NOT_RECORDED})
        found[case_id] = known[key]
    return found


def _figure(
    places: dict[str, frozenset[HarmPlace]],
    section: str,
    measure: str,
    out_of: str,
    counted: Counted,
) -> PlaceFigure:
    unknown = frozenset({HarmPlace.NOT_RECORDED})
    hits = dict.fromkeys(HarmPlace, 0)
    wholes = dict.fromkeys(HarmPlace, 0)
    for case_id, hit in counted:
        for place in places.get(case_id or "", unknown):
            wholes[place] += 1
            hits[place] += hit
    return PlaceFigure(
        section,
        measure,
        out_of,
        Share(sum(hit for _, hit in counted), len(counted)),
        tuple((p, Share(hits[p], wholes[p])) for p in HarmPlace),
    )


def place_figures(
    session: Session,
    start: dt.date,
    end: dt.date,
    *,
    facts: Mapping[str, CaseFacts] | None = None,
) -> PlaceFigures:
    """The figures for ``start`` to ``end`` (both included), inside the report's read
    (``facts``: the journeys the report has read already, every planned case's among them)."""
    reviews = _reviews(session, start, end, facts)
    # Core rows through the connection: nothing here needs the ORM's bookkeeping.
    conn = session.connection()
    started, ended, open_at_end = _plans(conn, start, end)
    consultations = conn.execute(_CONSULTATIONS, {"start": start, "end": end}).all()
    places = _places(
        conn,
        [c for c, _ in reviews]
        + [p.case_id for p, _ in started]
        + [p.case_id for p in ended + open_at_end]
        + [c for c, _ in consultations],
    )
    plans_started = "plans started in the period"
    figures = [
        _figure(places, "Review conferences", "Held on time", "review conferences held under a plan", reviews),
        _figure(places, "Repeat plans", "The child's second or later plan", plans_started,
                [(p.case_id, previous is not None) for p, previous in started]),
        _figure(places, "Repeat plans", "Within two years of the child's last plan", plans_started,
                [(p.case_id, _within_two_years(p, previous)) for p, previous in started]),
        _figure(places, "Long plans", "Lasted two years or more", "plans ended in the period",
                [(p.case_id, lasted_two_years(p.start_date, p.end_date or end)) for p in ended]),
        _figure(places, "Long plans", "Open and lasting two years or more",
                "plans open on the last day of the period",
                [(p.case_id, lasted_two_years(p.start_date, end)) for p in open_at_end]),
    ]  # fmt: skip
    outcomes: list[tuple[str, ConsultationOutcome | None]] = [
        (o.label, o) for o in ConsultationOutcome
    ]
    outcomes.append((AWAITING, None))
    for label, outcome in outcomes:
        figures.append(
            _figure(places, "Consultations", label, "consultations asked in the period",
                    [(case_id, found == outcome) for case_id, found in consultations])
        )  # fmt: skip
    return PlaceFigures(tuple(figures))


def _reviews(
    session: Session, start: dt.date, end: dt.date, known: Mapping[str, CaseFacts] | None
) -> Counted:
    if known is None:
        known = case_facts(session, session.connection().execute(_PLANNED).scalars())
    # Every planned case is among the journeys known; a case with no plan has no reviews.
    counted: Counted = []
    for case_id, case in known.items():
        counted += [
            (case_id, timing.on_time)
            for timing in review_timings(case)
            if start <= timing.held_on <= end
        ]
    return counted


class _Plan(NamedTuple):
    """What the figures read of a plan: its case, its dates and when it was recorded."""

    case_id: str
    start_date: dt.date
    end_date: dt.date | None
    created_at: dt.datetime


def _within_two_years(plan: _Plan, previous: _Plan | None) -> bool:
    return previous is not None and repeat_within_two_years(plan.start_date, previous.end_date)


def _plans(
    conn: Connection, start: dt.date, end: dt.date
) -> tuple[list[tuple[_Plan, _Plan | None]], list[_Plan], list[_Plan]]:
    """Plans started in the period (each with the child's plan before it), plans ended in
    it, and plans open on its last day."""
    rows = conn.execute(_PLANS).all()
    every: list[_Plan] = []
    by_child: dict[str, list[_Plan]] = {}
    for child_id, case_id, started_on, ended_on, created_at in rows:
        plan = _Plan(case_id, started_on, ended_on, created_at)
        every.append(plan)
        by_child.setdefault(child_id, []).append(plan)
    started: list[tuple[_Plan, _Plan | None]] = []
    for plans in by_child.values():
        plans.sort(key=lambda p: (p.start_date, p.created_at))
        for index, plan in enumerate(plans):
            if start <= plan.start_date <= end:
                started.append((plan, plans[index - 1] if index else None))
    ended = [p for p in every if p.end_date is not None and start <= p.end_date <= end]
    open_at_end = [
        p for p in every if p.start_date <= end and (p.end_date is None or p.end_date > end)
    ]
    return started, ended, open_at_end
