"""Working-day arithmetic on known cases (checked by hand against the gov.uk bank holidays)."""

from __future__ import annotations

import datetime as dt

import pytest

from app.workdays import Timescales, WorkingCalendar, long_date

D = dt.date
CALENDAR = WorkingCalendar()


def test_weekends_are_not_working_days() -> None:
    # Monday 23 November 2026: day 5 is the next Monday, over the weekend.
    assert CALENDAR.add_working_days(D(2026, 11, 23), 5) == D(2026, 11, 30)
    assert not CALENDAR.is_working_day(D(2026, 11, 28))
    assert not CALENDAR.is_working_day(D(2026, 11, 29))
    assert CALENDAR.why_not_working(D(2026, 11, 28)) == "Saturday"


def test_known_timescales_for_a_monday_in_november() -> None:
    due = Timescales.from_strategy_date(D(2026, 11, 23))
    assert due.review_due == D(2026, 11, 30)
    assert due.icpc_due == D(2026, 12, 14)
    # Over Christmas 2026: 25 December (Friday) and Boxing Day observed on Monday
    # 28 December, then New Year's Day (Friday 1 January 2027).
    assert due.assessment_due == D(2027, 1, 28)
    assert long_date(due.icpc_due) == "Monday 14 December 2026"


def test_christmas_2026_boxing_day_substitute() -> None:
    # Boxing Day 2026 is a Saturday: Monday 28 December is the substitute day.
    assert CALENDAR.bank_holiday(D(2026, 12, 28)) is not None
    # Thursday 24 December 2026: 29, 30, 31 December, then 4 and 5 January.
    assert CALENDAR.add_working_days(D(2026, 12, 24), 3) == D(2026, 12, 31)
    assert CALENDAR.add_working_days(D(2026, 12, 24), 5) == D(2027, 1, 5)


def test_christmas_2027_both_substitute_days_and_new_year_2028() -> None:
    # Christmas 2027 falls on a Saturday: Monday 27 and Tuesday 28 are holidays.
    assert not CALENDAR.is_working_day(D(2027, 12, 27))
    assert not CALENDAR.is_working_day(D(2027, 12, 28))
    assert CALENDAR.add_working_days(D(2027, 12, 24), 1) == D(2027, 12, 29)
    # 1 January 2028 is a Saturday: Monday 3 January is its substitute.
    assert not CALENDAR.is_working_day(D(2028, 1, 3))
    assert CALENDAR.add_working_days(D(2027, 12, 24), 5) == D(2028, 1, 5)


def test_new_year_2022_substitute_day() -> None:
    # 1 January 2022 was a Saturday; Monday 3 January was the bank holiday.
    assert CALENDAR.add_working_days(D(2021, 12, 31), 1) == D(2022, 1, 4)
    assert CALENDAR.add_working_days(D(2021, 12, 31), 5) == D(2022, 1, 10)


def test_easter_good_friday_and_easter_monday() -> None:
    # 2027: Good Friday 26 March, Easter Monday 29 March.
    assert CALENDAR.why_not_working(D(2027, 3, 26)) == "Good Friday"
    assert CALENDAR.why_not_working(D(2027, 3, 29)) == "Easter Monday"
    assert CALENDAR.add_working_days(D(2027, 3, 25), 1) == D(2027, 3, 30)
    assert CALENDAR.add_working_days(D(2027, 3, 25), 5) == D(2027, 4, 5)


@pytest.mark.parametrize(
    ("strategy", "review"),
    [
        (D(2026, 5, 1), D(2026, 5, 11)),  # early May bank holiday, Monday 4 May
        (D(2026, 5, 22), D(2026, 6, 1)),  # spring bank holiday, Monday 25 May
        (D(2026, 8, 28), D(2026, 9, 7)),  # summer bank holiday, Monday 31 August
    ],
)
def test_may_and_august_bank_holidays(strategy: dt.date, review: dt.date) -> None:
    assert Timescales.from_strategy_date(strategy).review_due == review


def test_strategy_discussion_on_a_bank_holiday_is_still_day_zero() -> None:
    # Held on Monday 31 August 2026 (a bank holiday): day 1 is Tuesday 1 September.
    assert CALENDAR.add_working_days(D(2026, 8, 31), 1) == D(2026, 9, 1)
    assert Timescales.from_strategy_date(D(2026, 8, 31)).review_due == D(2026, 9, 7)


def test_strategy_discussion_on_a_saturday_is_still_day_zero() -> None:
    due = Timescales.from_strategy_date(D(2026, 11, 21))
    assert due.strategy_date == D(2026, 11, 21)
    assert due.review_due == D(2026, 11, 27)
    assert due.icpc_due == D(2026, 12, 11)


def test_local_closure_days_are_not_working_days() -> None:
    closed = WorkingCalendar([D(2026, 12, 29), D(2026, 12, 30), D(2026, 12, 31)])
    assert closed.why_not_working(D(2026, 12, 30)) == "Local closure day"
    assert closed.add_working_days(D(2026, 12, 24), 1) == D(2027, 1, 4)
    assert closed.add_working_days(D(2026, 12, 24), 5) == D(2027, 1, 8)
    # The same dates without the closure days are three working days earlier.
    assert CALENDAR.add_working_days(D(2026, 12, 24), 5) == D(2027, 1, 5)


def test_day_zero_and_bad_counts() -> None:
    assert CALENDAR.add_working_days(D(2026, 11, 28), 0) == D(2026, 11, 28)
    with pytest.raises(ValueError, match="count working days"):
        CALENDAR.add_working_days(D(2026, 11, 23), -1)


def test_every_due_date_is_a_working_day_and_counts_back() -> None:
    start = D(2026, 12, 1)
    for offset in range(0, 400, 7):
        day = start + dt.timedelta(days=offset)
        due = Timescales.from_strategy_date(day)
        for when, n in ((due.review_due, 5), (due.icpc_due, 15), (due.assessment_due, 45)):
            assert CALENDAR.is_working_day(when)
            assert CALENDAR.working_days_between(day, when) == n


def test_json_shape() -> None:
    due = Timescales.from_strategy_date(D(2026, 11, 23))
    assert due.as_json() == {
        "strategy_date": "2026-11-23",
        "review_due": "2026-11-30",
        "icpc_due": "2026-12-14",
        "assessment_due": "2027-01-28",
        "assessment_from": "strategy",
    }


def test_long_dates_need_no_locale() -> None:
    assert long_date(D(2027, 1, 1)) == "Friday 1 January 2027"
    assert long_date(D(2026, 12, 14)) == "Monday 14 December 2026"


def test_bank_holidays_are_the_holidays_packages_in_every_year_and_order() -> None:
    # The calendar shares one reading a year across every calendar made; the package
    # itself, asked afresh or by one object in any order of years, is the rule.
    import holidays

    calendar = WorkingCalendar()
    backwards = holidays.country_holidays("GB", subdiv="ENG")
    for year in range(2060, 1989, -1):
        fresh = holidays.country_holidays("GB", subdiv="ENG")
        day = dt.date(year, 1, 1)
        while day.year == year:
            for source in (fresh, backwards):
                name = source.get(day)
                assert calendar.bank_holiday(day) == (str(name) if name else None), day
            day += dt.timedelta(days=1)
