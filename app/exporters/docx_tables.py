"""Tables for exported documents: fixed column widths that Word and LibreOffice
both honour, a heading row repeated on every page, shaded group rows and a
caption for screen readers."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Sequence
from typing import Any

from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm

TABLE_STYLE = "Table Grid"
TABLE_TEXT = "Table text"
HEADING_FILL = "D9E2F3"
GROUP_FILL = "F2F2F2"
LABEL_FILL = "F2F2F2"


@dataclasses.dataclass(frozen=True)
class Column:
    heading: str
    width_cm: float


@dataclasses.dataclass(frozen=True)
class GroupHeading:
    """A row spanning the whole table that starts a group (an agency, say)."""

    text: str


Row = Sequence[str] | GroupHeading


def shade(cell: Any, fill: str) -> None:
    shading = OxmlElement("w:shd")
    shading.set(qn("w:val"), "clear")
    shading.set(qn("w:color"), "auto")
    shading.set(qn("w:fill"), fill)
    cell._tc.get_or_add_tcPr().append(shading)


def set_cell_text(cell: Any, text: str, style_id: str, *, bold: bool = False) -> None:
    """``text`` in ``cell``, one paragraph per line, in the paragraph style ``style_id``."""
    lines = text.split("\n") if text else [""]
    paragraph = cell.paragraphs[0]
    for index, line in enumerate(lines):
        if index:
            paragraph = cell.add_paragraph()
        # Set by id: python-docx's lookup by style name scans every style.
        paragraph._p.style = style_id
        if line:
            run = paragraph.add_run(line)
            if bold:
                run.bold = True


def _caption(table: Any, text: str) -> None:
    # tblCaption is the last child tblPr allows, so appending keeps the order valid.
    caption = OxmlElement("w:tblCaption")
    caption.set(qn("w:val"), text)
    table._tbl.tblPr.append(caption)


def _repeat_as_heading(row: Any) -> None:
    row._tr.get_or_add_trPr().append(OxmlElement("w:tblHeader"))


def _keep_whole(row: Any) -> Any:
    """A row is never split over two pages; returns its cells."""
    row._tr.get_or_add_trPr().append(OxmlElement("w:cantSplit"))
    return row.cells


def _span_whole_row(row: Any, width_cm: float) -> None:
    """Make a new row one cell wide across the table (what merging gives, far cheaper)."""
    tr = row._tr
    first, *rest = tr.tc_lst
    for tc in rest:
        tr.remove(tc)
    first.width = Cm(width_cm)
    first.grid_span = len(rest) + 1


def _text_style_id(document: Any) -> str:
    return str(document.styles[TABLE_TEXT].style_id)


def _new_table(document: Any, widths: Sequence[float], caption: str) -> Any:
    table = document.add_table(rows=0, cols=len(widths))
    table.style = document.styles[TABLE_STYLE]
    table.autofit = False
    for column, width in zip(table.columns, widths, strict=True):
        column.width = Cm(width)
    _caption(table, caption)
    return table


def add_table(
    document: Any, *, columns: Sequence[Column], rows: Iterable[Row], caption: str
) -> Any:
    """A table with a heading row and ``rows`` (lists of cell texts or group headings)."""
    style = _text_style_id(document)
    table = _new_table(document, [c.width_cm for c in columns], caption)
    heading = table.add_row()
    _keep_whole(heading)
    _repeat_as_heading(heading)
    for cell, column in zip(heading.cells, columns, strict=True):
        set_cell_text(cell, column.heading, style, bold=True)
        shade(cell, HEADING_FILL)
    for row in rows:
        added = table.add_row()
        if isinstance(row, GroupHeading):
            _span_whole_row(added, sum(c.width_cm for c in columns))
            (merged, *_) = _keep_whole(added)
            set_cell_text(merged, row.text, style, bold=True)
            shade(merged, GROUP_FILL)
            continue
        cells = _keep_whole(added)
        for cell, text in zip(cells, row, strict=True):
            set_cell_text(cell, text, style)
    return table


def add_label_table(
    document: Any,
    *,
    pairs: Iterable[tuple[str, str]],
    caption: str,
    widths: tuple[float, float] = (5.0, 12.0),
) -> Any:
    """A two-column table of labels (shaded, bold) and their values."""
    style = _text_style_id(document)
    table = _new_table(document, widths, caption)
    for label, value in pairs:
        label_cell, value_cell = _keep_whole(table.add_row())
        set_cell_text(label_cell, label, style, bold=True)
        shade(label_cell, LABEL_FILL)
        set_cell_text(value_cell, value, style)
    return table
