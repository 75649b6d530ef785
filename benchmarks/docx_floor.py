"""The floor a minutes export is compared with: the same paragraphs and tables written
by python-docx alone, with none of the app's template, fields or audit.

Shared by ``bench_minutes.py`` and ``bench_meeting.py``; the blocks are plain values
(JSON-ready), so one process can read them from an exported file and another write them.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

Block = tuple[str, Any]


def body_of(path: Path) -> list[Block]:
    """The exported document's paragraphs and tables, as plain values."""
    import docx

    blocks: list[Block] = []
    for block in docx.Document(str(path)).iter_inner_content():
        if isinstance(block, docx.table.Table):
            blocks.append(("table", [[c.text for c in row.cells] for row in block.rows]))
        else:
            style = block.style.name if block.style is not None else ""
            blocks.append(("paragraph", (style, block.text)))
    return blocks


def heading_level(style: str) -> int | None:
    """The heading level python-docx would give a paragraph of ``style`` (None: body text)."""
    if style == "Title":
        return 0
    if style.startswith("Heading ") and style.split()[-1].isdigit():
        return int(style.split()[-1])
    return None


def is_group_row(row: list[str]) -> bool:
    """A row whose cells all say the same: a merged group heading in the export."""
    return len(row) > 1 and len(set(row)) == 1


def bare(blocks: list[Block], target: Path) -> None:
    """The same content with python-docx and nothing more."""
    import docx

    document = docx.Document()
    for kind, value in blocks:
        if kind == "paragraph":
            style, text = value
            level = heading_level(style)
            if level is None:
                document.add_paragraph(text)
            else:
                document.add_heading(text, level=level)
            continue
        table = document.add_table(rows=0, cols=len(value[0]))
        table.style = "Table Grid"
        for row in value:
            cells = table.add_row().cells
            if is_group_row(row):
                # A group row: its text once. Not merged, which python-docx does
                # slowly, so that the baseline is never flattered.
                cells[0].text = row[0]
                continue
            for cell, text in zip(cells, row, strict=True):
                cell.text = text
    document.save(str(target))
