"""Autosave: one field of one record, stored as the user types.

The UI debounces keystrokes and calls :func:`save_field`; each call is one
committed transaction (``synchronous=FULL``), so what was acknowledged survives
an abrupt kill. Only fields listed here can be edited this way.
"""

from __future__ import annotations

import datetime as dt
import enum
from typing import Any

from app.errors import InvalidField, NotFound, RecordLocked, ValidationError
from app.models import (
    Agency,
    CaseEpisode,
    Child,
    FamilyMember,
    Meeting,
    MeetingStatus,
    Practitioner,
    Record,
)
from app.services.people import practitioner_named
from app.storage.workspace import Workspace
from app.validation import check, validated

# Which fields a person may edit in place, per record type.
EDITABLE: dict[type[Record], frozenset[str]] = {
    Child: frozenset(
        {
            "first_name",
            "last_name",
            "known_as",
            "date_of_birth",
            "expected_date_of_birth",
            "sex",
            "gender",
            "address",
            "postcode",
            "unique_child_identifier",
            "nhs_number",
            "upn",
            "la_child_ref",
        }
    ),
    FamilyMember: frozenset(
        {
            "name",
            "relationship_to_child",
            "parental_responsibility",
            "address",
            "phone",
            "email",
            "invite_to_conferences",
            "is_carer",
        }
    ),
    Practitioner: frozenset({"name", "role", "agency_id", "email", "phone"}),
    CaseEpisode: frozenset(
        {
            "concern",
            "harm_inside_home",
            "harm_outside_home",
            "harm_online",
            "looked_after",
            "kinship_care",
            "proceedings",
            "guardian_name",
            "guardian_contact",
            "lcpp_name",
        }
    ),
    Meeting: frozenset(
        {
            "scheduled_date",
            "scheduled_time",
            "duration_minutes",
            "location",
            "online_link",
            "chair_name",
            "minute_taker_name",
            "notes",
        }
    ),
    Agency: frozenset({"name"}),
}

MODELS_BY_NAME: dict[str, type[Record]] = {m.__tablename__: m for m in EDITABLE}


def _coerce(model: type[Record], field: str, value: Any) -> Any:
    column = model.__table__.columns[field]
    python_type: Any = column.type.python_type
    if value is None or value == "":
        if column.nullable:
            return None
        if python_type is str:
            return ""
        raise ValidationError(f"{field.replace('_', ' ').capitalize()} cannot be empty.")
    if isinstance(value, python_type) and not (python_type is int and isinstance(value, bool)):
        return check(field, value, python_type)
    try:
        return check(field, _convert(python_type, value), python_type)
    except (ValueError, TypeError, OverflowError) as exc:
        raise InvalidField(field, "is not a value this field can take") from exc


def _convert(python_type: Any, value: Any) -> Any:
    if python_type is dt.date:
        try:
            return dt.date.fromisoformat(str(value))
        except ValueError as exc:
            raise ValidationError(
                "Dates are written as YYYY-MM-DD, for example 2026-12-14."
            ) from exc
    if python_type is dt.time:
        return dt.time.fromisoformat(str(value))
    if isinstance(python_type, type) and issubclass(python_type, enum.Enum):
        return python_type(value)
    if python_type is bool:
        return bool(value)
    if python_type is int:
        return int(value)
    return python_type(value)


@validated
def save_field(workspace: Workspace, *, table: str, record_id: str, field: str, value: Any) -> None:
    """Store ``value`` in ``field`` of the record, if it changed."""
    model = MODELS_BY_NAME.get(table)
    if model is None or field not in EDITABLE[model]:
        raise ValidationError(f"{table}.{field} cannot be edited here.")
    coerced = _coerce(model, field, value)
    with workspace.transaction() as session:
        record = session.get(model, record_id)
        if record is None:
            raise NotFound("That record no longer exists. It may have been deleted.")
        if isinstance(record, Meeting) and record.status is MeetingStatus.SIGNED_OFF:
            raise RecordLocked(
                "These minutes are signed off. Record the change as an amendment instead."
            )
        if getattr(record, field) != coerced:
            setattr(record, field, coerced)
            if isinstance(record, Meeting) and field == "chair_name":
                record.chair_id = practitioner_named(session, str(coerced))
