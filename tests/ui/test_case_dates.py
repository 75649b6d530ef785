"""Dates as people type them in case fields."""

from __future__ import annotations

import datetime as dt

import pytest

from app.errors import ValidationError
from app.ui.date_field import format_date, parse_date


@pytest.mark.parametrize(
    "text",
    ["14/03/2019", "14/3/2019", " 14.3.2019 ", "14-03-2019", "14 3 2019", "2019-03-14"],
)
def test_everyday_forms_are_understood(text: str) -> None:
    assert parse_date(text) == dt.date(2019, 3, 14)


def test_empty_means_not_known() -> None:
    assert parse_date("  ") is None
    assert format_date(None) == ""


@pytest.mark.parametrize(
    ("text", "says"),
    [("31/02/2019", "no such date"), ("March 2019", "day/month/year"), ("14/03/19", "day/month")],
)
def test_what_is_not_understood_is_explained(text: str, says: str) -> None:
    with pytest.raises(ValidationError, match=says):
        parse_date(text)


def test_written_back_the_british_way() -> None:
    assert format_date(dt.date(2026, 12, 14)) == "14/12/2026"
