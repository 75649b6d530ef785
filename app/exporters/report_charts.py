"""The report's charts as PNG images: the same bytes are shown on screen and
placed in the Word report, so what a manager sees is what goes to the partners.

Drawn with matplotlib's Agg renderer only (no pyplot, no GUI backend), so this
module never touches Qt. Colours are the Okabe–Ito palette, which readers with
colour-blindness can tell apart, and every bar carries its number.
"""

from __future__ import annotations

import dataclasses
import io
from collections.abc import Sequence
from typing import Any

from matplotlib import rc_context
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.typing import RcKeyType

from app.services.reporting import ReportFigures

BLUE, ORANGE, GREEN, GREY = "#0072B2", "#E69F00", "#009E73", "#BBBBBB"
WIDTH_IN = 7.0
LABEL_IN = 2.3
DPI = 120
STYLE: dict[RcKeyType, Any] = {
    "font.family": "DejaVu Sans",
    "font.size": 10,
    "axes.spines.top": False,
    "axes.spines.right": False,
    # Labels are agency names as typed: "$" must print, never start mathematics.
    "text.parse_math": False,
}


@dataclasses.dataclass(frozen=True)
class ReportChart:
    key: str
    title: str
    alt_text: str
    png: bytes


def draw_charts(figures: ReportFigures) -> tuple[ReportChart, ...]:
    """The four charts of the report, in the order they appear in it."""
    with rc_context(STYLE):
        return (
            _outcomes(figures),
            _rates(figures),
            _plans(figures),
            _attendance(figures),
        )


def _png(figure: Figure) -> bytes:
    buffer = io.BytesIO()
    # No "Software" or date chunk: the same figures always give the same bytes.
    figure.savefig(buffer, format="png", dpi=DPI, metadata={"Software": None})
    return buffer.getvalue()


def _barh(
    axes: Axes,
    labels: Sequence[str],
    values: Sequence[float],
    *,
    colour: str,
    texts: Sequence[str],
    offset: float = 0.0,
    height: float = 0.6,
    label: str | None = None,
) -> None:
    positions = [i + offset for i in range(len(labels))]
    bars = axes.barh(positions, values, height=height, color=colour, label=label)
    axes.bar_label(bars, labels=list(texts), padding=3, fontsize=9)


def _frame(rows: float, title: str) -> tuple[Figure, Axes]:
    height = 1.1 + 0.42 * rows
    # Fixed margins in inches (room for the longest label) rather than a layout
    # engine: they draw in a third of the time and keep every chart aligned.
    figure = Figure(figsize=(WIDTH_IN, height))
    figure.subplots_adjust(
        left=LABEL_IN / WIDTH_IN,
        right=1 - 0.25 / WIDTH_IN,
        top=1 - 0.5 / height,
        bottom=0.6 / height,
    )
    figure.suptitle(
        title, x=0.02, y=1 - 0.12 / height, ha="left", va="top", fontsize=11, fontweight="bold"
    )
    axes = figure.add_subplot()
    axes.invert_yaxis()
    return figure, axes


def _outcomes(figures: ReportFigures) -> ReportChart:
    labels = [c.label for c in figures.outcomes]
    counts = [c.count for c in figures.outcomes]
    title = f"Strategy meeting outcomes ({figures.strategy_meetings} held)"
    figure, axes = _frame(len(labels), title)
    _barh(axes, labels, counts, colour=BLUE, texts=[str(n) for n in counts])
    axes.set_yticks(range(len(labels)), labels)
    axes.set_xlim(0, max([*counts, 1]) * 1.15)
    axes.xaxis.get_major_locator().set_params(integer=True)  # type: ignore[call-arg]
    axes.set_xlabel("Meetings")
    alt = "; ".join(f"{c.label}: {c.count}" for c in figures.outcomes)
    return ReportChart("outcomes", title, f"Bar chart. {alt}.", _png(figure))


def _rates(figures: ReportFigures) -> ReportChart:
    shares = [
        ("Threshold met", figures.threshold_met),
        ("ICPC within 15 working days", figures.icpc_within_15_days),
    ]
    title = "Threshold and timeliness"
    figure, axes = _frame(len(shares), title)
    labels = [name for name, _ in shares]
    values = [100 * (s.rate or 0.0) for _, s in shares]
    _barh(axes, labels, values, colour=GREEN, texts=[s.text for _, s in shares])
    axes.set_yticks(range(len(labels)), labels)
    axes.set_xlim(0, 130)
    axes.set_xticks([0, 25, 50, 75, 100])
    axes.set_xlabel("Per cent")
    alt = "; ".join(f"{name}: {share.text}" for name, share in shares)
    return ReportChart("rates", title, f"Bar chart. {alt}.", _png(figure))


def _plans(figures: ReportFigures) -> ReportChart:
    rows = figures.plans_by_category
    labels = [c.category.label for c in rows]
    started = [c.started for c in rows]
    ended = [c.ended for c in rows]
    title = f"Child protection plans ({figures.plans_started} started, {figures.plans_ended} ended)"
    figure, axes = _frame(len(labels) * 1.4, title)
    _barh(
        axes,
        labels,
        started,
        colour=BLUE,
        texts=[str(n) for n in started],
        offset=-0.2,
        height=0.38,
        label="Started",
    )
    _barh(
        axes,
        labels,
        ended,
        colour=ORANGE,
        texts=[str(n) for n in ended],
        offset=0.2,
        height=0.38,
        label="Ended",
    )
    axes.set_yticks(range(len(labels)), labels)
    axes.set_xlim(0, max([*started, *ended, 1]) * 1.15)
    axes.xaxis.get_major_locator().set_params(integer=True)  # type: ignore[call-arg]
    axes.legend(loc="lower right", frameon=False)
    axes.set_xlabel("Plans (started by initial category, ended by latest)")
    alt = "; ".join(f"{c.category.label}: {c.started} started, {c.ended} ended" for c in rows)
    return ReportChart("plans", title, f"Bar chart. {alt}.", _png(figure))


def _attendance(figures: ReportFigures) -> ReportChart:
    rows = figures.attendance
    labels = [f.agency for f in rows]
    recorded = figures.attendance_recorded
    title = (
        f"Statutory agencies at the {recorded.part} meetings that recorded attendance "
        f"({recorded.whole} held)"
    )
    figure, axes = _frame(len(labels) * 1.2, title)
    represented = [100 * (f.represented.rate or 0.0) for f in rows]
    attended = [100 * (f.attended.rate or 0.0) for f in rows]
    # Represented (attended or sent information) behind, attended in front.
    axes.barh(
        range(len(labels)),
        represented,
        height=0.6,
        color=GREY,
        label="Attended or sent information",
    )
    axes.barh(range(len(labels)), attended, height=0.6, color=BLUE, label="Attended")
    # The figure goes after the longer of the two bars, so it never sits on the grey one.
    for row, figure_row in enumerate(rows):
        end = max(attended[row], represented[row])
        axes.text(end + 1.5, row, figure_row.attended.text, va="center", fontsize=9)
    axes.set_yticks(range(len(labels)), labels)
    axes.set_xlim(0, 130)
    axes.set_xticks([0, 25, 50, 75, 100])
    axes.set_xlabel("Per cent of the meetings that recorded attendance")
    axes.legend(loc="lower right", frameon=False, fontsize=8)
    alt = "; ".join(f"{f.agency}: attended {f.attended.text}" for f in rows)
    alt = f"{recorded.whole - recorded.part} meetings held recorded no attendance. {alt}"
    return ReportChart("attendance", title, f"Bar chart. {alt}.", _png(figure))
