"""The minutes of a meeting as a Word document.

:func:`render_minutes` turns :class:`MinutesData` into a document;
:func:`export_minutes` reads a meeting from the workspace, writes the file
atomically and records the export in the audit log.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from pathlib import Path
from typing import Any

from app import APP_NAME
from app.exporters import minutes_journey as journey
from app.exporters import minutes_sections as sections
from app.exporters.docx_base import (
    DRAFT_COLOUR,
    TEAM,
    DocumentProperties,
    Writer,
    add_marking,
    check_target,
    clock_time,
    long_date,
    long_datetime,
    open_house_template,
    save_document,
    set_properties,
)
from app.exporters.docx_tables import Column, GroupHeading, add_table
from app.exporters.docx_tables import add_label_table as label_table
from app.exporters.minutes_context import write_context
from app.exporters.minutes_copies import minutes_for, write_distribution
from app.exporters.minutes_model import Attendee, MinutesData
from app.exporters.minutes_redact import FamilyWriter, mark_headers
from app.exporters.minutes_s47 import write_s47
from app.models import AttendanceStatus, MeetingType, MinutesCopy
from app.services.conduct.distribution import NOT_NAMED, Recipient, record_copy
from app.storage import audit
from app.storage.workspace import Workspace
from app.workflow.legal_planning import needs_statutory_agencies
from app.workflow.restriction import FAMILY_COPY_MARK, FAMILY_COPY_NOTE

# A part of the minutes after the agenda: its heading and how it is written.
Part = tuple[str, Callable[[Writer, MinutesData], None]]
CONFIDENTIALITY = (
    "These minutes are confidential. They record information about a child and their family "
    "that agencies shared to keep the child safe. Store them securely, share them only with "
    "people who need them to protect the child, and do not copy or forward them without the "
    "chair's agreement. Information marked restricted must not be shared with the child's family."
)
FAMILY_CONFIDENTIALITY = (
    "These minutes are confidential. They are about a child and their family. "
    "Please keep them safe and do not share them with people outside the family."
)


@dataclasses.dataclass(frozen=True)
class MinutesExport:
    """What was written: where, which version, and whether it is still a draft."""

    path: Path
    meeting_id: str
    version: int
    draft: bool
    reissued: bool


def minutes_title(meeting_type: MeetingType) -> str:
    """ "Strategy meeting minutes", "Initial child protection conference minutes" …"""
    return f"{meeting_type.label} minutes"


def data_title(data: MinutesData) -> str:
    """The minutes' title: a pre-birth or transfer-in conference's own, else the type's."""
    if data.conference_title:
        return f"{data.conference_title} minutes"
    return minutes_title(data.meeting_type)


def suggested_file_name(data: MinutesData) -> str:
    """A file name for the save dialog; it never carries the child's name or reference."""
    state = "DRAFT" if data.draft else f"v{data.version}"
    copy = " family copy" if data.family_copy else ""
    return f"{data_title(data)}{copy} {data.meeting_date.isoformat()} {state}.docx"


def _status_line(data: MinutesData) -> str:
    if data.draft:
        return "DRAFT: not yet signed off by the chair"
    assert data.signed_off_at is not None
    reissue = data.reissue
    signed = f"Signed off by {data.signed_off_by}, {long_datetime(data.signed_off_at)}"
    if reissue is not None:
        return f"Reissued version {reissue.version}, {long_datetime(reissue.issued_at)}\n{signed}"
    return signed


def _attendance_text(person: Attendee) -> str:
    status = person.status
    if status is AttendanceStatus.ATTENDED:
        text = "Attended"
        if person.arrived_at is not None:
            text += f" from {clock_time(person.arrived_at)}"
        if person.departed_at is not None:
            text += f" until {clock_time(person.departed_at)}"
        return text + (" (joined on the day)" if person.walk_in else "")
    return {
        AttendanceStatus.SENT_INFORMATION: "Sent information only (not present)",
        AttendanceStatus.APOLOGIES: "Apologies",
        AttendanceStatus.DID_NOT_ATTEND: "Did not attend",
        AttendanceStatus.INVITED: "Invited (no reply recorded)",
    }[status]


