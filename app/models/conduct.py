"""What is recorded while a meeting runs: agenda, attendance, information,
the threshold decision, actions, timescales and the minutes' issues."""

from __future__ import annotations

import datetime as dt
import enum

from sqlalchemy import ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from app.models.agency import StatutoryRole
from app.models.base import Record, str_enum
from app.models.meeting import MeetingType


class AgendaTemplateItem(Record):
    """One item of a local area's agenda template for a meeting type."""

    __tablename__ = "agenda_template_item"

    meeting_type: Mapped[MeetingType] = mapped_column(str_enum(MeetingType), index=True)
    position: Mapped[int]
    title: Mapped[str] = mapped_column(String(200))
    guidance: Mapped[str] = mapped_column(Text, default="")
    kind: Mapped[str] = mapped_column(String(40), default="notes")


class AgendaItem(Record):
    """A meeting's own copy of an agenda item, with the notes taken under it."""

    __tablename__ = "agenda_item"

    meeting_id: Mapped[str] = mapped_column(ForeignKey("meeting.id"), index=True)
    position: Mapped[int]
    title: Mapped[str] = mapped_column(String(200))
    guidance: Mapped[str] = mapped_column(Text, default="")
    kind: Mapped[str] = mapped_column(String(40), default="notes")
    notes: Mapped[str] = mapped_column(Text, default="")
    started_at: Mapped[dt.datetime | None]
    seconds_spent: Mapped[int] = mapped_column(default=0)


class AttendanceStatus(enum.StrEnum):
    INVITED = "invited"
    ATTENDED = "attended"
    APOLOGIES = "apologies"
    SENT_INFORMATION = "sent-information"
    DID_NOT_ATTEND = "did-not-attend"

    @property
    def label(self) -> str:
        return ATTENDANCE_LABELS[self]


ATTENDANCE_LABELS = {
    AttendanceStatus.INVITED: "Invited",
    AttendanceStatus.ATTENDED: "Attended",
    AttendanceStatus.APOLOGIES: "Apologies",
    AttendanceStatus.SENT_INFORMATION: "Sent information",
    AttendanceStatus.DID_NOT_ATTEND: "Did not attend",
}

# Statuses in which an agency counts as represented at the meeting.
REPRESENTED = frozenset({AttendanceStatus.ATTENDED, AttendanceStatus.SENT_INFORMATION})


class AgencyAttendance(Record):
    """One invitee: a practitioner for an agency, or a family member."""

    __tablename__ = "attendance"

    meeting_id: Mapped[str] = mapped_column(ForeignKey("meeting.id"), index=True)
    agency_id: Mapped[str | None] = mapped_column(ForeignKey("agency.id"), index=True)
    practitioner_id: Mapped[str | None] = mapped_column(ForeignKey("practitioner.id"))
    family_member_id: Mapped[str | None] = mapped_column(ForeignKey("family_member.id"))
    name: Mapped[str] = mapped_column(String(200))
    role: Mapped[str] = mapped_column(String(200), default="")
    status: Mapped[AttendanceStatus] = mapped_column(
        str_enum(AttendanceStatus), default=AttendanceStatus.INVITED
    )
    arrived_at: Mapped[dt.datetime | None]
    departed_at: Mapped[dt.datetime | None]
    walk_in: Mapped[bool] = mapped_column(default=False)


class AgencyInformation(Record):
    """What one agency shared (in person or sent in)."""

    __tablename__ = "agency_information"
    __table_args__ = (UniqueConstraint("meeting_id", "agency_id"),)

    meeting_id: Mapped[str] = mapped_column(ForeignKey("meeting.id"), index=True)
    agency_id: Mapped[str] = mapped_column(ForeignKey("agency.id"))
    contributor: Mapped[str] = mapped_column(String(200), default="")
    information: Mapped[str] = mapped_column(Text, default="")
    # Restricted information (police intelligence, say) never goes to families.
    restricted: Mapped[bool] = mapped_column(default=False)


class RepresentationAcknowledgement(Record):
    """The chair's reason for going ahead without a statutory agency."""

    __tablename__ = "representation_ack"
    __table_args__ = (UniqueConstraint("meeting_id", "statutory_role"),)

    meeting_id: Mapped[str] = mapped_column(ForeignKey("meeting.id"), index=True)
    statutory_role: Mapped[StatutoryRole] = mapped_column(str_enum(StatutoryRole))
    reason: Mapped[str] = mapped_column(Text)
    acknowledged_by: Mapped[str] = mapped_column(String(200))
    acknowledged_at: Mapped[dt.datetime]


class ThresholdOutcome(enum.StrEnum):
    S47_SINGLE_AGENCY = "s47-single-agency"
    S47_JOINT = "s47-joint"
    NFA_S47_WITH_SUPPORT = "nfa-s47-with-support"
    NFA = "nfa"
    POLICE_PROTECTION = "police-protection"
    EMERGENCY_PROTECTION_ORDER = "emergency-protection-order"
    RECONVENE = "reconvene"

    @property
    def label(self) -> str:
        return OUTCOME_LABELS[self]

    @property
    def starts_s47(self) -> bool:
        return self in (ThresholdOutcome.S47_SINGLE_AGENCY, ThresholdOutcome.S47_JOINT)


