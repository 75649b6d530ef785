"""What the conduct services share: finding a meeting, and refusing signed-off ones."""

from __future__ import annotations

import enum
from typing import Literal

from sqlalchemy.orm import Session

from app.errors import NotFound, RecordLocked, ValidationError
from app.models import Agency, Meeting, MeetingStatus


class _Unset(enum.Enum):
    UNSET = "unset"


# "Leave this field as it is", for fields where None is a value (no due date, say).
UNSET: Literal[_Unset.UNSET] = _Unset.UNSET
Unset = Literal[_Unset.UNSET]

LOCKED = "These minutes are signed off. Record the change as an amendment instead."


def get_meeting(session: Session, meeting_id: str) -> Meeting:
    meeting = session.get(Meeting, meeting_id)
    if meeting is None:
        raise NotFound("That meeting no longer exists. It may have been deleted.")
    return meeting


def check_editable(meeting: Meeting) -> None:
    if meeting.status is MeetingStatus.SIGNED_OFF:
        raise RecordLocked(LOCKED)


def editable_meeting(session: Session, meeting_id: str) -> Meeting:
    """The meeting, if its records may still be changed; RecordLocked once signed off."""
    meeting = get_meeting(session, meeting_id)
    check_editable(meeting)
    return meeting


def get_agency(session: Session, agency_id: str) -> Agency:
    agency = session.get(Agency, agency_id)
    if agency is None:
        raise NotFound("That agency is not in the directory. Choose another.")
    return agency


def required_text(value: str, what: str) -> str:
    """``value`` stripped; a ValidationError naming ``what`` if it is blank."""
    text = value.strip()
    if not text:
        raise ValidationError(f"Give {what}.")
    return text
