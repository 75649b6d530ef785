"""After the strategy meeting: the five-day review's ICPC timeframe, the interim
safety plan, conference decisions, child protection plans, discharge input and
the notifications that must go out."""

from __future__ import annotations

import datetime as dt
import enum
from typing import Any

from sqlalchemy import JSON, ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from app.models.base import Record, str_enum


class IcpcTimeframe(enum.StrEnum):
    WITHIN_15_DAYS = "within-15-days"
    EXTENDED = "extended"
    NOT_NEEDED = "not-needed"


class IcpcTimeframeDecision(Record):
    """The five-day review's decision on when (or whether) the ICPC is held."""

    __tablename__ = "icpc_timeframe"

    meeting_id: Mapped[str] = mapped_column(ForeignKey("meeting.id"), unique=True)
    strategy_meeting_id: Mapped[str | None] = mapped_column(ForeignKey("meeting.id"))
    timeframe: Mapped[IcpcTimeframe] = mapped_column(str_enum(IcpcTimeframe))
    default_due: Mapped[dt.date | None]
    target_date: Mapped[dt.date | None]
    reason: Mapped[str] = mapped_column(Text, default="")
    exceptional_circumstances_confirmed: Mapped[bool] = mapped_column(default=False)
    decided_by: Mapped[str | None] = mapped_column(String(200))
    decided_at: Mapped[dt.datetime | None]


class InterimSafetyPlan(Record):
    """A child's interim safety plan; every change is a new, dated version."""

    __tablename__ = "safety_plan"

    case_id: Mapped[str] = mapped_column(ForeignKey("case_episode.id"), index=True)
    meeting_id: Mapped[str | None] = mapped_column(ForeignKey("meeting.id"))
    current_version: Mapped[int] = mapped_column(default=0)


class SafetyPlanVersion(Record):
    __tablename__ = "safety_plan_version"
    __table_args__ = (UniqueConstraint("plan_id", "version"),)

    plan_id: Mapped[str] = mapped_column(ForeignKey("safety_plan.id"), index=True)
    version: Mapped[int]
    made_at: Mapped[dt.datetime]
    made_by: Mapped[str] = mapped_column(String(200))
    agreed_by: Mapped[str] = mapped_column(Text, default="")
    change_note: Mapped[str] = mapped_column(Text, default="")


class SafetyPlanItem(Record):
    """One worry and what will keep the child safe from it."""

    __tablename__ = "safety_plan_item"

    version_id: Mapped[str] = mapped_column(ForeignKey("safety_plan_version.id"), index=True)
    position: Mapped[int]
    worry: Mapped[str] = mapped_column(Text, default="")
    keeps_safe: Mapped[str] = mapped_column(Text, default="")
    responsible_name: Mapped[str] = mapped_column(String(200), default="")
    responsible_agency_id: Mapped[str | None] = mapped_column(ForeignKey("agency.id"))
    by_when: Mapped[str] = mapped_column(String(200), default="")
    how_we_know: Mapped[str] = mapped_column(Text, default="")
    contingency: Mapped[str] = mapped_column(Text, default="")


class PlanCategory(enum.StrEnum):
    """Categories of abuse, as the CIN census codes them."""

    NEGLECT = "neglect"
    PHYSICAL_ABUSE = "physical-abuse"
    SEXUAL_ABUSE = "sexual-abuse"
    EMOTIONAL_ABUSE = "emotional-abuse"
    MULTIPLE = "multiple"

    @property
    def census_code(self) -> str:
        return CENSUS_CODES[self]

    @property
    def label(self) -> str:
        return self.value.replace("-", " ").capitalize()


CENSUS_CODES = {
    PlanCategory.NEGLECT: "NEG",
    PlanCategory.PHYSICAL_ABUSE: "PHY",
    PlanCategory.SEXUAL_ABUSE: "SAB",
    PlanCategory.EMOTIONAL_ABUSE: "EMO",
    PlanCategory.MULTIPLE: "MUL",
}


class ConferenceOutcome(enum.StrEnum):
    PLAN_NEEDED = "plan-needed"
    NO_PLAN = "no-plan"
    CONTINUE_PLAN = "continue-plan"
    CHANGE_CATEGORY = "change-category"
    END_PLAN = "end-plan"


class DischargeReason(enum.StrEnum):
    """Working Together's reasons a child protection plan may end."""

    NO_LONGER_AT_RISK = "no-longer-at-risk"
    TRANSFERRED = "transferred"
    TURNED_18 = "turned-18"
    DIED = "died"
    LEFT_UK = "left-uk"


