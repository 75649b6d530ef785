"""ReportsView with pytest-qt: the period, the figures, the charts and the exports."""

from __future__ import annotations

import csv
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from app.exporters.report_charts import draw_charts
from app.storage.workspace import Workspace
from app.ui.background import wait_for_background_work
from app.ui.reports_view import FixedReportDialogs, ReportsView
from tests.reporting_fixture import END, START, build_reporting_workspace


@pytest.fixture
def reporting_workspace(tmp_path: Path) -> Iterator[Workspace]:
    workspace = build_reporting_workspace(tmp_path)
    yield workspace
    wait_for_background_work()
    workspace.close()


def _shown(qtbot: QtBot, view: ReportsView) -> None:
    view.set_period(START, END)
    with qtbot.waitSignal(view.figures_shown):
        qtbot.mouseClick(view.show_button, Qt.MouseButton.LeftButton)


def test_figures_and_the_same_charts_as_the_report(
    qtbot: QtBot, reporting_workspace: Workspace
) -> None:
    view = ReportsView(reporting_workspace, FixedReportDialogs())
    qtbot.addWidget(view)
    assert not view.docx_button.isEnabled()
    _shown(qtbot, view)
    figures = view.figures()
    assert figures is not None and (figures.start, figures.end) == (START, END)
    assert "threshold was met at 2 (50%)" in view.summary.text()
    assert "1 (33%) were held within 15 working days" in view.summary.text()
    assert len(view.chart_labels) == 4
    assert all(not label.pixmap().isNull() for label in view.chart_labels)
    assert [c.png for c in view.charts()] == [c.png for c in draw_charts(figures)]
    assert view.chart_labels[1].accessibleDescription().startswith("Bar chart. Threshold met")
    assert view.docx_button.isEnabled() and view.csv_button.isEnabled()


def test_export_docx_and_csv_through_the_injected_dialogs(
    qtbot: QtBot, reporting_workspace: Workspace, tmp_path: Path
) -> None:
    dialogs = FixedReportDialogs(report=tmp_path / "report.docx", csv=tmp_path / "figures.csv")
    view = ReportsView(reporting_workspace, dialogs)
    qtbot.addWidget(view)
    _shown(qtbot, view)
    with qtbot.waitSignal(view.exported) as written:
        qtbot.mouseClick(view.docx_button, Qt.MouseButton.LeftButton)
    assert written.args == [str(tmp_path / "report.docx")]
    assert dialogs.asked[0].name == "macpt-report-2026-09-01-to-2026-11-30.docx"
    with zipfile.ZipFile(tmp_path / "report.docx") as package:
        media = sorted(package.read(n) for n in package.namelist() if n.startswith("word/media/"))
    assert media == sorted(c.png for c in view.charts())
    with qtbot.waitSignal(view.exported):
        qtbot.mouseClick(view.csv_button, Qt.MouseButton.LeftButton)
    with (tmp_path / "figures.csv").open(encoding="utf-8-sig") as handle:
        rows = {(r[0], r[1]): r[2] for r in csv.reader(handle)}
    assert rows[("Plans started", "Sexual abuse")] == "2"
    assert "Wrote the figures to" in view.message.text()


def test_cancelling_a_dialog_writes_nothing(
    qtbot: QtBot, reporting_workspace: Workspace, tmp_path: Path
) -> None:
    view = ReportsView(reporting_workspace, FixedReportDialogs())
    qtbot.addWidget(view)
    _shown(qtbot, view)
    before = set(tmp_path.iterdir())
    qtbot.mouseClick(view.docx_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(view.csv_button, Qt.MouseButton.LeftButton)
    assert set(tmp_path.iterdir()) == before
    assert not view.message.isVisible()


def test_a_backwards_period_is_explained(qtbot: QtBot, reporting_workspace: Workspace) -> None:
    view = ReportsView(reporting_workspace, FixedReportDialogs())
    qtbot.addWidget(view)
    view.show()
    view.set_period(END, START)
    with qtbot.waitSignal(view.work_finished):
        qtbot.mouseClick(view.show_button, Qt.MouseButton.LeftButton)
    assert "ends before it starts" in view.message.text()
    assert view.figures() is None
    assert not view.docx_button.isEnabled()


def test_the_figures_are_counted_in_the_background_with_progress(
    qtbot: QtBot, reporting_workspace: Workspace
) -> None:
    view = ReportsView(reporting_workspace, FixedReportDialogs())
    qtbot.addWidget(view)
    view.show()
    view.set_period(START, END)
    steps: list[tuple[int, int, str]] = []
    bar = view.progress
    bar.valueChanged.connect(lambda v: steps.append((v, bar.maximum(), bar.format())))
    with qtbot.waitSignal(view.figures_shown):
        qtbot.mouseClick(view.show_button, Qt.MouseButton.LeftButton)
        # The click has returned before any figure was counted: the window still answers.
        assert view.is_working() and view.figures() is None
        assert view.progress.isVisible()
        assert not view.show_button.isEnabled() and not view.docx_button.isEnabled()
    assert not view.is_working() and not view.progress.isVisible()
    assert view.figures() is not None and view.show_button.isEnabled()
    assert steps[-1] == (1, 2, "Drawing the charts…")


def test_clearing_while_counting_drops_the_late_result(
    qtbot: QtBot, reporting_workspace: Workspace
) -> None:
    view = ReportsView(reporting_workspace, FixedReportDialogs())
    qtbot.addWidget(view)
    view.set_period(START, END)
    shown: list[None] = []
    view.figures_shown.connect(lambda: shown.append(None))
    view.show_figures()
    view.clear()
    wait_for_background_work()
    qtbot.wait(0)  # deliver anything the pool sent back
    assert view.figures() is None and not shown and not view.is_working()
