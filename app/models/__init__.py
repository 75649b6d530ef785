"""The workspace's records (SQLAlchemy 2.x typed mappings). No Qt here."""

from app.models.agency import Agency, AgencyKind, StatutoryRole
from app.models.audit import AuditEntry
from app.models.base import Base, Record, new_id
from app.models.case import CaseEpisode, CaseStatus, ProceedingsType
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
from app.models.meeting import Meeting, MeetingStatus, MeetingType
from app.models.people import Child, FamilyMember, Practitioner, Sex
from app.models.settings import ClosureDay, Setting

__all__ = [
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
    "CaseEpisode",
    "CaseStatus",
    "Child",
    "ClosureDay",
    "FamilyMember",
    "Meeting",
    "MeetingAction",
    "MeetingStatus",
    "MeetingTimescales",
    "MeetingType",
    "MinutesIssue",
    "MinutesIssueKind",
    "Practitioner",
    "ProceedingsType",
    "Record",
    "RepresentationAcknowledgement",
    "Setting",
    "Sex",
    "StatutoryRole",
    "ThresholdDecision",
    "ThresholdOutcome",
    "new_id",
]