class OngoingSupport(enum.StrEnum):
    FAMILY_HELP = "family-help"
    EARLY_HELP = "early-help"
    UNIVERSAL = "universal"
    PRE_PROCEEDINGS = "pre-proceedings"
    CARE_PROCEEDINGS = "care-proceedings"
    REUNIFICATION = "reunification"
    NONE = "none"


class ConferenceDecision(Record):
    """What an ICPC or review conference decided."""

    __tablename__ = "conference_decision"

    meeting_id: Mapped[str] = mapped_column(ForeignKey("meeting.id"), unique=True)
    outcome: Mapped[ConferenceOutcome | None] = mapped_column(str_enum(ConferenceOutcome))
    category: Mapped[PlanCategory | None] = mapped_column(str_enum(PlanCategory))
    rationale: Mapped[str] = mapped_column(Text, default="")
    progress: Mapped[str] = mapped_column(Text, default="")
    lead_practitioner: Mapped[str] = mapped_column(String(200), default="")
    # A list of {"name", "agency_id", "role"}: the core group named by the conference.
    core_group: Mapped[list[dict[str, Any]]] = mapped_column(JSON, default=list)
    outline_plan: Mapped[str] = mapped_column(Text, default="")
    dissent: Mapped[str] = mapped_column(Text, default="")
    next_review_due: Mapped[dt.date | None]
    discharge_reason: Mapped[DischargeReason | None] = mapped_column(str_enum(DischargeReason))
    ongoing_support: Mapped[list[str]] = mapped_column(JSON, default=list)
    ongoing_support_detail: Mapped[str] = mapped_column(Text, default="")
    decided_by: Mapped[str | None] = mapped_column(String(200))
    decided_at: Mapped[dt.datetime | None]


class ChildProtectionPlan(Record):
    __tablename__ = "cp_plan"

    case_id: Mapped[str] = mapped_column(ForeignKey("case_episode.id"), index=True)
    start_date: Mapped[dt.date]
    icpc_meeting_id: Mapped[str | None] = mapped_column(ForeignKey("meeting.id"))
    initial_category: Mapped[PlanCategory] = mapped_column(str_enum(PlanCategory))
    latest_category: Mapped[PlanCategory] = mapped_column(str_enum(PlanCategory))
    lcpp_name: Mapped[str] = mapped_column(String(200), default="")
    next_review_due: Mapped[dt.date | None]
    # The first core group's date (10 working days from the ICPC), counted with the
    # calendar when the plan was made; app.workflow.clocks follows it.
    core_group_first_due: Mapped[dt.date | None]
    end_date: Mapped[dt.date | None]
    end_meeting_id: Mapped[str | None] = mapped_column(ForeignKey("meeting.id"))
    end_reason: Mapped[DischargeReason | None] = mapped_column(str_enum(DischargeReason))


class DischargeInput(Record):
    """Input sought from, and given by, one practitioner before a plan ends."""

    __tablename__ = "discharge_input"

    meeting_id: Mapped[str] = mapped_column(ForeignKey("meeting.id"), index=True)
    practitioner_name: Mapped[str] = mapped_column(String(200))
    agency_id: Mapped[str | None] = mapped_column(ForeignKey("agency.id"))
    asked_on: Mapped[dt.date | None]
    responded_on: Mapped[dt.date | None]
    response: Mapped[str] = mapped_column(Text, default="")


class NotificationKind(enum.StrEnum):
    STRATEGY_OUTCOME = "strategy-outcome"
    CONFERENCE_INVITATION = "conference-invitation"
    CONFERENCE_OUTCOME = "conference-outcome"
    DISCHARGE_DECISION = "discharge-decision"
    # The five-day review put the initial conference back, or found it not needed.
    REVIEW_DECISION = "review-decision"


class RecipientRole(enum.StrEnum):
    AGENCY = "agency"
    PARENT_CARER = "parent_carer"


class Notification(Record):
    """One letter that must go out about a meeting, and what became of it."""

    __tablename__ = "notification"

    meeting_id: Mapped[str] = mapped_column(ForeignKey("meeting.id"), index=True)
    kind: Mapped[NotificationKind] = mapped_column(str_enum(NotificationKind))
    role: Mapped[RecipientRole] = mapped_column(str_enum(RecipientRole))
    recipient_name: Mapped[str] = mapped_column(String(200))
    agency_id: Mapped[str | None] = mapped_column(ForeignKey("agency.id"))
    family_member_id: Mapped[str | None] = mapped_column(ForeignKey("family_member.id"))
    generated_at: Mapped[dt.datetime | None]
    file_name: Mapped[str | None] = mapped_column(String(200))
    sent_at: Mapped[dt.datetime | None]
    sent_route: Mapped[str | None] = mapped_column(String(100))
    sent_by: Mapped[str | None] = mapped_column(String(200))
