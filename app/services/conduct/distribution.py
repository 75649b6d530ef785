"""Who each copy of a meeting's minutes was made for: the distribution list.

Every export of the minutes adds a row (in the export's own transaction, with
its audit entry): the recipient (an agency, a person or a family member), full
or family copy, the version, and whether it was a draft. Rows are never
changed; the minutes carry the list, and the meeting's summary shows it.
"""

from __future__ import annotations

import dataclasses
import datetime as dt

from sqlalchemy import func, literal_column, select
from sqlalchemy.orm import Session

from app import clock
from app.models import (
    Agency,
    FamilyMember,
    MinutesCopy,
    MinutesDistribution,
    RecipientKind,
)
from app.services.conduct._common import get_meeting
from app.storage import audit
from app.storage.workspace import Workspace

COPY_LABELS = {MinutesCopy.FULL: "Full copy", MinutesCopy.FAMILY: "Family copy"}
KIND_LABELS = {
    RecipientKind.AGENCY: "Agency",
    RecipientKind.PERSON: "Person",
    RecipientKind.FAMILY_MEMBER: "Family member",
    RecipientKind.NOT_NAMED: "Not named",
}


@dataclasses.dataclass(frozen=True)
class Recipient:
    """For whom a copy is made."""

    kind: RecipientKind
    name: str = ""
    agency_id: str | None = None
    family_member_id: str | None = None

    @property
    def label(self) -> str:
        return self.name or "Recipient not named"


NOT_NAMED = Recipient(RecipientKind.NOT_NAMED)


@dataclasses.dataclass(frozen=True)
class DistributionRow:
    id: str
    recipient: Recipient
    copy: MinutesCopy
    version: int
    draft: bool
    made_at: dt.datetime
    made_by: str

    @property
    def copy_label(self) -> str:
        return COPY_LABELS[self.copy]

    @property
    def version_label(self) -> str:
        return f"Version {self.version}, {'draft' if self.draft else 'signed off'}"


def _row(row: MinutesDistribution) -> DistributionRow:
    return DistributionRow(
        row.id,
        Recipient(row.recipient_kind, row.recipient_name, row.agency_id, row.family_member_id),
        row.copy,
        row.version,
        row.draft,
        row.made_at,
        row.made_by,
    )


def distribution_rows(session: Session, meeting_id: str) -> list[DistributionRow]:
    return [
        _row(r)
        for r in session.scalars(
            select(MinutesDistribution)
            .where(MinutesDistribution.meeting_id == meeting_id)
            .order_by(MinutesDistribution.made_at, literal_column("minutes_distribution.rowid"))
        )
    ]


def list_distribution(workspace: Workspace, *, meeting_id: str) -> list[DistributionRow]:
    """Every copy of the meeting's minutes made so far, oldest first."""
    with workspace.reading() as session:
        get_meeting(session, meeting_id)
        return distribution_rows(session, meeting_id)


def find_recipient(workspace: Workspace, *, meeting_id: str, name: str) -> Recipient:
    """The recipient a user named: an agency in the directory, a member of the
    child's family, or else a person by the name given."""
    wanted = " ".join(name.split())
    if not wanted:
        return NOT_NAMED
    key = wanted.casefold()
    with workspace.reading() as session:
        meeting = get_meeting(session, meeting_id)
        agency = session.scalar(
            select(Agency).where(func.lower(Agency.name) == key, Agency.retired_at.is_(None))
        )
        if agency is not None:
            return Recipient(RecipientKind.AGENCY, agency.name, agency_id=agency.id)
        for member in session.scalars(
            select(FamilyMember).where(FamilyMember.child_id == meeting.case.child_id)
        ):
            if " ".join(member.name.split()).casefold() == key:
                return Recipient(
                    RecipientKind.FAMILY_MEMBER, member.name, family_member_id=member.id
                )
    return Recipient(RecipientKind.PERSON, wanted)


def record_copy(
    session: Session,
    *,
    meeting_id: str,
    recipient: Recipient,
    copy: MinutesCopy,
    version: int,
    draft: bool,
    actor: str,
) -> DistributionRow:
    """Add a copy to the distribution list, inside the export's transaction."""
    row = MinutesDistribution(
        meeting_id=meeting_id,
        recipient_kind=recipient.kind,
        recipient_name=recipient.name,
        agency_id=recipient.agency_id,
        family_member_id=recipient.family_member_id,
        copy=copy,
        version=version,
        draft=draft,
        made_at=clock.utcnow(),
        made_by=actor,
    )
    session.add(row)
    session.flush()
    audit.append(session, table="minutes_distribution", record_id=row.id, action="export-minutes")
    return _row(row)


def preview_copy(
    *, recipient: Recipient, copy: MinutesCopy, version: int, draft: bool, actor: str
) -> DistributionRow:
    """The row an export is about to add, for the list the minutes carry."""
    return DistributionRow("", recipient, copy, version, draft, clock.utcnow(), actor)
