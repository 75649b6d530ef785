"""The activity report for the safeguarding partners, as a Word document.

:func:`render_report` lays out :class:`ReportFigures` and the chart images
the screen showed; :func:`export_report` reads the figures, writes the .docx
(and the .csv if asked) atomically and records the export in the audit log.
The report counts meetings and plans; it names no child.
"""

from __future__ import annotations

import dataclasses
import io
from pathlib import Path
from typing import Any

from docx.shared import Cm, Pt

from app import APP_NAME
from app.exporters.docx_base import (
    TEAM,
    DocumentProperties,
    add_marking,
    check_target,
    long_date,
    open_house_template,
    save_document,
    set_properties,
)
from app.exporters.docx_tables import Column, add_table
from app.exporters.docx_tables import add_label_table as label_table
from app.exporters.report_charts import ReportChart, draw_charts
from app.exporters.report_csv import check_csv_target, write_report_csv
from app.exporters.report_places import add_place_section
from app.services.reporting import COUNTING_NOTES, ReportFigures
from app.services.settings import get_settings
from app.storage import audit
from app.storage.workspace import Workspace

TITLE = "MACPT activity report"
CHART_WIDTH = Cm(16)


@dataclasses.dataclass(frozen=True)
class ReportExport:
    docx_path: Path
    csv_path: Path | None


def plan_length(days: float | None) -> str:
    """ "164.7 days (about 23.5 weeks)", or "no plans ended"."""
    if days is None:
        return "No plans ended in the period"
    return f"{days:.1f} days (about {days / 7:.1f} weeks)"


def timeliness_sentence(figures: ReportFigures) -> str:
    """The threshold and ICPC figures in words, as the report and the screen say them."""
    threshold = figures.threshold_met
    if threshold.whole:
        said = (
            f"Of the {threshold.whole} strategy meetings whose decision was recorded, the "
            f"significant-harm threshold was met at {threshold.part} ({threshold.percent}%)."
        )
    else:
        said = "No strategy meeting in the period recorded whether the threshold was met."
    icpc = figures.icpc_within_15_days
    if icpc.whole:
        said += (
            f" Of the {icpc.whole} initial child protection conferences that followed a recorded "
            f"strategy discussion, {icpc.part} ({icpc.percent}%) were held within "
            "15 working days of it."
        )
    else:
        said += " No initial conference in the period followed a recorded strategy discussion."
    return said


def attendance_sentence(figures: ReportFigures) -> str:
    """How much attendance was recorded, and what the attendance figures count."""
    recorded, invitees = figures.attendance_recorded, figures.invitees_attended
    if not recorded.part:
        return (
            f"None of the {figures.meetings_held} meetings held recorded attendance, "
            "so there is no attendance to report."
        )
    none = recorded.whole - recorded.part
    said = f"Attendance was recorded at {recorded.part} of {recorded.whole} meetings held"
    said += f"; {none} recorded none and are left out." if none else "."
    said += (
        f" At those {recorded.part}, {invitees.percent}% of the people invited attended "
        f"({invitees.part} of {invitees.whole}). Each agency's figure is the share of those "
        f"{recorded.part} meetings at which someone from it attended."
    )
    return said


def _picture(document: Any, chart: ReportChart) -> None:
    # The chart's title is drawn in the image, as on screen; no heading repeats it.
    shape = document.add_picture(io.BytesIO(chart.png), width=CHART_WIDTH)
    # Screen readers read the description; it carries the figures, not just a name.
    shape._inline.docPr.set("descr", chart.alt_text)
    shape._inline.docPr.set("title", chart.title)


