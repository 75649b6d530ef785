"""The workspace's records (SQLAlchemy 2.x typed mappings). No Qt here."""

from app.models.action_note import ActionNote, ActionNoteKind
from app.models.agency import Agency, AgencyKind, StatutoryRole
from app.models.arrivals import CaseTransferIn, ChildBirthRecord
from app.models.audit import AuditEntry
from app.models.base import Base, Record, Retirable, new_id, seed_id
from app.models.case import (
    CaseClosure,
    CaseEpisode,
    CaseStatus,
    ClosingReason,
    ProceedingsType,
)
from app.models.chronology import SignificantEvent
from app.models.conduct import (
    ActionStatus,
    AgencyAttendance,
    AgencyInformation,
    AgencyView,
    AgendaItem,
    AgendaTemplateItem,
    Amendment,
    AttendanceStatus,
    MeetingAction,
    MeetingTimescales,
    MinutesIssue,
    MinutesIssueKind,
    RepresentationAcknowledgement,
    ThresholdDecision,
    ThresholdOutcome,
)
from app.models.consultation import Consultation, ConsultationOutcome, ThresholdView
from app.models.draft import Draft
from app.models.guard import RecordRewrite, SignedRecord
from app.models.legal_planning import LegalDecision, LegalPlanningDecision
from app.models.looked_after import LookedAfterRecord, LookedAfterReview, PlacementType
from app.models.meeting import Meeting, MeetingStatus, MeetingType
from app.models.people import Child, FamilyMember, Practitioner, Sex
from app.models.plans import (
    ChildProtectionPlan,
    ConferenceDecision,
    ConferenceOutcome,
    DischargeInput,
    DischargeReason,
    IcpcTimeframe,
    IcpcTimeframeDecision,
    InterimSafetyPlan,
    Notification,
    NotificationKind,
    OngoingSupport,
    PlanCategory,
    RecipientRole,
    SafetyPlanItem,
    SafetyPlanVersion,
)
from app.models.preproceedings import PreProceedingsEpisode, PreProceedingsOutcome
from app.models.restriction import (
    MinutesCopy,
    MinutesDistribution,
    RecipientKind,
    RestrictionChange,
)
from app.models.risk import RiskAgency, RiskAssessment, RiskToOthers, risk_to_others_id
from app.models.s47 import S47Agencies, S47Enquiry, S47Interview, S47Outcome, SeenAlone
from app.models.settings import ClosureDay, Setting

__all__ = [
    "ActionNote",
    "ActionNoteKind",
    "ActionStatus",
    "Agency",
    "AgencyAttendance",
    "AgencyInformation",
    "AgencyKind",
    "AgencyView",
    "AgendaItem",
    "AgendaTemplateItem",
    "Amendment",
    "AttendanceStatus",
    "AuditEntry",
    "Base",
    "CaseClosure",
    "CaseEpisode",
    "CaseStatus",
    "CaseTransferIn",
    "Child",
    "ChildBirthRecord",
    "ChildProtectionPlan",
    "ClosingReason",
    "ClosureDay",
    "ConferenceDecision",
    "ConferenceOutcome",
    "Consultation",
    "ConsultationOutcome",
    "DischargeInput",
    "DischargeReason",
    "Draft",
    "FamilyMember",
    "IcpcTimeframe",
    "IcpcTimeframeDecision",
    "InterimSafetyPlan",
    "LegalDecision",
    "LegalPlanningDecision",
    "LookedAfterRecord",
    "LookedAfterReview",
    "Meeting",
    "MeetingAction",
    "MeetingStatus",
    "MeetingTimescales",
    "MeetingType",
    "MinutesCopy",
    "MinutesDistribution",
    "MinutesIssue",
    "MinutesIssueKind",
    "Notification",
    "NotificationKind",
    "OngoingSupport",
    "PlacementType",
    "PlanCategory",
    "Practitioner",
    "PreProceedingsEpisode",
    "PreProceedingsOutcome",
    "ProceedingsType",
    "RecipientKind",
    "RecipientRole",
    "Record",
    "RecordRewrite",
    "RepresentationAcknowledgement",
    "RestrictionChange",
    "Retirable",
    "RiskAgency",
    "RiskAssessment",
    "RiskToOthers",
    "S47Agencies",
    "S47Enquiry",
    "S47Interview",
    "S47Outcome",
    "SafetyPlanItem",
    "SafetyPlanVersion",
    "SeenAlone",
    "Setting",
    "Sex",
    "SignedRecord",
    "SignificantEvent",
    "StatutoryRole",
    "ThresholdDecision",
    "ThresholdOutcome",
    "ThresholdView",
    "new_id",
    "risk_to_others_id",
    "seed_id",
]
