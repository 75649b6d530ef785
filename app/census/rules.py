"""The DfE CIN census validation rules whose fields MACPT Companion holds.

Reimplemented from the rules Data to Insight publish in ``csc-validator-be-cin``
(codes and meanings are the DfE's), so that the app can check a return, and a
record while it is made, without pandas. The test suite runs the published
package on exported XML to keep the two in agreement.

``CHECKED_RULES`` are the rules this module applies. ``HELD_RULES`` adds the
rules that the export satisfies by construction (for example 8905: the
category is always one of the DfE codes); the tests run every one of them.
Each problem says what is wrong in the chair's words and how to put it right.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import enum
import itertools
from collections.abc import Callable, Iterator

from app.census import rules_module5
from app.census.model import CensusChild, CensusReturn
from app.workdays import ICPC_WORKING_DAYS, WorkingCalendar, long_date
from app.workflow.plan_timing import add_months


class Severity(enum.StrEnum):
    ERROR = "error"  # the DfE rejects the return until it is put right
    QUERY = "query"  # the DfE asks for a reason or a correction


@dataclasses.dataclass(frozen=True)
class CensusProblem:
    code: str
    severity: Severity
    la_child_ref: str
    message: str
    fix: str
    case_id: str | None = None
    meeting_id: str | None = None

    def as_json(self) -> dict[str, object]:
        return dataclasses.asdict(self)


Rule = Callable[[CensusReturn, CensusChild], Iterator[CensusProblem]]
_RULES: list[tuple[str, Rule]] = []


def _rule(code: str) -> Callable[[Rule], Rule]:
    def register(check: Rule) -> Rule:
        _RULES.append((code, check))
        return check

    return register


def _problem(
    code: str,
    child: CensusChild,
    message: str,
    fix: str,
    *,
    query: bool = False,
    meeting_id: str | None = None,
) -> CensusProblem:
    severity = Severity.QUERY if query else Severity.ERROR
    return CensusProblem(
        code, severity, child.la_child_ref, message, fix, child.case_id, meeting_id
    )


_REF_FIX = "Change the child's local authority reference to the one the case system uses."


@_rule("8500")
def _reference_present(census: CensusReturn, child: CensusChild) -> Iterator[CensusProblem]:
    if not child.la_child_ref.strip():
        yield _problem("8500", child, "The child has no local authority reference.", _REF_FIX)


@_rule("1570")
def _reference_length(census: CensusReturn, child: CensusChild) -> Iterator[CensusProblem]:
    if len(child.la_child_ref) > 20:
        yield _problem(
            "1570", child, "The local authority reference is longer than 20 characters.", _REF_FIX
        )


@_rule("1580")
def _reference_characters(census: CensusReturn, child: CensusChild) -> Iterator[CensusProblem]:
    if child.la_child_ref and not child.la_child_ref.isalnum():
        yield _problem(
            "1580",
            child,
            f"The reference {child.la_child_ref} has characters other than letters and digits.",
            _REF_FIX + " The census allows letters and digits only.",
        )


@_rule("8525Q")
def _birth_date(census: CensusReturn, child: CensusChild) -> Iterator[CensusProblem]:
    if child.date_of_birth is None and child.expected_date_of_birth is None:
        yield _problem(
            "8525Q",
            child,
            "Neither a date of birth nor an expected date of birth is recorded.",
            "Record the child's date of birth, or the expected date for an unborn baby.",
            query=True,
        )


@_rule("8520")
def _born_after_census(census: CensusReturn, child: CensusChild) -> Iterator[CensusProblem]:
    if child.date_of_birth and child.date_of_birth > census.period.end:
        yield _problem(
            "8520",
            child,
            f"The date of birth ({long_date(child.date_of_birth)}) is after the census year.",
            "Correct the date of birth, or record it as the expected date of birth.",
        )


@_rule("8530Q")
def _expected_birth(census: CensusReturn, child: CensusChild) -> Iterator[CensusProblem]:
    edd = child.expected_date_of_birth
    if child.is_unborn and edd is not None:
        end = census.period.end
        latest = add_months(end, 9)
        if not end - dt.timedelta(days=30) < edd < latest:
            yield _problem(
                "8530Q",
                child,
                f"The expected date of birth ({long_date(edd)}) is outside the range the census "
                "expects (from March to December after the census year ends).",
                "Check the expected date of birth; if the baby has been born, record the date of birth.",
                query=True,
            )


@_rule("8775Q")
def _over_25(census: CensusReturn, child: CensusChild) -> Iterator[CensusProblem]:
    dob = child.date_of_birth
    if dob and dob < add_months(census.period.end, -25 * 12):
        yield _problem(
            "8775Q",
            child,
            "The date of birth makes the child older than 25.",
            "Check the date of birth.",
            query=True,
        )


@_rule("8875")
def _icpc_weekend(census: CensusReturn, child: CensusChild) -> Iterator[CensusProblem]:
    for s47 in child.section47s:
        if s47.icpc_date and s47.icpc_date.weekday() >= 5:
            yield _problem(
                "8875",
                child,
                f"The initial conference is recorded on a weekend ({long_date(s47.icpc_date)}).",
                "Open the conference and correct its date.",
                meeting_id=s47.icpc_meeting_id,
            )


@_rule("8870Q")
def _target_weekend(census: CensusReturn, child: CensusChild) -> Iterator[CensusProblem]:
    for s47 in child.section47s:
        if s47.icpc_target.weekday() >= 5:
            yield _problem(
                "8870Q",
                child,
                f"The conference target date falls on a weekend ({long_date(s47.icpc_target)}).",
                "Open the strategy meeting and check its date.",
                query=True,
                meeting_id=s47.strategy_meeting_id,
            )


_OPEN_FIX = (
    "Record the initial conference, or record at the five-day review that no conference "
    "is needed and why."
)


@_rule("8740")
def _open_from_last_year(census: CensusReturn, child: CensusChild) -> Iterator[CensusProblem]:
    for s47 in child.section47s:
        if s47.is_open and s47.start < census.period.start:
            yield _problem(
                "8740",
                child,
                f"The enquiry that started on {long_date(s47.start)}, before this census year, "
                "still has no conference and no decision that none is needed.",
                _OPEN_FIX,
                meeting_id=s47.strategy_meeting_id,
            )


@_rule("8675Q")
def _no_icpc_after_15_days(census: CensusReturn, child: CensusChild) -> Iterator[CensusProblem]:
    # The DfE counts back 15 working days from the year end with England's bank holidays.
    latest_start = _working_days_before(census.period.end, ICPC_WORKING_DAYS)
    for s47 in child.section47s:
        if s47.is_open and s47.start < latest_start:
            yield _problem(
                "8675Q",
                child,
                f"The enquiry started on {long_date(s47.start)}, more than 15 working days "
                "before the census year ends, and has no initial conference.",
                _OPEN_FIX,
                query=True,
                meeting_id=s47.strategy_meeting_id,
            )


@_rule("8839")
def _two_open_enquiries(census: CensusReturn, child: CensusChild) -> Iterator[CensusProblem]:
    still_open = [s for s in child.section47s if s.is_open]
    if len(still_open) > 1:
        yield _problem(
            "8839",
            child,
            f"{len(still_open)} enquiries are open at once (the first started on "
            f"{long_date(still_open[0].start)}).",
            "Conclude the earlier enquiry: " + _OPEN_FIX[0].lower() + _OPEN_FIX[1:],
            meeting_id=still_open[0].strategy_meeting_id,
        )


@_rule("8890")
def _enquiry_during_another(census: CensusReturn, child: CensusChild) -> Iterator[CensusProblem]:
    ordered = sorted(child.section47s, key=lambda s: s.start)
    for earlier, later in itertools.pairwise(ordered):
        ends = earlier.icpc_date or (None if earlier.icpc_not_required else census.period.end)
        if ends is not None and earlier.start <= later.start <= ends:
            yield _problem(
                "8890",
                child,
                f"An enquiry started on {long_date(later.start)} while the one from "
                f"{long_date(earlier.start)} was still going on.",
                "Conclude the earlier enquiry before the later strategy meeting: "
                + _OPEN_FIX[0].lower()
                + _OPEN_FIX[1:],
                meeting_id=earlier.strategy_meeting_id,
            )


@_rule("2885")
def _plan_starts_at_its_conference(
    census: CensusReturn, child: CensusChild
) -> Iterator[CensusProblem]:
    icpcs = {s.icpc_date for s in child.section47s if s.icpc_date}
    if child.icpc_without_s47:
        icpcs.add(child.icpc_without_s47)
    for plan in child.plans:
        if plan.start in census.period and plan.start not in icpcs:
            held = (
                f"its conference was on {long_date(plan.icpc_date)}"
                if plan.icpc_date
                else ("no initial conference is recorded for it")
            )
            yield _problem(
                "2885",
                child,
                f"The plan starts on {long_date(plan.start)} but {held}.",
                "A plan starts on the day of the conference that made it: correct the plan's "
                "start date, or record the initial conference.",
                meeting_id=plan.icpc_meeting_id,
            )


@_rule("8840")
def _plan_same_day(census: CensusReturn, child: CensusChild) -> Iterator[CensusProblem]:
    for plan in child.plans:
        if plan.end == plan.start:
            yield _problem(
                "8840",
                child,
                f"The plan starts and ends on the same day ({long_date(plan.start)}).",
                "Correct the plan's start or end date.",
            )


@_rule("8925")
def _plan_ends_before_start(census: CensusReturn, child: CensusChild) -> Iterator[CensusProblem]:
    for plan in child.plans:
        if plan.end and plan.end < plan.start:
            yield _problem(
                "8925",
                child,
                f"The plan ends ({long_date(plan.end)}) before it starts ({long_date(plan.start)}).",
                "Correct the plan's start or end date.",
            )


@_rule("8935")
def _two_open_plans(census: CensusReturn, child: CensusChild) -> Iterator[CensusProblem]:
    if sum(1 for p in child.plans if p.end is None) > 1:
        yield _problem(
            "8935",
            child,
            "The child has more than one open child protection plan.",
            "End the earlier plan at the review conference that replaced it.",
        )


@_rule("8940")
def _overlapping_plans(census: CensusReturn, child: CensusChild) -> Iterator[CensusProblem]:
    ordered = sorted(child.plans, key=lambda p: p.start)
    for earlier, later in itertools.pairwise(ordered):
        if later.start <= (earlier.end or census.period.end):
            yield _problem(
                "8940",
                child,
                f"The plan that started on {long_date(later.start)} overlaps the one that "
                f"started on {long_date(earlier.start)}.",
                "Correct the earlier plan's end date, or the later plan's start date.",
            )


def _working_days_before(day: dt.date, n: int) -> dt.date:
    calendar, counted = WorkingCalendar(), 0
    # The DfE offset counts the end date itself as the first of the n days.
    while True:
        if calendar.is_working_day(day):
            counted += 1
            if counted == n:
                return day
        day -= dt.timedelta(days=1)


def _module5(code: str, check: rules_module5.Check) -> Rule:
    def rule(census: CensusReturn, child: CensusChild) -> Iterator[CensusProblem]:
        for episode in child.pre_proceedings:
            for found in check(census.period, episode):
                yield _problem(code, child, found.message, found.fix, query=found.query)

    return rule


_RULES.extend((code, _module5(code, check)) for code, check in rules_module5.CHILD_RULES)
CHECKED_RULES = (
    *tuple(code for code, _ in _RULES),
    "2883",
    *rules_module5.RETURN_RULES,
)
# Met by how the export is built; listed so the tests run them on every export.
BY_CONSTRUCTION = (
    "100",
    "8510",
    "8590",
    "4180",
    "8750",
    "8615",
    "8715",
    "2884",
    "8720",
    "8730",
    "8930",
    "8841",
    "8842Q",
    "8905",
    "8910",
    "8568",
    "8831",
    "8832",
)
HELD_RULES = CHECKED_RULES + BY_CONSTRUCTION


def check_return(census: CensusReturn) -> list[CensusProblem]:
    """Every problem in ``census``: errors first, then queries; by child, whole-return last."""
    problems = [p for child in census.children for _, rule in _RULES for p in rule(census, child)]
    problems += _more_plans_than_conferences(census)
    problems += [
        CensusProblem(f.code, Severity.QUERY if f.query else Severity.ERROR, "", f.message, f.fix)
        for f in rules_module5.return_findings(census)
    ]
    problems.sort(
        key=lambda p: (p.severity is Severity.QUERY, not p.la_child_ref, p.la_child_ref, p.code)
    )
    return problems


def _more_plans_than_conferences(census: CensusReturn) -> list[CensusProblem]:
    period = census.period
    plans = sum(1 for c in census.children for p in c.plans if p.start in period)
    conferences = sum(
        1 for c in census.children for s in c.section47s if s.icpc_date and s.icpc_date in period
    ) + sum(1 for c in census.children if c.icpc_without_s47 and c.icpc_without_s47 in period)
    if plans <= conferences:
        return []
    return [
        CensusProblem(
            "2883",
            Severity.ERROR,
            "",
            f"{plans} plans start in the census year but only {conferences} initial conferences "
            "are recorded.",
            "Record the initial conference that made each plan (the children listed under 2885 "
            "show which).",
        )
    ]
