"""Sign-off locks the minutes; after it, changes are amendments and a reissue.

Nothing is changed silently: an amendment records who, when, what and why,
and stays pending until the minutes are reissued as the next version, which
lists it.
"""

from __future__ import annotations

import dataclasses
import datetime as dt

from sqlalchemy import bindparam, func, literal_column, select
from sqlalchemy.orm import Session

from app import clock
from app.errors import RecordLocked, ValidationError
from app.models import Amendment, MeetingStatus, MinutesIssue, MinutesIssueKind
from app.services.conduct._common import get_meeting, required_text
from app.services.conduct.closing import MeetingReads, facts_for
from app.services.conduct.decision import deciding_chair
from app.storage.workspace import Workspace
from app.validation import validated
from app.workflow import find_blockers


@dataclasses.dataclass(frozen=True)
class MinutesIssueRow:
    id: str
    version: int
    kind: MinutesIssueKind
    issued_at: dt.datetime
    issued_by: str


@dataclasses.dataclass(frozen=True)
class AmendmentRow:
    id: str
    made_at: dt.datetime
    made_by: str
    what: str
    reason: str
    # The version of the minutes that carries it; None until they are reissued.
    version: int | None


_ISSUES = (
    select(MinutesIssue)
    .where(MinutesIssue.meeting_id == bindparam("meeting"))
    .order_by(MinutesIssue.version)
)
_AMENDMENTS = (
    select(Amendment)
    .where(Amendment.meeting_id == bindparam("meeting"))
    .order_by(Amendment.made_at, literal_column("amendment.rowid"))
)
_LATEST_VERSION = select(func.max(MinutesIssue.version)).where(
    MinutesIssue.meeting_id == bindparam("meeting")
)


def issue_rows(session: Session, meeting_id: str) -> list[MinutesIssueRow]:
    return [
        MinutesIssueRow(i.id, i.version, i.kind, i.issued_at, i.issued_by)
        for i in session.scalars(_ISSUES, {"meeting": meeting_id})
    ]


def amendment_rows(session: Session, meeting_id: str) -> list[AmendmentRow]:
    return [
        AmendmentRow(a.id, a.made_at, a.made_by, a.what, a.reason, a.version)
        for a in session.scalars(_AMENDMENTS, {"meeting": meeting_id})
    ]


def _issue(session: Session, meeting_id: str, kind: MinutesIssueKind, actor: str) -> MinutesIssue:
    latest = session.scalar(_LATEST_VERSION, {"meeting": meeting_id})
    issue = MinutesIssue(
        meeting_id=meeting_id,
        version=(latest or 0) + 1,
        kind=kind,
        issued_at=clock.utcnow(),
        issued_by=actor,
    )
    session.add(issue)
    return issue


def _issue_row(issue: MinutesIssue) -> MinutesIssueRow:
    return MinutesIssueRow(issue.id, issue.version, issue.kind, issue.issued_at, issue.issued_by)


@validated
def sign_off(workspace: Workspace, *, meeting_id: str) -> MinutesIssueRow:
    """The chair signs off a closed meeting's minutes (version 1); they lock."""
    with workspace.transaction() as session:
        meeting = get_meeting(session, meeting_id)
        if meeting.status is MeetingStatus.SIGNED_OFF:
            raise RecordLocked("These minutes are already signed off.")
        if meeting.status is not MeetingStatus.CLOSED:
            raise ValidationError("Close the meeting before signing off its minutes.")
        # Read once for the blockers and the record kept below: signing off changes
        # none of what they read but the meeting's status, which the record reads afresh.
        reads = MeetingReads(session, meeting)
        blockers = find_blockers(facts_for(session, meeting, reads))
        if blockers:
            # Records can still change between closing and sign-off.
            raise ValidationError(
                "The minutes cannot be signed off yet: " + " ".join(b.message for b in blockers)
            )
        chair = deciding_chair(meeting)
        now = clock.utcnow()
        meeting.status = MeetingStatus.SIGNED_OFF
        meeting.signed_off_at = now
        meeting.signed_off_by = chair
        issue = _issue(session, meeting_id, MinutesIssueKind.SIGNED_OFF, chair)
        session.flush()
        # The record module reads this one's issues and amendments, hence the late import.
        from app.services.conduct.record import freeze_record

        freeze_record(session, meeting, reads)
        # Anything still in draft was never confirmed: it is not part of the minutes.
        from app.services.conduct.drafts import remove_drafts

        remove_drafts(session, meeting_id)
        session.flush()
        return _issue_row(issue)


@validated
def record_amendment(
    workspace: Workspace, *, meeting_id: str, what: str, reason: str
) -> AmendmentRow:
    """Record a change to signed-off minutes: what changes and why (who and when, too).

    The amendment is the record of the change; nothing else is altered. It goes
    out with the next reissue of the minutes.
    """
    what = required_text(what, "what is being amended")
    reason = required_text(reason, "the reason for the amendment")
    with workspace.transaction() as session:
        meeting = get_meeting(session, meeting_id)
        if meeting.status is not MeetingStatus.SIGNED_OFF:
            raise ValidationError(
                "These minutes are not signed off yet: change the record itself instead."
            )
        amendment = Amendment(
            meeting_id=meeting_id,
            made_at=clock.utcnow(),
            made_by=workspace.actor,
            what=what,
            reason=reason,
            version=None,
        )
        session.add(amendment)
        session.flush()
        return AmendmentRow(amendment.id, amendment.made_at, amendment.made_by, what, reason, None)


@validated
def reissue_minutes(workspace: Workspace, *, meeting_id: str) -> MinutesIssueRow:
    """A new version of signed-off minutes carrying the amendments recorded since the last."""
    with workspace.transaction() as session:
        meeting = get_meeting(session, meeting_id)
        if meeting.status is not MeetingStatus.SIGNED_OFF:
            raise ValidationError("Only signed-off minutes are reissued. Sign them off first.")
        pending = list(
            session.scalars(
                select(Amendment).where(
                    Amendment.meeting_id == meeting_id, Amendment.version.is_(None)
                )
            )
        )
        if not pending:
            raise ValidationError(
                "There are no amendments since the last issue. Record an amendment first."
            )
        issue = _issue(session, meeting_id, MinutesIssueKind.REISSUED, deciding_chair(meeting))
        for amendment in pending:
            amendment.version = issue.version
        session.flush()
        return _issue_row(issue)


def list_minutes_issues(workspace: Workspace, *, meeting_id: str) -> list[MinutesIssueRow]:
    with workspace.reading() as session:
        return issue_rows(session, meeting_id)


def list_amendments(workspace: Workspace, *, meeting_id: str) -> list[AmendmentRow]:
    with workspace.reading() as session:
        return amendment_rows(session, meeting_id)
