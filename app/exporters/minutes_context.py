"""The context in the minutes of a child's meeting held about a place or group.

Only this child's record is read: the context (the place or group, who is
responsible for it, the disruption log as it stood on the meeting's day), the
discussion of it, the parents' part as partners in keeping the child safe and
how the child took part. Nothing about the other children of the sitting is in
it; the services refuse their names in any of this text when it is written.

A family copy leaves out whatever is restricted, the responsible bodies'
contacts and the disruption log (the agencies' activity is for professionals).
"""

from __future__ import annotations

import dataclasses

from app.exporters.docx_base import Writer, long_date
from app.exporters.docx_tables import Column, add_table
from app.exporters.minutes_journey import label_table
from app.exporters.minutes_model import MinutesData
from app.exporters.minutes_redact import quiet
from app.exporters.minutes_sections import add_text_or
from app.services.conduct.restriction import Restrictions
from app.services.contextual_meetings import MeetingContextView

HEADING = "The context"
TABLE = "meeting_context"
FIELDS = ("discussion", "parents_as_partners", "child_participation")
PARENTS = "Parents as partners in keeping the child safe"
PARTICIPATION = "How the child took part"


def redact_context(view: MeetingContextView, rules: Restrictions) -> MeetingContextView:
    """The context as a family may read it."""
    blanked = {
        field: ""
        for field in FIELDS
        if rules.restricted(TABLE, view.meeting_id, field, getattr(view, field))
    }
    return dataclasses.replace(view, disruption=(), **blanked)  # type: ignore[arg-type]


def write_context(out: Writer, data: MinutesData) -> None:
    """The context's part of the minutes, if the meeting was held about one."""
    view = data.context
    if view is None:
        return
    family = quiet(out)
    out.heading(HEADING, 1)
    pairs = [("Context", view.name), ("Kind", view.kind.label)]
    if view.description.strip():
        pairs.append(("About it", view.description.strip()))
    label_table(out, HEADING, pairs)
    out.heading("Who is responsible for it", 2)
    if view.responsible:
        columns = [Column("Name", 7.0), Column("Kind", 4.0)]
        if not family:
            columns.append(Column("Contact", 6.0))
        add_table(
            out.document,
            caption="Who is responsible for the context",
            columns=tuple(columns),
            rows=[
                [r.name, r.kind.label, *(() if family else (r.contact,))] for r in view.responsible
            ],
        )
    else:
        out.paragraph("No one is recorded as responsible for it.")
    if not family:
        out.heading("Disruption activity", 2)
        if view.disruption:
            corrected = {d.corrects_id for d in view.disruption if d.corrects_id}
            add_table(
                out.document,
                caption="Disruption activity",
                columns=(
                    Column("Date", 3.6),
                    Column("Agency", 3.4),
                    Column("Activity", 5.6),
                    Column("Outcome", 4.4),
                ),
                rows=[
                    [
                        long_date(d.happened_on),
                        d.agency_name,
                        d.activity + (" (corrected by a later entry)" if d.id in corrected else ""),
                        d.outcome,
                    ]
                    for d in view.disruption
                ],
            )
        else:
            out.paragraph("No disruption activity had been recorded by the day of this meeting.")
    out.heading("Discussion of the context", 2)
    add_text_or(out, view.discussion, "No discussion of the context was recorded.")
    out.heading(PARENTS, 2)
    add_text_or(out, view.parents_as_partners, "Nothing was recorded.")
    out.heading(PARTICIPATION, 2)
    add_text_or(out, view.child_participation, "Nothing was recorded.")
