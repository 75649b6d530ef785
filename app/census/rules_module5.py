"""The DfE CIN census rules for module 5, pre-proceedings and FGDM (from 2026-27).

Each rule is written from the DfE's rule text as Data to Insight give it in
``csc-validator-be-cin`` (branch ``pre-proceedings-rules``, ruleset
``cin2026_27``); where their code reads differently from the text, the text
wins and the difference is noted at the rule. ``app.census.rules`` applies these
with the others. Plain data in, findings out: no database, no Qt.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable, Iterator

from app.census.model import CensusPeriod, CensusPreProceedings, CensusReturn
from app.workdays import long_date

CS131 = ("A", "B", "C")


@dataclasses.dataclass(frozen=True)
class Finding:
    code: str
    message: str
    fix: str
    query: bool = False


Check = Callable[[CensusPeriod, CensusPreProceedings], Iterator[Finding]]
CHILD_RULES: list[tuple[str, Check]] = []


def _rule(code: str) -> Callable[[Check], Check]:
    def register(check: Check) -> Check:
        CHILD_RULES.append((code, check))
        return check

    return register


def _outside(day: dt.date, period: CensusPeriod) -> bool:
    return day not in period


def _started(episode: CensusPreProceedings) -> str:
    return (
        f"pre-proceedings from {long_date(episode.start)}" if episode.start else "pre-proceedings"
    )


_OPEN = "Open the case's pre-proceedings record and "


@_rule("9000Q")
def _no_start(period: CensusPeriod, episode: CensusPreProceedings) -> Iterator[Finding]:
    # The rule text: the date of the decision (N00826) has not been provided. The published
    # code counts every row whatever its start date; this reads the text, block by block.
    if episode.start is None:
        yield Finding(
            "9000Q",
            "A pre-proceedings episode has no date for the decision to start pre-proceedings.",
            _OPEN + "record the date of the legal planning meeting that decided to start it.",
            query=True,
        )


@_rule("9005")
def _start_in_year(period: CensusPeriod, episode: CensusPreProceedings) -> Iterator[Finding]:
    if episode.start is not None and _outside(episode.start, period):
        yield Finding(
            "9005",
            f"The decision to start pre-proceedings ({long_date(episode.start)}) is outside "
            "the census year.",
            _OPEN + "check the date of the decision to start pre-proceedings.",
        )


@_rule("9006")
def _letter(period: CensusPeriod, episode: CensusPreProceedings) -> Iterator[Finding]:
    sent, start = episode.letter_sent, episode.start
    if sent is None or start is None:
        return
    if _outside(sent, period) or sent < start:
        yield Finding(
            "9006",
            f"The letter before proceedings for {_started(episode)} is dated {long_date(sent)}: "
            "it must be in the census year and not before pre-proceedings started.",
            _OPEN + "check the date the letter before proceedings was sent.",
        )


@_rule("9007")
def _offer_stated(period: CensusPeriod, episode: CensusPreProceedings) -> Iterator[Finding]:
    # The rule text: if LBPSentDate is present, FGDMMeetingOffer should be. (The
    # published code tests the reverse, an offer without a letter, which the app
    # never records.)
    if episode.letter_sent is not None and episode.fgdm_offered is None:
        yield Finding(
            "9007",
            f"The letter before proceedings for {_started(episode)} was sent, but it is not "
            "recorded whether it offered a family group decision making meeting.",
            _OPEN + "say whether the letter offered a family group decision making meeting.",
        )


@_rule("9008")
def _first_meeting(period: CensusPeriod, episode: CensusPreProceedings) -> Iterator[Finding]:
    day = episode.first_meeting
    if day is not None and _outside(day, period):
        yield Finding(
            "9008",
            f"The first pre-proceedings meeting ({long_date(day)}) is outside the census year.",
            _OPEN + "check the date of the first pre-proceedings meeting.",
        )


@_rule("9009")
def _step_decision(period: CensusPeriod, episode: CensusPreProceedings) -> Iterator[Finding]:
    day, start = episode.step_decision, episode.start
    if day is None or start is None:
        return
    if _outside(day, period) or day < start:
        yield Finding(
            "9009",
            f"The decision to step up or down ({long_date(day)}) must be in the census year "
            f"and not before {_started(episode)} began.",
            _OPEN + "check the date of the decision to step up or down.",
        )


@_rule("9010Q")
def _facilitated_stated(period: CensusPeriod, episode: CensusPreProceedings) -> Iterator[Finding]:
    if episode.fgdm_offered is True and episode.fgdm_facilitated is None:
        yield Finding(
            "9010Q",
            f"A family group decision making meeting was offered for {_started(episode)}, "
            "but it is not recorded whether one was facilitated.",
            _OPEN + "say whether a family group decision making meeting was facilitated.",
            query=True,
        )


@_rule("9011")
def _outcome_code(period: CensusPeriod, episode: CensusPreProceedings) -> Iterator[Finding]:
    # The rule text: if present, a CS131 value. (The published code also flags none.)
    if episode.outcome is not None and episode.outcome not in CS131:
        yield Finding(
            "9011",
            f"The outcome of {_started(episode)} ({episode.outcome}) is not one of the "
            "census codes A, B or C.",
            _OPEN + "choose the outcome of pre-proceedings from the list.",
        )


@_rule("9012")
def _court_application(period: CensusPeriod, episode: CensusPreProceedings) -> Iterator[Finding]:
    day, step = episode.court_application, episode.step_decision
    if day is None or step is None:
        return
    if _outside(day, period) or day < step:
        yield Finding(
            "9012",
            f"The court application ({long_date(day)}) must be in the census year and not "
            f"before the decision to start care proceedings ({long_date(step)}).",
            _OPEN + "check the dates of the court application and the step up decision.",
        )


@_rule("9013")
def _proceedings_letter(period: CensusPeriod, episode: CensusPreProceedings) -> Iterator[Finding]:
    day, court = episode.proceedings_letter, episode.court_application
    if day is None or court is None:
        return
    if _outside(day, period) or day < court:
        yield Finding(
            "9013",
            f"The letter to the parents starting care proceedings ({long_date(day)}) must be "
            f"in the census year and not before the court application ({long_date(court)}).",
            _OPEN + "check the dates of the letter and the court application.",
        )


@_rule("9015Q")
def _review_count(period: CensusPeriod, episode: CensusPreProceedings) -> Iterator[Finding]:
    if episode.first_meeting is not None and episode.review_meetings is None:
        yield Finding(
            "9015Q",
            f"The first pre-proceedings meeting was held on {long_date(episode.first_meeting)}, "
            "but the number of review meetings after it is not recorded.",
            _OPEN + "record how many review meetings were held (0 if none).",
            query=True,
        )


RETURN_RULES = ("8995Q",)


def return_findings(census: CensusReturn) -> Iterator[Finding]:
    """8995Q: the return as a whole carries no module 5 block for any child."""
    if not any(child.pre_proceedings for child in census.children):
        yield Finding(
            "8995Q",
            "No child in the return has pre-proceedings recorded (module 5).",
            "If no child was in pre-proceedings this year, give the DfE that reason; otherwise "
            "record each episode on its child's case.",
            query=True,
        )
