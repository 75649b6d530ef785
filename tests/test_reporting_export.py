"""The report as .docx (read back with python-docx) and .csv (parsed back), and its charts."""

from __future__ import annotations

import csv
import dataclasses
import zipfile
from collections.abc import Iterator
from pathlib import Path

import docx
import pytest
from sqlalchemy import select

from app.errors import ExportError
from app.exporters.report import TITLE, export_report
from app.exporters.report_charts import ReportChart, draw_charts
from app.exporters.report_csv import HEADER
from app.models import AuditEntry
from app.services.reporting import ReportFigures, report_figures
from app.storage.workspace import Workspace
from tests.reporting_fixture import END, EXTENSION_REASON, START, build_reporting_workspace

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


@pytest.fixture(scope="module")
def reporting_workspace(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Workspace]:
    workspace = build_reporting_workspace(tmp_path_factory.mktemp("report-export"))
    yield workspace
    workspace.close()


@pytest.fixture(scope="module")
def figures(reporting_workspace: Workspace) -> ReportFigures:
    return report_figures(reporting_workspace, start=START, end=END)


@pytest.fixture(scope="module")
def charts(figures: ReportFigures) -> tuple[ReportChart, ...]:
    return draw_charts(figures)


@pytest.fixture(scope="module")
def exported(
    reporting_workspace: Workspace,
    figures: ReportFigures,
    charts: tuple[ReportChart, ...],
    tmp_path_factory: pytest.TempPathFactory,
) -> tuple[Path, Path]:
    folder = tmp_path_factory.mktemp("out")
    result = export_report(
        reporting_workspace,
        figures=figures,
        charts=charts,
        docx_target=folder / "report.docx",
        csv_target=folder / "figures.csv",
    )
    assert result.csv_path is not None
    return result.docx_path, result.csv_path


def test_charts_are_png_images_with_their_figures_in_the_alt_text(
    charts: tuple[ReportChart, ...], figures: ReportFigures
) -> None:
    assert [c.key for c in charts] == ["outcomes", "rates", "plans", "attendance"]
    for chart in charts:
        assert chart.png.startswith(PNG_SIGNATURE)
    rates = next(c for c in charts if c.key == "rates")
    assert "Threshold met: 2 of 4 (50%)" in rates.alt_text
    assert "ICPC within 15 working days: 1 of 3 (33%)" in rates.alt_text
    # The same figures draw the same bytes: the screen and the document match.
    assert draw_charts(figures)[0].png == charts[0].png


def test_agency_names_with_dollar_signs_draw_as_typed(figures: ReportFigures) -> None:
    """Matplotlib reads "$...$" as mathematics: a name typed with two "$" would
    fail to draw (or turn into a formula) without the report's style."""
    odd = dataclasses.replace(
        figures,
        attendance=tuple(
            dataclasses.replace(row, agency=f"{row.agency} $\\unknown^$ fund")
            for row in figures.attendance
        ),
    )
    charts = draw_charts(odd)
    assert charts[-1].png.startswith(PNG_SIGNATURE)
    assert "$\\unknown^$" in charts[-1].alt_text


