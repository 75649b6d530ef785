"""Reports: pick a period, see the figures and charts, export them as .docx or .csv.

The charts on screen are the very PNG images the Word report carries
(app.exporters.report_charts), so what is seen is what is sent.

The figures are counted, the charts drawn and the report written on the
thread pool (``app.ui.background``), with a progress bar, so the window stays
responsive on a workspace of many years.

Signals:
    figures_shown(): the figures and charts for the chosen period are on screen.
    exported(str): a file was written (its path).
    work_finished(): background work ended, whether or not it succeeded.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import Any, Protocol

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import (
    QDateEdit,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from app import clock
from app.census import census_period
from app.exporters.report import (
    attendance_sentence,
    export_report,
    plan_length,
    timeliness_sentence,
)
from app.exporters.report_charts import ReportChart, draw_charts
from app.exporters.report_csv import write_report_csv
from app.exporters.report_places import headline_pairs
from app.paths import default_export_dir
from app.services.reporting import ReportFigures, report_figures
from app.storage.workspace import Workspace
from app.ui.background import Job, Progress
from app.ui.widgets import heading, hint, message_label, named, show_message, user_message


class ReportDialogs(Protocol):
    def choose_report(self, parent: QWidget | None, suggested: Path) -> Path | None:
        """Where to write the .docx report, or ``None`` if the user cancelled."""

    def choose_csv(self, parent: QWidget | None, suggested: Path) -> Path | None:
        """Where to write the .csv figures, or ``None`` if the user cancelled."""


class QtReportDialogs:
    def choose_report(self, parent: QWidget | None, suggested: Path) -> Path | None:
        name, _ = QFileDialog.getSaveFileName(
            parent, "Export the report", str(suggested), "Word documents (*.docx)"
        )
        return _with_suffix(name, ".docx")

    def choose_csv(self, parent: QWidget | None, suggested: Path) -> Path | None:
        name, _ = QFileDialog.getSaveFileName(
            parent, "Export the figures", str(suggested), "CSV files (*.csv)"
        )
        return _with_suffix(name, ".csv")


class FixedReportDialogs:
    """Answers given in advance, for tests and scripted demonstrations."""

    def __init__(self, *, report: Path | None = None, csv: Path | None = None) -> None:
        self.report, self.csv = report, csv
        self.asked: list[Path] = []

    def choose_report(self, parent: QWidget | None, suggested: Path) -> Path | None:
        self.asked.append(suggested)
        return self.report

    def choose_csv(self, parent: QWidget | None, suggested: Path) -> Path | None:
        self.asked.append(suggested)
        return self.csv


def _with_suffix(name: str, suffix: str) -> Path | None:
    if not name:
        return None
    path = Path(name)
    return path if path.suffix else path.with_suffix(suffix)


def _qdate(day: dt.date) -> QDate:
    return QDate(day.year, day.month, day.day)


def _date(value: QDate) -> dt.date:
    return dt.date(value.year(), value.month(), value.day())


class ReportsView(QWidget):
    """Figures and charts for a period, with their export."""

    figures_shown = Signal()
    exported = Signal(str)
    work_finished = Signal()

    def __init__(
        self,
        workspace: Workspace,
        dialogs: ReportDialogs | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._workspace = workspace
        self._dialogs: ReportDialogs = dialogs or QtReportDialogs()
        self._figures: ReportFigures | None = None
        self._charts: tuple[ReportChart, ...] = ()
        self._job: Job | None = None
        today = clock.today()
        self.start = self._date_edit(census_period(today).start, "From")
        self.end = self._date_edit(today, "To")
        self.show_button = named(QPushButton("&Show figures"), "Show figures")
        self.show_button.clicked.connect(self.show_figures)
        self.docx_button = named(QPushButton("Export report (.&docx)…"), "Export report as .docx")
        self.docx_button.clicked.connect(self._on_export_docx)
        self.csv_button = named(QPushButton("Export figures (.&csv)…"), "Export figures as .csv")
        self.csv_button.clicked.connect(self._on_export_csv)
        for button in (self.docx_button, self.csv_button):
            button.setEnabled(False)
        self.message = message_label("Reports message")
        self.progress = named(QProgressBar(), "Report progress")
        self.progress.setTextVisible(True)
        self.progress.hide()
        self.summary = hint("Choose a period and press Show figures.")
        self.summary.setObjectName("report-summary")
        self.figures_form = QFormLayout()
        self.chart_labels: list[QLabel] = []

        period = QHBoxLayout()
        for label, edit in (("Fro&m", self.start), ("&To", self.end)):
            caption = QLabel(label)
            caption.setBuddy(edit)
            # Never narrower than its words at the current text size ("To" cut to "Tc").
            caption.setSizePolicy(QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Preferred)
            caption.setMinimumWidth(
                caption.fontMetrics().horizontalAdvance(label.replace("&", "")) + 6
            )
            period.addWidget(caption)
            period.addWidget(edit)
        period.addWidget(self.show_button)
        period.addStretch(1)
        # The exports sit on their own row so that the page fits at twice the text size.
        exports = QHBoxLayout()
        exports.addWidget(self.docx_button)
        exports.addWidget(self.csv_button)
        exports.addStretch(1)

        body = QWidget()
        self._body = QVBoxLayout(body)
        self._body.addWidget(self.summary)
        self._body.addLayout(self.figures_form)
        self._charts_box = QVBoxLayout()
        self._body.addLayout(self._charts_box)
        self._body.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(body)
        named(scroll, "Figures and charts")

        layout = QVBoxLayout(self)
        layout.addWidget(heading("Reports"))
        layout.addWidget(
            hint(
                "Figures for the safeguarding partners: strategy meetings, conference "
                "timeliness, plans and attendance. No child is named in the exports."
            )
        )
        layout.addLayout(period)
        layout.addLayout(exports)
        layout.addWidget(self.progress)
        layout.addWidget(self.message)
        layout.addWidget(scroll, 1)

    def _date_edit(self, day: dt.date, name: str) -> QDateEdit:
        edit = QDateEdit(_qdate(day))
        edit.setCalendarPopup(True)
        edit.setDisplayFormat("d MMM yyyy")
        return named(edit, name)

    # -- public ---------------------------------------------------------------
    def set_period(self, start: dt.date, end: dt.date) -> None:
        self.start.setDate(_qdate(start))
        self.end.setDate(_qdate(end))

    def figures(self) -> ReportFigures | None:
        return self._figures

    def charts(self) -> tuple[ReportChart, ...]:
        return self._charts

    def refresh(self) -> None:
        """Called when the page is shown: the first visit shows this year's figures."""
        if self._figures is None:
            self.show_figures()

    def show_figures(self) -> None:
        """Count the figures for the chosen period and draw their charts, in the
        background; ``figures_shown`` says when they are on screen."""
        start, end = _date(self.start.date()), _date(self.end.date())
        workspace = self._workspace

        def work(progress: Progress) -> tuple[ReportFigures, tuple[ReportChart, ...]]:
            progress(0, 2, "Counting the figures…")
            figures = report_figures(workspace, start=start, end=end)
            progress(1, 2, "Drawing the charts…")
            return figures, draw_charts(figures)

        if self._figures is None:  # not "Choose a period…" while they are being counted
            self.summary.setText("Working out the figures for the period you chose…")
        self._start(work, self._on_figures, "Counting the figures…")

    def is_working(self) -> bool:
        return self._job is not None

    def clear(self) -> None:
        """Forget the figures (the workspace is locking)."""
        self._stop()
        self._figures, self._charts = None, ()
        self.summary.setText("")
        self._clear_figures()
        for button in (self.docx_button, self.csv_button):
            button.setEnabled(False)

    # -- background work -----------------------------------------------------
    def _start(
        self, work: Callable[[Progress], Any], on_done: Callable[[Any], None], what: str
    ) -> None:
        self._stop()
        show_message(self.message, "")
        for button in (self.show_button, self.docx_button, self.csv_button):
            button.setEnabled(False)
        self.progress.setRange(0, 0)  # busy until the first step is reported
        self.progress.setFormat(what)
        self.progress.show()
        job = Job(self)
        job.progress.connect(self._on_progress)
        job.done.connect(on_done)
        job.failed.connect(self._on_failed)
        self._job = job.start(work)

    def _stop(self) -> None:
        if self._job is not None:
            self._job.cancel()
            self._job.deleteLater()
            self._job = None
        self.progress.hide()
        self.show_button.setEnabled(True)

    def _finish(self) -> None:
        self._stop()
        ready = self._figures is not None
        self.docx_button.setEnabled(ready)
        self.csv_button.setEnabled(ready)
        self.work_finished.emit()

    def _on_progress(self, step: int, steps: int, what: str) -> None:
        self.progress.setFormat(what)
        self.progress.setRange(0, steps)
        self.progress.setValue(step)

    def _on_failed(self, exc: object) -> None:
        self._finish()
        assert isinstance(exc, Exception)
        show_message(self.message, user_message(exc), error=True)

    def _on_figures(self, result: tuple[ReportFigures, tuple[ReportChart, ...]]) -> None:
        self._figures, self._charts = result
        self._draw()
        self._finish()
        self.figures_shown.emit()

    # -- drawing -------------------------------------------------------------
    def _clear_figures(self) -> None:
        while self.figures_form.rowCount():
            self.figures_form.removeRow(0)
        for label in self.chart_labels:
            self._charts_box.removeWidget(label)
            label.deleteLater()
        self.chart_labels = []

    def _draw(self) -> None:
        figures = self._figures
        assert figures is not None
        self._clear_figures()
        self.summary.setText(f"{timeliness_sentence(figures)} {attendance_sentence(figures)}")
        for caption, value in (
            ("Meetings held", str(figures.meetings_held)),
            ("Strategy meetings held", str(figures.strategy_meetings)),
            ("ICPC timeframes extended", str(len(figures.extensions))),
            ("Plans started", str(figures.plans_started)),
            ("Plans ended", str(figures.plans_ended)),
            ("Average length of plans ended", plan_length(figures.average_plan_days)),
            *headline_pairs(figures.places),
        ):
            shown = QLabel(value)
            shown.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            self.figures_form.addRow(caption, named(shown, caption, value))
        for chart in self._charts:
            label = QLabel()
            pixmap = QPixmap()
            pixmap.loadFromData(chart.png, "PNG")
            label.setPixmap(pixmap)
            label.setAlignment(Qt.AlignmentFlag.AlignLeft)
            named(label, chart.title, chart.alt_text)
            label.setToolTip(chart.alt_text)
            self._charts_box.addWidget(label)
            self.chart_labels.append(label)

    # -- export ---------------------------------------------------------------
    def _suggested(self, suffix: str) -> Path:
        assert self._figures is not None
        name = f"macpt-report-{self._figures.start.isoformat()}-to-{self._figures.end.isoformat()}"
        return default_export_dir() / f"{name}{suffix}"

    def _on_export_docx(self) -> None:
        if self._figures is None:
            return
        target = self._dialogs.choose_report(self, self._suggested(".docx"))
        if target is None:
            return
        workspace, figures, charts = self._workspace, self._figures, self._charts

        def work(progress: Progress) -> str:
            progress(0, 1, "Writing the report…")
            written = export_report(workspace, figures=figures, charts=charts, docx_target=target)
            return str(written.docx_path)

        self._start(work, self._on_exported, "Writing the report…")

    def _on_exported(self, path: str) -> None:
        self._finish()
        show_message(self.message, f"Wrote the report to {path}.")
        self.exported.emit(path)

    def _on_export_csv(self) -> None:
        if self._figures is None:
            return
        target = self._dialogs.choose_csv(self, self._suggested(".csv"))
        if target is None:
            return
        try:
            written = write_report_csv(self._figures, target)
        except Exception as exc:
            show_message(self.message, user_message(exc), error=True)
            return
        show_message(self.message, f"Wrote the figures to {written}.")
        self.exported.emit(str(written))
