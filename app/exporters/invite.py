"""A calendar invitation (.ics) for a meeting, safe to send through ordinary email.

Calendars are not secure: they sync to phones and are shared with assistants.
So the invitation carries the date, time (Europe/London), length, place or
online link, the chair as organiser and the child's local authority reference,
and nothing else about the child or family. A place that gives a postcode or
the address of the child or a family member, or mentions one of their names, is
refused with a message asking for a neutral place name
(app.services.place_privacy).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from pathlib import Path

import icalendar
from sqlalchemy import func, select

from app import APP_NAME, clock, paths
from app.errors import ExportError, NotFound
from app.exporters.targets import check_export_target
from app.models import AuditEntry, Meeting, MeetingType, Practitioner
from app.services.place_privacy import (
    PrivateDetails,
    address_lines,
    mentions_name,
    name_words,
    place_problem,
)
from app.services.settings import get_settings
from app.storage import audit
from app.storage.workspace import Workspace

LONDON = clock.LOCAL_ZONE
EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
# Outlook's convention for an organiser with no address.
NO_ADDRESS = "invalid:nomail"


@dataclasses.dataclass(frozen=True)
class InviteData:
    meeting_id: str
    meeting_type: MeetingType
    day: dt.date
    start: dt.time | None
    duration_minutes: int
    place: str
    online_link: str | None
    chair: str
    chair_email: str | None
    la_child_ref: str
    local_authority: str
    sequence: int
    # What must never appear in the file: the child's and family's names and addresses.
    private: PrivateDetails


def load_invite(workspace: Workspace, *, meeting_id: str) -> InviteData:
    config = get_settings(workspace)
    with workspace.reading() as session:
        meeting = session.get(Meeting, meeting_id)
        if meeting is None:
            raise NotFound(f"There is no meeting with the id {meeting_id}.")
        child = meeting.case.child
        email = next(iter(EMAIL.findall(config.lcpp_contact)), None)
        chair = session.get(Practitioner, meeting.chair_id) if meeting.chair_id else None
        if email is None and chair is not None:
            email = chair.email
        earlier = session.scalar(
            select(func.count())
            .select_from(AuditEntry)
            .where(AuditEntry.record_id == meeting.id, AuditEntry.action == "export-invite")
        )
        names = [child.first_name, child.last_name, child.known_as or ""]
        names += [member.name for member in child.family]
        addresses = [child.address, *(member.address for member in child.family)]
        return InviteData(
            meeting_id=meeting.id,
            meeting_type=meeting.meeting_type,
            day=meeting.scheduled_date,
            start=meeting.scheduled_time,
            duration_minutes=meeting.duration_minutes,
            place=meeting.location,
            online_link=meeting.online_link,
            chair=meeting.chair_name,
            chair_email=email,
            la_child_ref=child.la_child_ref,
            local_authority=config.local_authority,
            sequence=earlier or 0,
            private=PrivateDetails(name_words(names), address_lines(addresses)),
        )


def render_invite(data: InviteData) -> bytes:
    """The .ics file's bytes (one VEVENT, with the Europe/London time zone)."""
    problem = place_problem(data.place, data.private)
    if problem is not None:
        raise ExportError(f"{problem} Change the place and try again.")
    if mentions_name(data.online_link or "", data.private.names):
        raise ExportError(
            "The meeting's online link mentions the child's or a family member's name. "
            "Calendars are not secure: change it and try again."
        )
    title = data.meeting_type.label
    calendar = icalendar.Calendar()
    calendar.add("prodid", f"-//{APP_NAME}//Meeting invitation//EN")
    calendar.add("version", "2.0")
    calendar.add("method", "PUBLISH")
    event = icalendar.Event()
    event.add("uid", f"{data.meeting_id}@macpt-companion")
    event.add("dtstamp", clock.utcnow())
    event.add("sequence", data.sequence)
    if data.start is None:
        event.add("dtstart", data.day)
        event.add("dtend", data.day + dt.timedelta(days=1))
    else:
        start = dt.datetime.combine(data.day, data.start, tzinfo=LONDON)
        event.add("dtstart", start)
        event.add("dtend", start + dt.timedelta(minutes=data.duration_minutes))
    event.add("summary", f"{title}, {data.la_child_ref}")
    event.add("class", "CONFIDENTIAL")
    lines = [
        f"{title} about the child with the local authority reference {data.la_child_ref}.",
        f"Chair: {data.chair}." if data.chair else "",
        f"Join online: {data.online_link}" if data.online_link else "",
        "The papers come separately, by secure email. This invitation holds no personal details.",
    ]
    event.add("description", "\n".join(line for line in lines if line))
    if data.place:
        event.add("location", data.place)
    elif data.online_link:
        event.add("location", "Online")
    if data.online_link:
        event.add("url", data.online_link)
    organiser = icalendar.vCalAddress(
        f"mailto:{data.chair_email}" if data.chair_email else NO_ADDRESS
    )
    organiser.params["cn"] = icalendar.vText(data.chair or data.local_authority or APP_NAME)
    event.add("organizer", organiser)
    calendar.add_component(event)
    # Only the rules around the meeting: a calendar needs no table back to 1970.
    year = dt.timedelta(days=366)
    calendar.add_missing_timezones(first_date=data.day - year, last_date=data.day + year)
    return bytes(calendar.to_ical())


def check_ics_target(target: Path) -> Path:
    return check_export_target(target, suffix=".ics", example="invitation.ics")


def export_invite(workspace: Workspace, *, meeting_id: str, target: Path) -> Path:
    """Write the meeting's invitation to ``target`` (.ics) atomically, and audit it."""
    target = check_ics_target(target)
    content = render_invite(load_invite(workspace, meeting_id=meeting_id))
    with workspace.transaction() as session:
        audit.append(session, table="meeting", record_id=meeting_id, action="export-invite")
        session.flush()
        try:
            with paths.atomic_write(target) as tmp:
                tmp.write_bytes(content)
        except PermissionError as exc:
            raise ExportError(
                f"MACPT Companion cannot write in {target.parent}. Choose a folder you can write to."
            ) from exc
    return target
