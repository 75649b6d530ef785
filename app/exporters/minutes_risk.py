"""The minutes' "Risk to others" part: whether the child is thought to pose a risk of
harm to others, and if so to whom, what and which agencies are involved."""

from __future__ import annotations

from app.exporters.docx_base import Writer
from app.exporters.docx_tables import add_label_table
from app.exporters.minutes_model import MinutesData
from app.workflow.risk_to_others import QUESTION, RiskToOthersRow

NOT_RECORDED = "Not recorded yet. The meeting cannot close until it is."
RESTRICTED = "Restricted: not to be shared with the child's family."


def pairs(entry: RiskToOthersRow) -> list[tuple[str, str]]:
    """The part's rows: the answer, and for a risk, to whom, what and the agencies."""
    rows = [(QUESTION, entry.assessment.label)]
    if entry.poses_risk:
        rows += [
            ("To whom", entry.to_whom),
            ("What", entry.what),
            ("Agencies involved", entry.agencies_text),
        ]
    if entry.recorded_by:
        rows.append(("Recorded by", entry.recorded_by))
    return rows


def risk_to_others(out: Writer, data: MinutesData) -> None:
    entry = data.risk_to_others
    if entry is None:
        out.paragraph(NOT_RECORDED)
        return
    if data.risk_restricted:
        warning = out.paragraph()
        warning.add_run(RESTRICTED).bold = True
    table = add_label_table(
        out.document, caption="Risk to others", widths=(5.5, 11.5), pairs=pairs(entry)
    )
    for row in table.rows[:-1]:  # kept on one page
        for cell in row.cells:
            for paragraph in cell.paragraphs:
                paragraph.paragraph_format.keep_with_next = True
