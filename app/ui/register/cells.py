"""What each cell of the register shows, worked out once per row as it is fetched.

A table repaint asks for every visible cell in several roles; answering from
ready-made strings keeps a repaint of 10,000 children as cheap as one of ten.
"""

from __future__ import annotations

import dataclasses
import datetime as dt

from app.services import register
from app.services.register import RegisterRow

# (sort key in app.services.register, header)
# What is overdue comes early, so it shows however narrow the window.
COLUMNS: tuple[tuple[str, str], ...] = (
    ("child", "Child ref"),
    ("name", "Name"),
    ("status", "Status"),
    ("overdue", "Overdue"),
    ("lcpp", "LCPP"),
    ("strategy_date", "Strategy meeting"),
    ("review_due", "Review due"),
    ("icpc_due", "ICPC due or held"),
    ("plan_start", "Plan start"),
    ("category", "Category"),
    ("next_review_due", "Next review due"),
)
COL = {key: number for number, (key, _header) in enumerate(COLUMNS)}
HIDDEN_NAME = "Hidden"
NO_NAME = "No name recorded"
STATUS_SHORT = {"s47": "Section 47", "cp-plan": "CP plan", "pre-proceedings": "Pre-proceedings"}
# Which date column is marked when its clock is overdue.
OVERDUE_COLUMN = {
    "review": COL["review_due"],
    "icpc": COL["icpc_due"],
    "rcpc": COL["next_review_due"],
    # The assessment has no column of its own: it counts from the referral or the strategy.
    "assessment": COL["strategy_date"],
    # Nor has the core group: it counts from the plan.
    "core-group": COL["plan_start"],
    # Nor have the pre-proceedings clocks: the status column carries them.
    "pp-letter": COL["status"],
    "pp-meeting": COL["status"],
    "pp-review": COL["status"],
    # The first review after a birth is the plan's next review; a transfer in's
    # conference is the initial one.
    "birth-review": COL["next_review_due"],
    "transfer-in": COL["icpc_due"],
}
_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
_LONG_MONTHS = (
    "January", "February", "March", "April", "May", "June", "July",
    "August", "September", "October", "November", "December",
)  # fmt: skip
_DAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


def short_date(day: dt.date | None) -> str:
    """A date as the table shows it: "14 Dec 2026" (no locale involved)."""
    return f"{day.day} {_MONTHS[day.month - 1]} {day.year}" if day else ""


def long_date(day: dt.date) -> str:
    """A date as a tooltip says it: "Monday 14 December 2026"."""
    return f"{_DAYS[day.weekday()]} {day.day} {_LONG_MONTHS[day.month - 1]} {day.year}"


@dataclasses.dataclass(frozen=True)
class RegisterLine:
    """One fetched row and its cells' text; ``hot`` holds the overdue columns."""

    row: RegisterRow
    cells: tuple[str, ...]
    tips: tuple[str | None, ...]
    hot: frozenset[int]


def line(row: RegisterRow, *, names_hidden: bool) -> RegisterLine:
    """The cells for ``row``; with ``names_hidden`` the name is dropped, not kept aside."""
    if names_hidden:
        row = dataclasses.replace(row, child_name="")
    overdue = ", ".join(register.OVERDUE_LABELS[kind] for kind in row.overdue)
    icpc, icpc_tip = _icpc(row)
    cells = (
        row.child,
        HIDDEN_NAME if names_hidden else (row.child_name or NO_NAME),
        STATUS_SHORT[row.status],
        overdue,
        row.lcpp,
        short_date(row.strategy_date),
        short_date(row.review_due),
        icpc,
        short_date(row.plan_start),
        row.category.label if row.category else "",
        short_date(row.next_review_due),
    )
    tips: list[str | None] = [None] * len(COLUMNS)
    tips[COL["status"]] = register.STATUS_LABELS[row.status]
    for key in ("strategy_date", "review_due", "plan_start", "next_review_due"):
        value = getattr(row, key)
        tips[COL[key]] = long_date(value) if value else None
    tips[COL["icpc_due"]] = icpc_tip
    if overdue:
        tips[COL["overdue"]] = f"Overdue: {overdue}"
    hot = {OVERDUE_COLUMN[kind] for kind in row.overdue}
    if row.overdue:
        hot.add(COL["overdue"])
    return RegisterLine(row, cells, tuple(tips), frozenset(hot))


def _icpc(row: RegisterRow) -> tuple[str, str | None]:
    """The ICPC's cell and tooltip: when it was held, or when it is due."""
    if row.icpc_date:
        return f"Held {short_date(row.icpc_date)}", f"Held on {long_date(row.icpc_date)}"
    if not row.icpc_due:
        return "", None
    if row.icpc_extended:
        return (
            f"{short_date(row.icpc_due)} (extended)",
            f"Due {long_date(row.icpc_due)}: a later date agreed by the five-day review",
        )
    return short_date(row.icpc_due), f"Due {long_date(row.icpc_due)}"
