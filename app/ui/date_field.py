"""A date typed as the user would write it (14/03/2019), or left empty for "not known".

A QDateEdit cannot be empty, and typing into one that shows "not given" is
awkward from the keyboard; a line edit that understands a few everyday forms is
quicker and can say plainly what it did not understand.
"""

from __future__ import annotations

import datetime as dt
import re

from PySide6.QtWidgets import QLineEdit, QWidget

from app.errors import ValidationError
from app.ui.widgets import compact

FORMAT_HINT = "dd/mm/yyyy"
_DAY_MONTH_YEAR = re.compile(r"^\s*(\d{1,2})\s*[/.\- ]\s*(\d{1,2})\s*[/.\- ]\s*(\d{4})\s*$")
_ISO = re.compile(r"^\s*(\d{4})-(\d{1,2})-(\d{1,2})\s*$")


def parse_date(text: str) -> dt.date | None:
    """``14/03/2019``, ``14.3.2019``, ``14 3 2019`` or ``2019-03-14``; empty is ``None``."""
    if not text.strip():
        return None
    match = _DAY_MONTH_YEAR.match(text)
    if match:
        day, month, year = (int(part) for part in match.groups())
    else:
        match = _ISO.match(text)
        if not match:
            raise ValidationError(
                f"Write the date as day/month/year, for example 14/03/2019 (not {text.strip()!r})."
            )
        year, month, day = (int(part) for part in match.groups())
    try:
        return dt.date(year, month, day)
    except ValueError as exc:
        raise ValidationError(
            f"There is no such date as {text.strip()}. Check the day and the month."
        ) from exc


def format_date(value: dt.date | None) -> str:
    return value.strftime("%d/%m/%Y") if value is not None else ""


class DateField(QLineEdit):
    """A date or nothing. :meth:`date` raises ValidationError for text it cannot read."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setPlaceholderText(FORMAT_HINT)
        self.setToolTip("Day/month/year, for example 14/03/2019. Leave empty if not known.")
        compact(self, 16)

    def date(self) -> dt.date | None:
        return parse_date(self.text())

    def set_date(self, value: dt.date | None) -> None:
        self.setText(format_date(value))
