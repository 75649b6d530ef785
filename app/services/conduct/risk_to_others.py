"""Recording whether the child is thought to pose a risk of harm to others.

One answer per strategy meeting or conference (the rules are in
:mod:`app.workflow.risk_to_others`). The chair records it with a button of its
own; until then meeting mode keeps what they type as drafts. Once the minutes are signed
off the answer changes only by an amendment: the database refuses it, and so
does this module first.
"""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import bindparam, select
from sqlalchemy.orm import Session

from app import clock
from app.errors import ValidationError
from app.models import RiskAgency, RiskAssessment, RiskToOthers, risk_to_others_id
from app.services.conduct._common import editable_meeting, get_meeting
from app.services.conduct.decision import deciding_chair, require_started
from app.storage.workspace import Workspace
from app.validation import validated
from app.workflow.risk_to_others import TITLE, RiskToOthersRow, asked_at, problems

_RISK = select(RiskToOthers).where(RiskToOthers.meeting_id == bindparam("meeting"))


def find_risk(session: Session, meeting_id: str) -> RiskToOthers | None:
    return session.scalar(_RISK, {"meeting": meeting_id})


def risk_row(risk: RiskToOthers | None) -> RiskToOthersRow | None:
    if risk is None:
        return None
    return RiskToOthersRow(
        meeting_id=risk.meeting_id,
        assessment=risk.assessment,
        to_whom=risk.to_whom,
        what=risk.what,
        agencies=tuple(a for a in RiskAgency if a.value in risk.agencies),
        agencies_other=risk.agencies_other,
        recorded_by=risk.recorded_by,
    )


def risk_in(session: Session, meeting_id: str) -> RiskToOthersRow | None:
    return risk_row(find_risk(session, meeting_id))


def load_risk_to_others(workspace: Workspace, *, meeting_id: str) -> RiskToOthersRow | None:
    """What the meeting recorded, or None if it has not answered yet."""
    with workspace.reading() as session:
        get_meeting(session, meeting_id)
        return risk_in(session, meeting_id)


@validated
def record_risk_to_others(
    workspace: Workspace,
    *,
    meeting_id: str,
    assessment: RiskAssessment,
    to_whom: str = "",
    what: str = "",
    agencies: Sequence[RiskAgency] = (),
    agencies_other: str = "",
) -> RiskToOthersRow:
    """Record the meeting's answer (replacing an earlier one).

    "None known" keeps no detail; a risk needs to whom and what.
    """
    chosen = tuple(a for a in RiskAgency if a in set(agencies))
    if assessment is RiskAssessment.NONE_KNOWN:
        to_whom, what, chosen, agencies_other = "", "", (), ""
    if RiskAgency.OTHER not in chosen:
        agencies_other = ""
    missing = problems(
        assessment, to_whom=to_whom, what=what, agencies=chosen, agencies_other=agencies_other
    )
    if missing:
        raise ValidationError(" ".join(missing))
    with workspace.transaction() as session:
        meeting = editable_meeting(session, meeting_id)
        if not asked_at(meeting.meeting_type):
            raise ValidationError(
                f"{TITLE} is recorded at strategy meetings and child protection conferences."
            )
        require_started(meeting)
        chair = deciding_chair(meeting)
        risk = find_risk(session, meeting.id)
        if risk is None:
            risk = RiskToOthers(id=risk_to_others_id(meeting.id), meeting_id=meeting.id)
            session.add(risk)
        risk.assessment = assessment
        risk.to_whom = to_whom.strip()
        risk.what = what.strip()
        risk.agencies = [a.value for a in chosen]
        risk.agencies_other = agencies_other.strip()
        risk.recorded_by = chair
        risk.recorded_at = clock.utcnow()
        session.flush()
        row = risk_row(risk)
        assert row is not None
        return row
