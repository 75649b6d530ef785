"""Reads the census items for a census year out of the workspace.

Mapping (docs/census.md says the same for the local authority):

- Enquiries are the journey rules' (``app.workflow.enquiries``), by the records
  of the year's last day. S47ActualStartDate is the date of the strategy
  discussion that started the enquiry; InitialCPCtarget is the 15th working day
  after it (the statutory target, whatever extension was agreed);
  DateOfInitialCPC is the first ICPC held after it and before any later
  enquiry on the case; ICPCnotRequired is the five-day review's latest decision
  that no conference is needed.
- A plan is reported while it is open at some point in the year; an end date
  after the year is left out, as are reviews (RCPCs held) outside the year.
  NumberOfPreviousCPP counts the child's earlier plans held in this workspace.
- Module 5 reports each pre-proceedings episode that started in the year
  (PPStartDate is the decision to start it); a date recorded after the year
  ends is left out, with the outcome when it is the step decision's.
- A child's enquiries and plans go in one CINdetails episode: the episode's
  own dates (referral, closure) belong to the local authority's case system.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.census.model import (
    CensusChild,
    CensusPeriod,
    CensusPlan,
    CensusPreProceedings,
    CensusReturn,
    CensusSection47,
)
from app.models import (
    CaseEpisode,
    Child,
    ChildProtectionPlan,
    Meeting,
    MeetingType,
    PreProceedingsEpisode,
)
from app.services.clocks import case_facts
from app.workdays import ICPC_WORKING_DAYS, WorkingCalendar
from app.workflow.clocks import HELD_STATUSES
from app.workflow.enquiries import enquiry_courses

# Held and "starts an enquiry" mean what the journey's rules say they mean.
HELD = HELD_STATUSES


def collect_return(session: Session, period: CensusPeriod) -> CensusReturn:
    """Every child with an enquiry or a plan to report for ``period``, by reference."""
    calendar = WorkingCalendar()  # the DfE target counts England's bank holidays only
    enquiries = _enquiries(session, period, calendar)
    plans = _plans(session, period)
    pre_proceedings = _pre_proceedings(session, period)
    involved = set(enquiries) | set(plans) | set(pre_proceedings)
    if not involved:
        return CensusReturn(period, ())
    children = {c.id: c for c in session.scalars(select(Child).where(Child.id.in_(involved)))}
    latest_case = dict(
        session.execute(
            select(CaseEpisode.child_id, CaseEpisode.id)
            .where(CaseEpisode.child_id.in_(involved))
            .order_by(CaseEpisode.opened_on)
        ).all()
    )
    rows = []
    for child_id in involved:
        child = children[child_id]
        s47s = tuple(enquiries.get(child_id, ()))
        child_plans = tuple(plans.get(child_id, ()))
        linked = {s.icpc_date for s in s47s if s.icpc_date}
        unlinked = [
            p.icpc_date
            for p in child_plans
            if p.icpc_date and p.icpc_date in period and p.icpc_date not in linked
        ]
        rows.append(
            CensusChild(
                la_child_ref=child.la_child_ref,
                case_id=latest_case[child_id],
                date_of_birth=child.date_of_birth,
                expected_date_of_birth=child.expected_date_of_birth,
                sex=child.sex,
                section47s=s47s,
                plans=child_plans,
                icpc_without_s47=max(unlinked) if unlinked else None,
                pre_proceedings=tuple(pre_proceedings.get(child_id, ())),
            )
        )
    rows.sort(key=lambda c: c.la_child_ref)
    return CensusReturn(period, tuple(rows))


def _held_meetings(
    session: Session, kind: MeetingType, until: dt.date
) -> list[tuple[str, str, dt.date]]:
    """(child id, meeting id, date) of every held meeting of ``kind`` up to ``until``."""
    return [
        (child_id, meeting_id, day)
        for child_id, meeting_id, day in session.execute(
            select(CaseEpisode.child_id, Meeting.id, Meeting.scheduled_date)
            .join(CaseEpisode, CaseEpisode.id == Meeting.case_id)
            .where(
                Meeting.meeting_type == kind,
                Meeting.status.in_(HELD),
                Meeting.scheduled_date <= until,
            )
            .order_by(Meeting.scheduled_date)
        ).all()
    ]


def _enquiries(
    session: Session, period: CensusPeriod, calendar: WorkingCalendar
) -> dict[str, list[CensusSection47]]:
    """Each child's enquiries to report, as the journey rules see them by the records
    of the year's last day (``app.workflow.enquiries``)."""
    child_of = dict(session.execute(select(CaseEpisode.id, CaseEpisode.child_id)).all())
    found: dict[str, list[CensusSection47]] = {}
    for case_id, facts in case_facts(session).items():
        for course in enquiry_courses(facts.as_of(period.end)):
            start = course.enquiry.day
            icpc = course.icpc
            s47 = CensusSection47(
                start=start,
                icpc_target=(
                    course.scales.icpc_due
                    if course.scales
                    else calendar.add_working_days(start, ICPC_WORKING_DAYS)
                ),
                icpc_date=icpc.day if icpc else None,
                icpc_not_required=course.icpc_not_needed and icpc is None,
                strategy_meeting_id=course.enquiry.id,
                icpc_meeting_id=icpc.id if icpc else None,
            )
            if _reportable(s47, period):
                found.setdefault(child_of[case_id], []).append(s47)
    for enquiries in found.values():
        enquiries.sort(key=lambda s: s.start)
    return found


