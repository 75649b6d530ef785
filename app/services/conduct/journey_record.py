"""What the meetings after a strategy meeting decide, read for one meeting's record.

A five-day review has its ICPC timeframe decision (and the clocks behind it)
and the interim safety plan; a conference has its decision, with the names of
the core group's agencies, and a review conference that ended the plan has the
discharge. Signing off keeps this with the signed record (see
:func:`app.services.conduct.record.freeze_record`), so signed-off minutes never
read these parts live again.
"""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
from collections.abc import Iterator
from typing import cast

from sqlalchemy.orm import Session

from app.models import MeetingType, PlanCategory
from app.services.agencies import list_agencies
from app.services.journey import conference, discharge, review
from app.services.journey import safety_plan as plans
from app.storage.workspace import Workspace

CONFERENCES = (MeetingType.ICPC, MeetingType.RCPC)


@dataclasses.dataclass(frozen=True)
class AgencyName:
    agency_id: str
    name: str


@dataclasses.dataclass(frozen=True)
class JourneyRecord:
    """The journey's parts of one meeting's record (None where a part does not apply)."""

    timeframe: review.IcpcTimeframeView | None = None
    review_clocks: review.ReviewContext | None = None
    safety_plan: plans.SafetyPlanVersionView | None = None
    conference: conference.ConferenceDecisionView | None = None
    category_going_in: PlanCategory | None = None
    # The core group's agencies by name, as they were named when this was read.
    agency_names: tuple[AgencyName, ...] = ()
    discharge: discharge.DischargeView | None = None

    def agency_name(self, agency_id: str | None) -> str:
        return next((a.name for a in self.agency_names if a.agency_id == agency_id), "")


class _Lent:
    """An open session lent to the reading services, so that what is kept at sign-off
    is read inside the signing transaction (``Workspace.reading`` would open another)."""

    def __init__(self, session: Session) -> None:
        self._session = session

    @contextlib.contextmanager
    def reading(self) -> Iterator[Session]:
        yield self._session


def lent(session: Session) -> Workspace:
    """``session`` as a workspace the reading services can read through."""
    return cast(Workspace, _Lent(session))


def journey_record(
    workspace: Workspace,
    *,
    meeting_id: str,
    meeting_type: MeetingType,
    case_id: str,
    with_safety_plan: bool,
    as_at: dt.datetime | None,
) -> JourneyRecord:
    """The journey's parts for one meeting. ``with_safety_plan`` is for an agenda with a
    safety plan item (a review always has one); ``as_at`` shows the plan as it stood then."""
    parts = JourneyRecord()
    if meeting_type is MeetingType.REVIEW:
        parts = dataclasses.replace(
            parts,
            timeframe=review.icpc_timeframe(workspace, meeting_id=meeting_id),
            review_clocks=review.review_context(workspace, meeting_id=meeting_id),
        )
    if meeting_type is MeetingType.REVIEW or with_safety_plan:
        parts = dataclasses.replace(parts, safety_plan=_safety_plan(workspace, case_id, as_at))
    if meeting_type in CONFERENCES:
        decided = conference.conference_decision(workspace, meeting_id=meeting_id)
        if decided is not None:
            wanted = {m.agency_id for m in decided.core_group if m.agency_id}
            context = conference.conference_context(workspace, meeting_id=meeting_id)
            parts = dataclasses.replace(
                parts,
                conference=decided,
                category_going_in=context.category_going_in,
                agency_names=tuple(
                    AgencyName(a.id, a.name)
                    for a in list_agencies(workspace, include_retired=True)
                    if a.id in wanted
                ),
                discharge=(
                    discharge.discharge(workspace, meeting_id=meeting_id)
                    if meeting_type is MeetingType.RCPC
                    else None
                ),
            )
    return parts


def _safety_plan(
    workspace: Workspace, case_id: str, as_at: dt.datetime | None
) -> plans.SafetyPlanVersionView | None:
    current = plans.safety_plan_for_case(workspace, case_id=case_id)
    if current is None or as_at is None:
        return current
    history = plans.safety_plan_versions(workspace, plan_id=current.plan_id)
    agreed = [v.version for v in history if v.made_at <= as_at]
    if not agreed:
        return None
    if agreed[-1] == current.version:
        return current
    return plans.safety_plan(workspace, plan_id=current.plan_id, version=agreed[-1])