def test_docx_has_headings_figures_and_the_charts_as_pictures(
    exported: tuple[Path, Path], charts: tuple[ReportChart, ...]
) -> None:
    document = docx.Document(str(exported[0]))
    headings = [p.text for p in document.paragraphs if p.style.name == "Heading 1"]
    assert headings == [
        "Summary",
        "Strategy meetings and their outcomes",
        "Threshold and timeliness",
        "Extensions of the ICPC timeframe",
        "Child protection plans",
        "Why plans ended",
        "Attendance by statutory agency",
        "Consultations",
        "Where the harm happened",
        "How the figures are counted",
    ]
    text = "\n".join(p.text for p in document.paragraphs)
    assert TITLE in text
    assert "Period: Tuesday 1 September 2026 to Monday 30 November 2026" in text
    assert "164.7 days (about 23.5 weeks)" in text
    cells = {c.text for t in document.tables for row in t.rows for c in row.cells}
    assert {"2 of 4 (50%)", "1 of 3 (33%)", "3 of 10 (30%)", "4 of 10 (40%)"} <= cells
    # No free text from case records: an extension's reason stays in the minutes.
    assert EXTENSION_REASON not in text and all(EXTENSION_REASON not in c for c in cells)
    assert "Attendance was recorded at 10 of 10 meetings held." in text
    assert "Attended (of meetings that recorded attendance)" in cells
    assert "Monday 9 November 2026" in cells
    summary = {row.cells[0].text: row.cells[1].text for row in document.tables[0].rows}
    assert summary["Strategy meetings held"] == "5"
    assert summary["Plans started"] == "5"
    # Every chart is an inline picture, and the very bytes the screen showed.
    assert len(document.inline_shapes) == len(charts)
    with zipfile.ZipFile(exported[0]) as package:
        media = {n: package.read(n) for n in package.namelist() if n.startswith("word/media/")}
        core = package.read("docProps/core.xml").decode()
        body = package.read("word/document.xml").decode()
    assert sorted(media.values()) == sorted(c.png for c in charts)
    assert 'descr="Bar chart. S47 (single-agency): 1' in body
    assert "DEMOR0" not in body and "DEMOR0" not in core  # no child is named
    assert "python-docx" not in core


def test_csv_parses_back_to_the_figures(exported: tuple[Path, Path]) -> None:
    with exported[1].open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle))
    assert tuple(rows[0]) == HEADER
    table = {(r[0], r[1]): r[2:] for r in rows[1:]}
    assert table[("Period", "Start")][0] == "2026-09-01"
    assert table[("Strategy meetings", "Held")][0] == "5"
    assert table[("Threshold", "Met")][:3] == ["2", "4", "50"]
    assert table[("ICPC timeliness", "Within 15 working days")][:3] == ["1", "3", "33"]
    assert table[("Plans started", "Sexual abuse")][0] == "2"
    assert table[("Plans ended", "Average length (days)")][0] == "164.7"
    assert table[("ICPC extension", "Agreed on 2026-10-12")] == [
        "2026-11-09",
        "",
        "",
        "exceptional circumstances confirmed",
    ]
    assert EXTENSION_REASON not in exported[1].read_text(encoding="utf-8-sig")
    # Each share says what it is out of.
    assert table[("Threshold", "Met")][3].startswith("out of strategy meetings")
    assert table[("Attendance", "Meetings that recorded attendance")] == [
        "10",
        "10",
        "100",
        "out of meetings held",
    ]
    assert table[("Attendance", "People invited who attended")][:3] == ["15", "17", "88"]
    # The reporting fixture records no consultations: counted as none, never left out.
    assert table[("Consultations", "Recorded")][0] == "0"
    assert table[("Consultations", "Led to a strategy meeting")][:3] == ["0", "0", ""]
    police = next(
        k for k in table if k[0] == "Attendance" and k[1].endswith(": attended") and "olice" in k[1]
    )
    assert table[police] == ["3", "10", "30", "out of meetings held that recorded attendance"]


def test_export_is_audited(exported: tuple[Path, Path], reporting_workspace: Workspace) -> None:
    with reporting_workspace.reading() as session:
        actions = session.scalars(
            select(AuditEntry.action).where(AuditEntry.record_table == "report")
        ).all()
    assert "export-report" in actions


def test_a_missing_folder_leaves_nothing_behind(
    reporting_workspace: Workspace, figures: ReportFigures, tmp_path: Path
) -> None:
    with pytest.raises(ExportError, match="does not exist"):
        export_report(
            reporting_workspace,
            figures=figures,
            docx_target=tmp_path / "report.docx",
            csv_target=tmp_path / "missing" / "figures.csv",
        )
    assert list(tmp_path.iterdir()) == []
    with pytest.raises(ExportError, match=r"does not end in \.csv"):
        export_report(
            reporting_workspace,
            figures=figures,
            docx_target=tmp_path / "report.docx",
            csv_target=tmp_path / "figures.txt",
        )