def _heading_block(out: Writer, data: MinutesData) -> None:
    organisation = data.local_authority or "Local authority not set"
    out.paragraph(f"{organisation}\n{TEAM}", "Organisation")
    out.paragraph(data_title(data), "Title")
    if data.family_copy:
        out.paragraph(FAMILY_COPY_MARK, "Status line").runs[0].bold = True
    status = out.paragraph(style="Status line").add_run(_status_line(data))
    if data.draft:
        status.font.color.rgb = DRAFT_COLOUR
    child = data.child_reference
    if data.child_name:
        child = f"{data.child_name} (reference {data.child_reference})"
    label_table(
        out.document,
        caption="Meeting details",
        pairs=[
            ("Child", child),
            ("Date", long_date(data.meeting_date)),
            ("Time", clock_time(data.meeting_time) if data.meeting_time else "Not recorded"),
            ("Place", data.place or "Not recorded"),
            ("Chair", data.chair or "Not recorded"),
            ("Minute-taker", data.minute_taker or "Not recorded"),
        ],
    )
    out.heading("Confidentiality", 1)
    out.paragraph(FAMILY_CONFIDENTIALITY if data.family_copy else CONFIDENTIALITY)
    if data.family_copy:
        out.paragraph(FAMILY_COPY_NOTE)


def _attendance(out: Writer, data: MinutesData) -> None:
    out.heading("Attendance", 1)
    if not data.attendance:
        out.paragraph("No attendance was recorded.")
        return
    rows: list[GroupHeading | tuple[str, str, str]] = []
    for group in data.attendance:
        rows.append(GroupHeading(group.heading))
        # An unnamed invitation only says the agency was asked: show it when
        # nobody else from the agency is listed.
        named = [p for p in group.people if p.name or p.status is not AttendanceStatus.INVITED]
        rows += [
            (p.name or "No one named", p.role, _attendance_text(p)) for p in (named or group.people)
        ]
    add_table(
        out.document,
        caption="Attendance by agency",
        columns=(Column("Name", 5.5), Column("Role", 5.0), Column("Attendance", 6.5)),
        rows=rows,
    )


def _representation(out: Writer, data: MinutesData) -> None:
    out.heading("Representation of statutory agencies", 1)
    if not data.held:
        out.paragraph("The meeting has not been held yet.")
        return
    if not data.missing_agencies:
        out.paragraph("Children's social care, police, health and education were all represented.")
        return
    lead_in = out.paragraph("These statutory agencies were not represented at the meeting:")
    lead_in.paragraph_format.keep_with_next = True
    rows = []
    for missing in data.missing_agencies:
        noted = missing.acknowledged_by
        if missing.acknowledged_at is not None:
            noted = f"{noted}, {long_datetime(missing.acknowledged_at)}"
        rows.append((missing.agency, missing.reason or "No reason has been recorded.", noted))
    add_table(
        out.document,
        caption="Statutory agencies not represented",
        columns=(Column("Agency", 3.8), Column("Reason", 8.4), Column("Acknowledged by", 4.8)),
        rows=rows,
    )


def _agenda(out: Writer, data: MinutesData) -> None:
    placed: set[str] = set()
    for number, item in enumerate(data.agenda, start=1):
        out.heading(f"{number}. {item.title}", 1)
        key = journey.part_key(data.meeting_type, item.kind)
        if key in placed:
            sections.add_text_or(out, item.notes, journey.NO_NOTES)
        elif key in journey.PARTS:
            journey.write_under_item(out, data, key, item.notes)
            placed.add(key)
        elif key in sections.STRUCTURED and _shows(key, data, True):
            sections.add_text(out, item.notes)
            sections.STRUCTURED[key][1](out, data)
            placed.add(key)
        else:
            sections.add_text_or(out, item.notes, journey.NO_NOTES)
    for heading, write in _after_agenda(data, placed):
        out.heading(heading, 1)
        write(out, data)


def _after_agenda(data: MinutesData, placed: set[str]) -> list[Part]:
    """Parts the agenda had no item for: the agencies' information first, then what
    the meeting decided (the journey's parts, the threshold decision), then actions."""
    left = [
        (key, part)
        for key, part in sections.STRUCTURED.items()
        if key not in placed and _shows(key, data, False)
    ]
    decided = [
        (journey.PARTS[key].heading, journey.PARTS[key].write)
        for key in journey.parts_after_agenda(data, placed)
    ]
    first = [part for key, part in left if key == "agency-information"]
    return first + decided + [part for key, part in left if key != "agency-information"]


# Parts of a strategy discussion: a conference's "decision" item is not a
# threshold decision, so other meetings show these only when one was recorded.
STRATEGY_PARTS = frozenset({"decision", "timescales"})


def _shows(kind: str, data: MinutesData, in_agenda: bool) -> bool:
    """Whether a structured part goes in: always in a strategy meeting's minutes;
    otherwise under its agenda item, or after the agenda when it has content."""
    if kind == "risk-to-others":  # unless signed before it was asked, or left out
        return data.risk_to_others is not None or (data.risk_asked and not data.family_copy)
    if kind == "legal-decision":
        return data.meeting_type is MeetingType.LEGAL_PLANNING
    if data.meeting_type is MeetingType.STRATEGY:
        return True
    if in_agenda and kind not in STRATEGY_PARTS:
        return True
    return bool(
        {
            "agency-information": data.information,
            "decision": data.decision,
            "actions": data.actions or data.carried_over,
            "timescales": data.timescales,
        }[kind]
    )


