"""What the minutes say, as plain frozen data (no session, no ORM objects).

The renderer in ``minutes.py`` depends on these only, so it can be tested on
its own and the loader in ``minutes_data.py`` can change without touching it.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import TYPE_CHECKING

from app.exporters.minutes_journey_model import (
    ConferenceEntry,
    DischargeEntry,
    SafetyPlanEntry,
    TimeframeEntry,
)

if TYPE_CHECKING:
    from app.services.contextual_meetings import MeetingContextView
    from app.services.s47_enquiry import S47Course

from app.models import (
    ActionStatus,
    AttendanceStatus,
    MeetingType,
    MinutesIssueKind,
    ThresholdOutcome,
)
from app.workflow.legal_planning import LegalPlanningRow
from app.workflow.risk_to_others import RiskToOthersRow


@dataclasses.dataclass(frozen=True)
class Attendee:
    name: str
    role: str
    status: AttendanceStatus
    arrived_at: dt.datetime | None = None
    departed_at: dt.datetime | None = None
    walk_in: bool = False


@dataclasses.dataclass(frozen=True)
class AttendanceGroup:
    """Everyone invited for one agency (or the family, or others)."""

    heading: str
    people: tuple[Attendee, ...]


@dataclasses.dataclass(frozen=True)
class AgendaNote:
    title: str
    kind: str
    notes: str


@dataclasses.dataclass(frozen=True)
class AgencyInformationEntry:
    agency: str
    contributor: str
    information: str
    restricted: bool


@dataclasses.dataclass(frozen=True)
class MissingAgency:
    """A statutory agency that was not represented, and the chair's reason if given."""

    agency: str
    reason: str = ""
    acknowledged_by: str = ""
    acknowledged_at: dt.datetime | None = None


@dataclasses.dataclass(frozen=True)
class AgencyViewEntry:
    agency: str
    agrees: bool
    comment: str


@dataclasses.dataclass(frozen=True)
class DecisionEntry:
    threshold_met: bool | None
    outcome: ThresholdOutcome | None
    rationale: str
    support_detail: str
    dissent: str
    decided_by: str
    decided_at: dt.datetime | None
    views: tuple[AgencyViewEntry, ...]


@dataclasses.dataclass(frozen=True)
class ActionEntry:
    description: str
    owner: str
    agency: str
    due: dt.date | None
    status: ActionStatus
    completed_on: dt.date | None = None
    # For actions carried over: the meeting that agreed them, and its date.
    raised_at: MeetingType | None = None
    raised_on: dt.date | None = None
    outcome: str = ""  # noted when it was marked done


@dataclasses.dataclass(frozen=True)
class TimescalesEntry:
    strategy_date: dt.date
    review_due: dt.date
    icpc_due: dt.date
    assessment_due: dt.date
    assessment_from: str = "strategy"  # or "referral"


@dataclasses.dataclass(frozen=True)
class IssueEntry:
    version: int
    kind: MinutesIssueKind
    issued_at: dt.datetime
    issued_by: str


@dataclasses.dataclass(frozen=True)
class AmendmentEntry:
    made_at: dt.datetime
    made_by: str
    what: str
    reason: str
    version: int | None


@dataclasses.dataclass(frozen=True)
class DistributionEntry:
    """One copy of the minutes: for whom, which copy, which version, when."""

    recipient: str
    kind: str
    copy: str
    version: str
    made_at: dt.datetime


@dataclasses.dataclass(frozen=True)
class MinutesData:
    meeting_id: str
    meeting_type: MeetingType
    local_authority: str
    child_reference: str
    # Only filled in when the workspace allows full names in minutes.
    child_name: str | None
    meeting_date: dt.date
    meeting_time: dt.time | None
    place: str
    chair: str
    minute_taker: str
    attendance: tuple[AttendanceGroup, ...]
    agenda: tuple[AgendaNote, ...]
    information: tuple[AgencyInformationEntry, ...]
    missing_agencies: tuple[MissingAgency, ...]
    decision: DecisionEntry | None
    actions: tuple[ActionEntry, ...]
    carried_over: tuple[ActionEntry, ...]
    timescales: TimescalesEntry | None
    signed_off_by: str | None = None
    signed_off_at: dt.datetime | None = None
    issues: tuple[IssueEntry, ...] = ()
    amendments: tuple[AmendmentEntry, ...] = ()
    # The family copy: everything restricted has been taken out of the record.
    family_copy: bool = False
    distribution: tuple[DistributionEntry, ...] = ()
    # False while the meeting is only scheduled: nobody can be missing from it yet.
    held: bool = True
    # After the strategy meeting: a review's ICPC timeframe and interim safety
    # plan; a conference's decision; the discharge at a review conference.
    icpc_timeframe: TimeframeEntry | None = None
    safety_plan: SafetyPlanEntry | None = None
    conference: ConferenceEntry | None = None
    discharge: DischargeEntry | None = None
    # Whether the child is thought to pose a risk of harm to others, and whether these
    # minutes ask it (a strategy meeting or conference, unless signed before it was asked).
    risk_to_others: RiskToOthersRow | None = None
    risk_asked: bool = False
    risk_restricted: bool = False
    # A legal planning meeting's decision on pre-proceedings.
    legal_planning: LegalPlanningRow | None = None
    # A review's or an initial conference's view of the section 47 enquiry.
    s47: S47Course | None = None
    # A pre-birth or transfer-in conference's own title (empty: the meeting type's).
    conference_title: str = ""
    # The place or group a meeting about several children was held about (this child's part).
    context: MeetingContextView | None = None

    @property
    def signed_off(self) -> bool:
        return self.signed_off_at is not None

    @property
    def draft(self) -> bool:
        return not self.signed_off

    @property
    def reissue(self) -> IssueEntry | None:
        """The latest reissue, if the minutes were reissued after sign-off."""
        reissues = [i for i in self.issues if i.kind is MinutesIssueKind.REISSUED]
        return max(reissues, key=lambda i: i.version) if reissues else None

    @property
    def version(self) -> int:
        return max((i.version for i in self.issues), default=1)