OUTCOME_LABELS = {
    ThresholdOutcome.S47_SINGLE_AGENCY: "Section 47 enquiry (single-agency, children's social care)",
    ThresholdOutcome.S47_JOINT: "Section 47 enquiry (joint with police)",
    ThresholdOutcome.NFA_S47_WITH_SUPPORT: (
        "No further action under section 47, with Family Help or other support"
    ),
    ThresholdOutcome.NFA: "No further action",
    ThresholdOutcome.POLICE_PROTECTION: "Immediate protective action: police protection",
    ThresholdOutcome.EMERGENCY_PROTECTION_ORDER: (
        "Immediate protective action: emergency protection order"
    ),
    ThresholdOutcome.RECONVENE: "Reconvene the strategy meeting",
}


class ThresholdDecision(Record):
    __tablename__ = "threshold_decision"

    meeting_id: Mapped[str] = mapped_column(ForeignKey("meeting.id"), unique=True)
    threshold_met: Mapped[bool | None]
    outcome: Mapped[ThresholdOutcome | None] = mapped_column(str_enum(ThresholdOutcome))
    rationale: Mapped[str] = mapped_column(Text, default="")
    support_detail: Mapped[str] = mapped_column(Text, default="")
    dissent: Mapped[str] = mapped_column(Text, default="")
    decided_by: Mapped[str | None] = mapped_column(String(200))
    decided_at: Mapped[dt.datetime | None]


class AgencyView(Record):
    """One agency's view of the decision: agrees or not, and why."""

    __tablename__ = "agency_view"
    __table_args__ = (UniqueConstraint("meeting_id", "agency_id"),)

    meeting_id: Mapped[str] = mapped_column(ForeignKey("meeting.id"), index=True)
    agency_id: Mapped[str] = mapped_column(ForeignKey("agency.id"))
    agrees: Mapped[bool]
    comment: Mapped[str] = mapped_column(Text, default="")


class ActionStatus(enum.StrEnum):
    OPEN = "open"
    DONE = "done"
    CANCELLED = "cancelled"


class MeetingAction(Record):
    """An action agreed at a meeting; open ones follow the case to its next meeting."""

    __tablename__ = "meeting_action"

    case_id: Mapped[str] = mapped_column(ForeignKey("case_episode.id"), index=True)
    meeting_id: Mapped[str] = mapped_column(ForeignKey("meeting.id"), index=True)
    description: Mapped[str] = mapped_column(Text, default="")
    owner_name: Mapped[str] = mapped_column(String(200), default="")
    owner_agency_id: Mapped[str | None] = mapped_column(ForeignKey("agency.id"))
    # The owner as a record, where they are one of the meeting's invitees.
    owner_practitioner_id: Mapped[str | None] = mapped_column(ForeignKey("practitioner.id"))
    owner_family_member_id: Mapped[str | None] = mapped_column(ForeignKey("family_member.id"))
    due_date: Mapped[dt.date | None]
    status: Mapped[ActionStatus] = mapped_column(str_enum(ActionStatus), default=ActionStatus.OPEN)
    completed_on: Mapped[dt.date | None]


class MeetingTimescales(Record):
    """The statutory clocks started by a strategy discussion, as computed then."""

    __tablename__ = "meeting_timescales"

    meeting_id: Mapped[str] = mapped_column(ForeignKey("meeting.id"), unique=True)
    strategy_date: Mapped[dt.date]
    review_due: Mapped[dt.date]
    icpc_due: Mapped[dt.date]
    assessment_due: Mapped[dt.date]
    # What the assessment's 45 working days count from: "referral" or "strategy".
    assessment_from: Mapped[str] = mapped_column(String(20), default="strategy")


class MinutesIssueKind(enum.StrEnum):
    DRAFT = "draft"
    SIGNED_OFF = "signed-off"
    REISSUED = "reissued"


class MinutesIssue(Record):
    """A version of the minutes the chair signed off or reissued."""

    __tablename__ = "minutes_issue"
    __table_args__ = (UniqueConstraint("meeting_id", "version"),)

    meeting_id: Mapped[str] = mapped_column(ForeignKey("meeting.id"), index=True)
    version: Mapped[int]
    kind: Mapped[MinutesIssueKind] = mapped_column(str_enum(MinutesIssueKind))
    issued_at: Mapped[dt.datetime]
    issued_by: Mapped[str] = mapped_column(String(200))


class Amendment(Record):
    """A change made after sign-off: who, when, what and why."""

    __tablename__ = "amendment"

    meeting_id: Mapped[str] = mapped_column(ForeignKey("meeting.id"), index=True)
    made_at: Mapped[dt.datetime]
    made_by: Mapped[str] = mapped_column(String(200))
    what: Mapped[str] = mapped_column(Text)
    reason: Mapped[str] = mapped_column(Text, default="")
    version: Mapped[int | None]
