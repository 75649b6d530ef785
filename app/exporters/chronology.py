"""A child's chronology for court as a Word document: Date | Event | Source | Significance.

Landscape, so the significance column has room; the heading row repeats on
every page; OFFICIAL-SENSITIVE and "Page X of Y" on every page. The first page
says that restricted information is included and who the document is for.
File properties carry no name: only the title and the fact of the marking.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from docx.enum.section import WD_ORIENT
from docx.shared import Cm

from app import APP_NAME
from app.exporters.docx_base import (
    DRAFT_COLOUR,
    TEAM,
    DocumentProperties,
    add_marking,
    check_target,
    open_house_template,
    save_document,
    set_properties,
)
from app.exporters.docx_tables import Column, add_label_table, add_table
from app.services.chronology import Chronology, chronology, log_chronology_export
from app.storage.workspace import Workspace

TITLE = "Chronology for court"
RESTRICTED_STATEMENT = (
    "This chronology includes restricted information: information that agencies "
    "shared in confidence and that is taken out of copies for the family. It is for "
    "the court and the local authority's lawyers only. Do not copy it or pass it on "
    "to anyone else."
)
COLUMNS = ("Date", "Event", "Source", "Significance")


def court_date(day: Any) -> str:
    """The date as family court chronologies write it: "14 December 2026"."""
    return f"{day.day} {day:%B %Y}"


def _landscape(document: Any) -> float:
    """Turn every section to landscape; the width left for text, in centimetres."""
    for section in document.sections:
        if section.orientation != WD_ORIENT.LANDSCAPE:
            width, height = section.page_width, section.page_height
            section.orientation = WD_ORIENT.LANDSCAPE
            section.page_width, section.page_height = max(width, height), min(width, height)
    section = document.sections[0]
    usable = section.page_width - section.left_margin - section.right_margin
    return int(usable) / int(Cm(1))


def render_chronology(data: Chronology) -> Any:
    """The chronology as a python-docx ``Document`` (not yet saved)."""
    document = open_house_template()
    width = _landscape(document)
    add_marking(document, draft=False, footer_note=f"{TITLE}, {data.child_ref}")
    organisation = "\n".join(p for p in (data.local_authority, TEAM) if p)
    document.add_paragraph(organisation, style="Organisation")
    document.add_paragraph(TITLE, style="Title")
    statement = document.add_paragraph(style="Status line").add_run(RESTRICTED_STATEMENT)
    statement.bold = True
    statement.font.color.rgb = DRAFT_COLOUR
    child = data.child_ref
    if data.child_name:
        child = f"{data.child_name} (reference {data.child_ref})"
    pairs = [("Child", child)]
    if data.date_of_birth:
        pairs.append(("Date of birth", court_date(data.date_of_birth)))
    pairs += [
        ("Prepared on", court_date(data.made_on)),
        ("Entries", f"{len(data.entries)}, oldest first"),
    ]
    add_label_table(document, pairs=pairs, caption="About this chronology")
    document.add_heading("Chronology", level=1)
    date_w, source_w = 3.6, 4.5
    rest = max(width - date_w - source_w, 12.0)
    add_table(
        document,
        caption=TITLE,
        columns=(
            Column(COLUMNS[0], date_w),
            Column(COLUMNS[1], rest * 0.42),
            Column(COLUMNS[2], source_w),
            Column(COLUMNS[3], rest * 0.58),
        ),
        rows=[
            (court_date(entry.on), entry.event, entry.source, entry.significance)
            for entry in data.entries
        ],
    )
    if not data.entries:
        document.add_paragraph("Nothing dated is recorded for this child yet.")
    set_properties(
        document,
        DocumentProperties(
            title=TITLE,
            subject=TITLE,
            author=data.local_authority or APP_NAME,
            comments="Includes restricted information: for the court and the local "
            "authority's lawyers only.",
            content_status="Final",
            keywords="MACPT; chronology; OFFICIAL-SENSITIVE",
        ),
    )
    return document


def export_chronology(
    workspace: Workspace,
    *,
    target: Path,
    child_ref: str | None = None,
    child_id: str | None = None,
) -> Path:
    """Write the child's chronology to ``target`` atomically, and audit the export."""
    target = check_target(target)
    data = chronology(workspace, child_ref=child_ref, child_id=child_id)
    written = save_document(render_chronology(data), target)
    log_chronology_export(workspace, child_id=data.child_id)
    return written
