"""What a family copy leaves out, and who may have which minutes. No Qt, no database.

One owner for these rules: the services, the minutes export, the CLI and
meeting mode all ask here.

- Every free-text field of a meeting's record can be restricted
  (:data:`RESTRICTABLE`); a restricted text never reaches a family copy.
- Police-investigative content starts restricted: text an agency with the
  police's statutory role gave or owns, and any text that mentions a term in
  ``resources/restriction_terms.json`` (ABE interviews, child protection
  medicals, arrests, warning markers). The chair lifts a restriction only with
  a reason.
- What the child may pose as a risk to others starts restricted, whatever it says.
- Strategy meeting and five-day review minutes are for professionals only.
"""

from __future__ import annotations

import functools
import json
import re

from app import paths
from app.models.meeting import MeetingType

# (table, field) for every free-text field that can be restricted. Rows of
# ``safety_plan_item`` are keyed by the plan and the worry (items are copied to
# each new version of the plan, so a restriction follows the worry).
RESTRICTABLE: frozenset[tuple[str, str]] = frozenset(
    {
        ("agenda_item", "notes"),
        ("agency_information", "information"),
        ("agency_view", "comment"),
        ("threshold_decision", "rationale"),
        ("threshold_decision", "support_detail"),
        ("threshold_decision", "dissent"),
        ("conference_decision", "rationale"),
        ("conference_decision", "progress"),
        ("conference_decision", "outline_plan"),
        ("conference_decision", "dissent"),
        ("conference_decision", "ongoing_support_detail"),
        ("icpc_timeframe", "reason"),
        ("meeting_action", "description"),
        ("safety_plan_item", "item"),
        ("discharge_input", "response"),
        ("risk_to_others", "detail"),
        ("meeting_context", "discussion"),
        ("meeting_context", "parents_as_partners"),
        ("meeting_context", "child_participation"),
    }
)
# Fields restricted until the chair lifts it, whatever they say: whether a child
# may harm others is for professionals unless the chair decides otherwise.
RESTRICTED_FROM_THE_START: frozenset[tuple[str, str]] = frozenset({("risk_to_others", "detail")})

FAMILY_COPY_MARK = "Family copy: some information has been removed"
FAMILY_COPY_NOTE = (
    "This is the copy of the minutes for the family. Some information has been removed "
    "from it. If you have questions about these minutes, please ask the social worker or "
    "the chair."
)
PROFESSIONALS_ONLY = (
    "{title} are for professionals only: there is no family copy of them. "
    "A family copy can be made of the minutes of a child protection conference "
    "(initial or review)."
)
# The meetings whose minutes a family may have, with what has been removed.
FAMILY_COPY_MEETINGS = frozenset({MeetingType.ICPC, MeetingType.RCPC})


class NotForFamilies(ValueError):
    """A family copy was asked for minutes that are for professionals only."""


def family_copy_allowed(meeting_type: MeetingType) -> bool:
    """Conference minutes (and the discharge, recorded at a review conference) have a
    family copy; strategy meeting and five-day review minutes do not."""
    return meeting_type in FAMILY_COPY_MEETINGS


def check_family_copy(meeting_type: MeetingType) -> None:
    """Raise :class:`NotForFamilies`, with a message for the user, where there is no
    family copy of ``meeting_type``'s minutes."""
    if not family_copy_allowed(meeting_type):
        raise NotForFamilies(PROFESSIONALS_ONLY.format(title=f"{meeting_type.label} minutes"))


@functools.cache
def _pattern() -> re.Pattern[str]:
    path = paths.resources_dir() / "restriction_terms.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    loose = [re.escape(t).replace(r"\ ", r"\s+") for t in data.get("terms", [])]
    exact = [re.escape(t) for t in data.get("match_case", [])]
    parts = []
    if loose:
        parts.append(r"(?i:\b(?:" + "|".join(loose) + r"))")
    if exact:
        parts.append(r"\b(?:" + "|".join(exact) + r")\b")
    return re.compile("|".join(parts) or r"(?!x)x")


def mentions_police_matters(text: str) -> bool:
    """Whether ``text`` mentions a term of the restriction list."""
    return bool(text) and _pattern().search(text) is not None


def starts_restricted(text: str, *, from_police: bool = False) -> bool:
    """Whether a text is restricted before the chair has said otherwise: anything
    the police gave or own, and anything that mentions police-investigative matters."""
    return from_police or mentions_police_matters(text)
