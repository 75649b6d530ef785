"""Contexts of harm outside the home: a place, a peer group or an online space
(DfE consultation Q26, "a focus on the contextual drivers of harm").

A context names who is responsible for it (a business, a transport operator, a
school, the council), and keeps a log of what was done to disrupt harm there.
Several children may be linked to one context, and a strategy meeting or
conference may be held about them together at one sitting: each child still
has his or her own meeting, decision, plan and minutes, and
:class:`MeetingContext` ties each child's meeting to the context and the sitting.
"""

from __future__ import annotations

import datetime as dt
import enum
import uuid

from sqlalchemy import ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from app.models.base import Record, Retirable, str_enum


class ContextKind(enum.StrEnum):
    PLACE = "place"
    PEER_GROUP = "peer-group"
    ONLINE = "online"

    @property
    def label(self) -> str:
        return CONTEXT_KIND_WORDS[self]


CONTEXT_KIND_WORDS = {
    ContextKind.PLACE: "Place",
    ContextKind.PEER_GROUP: "Peer group",
    ContextKind.ONLINE: "Online space",
}


class ResponsibleKind(enum.StrEnum):
    BUSINESS = "business"
    TRANSPORT = "transport"
    SCHOOL = "school"
    COUNCIL = "council"
    OTHER = "other"

    @property
    def label(self) -> str:
        return RESPONSIBLE_KIND_WORDS[self]


RESPONSIBLE_KIND_WORDS = {
    ResponsibleKind.BUSINESS: "Business",
    ResponsibleKind.TRANSPORT: "Transport operator",
    ResponsibleKind.SCHOOL: "School or college",
    ResponsibleKind.COUNCIL: "The council",
    ResponsibleKind.OTHER: "Other",
}


class Context(Retirable, Record):
    __tablename__ = "context"

    kind: Mapped[ContextKind] = mapped_column(str_enum(ContextKind))
    name: Mapped[str] = mapped_column(String(200))
    # About the place or group, never about a child: it reaches every linked child's minutes.
    description: Mapped[str] = mapped_column(Text, default="")


class ContextResponsible(Retirable, Record):
    """Who is responsible for a context, and can own actions to make it safer."""

    __tablename__ = "context_responsible"

    context_id: Mapped[str] = mapped_column(ForeignKey("context.id"), index=True)
    name: Mapped[str] = mapped_column(String(200))
    kind: Mapped[ResponsibleKind] = mapped_column(str_enum(ResponsibleKind))
    contact: Mapped[str] = mapped_column(String(200), default="")


class ContextChild(Record):
    """A child linked to a context (harm there concerns him or her)."""

    __tablename__ = "context_child"
    __table_args__ = (UniqueConstraint("context_id", "child_id"),)

    context_id: Mapped[str] = mapped_column(ForeignKey("context.id"), index=True)
    child_id: Mapped[str] = mapped_column(ForeignKey("child.id"), index=True)


class ContextDisruption(Record):
    """One entry of a context's disruption log. Entries are only added (the database
    refuses changes): a mistake is put right by a later entry that ``corrects`` it."""

    __tablename__ = "context_disruption"

    context_id: Mapped[str] = mapped_column(ForeignKey("context.id"), index=True)
    happened_on: Mapped[dt.date]
    agency_id: Mapped[str] = mapped_column(ForeignKey("agency.id"))
    activity: Mapped[str] = mapped_column(Text)
    outcome: Mapped[str] = mapped_column(Text, default="")
    corrects_id: Mapped[str | None] = mapped_column(ForeignKey("context_disruption.id"))
    recorded_by: Mapped[str] = mapped_column(String(200))


def meeting_context_id(meeting_id: str) -> str:
    """The one :class:`MeetingContext` of a meeting has a fixed id (team-mode readiness)."""
    return str(uuid.uuid5(uuid.UUID(meeting_id), "meeting_context"))


class MeetingContext(Record):
    """One child's meeting held about a context: part of that child's record only.

    ``sitting_id`` is shared by the children's meetings held together. The
    discussion is about the context (no child is named in it); the parents' part
    and the child's participation are this child's.
    """

    __tablename__ = "meeting_context"

    meeting_id: Mapped[str] = mapped_column(ForeignKey("meeting.id"), unique=True)
    context_id: Mapped[str] = mapped_column(ForeignKey("context.id"), index=True)
    sitting_id: Mapped[str] = mapped_column(String(36), index=True)
    discussion: Mapped[str] = mapped_column(Text, default="")
    parents_as_partners: Mapped[str] = mapped_column(Text, default="")
    child_participation: Mapped[str] = mapped_column(Text, default="")


class ActionOwnerContext(Record):
    """An action owned by the body responsible for a context (a bus operator, a shop)."""

    __tablename__ = "action_owner_context"

    action_id: Mapped[str] = mapped_column(ForeignKey("meeting_action.id"), unique=True)
    responsible_id: Mapped[str] = mapped_column(ForeignKey("context_responsible.id"), index=True)
