"""Which copy of the minutes is made, for whom, and the distribution list they carry."""

from __future__ import annotations

import dataclasses

from app.exporters.docx_base import Writer, long_datetime
from app.exporters.docx_tables import Column, add_table
from app.exporters.minutes_data import distribution_entries, load_minutes_data
from app.exporters.minutes_model import MinutesData
from app.models import MinutesCopy
from app.services.conduct.distribution import (
    NOT_NAMED,
    Recipient,
    list_distribution,
    preview_copy,
)
from app.storage.workspace import Workspace


def minutes_for(
    workspace: Workspace,
    *,
    meeting_id: str,
    family_copy: bool = False,
    recipient: Recipient = NOT_NAMED,
) -> MinutesData:
    """The minutes as the copy for ``recipient`` says them, its distribution list
    ending with this copy."""
    data = load_minutes_data(workspace, meeting_id=meeting_id, family_copy=family_copy)
    this_copy = preview_copy(
        recipient=recipient,
        copy=MinutesCopy.FAMILY if family_copy else MinutesCopy.FULL,
        version=data.version,
        draft=data.draft,
        actor=workspace.actor,
    )
    sent = list_distribution(workspace, meeting_id=meeting_id)
    entries = distribution_entries([*sent, this_copy], family_copy=family_copy)
    return dataclasses.replace(data, distribution=entries)


def write_distribution(out: Writer, data: MinutesData) -> None:
    """The distribution list: every copy made so far (the family copy lists the
    family's copies only)."""
    if not data.distribution:
        return
    out.heading("Distribution", 1)
    add_table(
        out.document,
        caption="Copies of these minutes",
        columns=(
            Column("For", 4.6),
            Column("Recipient", 2.8),
            Column("Copy", 2.6),
            Column("Version", 3.6),
            Column("Made", 3.4),
        ),
        rows=[
            (d.recipient, d.kind, d.copy, d.version, long_datetime(d.made_at))
            for d in data.distribution
        ],
    )