def _sign_off(out: Writer, data: MinutesData) -> None:
    out.heading("Sign-off", 1)
    if data.draft:
        out.paragraph("Draft: these minutes have not been signed off by the chair and may change.")
        return
    assert data.signed_off_at is not None
    signed = out.paragraph(
        f"Signed off by {data.signed_off_by} on {long_datetime(data.signed_off_at)}."
    )
    reissue = data.reissue
    if reissue is not None:
        signed.paragraph_format.keep_with_next = True
        after = "" if data.family_copy else ", after the amendments below"
        out.paragraph(
            f"Reissued version {reissue.version} on {long_datetime(reissue.issued_at)} "
            f"by {reissue.issued_by}{after}. It replaces every earlier version."
        )
    if data.amendments:
        out.heading("Amendments after sign-off", 1)
        add_table(
            out.document,
            caption="Amendments after sign-off",
            columns=(
                Column("When", 4.2),
                Column("Who", 3.0),
                Column("What changed", 5.4),
                Column("Why", 4.4),
            ),
            rows=[
                (long_datetime(a.made_at), a.made_by, a.what, a.reason or "No reason given.")
                for a in data.amendments
            ],
        )


def _properties(data: MinutesData) -> DocumentProperties:
    title = data_title(data)
    kind = data.conference_title or data.meeting_type.label
    subject = f"Minutes of a MACPT {kind.lower()}"
    if data.family_copy:
        title = f"{title} ({FAMILY_COPY_MARK})"
        subject = f"{subject}. {FAMILY_COPY_MARK}"
    if data.draft:
        state, comments = "Draft", "Draft: not yet signed off by the chair."
    elif data.reissue is not None:
        state = "Reissued"
        comments = f"Reissued version {data.version}, after amendment."
    else:
        state, comments = "Signed off", "Signed off by the chair."
    return DocumentProperties(
        title=f"{title}, {long_date(data.meeting_date)}",
        subject=subject,
        author=data.local_authority or APP_NAME,
        comments=comments,
        content_status=state,
        keywords="MACPT; minutes; OFFICIAL-SENSITIVE",
        revision=data.version,
        version="draft" if data.draft else str(data.version),
    )


def render_minutes(data: MinutesData) -> Any:
    """The minutes as a python-docx ``Document`` (not yet saved)."""
    document = open_house_template()
    title = data_title(data)
    add_marking(
        document,
        draft=data.draft,
        footer_note=f"{title}, {long_date(data.meeting_date)}, {data.child_reference}",
    )
    if data.family_copy:
        mark_headers(document)
    out = FamilyWriter(document) if data.family_copy else Writer(document)
    _heading_block(out, data)
    _attendance(out, data)
    if needs_statutory_agencies(data.meeting_type):
        _representation(out, data)
    write_s47(out, data)
    write_context(out, data)
    _agenda(out, data)
    _sign_off(out, data)
    write_distribution(out, data)
    set_properties(document, _properties(data))
    return document


def export_minutes(
    workspace: Workspace,
    *,
    meeting_id: str,
    target: Path,
    family_copy: bool = False,
    recipient: Recipient = NOT_NAMED,
) -> MinutesExport:
    """Write the minutes of ``meeting_id`` to ``target`` (a .docx the user chose),
    the full copy or the family copy, and add the copy to the distribution list.

    Raises ExportError, before doing any work, when the folder is missing or
    cannot be written, or a family copy is asked for minutes that are for
    professionals only; the file is either complete or absent, never partial.
    """
    target = check_target(target)
    data = minutes_for(
        workspace, meeting_id=meeting_id, family_copy=family_copy, recipient=recipient
    )
    document = render_minutes(data)
    with workspace.transaction() as session:
        audit.append(session, table="meeting", record_id=data.meeting_id, action="export-minutes")
        record_copy(
            session,
            meeting_id=data.meeting_id,
            recipient=recipient,
            copy=MinutesCopy.FAMILY if family_copy else MinutesCopy.FULL,
            version=data.version,
            draft=data.draft,
            actor=workspace.actor,
        )
        # Write the log entries first: if they cannot be kept, no file is left behind.
        session.flush()
        written = save_document(document, target)
    return MinutesExport(
        path=written,
        meeting_id=data.meeting_id,
        version=data.version,
        draft=data.draft,
        reissued=data.reissue is not None,
    )


__all__ = [
    "MinutesExport",
    "export_minutes",
    "minutes_title",
    "render_minutes",
    "suggested_file_name",
]
