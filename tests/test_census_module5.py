"""Census module 5 rules: a failing and a passing fixture for each rule.

The fixtures are the census items themselves (no workspace), so each rule is
shown exactly the case its DfE text describes. The rule texts are those Data
to Insight give in ``csc-validator-be-cin`` (ruleset cin2026_27).
"""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from app.census import CHECKED_RULES, CensusChild, CensusPeriod, CensusReturn, Severity
from app.census.model import CensusPreProceedings
from app.census.rules import check_return
from app.models import Sex

D = dt.date
YEAR = CensusPeriod(D(2026, 4, 1), D(2027, 3, 31))
# A whole episode that every rule accepts.
GOOD = CensusPreProceedings(
    start=D(2026, 5, 4),
    letter_sent=D(2026, 5, 6),
    fgdm_offered=True,
    fgdm_facilitated=True,
    first_meeting=D(2026, 5, 18),
    review_meetings=2,
    step_decision=D(2026, 8, 3),
    outcome="A",
    court_application=D(2026, 8, 10),
    proceedings_letter=D(2026, 8, 10),
)


def _return(*episodes: CensusPreProceedings) -> CensusReturn:
    child = CensusChild(
        la_child_ref="DEMOP001",
        case_id="case",
        date_of_birth=D(2019, 3, 3),
        expected_date_of_birth=None,
        sex=Sex.FEMALE,
        section47s=(),
        plans=(),
        icpc_without_s47=None,
        pre_proceedings=episodes,
    )
    return CensusReturn(YEAR, (child,))


def _codes(census: CensusReturn) -> set[str]:
    return {p.code for p in check_return(census)}


def _with(**changes: object) -> CensusPreProceedings:
    return dataclasses.replace(GOOD, **changes)  # type: ignore[arg-type]


# rule: (failing episode, passing episode that differs as little as possible)
FIXTURES: dict[str, tuple[CensusPreProceedings, CensusPreProceedings]] = {
    "9000Q": (_with(start=None), GOOD),
    "9005": (
        _with(start=D(2026, 3, 31), letter_sent=None, fgdm_offered=None, fgdm_facilitated=None),
        _with(start=D(2026, 4, 1)),
    ),
    "9006": (_with(letter_sent=D(2026, 5, 1)), _with(letter_sent=D(2026, 5, 4))),
    "9007": (
        _with(fgdm_offered=None, fgdm_facilitated=None),
        _with(fgdm_offered=False, fgdm_facilitated=None),
    ),
    "9008": (_with(first_meeting=D(2027, 4, 1)), _with(first_meeting=D(2027, 3, 31))),
    "9009": (
        _with(step_decision=D(2026, 5, 3)),
        _with(step_decision=D(2026, 5, 4), court_application=None, proceedings_letter=None),
    ),
    "9010Q": (_with(fgdm_facilitated=None), _with(fgdm_facilitated=False)),
    "9011": (_with(outcome="D"), _with(outcome="C")),
    "9012": (
        _with(court_application=D(2026, 8, 2), proceedings_letter=None),
        _with(court_application=D(2026, 8, 3), proceedings_letter=None),
    ),
    "9013": (_with(proceedings_letter=D(2026, 8, 9)), _with(proceedings_letter=D(2027, 3, 31))),
    "9015Q": (_with(review_meetings=None), _with(review_meetings=0)),
}


def test_every_module5_rule_is_checked_and_has_fixtures() -> None:
    module5 = {"8995Q", *FIXTURES}
    assert module5 == {
        "8995Q",
        "9000Q",
        "9005",
        "9006",
        "9007",
        "9008",
        "9009",
        "9010Q",
        "9011",
        "9012",
        "9013",
        "9015Q",
    }
    assert module5 <= set(CHECKED_RULES)


def test_the_whole_episode_passes_every_rule() -> None:
    assert check_return(_return(GOOD)) == []


@pytest.mark.parametrize("code", sorted(FIXTURES))
def test_each_rule_fails_its_fixture_and_passes_the_other(code: str) -> None:
    failing, passing = FIXTURES[code]
    problems = [p for p in check_return(_return(failing)) if p.code == code]
    assert len(problems) == 1
    problem = problems[0]
    assert problem.la_child_ref == "DEMOP001"
    assert problem.message.endswith(".") and problem.fix.endswith(".")
    assert problem.severity is (Severity.QUERY if code.endswith("Q") else Severity.ERROR)
    assert code not in _codes(_return(passing))


def test_8995q_asks_why_no_child_has_module5() -> None:
    empty = CensusReturn(YEAR, ())
    problems = check_return(empty)
    assert [(p.code, p.severity, p.la_child_ref) for p in problems] == [
        ("8995Q", Severity.QUERY, "")
    ]
    assert "8995Q" not in _codes(_return(GOOD))


def test_a_date_in_the_wrong_order_is_explained_in_words() -> None:
    (problem,) = [p for p in check_return(_return(FIXTURES["9006"][0])) if p.code == "9006"]
    assert problem.message == (
        "The letter before proceedings for pre-proceedings from Monday 4 May 2026 is dated "
        "Friday 1 May 2026: it must be in the census year and not before pre-proceedings "
        "started."
    )


def test_each_episode_is_checked_on_its_own() -> None:
    later = CensusPreProceedings(start=D(2026, 9, 1), step_decision=D(2026, 8, 31), outcome="B")
    assert [p.code for p in check_return(_return(GOOD, later))] == ["9009"]
