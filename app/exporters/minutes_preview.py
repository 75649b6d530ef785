"""The family copy as text, for the chair to read on screen before it is exported.

The text comes from the very document the export writes (the same data, the
same renderer), read back in order: the page header, then every paragraph and
table of the body. What is on screen is what the family will read.
"""

from __future__ import annotations

from typing import Any

from docx.table import Table
from docx.text.paragraph import Paragraph

from app.exporters.minutes import render_minutes
from app.exporters.minutes_copies import minutes_for
from app.services.conduct.distribution import NOT_NAMED, Recipient
from app.storage.workspace import Workspace


def _table_lines(table: Table) -> list[str]:
    lines = []
    for row in table.rows:
        cells: list[str] = []
        for cell in row.cells:
            value = " ".join(cell.text.split())
            if not cells or cells[-1] != value:  # a merged cell repeats itself
                cells.append(value)
        lines.append("  |  ".join(cells))
    return lines


def document_text(document: Any) -> str:
    """The document's header and body as plain text, in reading order."""
    lines = [p.text for p in document.sections[0].header.paragraphs if p.text.strip()]
    lines.append("")
    for block in document.iter_inner_content():
        if isinstance(block, Paragraph):
            if block.text.strip():
                if block.style is not None and block.style.name.startswith("Heading"):
                    lines.append("")
                lines.append(block.text)
        elif isinstance(block, Table):
            lines.extend(_table_lines(block))
    return "\n".join(lines).strip() + "\n"


def family_copy_text(
    workspace: Workspace, *, meeting_id: str, recipient: Recipient = NOT_NAMED
) -> str:
    """The family copy of the minutes as it would be exported now (ExportError where
    the minutes are for professionals only)."""
    data = minutes_for(workspace, meeting_id=meeting_id, family_copy=True, recipient=recipient)
    return document_text(render_minutes(data))
