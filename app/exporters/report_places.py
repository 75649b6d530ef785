"""The report's section on review conferences, repeat and long plans and
consultations, each split by where the harm happened; and the same figures as
.csv rows. Only counts and fixed labels: no case record's text."""

from __future__ import annotations

from typing import Any

from docx.shared import Pt

from app.exporters.docx_tables import Column, GroupHeading, add_table
from app.services.reporting import Share
from app.services.reporting_places import HarmPlace, PlaceFigure, PlaceFigures

HEADING = "Where the harm happened"
INTRO = (
    "Each figure counts its measure out of the whole it names, for all children and by "
    "where the harm happened. A share reads \u201cpart of whole (percentage)\u201d."
)


def _short(share: Share) -> str:
    return "none" if not share.whole else f"{share.part} of {share.whole} ({share.percent}%)"


def add_place_section(document: Any, places: PlaceFigures | None) -> None:
    """The section, after the consultations and before how the figures are counted."""
    if places is None or not places.figures:
        return
    document.add_heading(HEADING, level=1)
    document.add_paragraph(INTRO)
    rows: list[Any] = []
    section = ""
    for figure in places.figures:
        if figure.section != section:
            section = figure.section
            rows.append(GroupHeading(section))
        rows.append(
            (
                f"{figure.measure} (of {figure.out_of})",
                _short(figure.all),
                *(_short(share) for _, share in figure.by_place),
            )
        )
    add_table(
        document,
        caption="Figures by where the harm happened",
        columns=[
            Column("Measure (of what it counts)", 4.6),
            Column("All", 2.4),
            *(Column(place.label, 2.4) for place in HarmPlace),
        ],
        rows=rows,
    )
    for number, note in enumerate(places.notes):
        paragraph = document.add_paragraph(note)
        if not number:
            paragraph.paragraph_format.space_before = Pt(6)  # clear of the table


def headline_pairs(places: PlaceFigures | None) -> list[tuple[str, str]]:
    """The figures for all children, as (what it counts, share) pairs for the screen."""
    return [
        (f"{f.section}: {f.measure.lower()} (of {f.out_of})", f.all.text)
        for f in (places.figures if places else ())
        if f.section != "Consultations"  # the screen's consultations are in the report
    ]


def _row(figure: PlaceFigure, place: str, share: Share) -> tuple[str, ...]:
    percent = "" if share.percent is None else str(share.percent)
    return (
        figure.section,
        f"{figure.measure}: {place}",
        str(share.part),
        str(share.whole),
        percent,
        f"out of {figure.out_of}",
    )


def place_rows(places: PlaceFigures | None) -> list[tuple[str, ...]]:
    """Each figure as .csv rows: all children, then each place."""
    rows: list[tuple[str, ...]] = []
    for figure in places.figures if places else ():
        rows.append(_row(figure, "all", figure.all))
        rows += [_row(figure, place.label.lower(), share) for place, share in figure.by_place]
    return rows
