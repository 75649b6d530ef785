"""A line under a date field that warns when the date typed is not a working day."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel

from app.errors import ValidationError
from app.ui.date_field import DateField
from app.ui.widgets import hint
from app.workdays import WorkingCalendar, non_working_day_warning


def working_day_hint(field: DateField, calendar: WorkingCalendar, what: str) -> QLabel:
    """A hint that says, as the user types, when ``field``'s date falls on a weekend,
    a bank holiday or a local closure day (empty otherwise). The date is still
    accepted: a chair may have good reason; the warning makes it a choice."""
    label = hint("")
    label.setObjectName("working-day-warning")

    def update(*_args: object) -> None:
        try:
            day = field.date()
        except ValidationError:
            day = None  # the field's own check says what is wrong
        warning = non_working_day_warning(day, calendar, what)
        label.setText(warning or "")
        label.setVisible(warning is not None)
        label.setAccessibleName(warning or "")

    field.textChanged.connect(update)
    update()
    return label