def render_report(
    figures: ReportFigures, charts: tuple[ReportChart, ...], *, local_authority: str
) -> Any:
    """The report as a python-docx ``Document`` (not yet saved)."""
    chart = {c.key: c for c in charts}
    document = open_house_template()
    period = f"{long_date(figures.start)} to {long_date(figures.end)}"
    add_marking(document, draft=False, footer_note=f"{TITLE}, {period}")
    organisation = local_authority or "Local authority not set"
    document.add_paragraph(f"{organisation}\n{TEAM}", style="Organisation")
    document.add_paragraph(TITLE, style="Title")
    document.add_paragraph(f"Period: {period}", style="Status line")

    document.add_heading("Summary", level=1)
    label_table(
        document,
        caption="Summary of the period",
        pairs=[
            ("Meetings held", str(figures.meetings_held)),
            ("Strategy meetings held", str(figures.strategy_meetings)),
            (
                "Threshold met (of strategy meetings recording it)",
                figures.threshold_met.text,
            ),
            (
                "ICPCs within 15 working days (of those after a recorded strategy discussion)",
                figures.icpc_within_15_days.text,
            ),
            (
                "Transfer-in conferences within 15 working days of the notification",
                figures.transfer_in_conferences.text,
            ),
            (
                "Meetings that recorded attendance (of meetings held)",
                figures.attendance_recorded.text,
            ),
            ("ICPC timeframes extended", str(len(figures.extensions))),
            ("Plans started", str(figures.plans_started)),
            ("Plans ended", str(figures.plans_ended)),
            ("Average length of plans ended", plan_length(figures.average_plan_days)),
        ],
    )

    document.add_heading("Strategy meetings and their outcomes", level=1)
    add_table(
        document,
        caption="Strategy meeting outcomes",
        columns=[Column("Outcome", 12.0), Column("Meetings", 5.0)],
        rows=[(c.label, str(c.count)) for c in figures.outcomes],
    )
    _picture(document, chart["outcomes"])

    document.add_heading("Threshold and timeliness", level=1)
    document.add_paragraph(timeliness_sentence(figures))
    if figures.icpcs_without_strategy:
        document.add_paragraph(
            f"{figures.icpcs_without_strategy} initial conference(s) followed no section 47 "
            "enquiry on record and are not counted."
        )
    _picture(document, chart["rates"])
    _extensions(document, figures)

    document.add_heading("Child protection plans", level=1)
    add_table(
        document,
        caption="Plans started and ended by category",
        columns=[Column("Category", 9.0), Column("Started", 4.0), Column("Ended", 4.0)],
        rows=[
            *[(c.category.label, str(c.started), str(c.ended)) for c in figures.plans_by_category],
            ("All categories", str(figures.plans_started), str(figures.plans_ended)),
        ],
    )
    average = document.add_paragraph(
        f"Average length of the plans that ended: {plan_length(figures.average_plan_days)}."
    )
    average.paragraph_format.space_before = Pt(6)
    _picture(document, chart["plans"])
    document.add_heading("Why plans ended", level=1)
    add_table(
        document,
        caption="Discharge reasons",
        columns=[Column("Reason", 12.0), Column("Plans", 5.0)],
        rows=[(c.label, str(c.count)) for c in figures.discharge_reasons],
    )

    document.add_heading("Attendance by statutory agency", level=1)
    document.add_paragraph(attendance_sentence(figures))
    add_table(
        document,
        caption="Attendance by statutory agency",
        columns=[
            Column("Agency", 7.0),
            Column("Attended (of meetings that recorded attendance)", 5.0),
            Column("Attended or sent information (of the same meetings)", 5.0),
        ],
        rows=[(f.agency, f.attended.text, f.represented.text) for f in figures.attendance],
    )
    _picture(document, chart["attendance"])

    document.add_heading("Consultations", level=1)
    label_table(
        document,
        caption="Practitioners' consultations with the MACPT",
        pairs=[
            ("Consultations recorded", str(figures.consultations.whole)),
            ("Led to a strategy meeting (of consultations)", figures.consultations.text),
        ],
    )

    add_place_section(document, figures.places)
    document.add_heading("How the figures are counted", level=1)
    for note in COUNTING_NOTES:
        document.add_paragraph(note)
    set_properties(
        document,
        DocumentProperties(
            title=TITLE,
            subject=f"Figures for {period}",
            author=local_authority or APP_NAME,
            comments="Counts of meetings and plans for the safeguarding partners. No child is named.",
            content_status="Final",
            keywords="MACPT; report; OFFICIAL-SENSITIVE",
        ),
    )
    return document


def _extensions(document: Any, figures: ReportFigures) -> None:
    document.add_heading("Extensions of the ICPC timeframe", level=1)
    if not figures.extensions:
        document.add_paragraph("No extension was agreed in the period.")
        return
    add_table(
        document,
        caption="Extensions agreed",
        columns=[
            Column("Agreed on", 4.2),
            Column("15th working day", 4.2),
            Column("Agreed date", 4.2),
            Column("Exceptional circumstances confirmed", 4.4),
        ],
        rows=[
            (
                long_date(e.decided_on),
                long_date(e.default_due) if e.default_due else "Not recorded",
                long_date(e.target_date) if e.target_date else "Not recorded",
                "Yes" if e.exceptional_circumstances else "No",
            )
            for e in figures.extensions
        ],
    )


def export_report(
    workspace: Workspace,
    *,
    figures: ReportFigures,
    charts: tuple[ReportChart, ...] | None = None,
    docx_target: Path,
    csv_target: Path | None = None,
) -> ReportExport:
    """Write the report of ``figures`` to ``docx_target`` (and the figures to
    ``csv_target``), using ``charts`` when the screen already drew them.

    Both targets are checked before anything is written; each file is either
    complete or absent, never partial.
    """
    docx_target = check_target(docx_target)
    csv_path = check_csv_target(csv_target) if csv_target else None
    local_authority = get_settings(workspace).local_authority
    document = render_report(
        figures, charts or draw_charts(figures), local_authority=local_authority
    )
    with workspace.transaction() as session:
        audit.append(
            session, table="report", record_id=figures.start.isoformat(), action="export-report"
        )
        session.flush()
        written = save_document(document, docx_target)
        if csv_path is not None:
            write_report_csv(figures, csv_path)
    return ReportExport(written, csv_path)