def _reportable(s47: CensusSection47, period: CensusPeriod) -> bool:
    if s47.start >= period.start or (s47.icpc_date and s47.icpc_date in period):
        return True
    # Begun before the year: reported only while still open (the rules then ask why).
    return s47.is_open


def _plans(session: Session, period: CensusPeriod) -> dict[str, list[CensusPlan]]:
    every = session.execute(
        select(ChildProtectionPlan, CaseEpisode.child_id)
        .join(CaseEpisode, CaseEpisode.id == ChildProtectionPlan.case_id)
        .order_by(ChildProtectionPlan.start_date)
    ).all()
    starts: dict[str, list[dt.date]] = defaultdict(list)
    for plan, child_id in every:
        starts[child_id].append(plan.start_date)
    reviews: dict[str, list[dt.date]] = defaultdict(list)
    for child_id, _, day in _held_meetings(session, MeetingType.RCPC, period.end):
        if day in period:
            reviews[child_id].append(day)
    icpc_dates = dict(
        session.execute(
            select(Meeting.id, Meeting.scheduled_date).where(
                Meeting.meeting_type == MeetingType.ICPC, Meeting.status.in_(HELD)
            )
        ).all()
    )
    found: dict[str, list[CensusPlan]] = {}
    for plan, child_id in every:
        if plan.start_date > period.end or (plan.end_date and plan.end_date < period.start):
            continue
        end = plan.end_date if plan.end_date and plan.end_date <= period.end else None
        last = end or period.end
        found.setdefault(child_id, []).append(
            CensusPlan(
                plan_id=plan.id,
                start=plan.start_date,
                end=end,
                initial_category=plan.initial_category,
                latest_category=plan.latest_category,
                previous_plans=sum(1 for s in starts[child_id] if s < plan.start_date),
                reviews=tuple(d for d in reviews[child_id] if plan.start_date < d <= last),
                icpc_date=icpc_dates.get(plan.icpc_meeting_id) if plan.icpc_meeting_id else None,
                icpc_meeting_id=plan.icpc_meeting_id,
            )
        )
    return found


def _pre_proceedings(
    session: Session, period: CensusPeriod
) -> dict[str, list[CensusPreProceedings]]:
    found: dict[str, list[CensusPreProceedings]] = {}
    for episode, child_id in session.execute(
        select(PreProceedingsEpisode, CaseEpisode.child_id)
        .join(CaseEpisode, CaseEpisode.id == PreProceedingsEpisode.case_id)
        .where(
            PreProceedingsEpisode.decided_on >= period.start,
            PreProceedingsEpisode.decided_on <= period.end,
        )
        .order_by(PreProceedingsEpisode.decided_on)
    ).all():
        found.setdefault(child_id, []).append(_census_episode(episode, period))
    return found


def _census_episode(episode: PreProceedingsEpisode, period: CensusPeriod) -> CensusPreProceedings:
    def seen(day: dt.date | None) -> dt.date | None:
        return day if day is not None and day <= period.end else None

    step = seen(episode.step_decided_on)
    return CensusPreProceedings(
        start=episode.decided_on,
        letter_sent=seen(episode.letter_sent_on),
        fgdm_offered=episode.fgdm_offered if seen(episode.letter_sent_on) else None,
        fgdm_facilitated=episode.fgdm_facilitated if seen(episode.letter_sent_on) else None,
        first_meeting=seen(episode.first_meeting_on),
        review_meetings=episode.review_meetings if seen(episode.first_meeting_on) else None,
        step_decision=step,
        outcome=episode.outcome.value if step and episode.outcome else None,
        court_application=seen(episode.court_application_on),
        proceedings_letter=seen(episode.proceedings_letter_on),
        episode_id=episode.id,
    )
