"""Whether the child is thought to pose a risk of harm to others. No Qt, no database.

The Southport Inquiry (recommendation 39) asks that assessments and planned
multi-agency work consider the risks a child may pose to others. Every
strategy meeting and conference answers it: "none known", or to whom, what,
and which agencies are involved. One owner for the rule: the services, the
closing check, the minutes and meeting mode all ask here.
"""

from __future__ import annotations

import dataclasses

from app.models.meeting import MeetingType
from app.models.risk import RiskAgency, RiskAssessment

# The meetings that must answer it before they close.
ASKED_AT = frozenset({MeetingType.STRATEGY, MeetingType.ICPC, MeetingType.RCPC})
TITLE = "Risk to others"
QUESTION = "Is the child thought to pose a risk of harm to others?"
MISSING = (
    "Say whether the child is thought to pose a risk of harm to others: "
    '"none known", or to whom, what, and which agencies are involved. '
    "Record it under Risk to others."
)


@dataclasses.dataclass(frozen=True)
class RiskToOthersRow:
    """What a meeting recorded. Frozen into the signed record, read by the minutes."""

    meeting_id: str
    assessment: RiskAssessment
    to_whom: str = ""
    what: str = ""
    agencies: tuple[RiskAgency, ...] = ()
    agencies_other: str = ""
    recorded_by: str = ""

    @property
    def poses_risk(self) -> bool:
        return self.assessment is RiskAssessment.RISK

    @property
    def agencies_text(self) -> str:
        """The agencies involved, in the list's order, "other" as described."""
        names = [
            self.agencies_other.strip() or a.label if a is RiskAgency.OTHER else a.label
            for a in RiskAgency
            if a in self.agencies
        ]
        return ", ".join(names) or "None named"

    @property
    def detail(self) -> str:
        """The free text, as one piece: what restriction judges and the family copy drops."""
        return "\n".join(t for t in (self.to_whom, self.what, self.agencies_other) if t.strip())


def asked_at(meeting_type: MeetingType) -> bool:
    """Whether a meeting of ``meeting_type`` must record the risk to others."""
    return meeting_type in ASKED_AT


def problems(
    assessment: RiskAssessment,
    *,
    to_whom: str,
    what: str,
    agencies: tuple[RiskAgency, ...],
    agencies_other: str,
) -> list[str]:
    """What is missing from an answer before it can be recorded (empty when complete)."""
    if assessment is RiskAssessment.NONE_KNOWN:
        return []
    found = []
    if not to_whom.strip():
        found.append("Say to whom the child may pose a risk.")
    if not what.strip():
        found.append("Say what the risk is.")
    if RiskAgency.OTHER in agencies and not agencies_other.strip():
        found.append('Name the other agency involved, or untick "Other".')
    return found
