"""Restricting a meeting's free text, and lifting a restriction with a reason.

What is restricted is decided in one place: :mod:`app.workflow.restriction`
says what starts restricted and which fields can be; the latest
``RestrictionChange`` for a field, where there is one, is the chair's word on
it. A restriction lifted needs a reason, kept with the change (and so in the
audit log's content hash). Once the minutes are signed off nothing here
changes: the database refuses it, and so does this module first.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
from collections.abc import Mapping

from sqlalchemy import literal_column, select
from sqlalchemy.orm import Session

from app import clock
from app.errors import NotFound, ValidationError
from app.models import (
    Agency,
    AgencyInformation,
    AgencyView,
    AgendaItem,
    DischargeInput,
    Meeting,
    MeetingAction,
    RestrictionChange,
    StatutoryRole,
)
from app.services.conduct._common import editable_meeting, get_meeting, required_text
from app.storage import audit
from app.storage.workspace import Workspace
from app.validation import validated
from app.workflow.restriction import RESTRICTABLE, RESTRICTED_FROM_THE_START, starts_restricted

# (table, record id, field): one restrictable piece of text.
FieldKey = tuple[str, str, str]
# Tables whose rows are the record named; the decisions are named by their meeting.
_ROWS: dict[str, type[AgendaItem | AgencyInformation | AgencyView | MeetingAction | DischargeInput]]
_ROWS = {
    "agenda_item": AgendaItem,
    "agency_information": AgencyInformation,
    "agency_view": AgencyView,
    "meeting_action": MeetingAction,
    "discharge_input": DischargeInput,
}
_BY_MEETING = frozenset(
    {
        "threshold_decision",
        "conference_decision",
        "icpc_timeframe",
        "risk_to_others",
        "meeting_context",
    }
)


def safety_plan_item_id(plan_id: str, worry: str) -> str:
    """The key of a safety plan item: its plan and its worry, so that a restriction
    follows the worry into each new version of the plan."""
    digest = hashlib.sha256(" ".join(worry.split()).casefold().encode("utf-8")).hexdigest()
    return f"{plan_id}:{digest[:16]}"


@dataclasses.dataclass(frozen=True)
class ChangeRow:
    record_table: str
    record_id: str
    field: str
    restricted: bool
    reason: str
    changed_by: str
    changed_at: dt.datetime


@dataclasses.dataclass(frozen=True)
class Restrictions:
    """The chair's changes for a case's meetings, and which agencies are the police's."""

    changes: Mapping[FieldKey, ChangeRow]
    police_agency_ids: frozenset[str]

    def change(self, table: str, record_id: str, field: str) -> ChangeRow | None:
        return self.changes.get((table, record_id, field))

    def restricted(
        self,
        table: str,
        record_id: str,
        field: str,
        text: str,
        *,
        agency_id: str | None = None,
        marked: bool = False,
    ) -> bool:
        """Whether the text is restricted: the chair's latest change, or else the rule
        (``marked`` is an older record's own flag, as agency information has)."""
        change = self.change(table, record_id, field)
        if change is not None:
            return change.restricted
        if (table, field) in RESTRICTED_FROM_THE_START:
            return True
        return marked or starts_restricted(text, from_police=agency_id in self.police_agency_ids)


def _change_row(change: RestrictionChange) -> ChangeRow:
    return ChangeRow(
        change.record_table,
        change.record_id,
        change.field,
        change.restricted,
        change.reason,
        change.changed_by,
        change.changed_at,
    )


def restrictions_in(session: Session, meeting: Meeting) -> Restrictions:
    """Every change for the meetings of ``meeting``'s case (actions carried over
    keep the restriction given at the meeting that agreed them)."""
    rows = session.scalars(
        select(RestrictionChange)
        .join(Meeting, Meeting.id == RestrictionChange.meeting_id)
        .where(Meeting.case_id == meeting.case_id)
        .order_by(RestrictionChange.changed_at, literal_column("restriction_change.rowid"))
    )
    changes = {(r.record_table, r.record_id, r.field): _change_row(r) for r in rows}
    police = session.scalars(
        select(Agency.id).where(Agency.statutory_role == StatutoryRole.POLICE)
    ).all()
    return Restrictions(changes, frozenset(police))


def load_restrictions(workspace: Workspace, *, meeting_id: str) -> Restrictions:
    with workspace.reading() as session:
        return restrictions_in(session, get_meeting(session, meeting_id))


def _check_record(session: Session, meeting_id: str, table: str, record_id: str) -> None:
    if table in _BY_MEETING:
        if record_id != meeting_id:
            raise ValidationError("That decision belongs to another meeting.")
        return
    model = _ROWS.get(table)
    if model is None:  # a safety plan item, named by its plan and worry
        return
    belongs_to = session.scalar(select(model.meeting_id).where(model.id == record_id))
    if belongs_to is None:
        raise NotFound("That part of the record no longer exists.")
    if belongs_to != meeting_id:
        # A carried-over action keeps the restriction its own meeting gave it.
        raise ValidationError("That text belongs to another meeting's record.")


@validated
def set_restriction(
    workspace: Workspace,
    *,
    meeting_id: str,
    record_table: str,
    record_id: str,
    field: str,
    restricted: bool,
    reason: str = "",
) -> ChangeRow:
    """Restrict a piece of the meeting's text, or lift its restriction with a reason.

    Restricted text never reaches a family copy of the minutes. Lifting needs a
    reason; nothing changes once the minutes are signed off (RecordLocked).
    """
    if (record_table, field) not in RESTRICTABLE:
        raise ValidationError("That text cannot be restricted.")
    if not restricted:
        reason = required_text(reason, "the reason for lifting the restriction")
    with workspace.transaction() as session:
        editable_meeting(session, meeting_id)
        _check_record(session, meeting_id, record_table, record_id)
        change = RestrictionChange(
            meeting_id=meeting_id,
            record_table=record_table,
            record_id=record_id,
            field=field,
            restricted=restricted,
            reason=reason.strip(),
            changed_by=workspace.actor,
            changed_at=clock.utcnow(),
        )
        session.add(change)
        if record_table == "agency_information":
            entry = session.get(AgencyInformation, record_id)
            if entry is not None and entry.restricted != restricted:
                entry.restricted = restricted
        session.flush()
        audit.append(
            session,
            table="restriction_change",
            record_id=change.id,
            action="restrict" if restricted else "lift-restriction",
        )
        return _change_row(change)
