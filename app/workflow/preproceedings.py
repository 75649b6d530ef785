"""Pre-proceedings (the Public Law Outline): what an episode's record must hold together.

Plain Python, no database and no Qt: the service checks a record with
:func:`record_problems` before storing it, the case page and ``macpt`` show the
outcome in :data:`OUTCOME_WORDS`. The order the DfE census rules expect
(9006, 9009, 9012, 9013) is the order the work happens in, so a record the
app accepts is one the census accepts too.
"""

from __future__ import annotations

import dataclasses
import datetime as dt

from app.models import PreProceedingsOutcome
from app.workdays import long_date

# The census codeset CS131 (PPOutcome), in the chair's words.
OUTCOME_WORDS = {
    PreProceedingsOutcome.A: "A: stepped up to care proceedings",
    PreProceedingsOutcome.B: "B: stepped down, with no application to court",
    PreProceedingsOutcome.C: "C: other outcome",
}
REVIEW_MEETINGS_LIMIT = 99


@dataclasses.dataclass(frozen=True)
class PreProceedingsValues:
    """One episode's record as the chair gives it (None: not recorded yet)."""

    decided_on: dt.date
    letter_sent_on: dt.date | None = None
    fgdm_offered: bool | None = None
    fgdm_facilitated: bool | None = None
    first_meeting_on: dt.date | None = None
    review_meetings: int | None = None
    step_decided_on: dt.date | None = None
    outcome: PreProceedingsOutcome | None = None
    court_application_on: dt.date | None = None
    proceedings_letter_on: dt.date | None = None

    @property
    def is_open(self) -> bool:
        """Still in pre-proceedings: no decision to step up or down yet."""
        return self.step_decided_on is None


# (field, its words, the field it must not come before, that field's words)
_ORDER = (
    ("letter_sent_on", "the letter before proceedings", "decided_on", "the decision to start"),
    (
        "first_meeting_on",
        "the first pre-proceedings meeting",
        "letter_sent_on",
        "the letter before proceedings",
    ),
    ("first_meeting_on", "the first pre-proceedings meeting", "decided_on", "the decision"),
    ("step_decided_on", "the decision to step up or down", "decided_on", "the decision to start"),
    (
        "step_decided_on",
        "the decision to step up or down",
        "first_meeting_on",
        "the first pre-proceedings meeting",
    ),
    (
        "court_application_on",
        "the court application",
        "step_decided_on",
        "the decision to step up",
    ),
    (
        "proceedings_letter_on",
        "the letter starting care proceedings",
        "court_application_on",
        "the court application",
    ),
)
# A date that needs the one before it: (field, its words, what it needs, the fix).
_NEEDS = (
    (
        "court_application_on",
        "the court application",
        "step_decided_on",
        "Record the decision to step up to care proceedings, and its date, first.",
    ),
    (
        "proceedings_letter_on",
        "the letter starting care proceedings",
        "court_application_on",
        "Record the date of the court application first.",
    ),
)


def record_problems(values: PreProceedingsValues, *, today: dt.date) -> list[str]:
    """Every reason the record cannot be stored, each a sentence saying what to change."""
    problems: list[str] = []
    dates = {
        f.name: getattr(values, f.name)
        for f in dataclasses.fields(values)
        if f.name.endswith("_on") and getattr(values, f.name) is not None
    }
    for name, day in dates.items():
        if day > today:
            problems.append(
                f"{_WORDS[name].capitalize()} is dated {long_date(day)}, which is in the "
                "future. Record it on the day it happens."
            )
    for later, later_words, earlier, earlier_words in _ORDER:
        if later in dates and earlier in dates and dates[later] < dates[earlier]:
            problems.append(
                f"{later_words.capitalize()} ({long_date(dates[later])}) cannot come before "
                f"{earlier_words} ({long_date(dates[earlier])}). Check both dates."
            )
    if values.letter_sent_on is None and values.fgdm_offered is not None:
        problems.append(
            "Whether a family group decision making meeting was offered is said in the letter "
            "before proceedings: record the date the letter was sent first."
        )
    if values.fgdm_facilitated is not None and values.fgdm_offered is not True:
        problems.append(
            "A family group decision making meeting can only be facilitated after one was "
            "offered in the letter before proceedings: record the offer first."
        )
    if values.review_meetings is not None:
        if values.first_meeting_on is None:
            problems.append(
                "Review meetings follow the first pre-proceedings meeting: record its date first."
            )
        if not 0 <= values.review_meetings <= REVIEW_MEETINGS_LIMIT:
            problems.append(
                f"The number of review meetings must be between 0 and {REVIEW_MEETINGS_LIMIT}."
            )
    if values.outcome is not None and values.step_decided_on is None:
        problems.append(
            "An outcome needs the date of the decision to step up or down: record that date too."
        )
    if values.step_decided_on is not None and values.outcome is None:
        problems.append(
            "Say what was decided on "
            f"{long_date(values.step_decided_on)}: choose the outcome of pre-proceedings."
        )
    for name, words, needed, fix in _NEEDS:
        if name in dates and needed not in dates:
            problems.append(f"{words.capitalize()} cannot be recorded on its own. {fix}")
    return problems


_WORDS = {
    "decided_on": "the decision to start pre-proceedings",
    "letter_sent_on": "the letter before proceedings",
    "first_meeting_on": "the first pre-proceedings meeting",
    "step_decided_on": "the decision to step up or down",
    "court_application_on": "the court application",
    "proceedings_letter_on": "the letter starting care proceedings",
}
