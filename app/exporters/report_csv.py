"""The report's figures as a .csv a spreadsheet opens: one figure a row.

Columns: section, measure, value, out_of, percent, note. Counts are plain
integers, dates ISO (YYYY-MM-DD), percentages whole numbers; ``note`` says
what each share's ``out_of`` counts. No free text from case records is
written, and any cell a spreadsheet would run as a formula is made inert with a
leading apostrophe.
"""

from __future__ import annotations

import csv
from pathlib import Path

from app import paths
from app.exporters.report_places import place_rows
from app.exporters.targets import check_export_target
from app.services.reporting import ReportFigures, Share

HEADER = ("section", "measure", "value", "out_of", "percent", "note")
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _share(section: str, measure: str, share: Share, out_of: str) -> tuple[str, ...]:
    percent = "" if share.percent is None else str(share.percent)
    return (section, measure, str(share.part), str(share.whole), percent, f"out of {out_of}")


RECORDED = "meetings held that recorded attendance"


def report_rows(figures: ReportFigures) -> list[tuple[str, ...]]:
    """Every figure of the report as a row (after the header)."""
    rows: list[tuple[str, ...]] = [
        ("Period", "Start", figures.start.isoformat(), "", "", ""),
        ("Period", "End", figures.end.isoformat(), "", "", ""),
        ("Meetings", "Held", str(figures.meetings_held), "", "", ""),
        ("Strategy meetings", "Held", str(figures.strategy_meetings), "", "", ""),
    ]
    held = figures.strategy_meetings
    rows += [
        _share("Strategy outcomes", c.label, Share(c.count, held), "strategy meetings held")
        for c in figures.outcomes
    ]
    rows.append(
        _share(
            "Threshold",
            "Met",
            figures.threshold_met,
            "strategy meetings whose decision records whether it was met",
        )
    )
    rows.append(
        _share(
            "ICPC timeliness",
            "Within 15 working days",
            figures.icpc_within_15_days,
            "ICPCs held after a recorded strategy discussion",
        )
    )
    rows.append(
        (
            "ICPC timeliness",
            "Held with no strategy discussion on record",
            str(figures.icpcs_without_strategy),
            "",
            "",
            "",
        )
    )
    rows.append(
        _share(
            "Transfer-in conferences",
            "Within 15 working days of the notification",
            figures.transfer_in_conferences,
            "transfer-in conferences held",
        )
    )
    rows.append(("ICPC extensions", "Agreed", str(len(figures.extensions)), "", "", ""))
    for e in figures.extensions:
        rows.append(
            (
                "ICPC extension",
                f"Agreed on {e.decided_on.isoformat()}",
                e.target_date.isoformat() if e.target_date else "",
                "",
                "",
                "exceptional circumstances confirmed"
                if e.exceptional_circumstances
                else "exceptional circumstances not confirmed",
            )
        )
    for c in figures.plans_by_category:
        rows.append(("Plans started", c.category.label, str(c.started), "", "", ""))
    for c in figures.plans_by_category:
        rows.append(("Plans ended", c.category.label, str(c.ended), "", "", ""))
    average = figures.average_plan_days
    rows.append(
        (
            "Plans ended",
            "Average length (days)",
            "" if average is None else f"{average:.1f}",
            "",
            "",
            "",
        )
    )
    rows += [
        _share("Discharge reasons", c.label, Share(c.count, figures.plans_ended), "plans ended")
        for c in figures.discharge_reasons
    ]
    rows.append(
        _share(
            "Attendance",
            "Meetings that recorded attendance",
            figures.attendance_recorded,
            "meetings held",
        )
    )
    rows.append(
        _share(
            "Attendance",
            "People invited who attended",
            figures.invitees_attended,
            f"people invited to the {RECORDED}",
        )
    )
    for f in figures.attendance:
        rows.append(_share("Attendance", f"{f.agency}: attended", f.attended, RECORDED))
        rows.append(
            _share(
                "Attendance",
                f"{f.agency}: attended or sent information",
                f.represented,
                RECORDED,
            )
        )
    rows.append(("Consultations", "Recorded", str(figures.consultations.whole), "", "", ""))
    rows.append(
        _share("Consultations", "Led to a strategy meeting", figures.consultations, "consultations")
    )
    rows += place_rows(figures.places)
    return rows


def _inert(cell: str) -> str:
    return "'" + cell if cell.startswith(_FORMULA_START) else cell


def check_csv_target(target: Path) -> Path:
    """Refuse, with a message the user can act on, a .csv that cannot be written."""
    return check_export_target(target, suffix=".csv", example="figures.csv")


def write_report_csv(figures: ReportFigures, target: Path) -> Path:
    """Write the figures to ``target`` atomically; UTF-8 with a BOM so Excel reads it right."""
    target = check_csv_target(target)
    with paths.atomic_write(target) as tmp, tmp.open("w", newline="", encoding="utf-8-sig") as out:
        writer = csv.writer(out)
        writer.writerow(HEADER)
        for row in report_rows(figures):
            writer.writerow([_inert(cell) for cell in row])
    return target
