"""Builds a child's journey straight through the ORM, for hand-counted fixtures.

Used inside ``with workspace.transaction() as session:`` so that deadline,
report and census tests can lay out exactly the records they count, without
depending on how the recording services fill them in.
"""

from __future__ import annotations

import dataclasses
import datetime as dt

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.models import (
    ActionStatus,
    Agency,
    AgencyAttendance,
    AttendanceStatus,
    CaseEpisode,
    CaseStatus,
    Child,
    ChildProtectionPlan,
    ConferenceDecision,
    ConferenceOutcome,
    DischargeReason,
    IcpcTimeframe,
    IcpcTimeframeDecision,
    Meeting,
    MeetingAction,
    MeetingStatus,
    MeetingTimescales,
    MeetingType,
    Notification,
    NotificationKind,
    PlanCategory,
    RecipientRole,
    Sex,
    StatutoryRole,
    ThresholdDecision,
    ThresholdOutcome,
)
from app.workdays import Timescales

AT_TEN = dt.time(10, 0)


def moment(day: dt.date, hour: int = 12) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour, 0), tzinfo=dt.UTC)


@dataclasses.dataclass
class JourneyBuilder:
    session: Session

    def child(
        self,
        ref: str,
        *,
        first: str = "Pat",
        last: str = "Example",
        dob: dt.date | None = dt.date(2018, 5, 1),
        edd: dt.date | None = None,
        sex: Sex = Sex.FEMALE,
        status: CaseStatus = CaseStatus.OPEN,
        opened_on: dt.date = dt.date(2026, 4, 1),
    ) -> CaseEpisode:
        child = Child(
            la_child_ref=ref,
            first_name=first,
            last_name=last,
            date_of_birth=dob,
            expected_date_of_birth=edd,
            sex=sex,
            address="1 Imaginary Lane, Sampletown, ZZ99 1AA",
        )
        self.session.add(child)
        self.session.flush()
        case = CaseEpisode(child_id=child.id, opened_on=opened_on, status=status)
        self.session.add(case)
        self.session.flush()
        return case

    def second_case(self, case: CaseEpisode, *, opened_on: dt.date) -> CaseEpisode:
        later = CaseEpisode(child_id=case.child_id, opened_on=opened_on)
        self.session.add(later)
        self.session.flush()
        return later

    def meeting(
        self,
        case: CaseEpisode,
        kind: MeetingType,
        day: dt.date,
        *,
        status: MeetingStatus = MeetingStatus.CLOSED,
        closed_on: dt.date | None = None,
    ) -> Meeting:
        meeting = Meeting(
            case_id=case.id,
            meeting_type=kind,
            scheduled_date=day,
            scheduled_time=AT_TEN,
            chair_name="Jordan Demo-Chair",
            status=status,
        )
        if status is not MeetingStatus.SCHEDULED:
            meeting.started_at = moment(day, 10)
        if status in (MeetingStatus.CLOSED, MeetingStatus.SIGNED_OFF):
            meeting.closed_at = moment(closed_on or day, 12)
        self.session.add(meeting)
        self.session.flush()
        return meeting

    def strategy(
        self,
        case: CaseEpisode,
        day: dt.date,
        *,
        outcome: ThresholdOutcome | None = ThresholdOutcome.S47_JOINT,
        threshold_met: bool | None = True,
        status: MeetingStatus = MeetingStatus.CLOSED,
    ) -> Meeting:
        # The record is written before the meeting is signed off, as a chair's would be:
        # the database refuses new rows under a signed-off meeting.
        held = MeetingStatus.CLOSED if status is MeetingStatus.SIGNED_OFF else status
        meeting = self.meeting(case, MeetingType.STRATEGY, day, status=held)
        self.session.add(
            ThresholdDecision(
                meeting_id=meeting.id,
                threshold_met=threshold_met,
                outcome=outcome,
                rationale="Fictional rationale for the test.",
            )
        )
        scales = Timescales.from_strategy_date(day)
        self.session.add(
            MeetingTimescales(
                meeting_id=meeting.id,
                strategy_date=scales.strategy_date,
                review_due=scales.review_due,
                icpc_due=scales.icpc_due,
                assessment_due=scales.assessment_due,
            )
        )
        self.session.flush()
        if status is not held:
            meeting.status = status
            self.session.flush()
        return meeting

    def timeframe(
        self,
        review: Meeting,
        strategy: Meeting,
        timeframe: IcpcTimeframe,
        *,
        target: dt.date | None = None,
        reason: str = "",
    ) -> IcpcTimeframeDecision:
        scales = Timescales.from_strategy_date(strategy.scheduled_date)
        decision = IcpcTimeframeDecision(
            meeting_id=review.id,
            strategy_meeting_id=strategy.id,
            timeframe=timeframe,
            default_due=scales.icpc_due,
            target_date=target or scales.icpc_due,
            reason=reason,
            exceptional_circumstances_confirmed=timeframe is IcpcTimeframe.EXTENDED,
        )
        self.session.add(decision)
        self.session.flush()
        return decision

    def plan(
        self,
        case: CaseEpisode,
        icpc: Meeting | None,
        start: dt.date,
        category: PlanCategory,
        *,
        latest: PlanCategory | None = None,
        end: dt.date | None = None,
        end_reason: DischargeReason | None = None,
        next_review_due: dt.date | None = None,
    ) -> ChildProtectionPlan:
        plan = ChildProtectionPlan(
            case_id=case.id,
            start_date=start,
            icpc_meeting_id=icpc.id if icpc else None,
            initial_category=category,
            latest_category=latest or category,
            next_review_due=next_review_due,
            end_date=end,
            end_reason=end_reason,
        )
        self.session.add(plan)
        if icpc is not None:
            self.session.add(
                ConferenceDecision(
                    meeting_id=icpc.id, outcome=ConferenceOutcome.PLAN_NEEDED, category=category
                )
            )
        self.session.flush()
        return plan

    def action(
        self,
        meeting: Meeting,
        due: dt.date | None,
        description: str,
        *,
        status: ActionStatus = ActionStatus.OPEN,
        owner: str = "Sam Demo-Social-Worker",
    ) -> MeetingAction:
        action = MeetingAction(
            case_id=meeting.case_id,
            meeting_id=meeting.id,
            description=description,
            owner_name=owner,
            due_date=due,
            status=status,
        )
        self.session.add(action)
        self.session.flush()
        return action

    def notification(self, meeting: Meeting, recipient: str, *, sent: bool = False) -> None:
        self.session.add(
            Notification(
                meeting_id=meeting.id,
                kind=NotificationKind.STRATEGY_OUTCOME,
                role=RecipientRole.AGENCY,
                recipient_name=recipient,
                generated_at=moment(meeting.scheduled_date, 13),
                sent_at=moment(meeting.scheduled_date, 15) if sent else None,
            )
        )
        self.session.flush()

    def statutory_agency(self, role: StatutoryRole) -> Agency:
        agency = self.session.scalars(select(Agency).where(Agency.statutory_role == role)).one()
        return agency

    def attend(
        self,
        meeting: Meeting,
        role: StatutoryRole,
        status: AttendanceStatus = AttendanceStatus.ATTENDED,
    ) -> None:
        agency = self.statutory_agency(role)
        self.session.add(
            AgencyAttendance(
                meeting_id=meeting.id,
                agency_id=agency.id,
                name=f"{role.value.title()} Demo-Practitioner",
                status=status,
            )
        )
        self.session.flush()
