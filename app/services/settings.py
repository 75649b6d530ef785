"""Workspace settings: the chair, the local authority and how the app behaves."""

from __future__ import annotations

import dataclasses
import datetime as dt

from sqlalchemy import select

from app.errors import ValidationError
from app.models import ClosureDay, Setting
from app.storage.workspace import Workspace


@dataclasses.dataclass(frozen=True)
class WorkspaceSettings:
    chair_name: str = ""
    local_authority: str = ""
    # The DfE's three-digit number for the local authority, for the CIN census.
    la_code: str = ""
    idle_lock_minutes: int = 5
    full_names_in_minutes: bool = False
    lcpp_contact: str = ""


_FIELDS = {f.name: f for f in dataclasses.fields(WorkspaceSettings)}


def _decode(name: str, raw: str) -> object:
    kind = _FIELDS[name].type
    if kind in ("int", int):
        return int(raw)
    if kind in ("bool", bool):
        return raw == "1"
    return raw


def _encode(name: str, value: object) -> str:
    kind = _FIELDS[name].type
    if kind in ("bool", bool):
        return "1" if value else "0"
    if kind in ("int", int):
        number = int(str(value))
        if name == "idle_lock_minutes" and not 1 <= number <= 60:
            raise ValidationError("Lock after idle must be between 1 and 60 minutes.")
        return str(number)
    text = str(value).strip()
    if name == "la_code" and text and not (text.isdigit() and len(text) == 3):
        raise ValidationError(
            "The local authority code is the DfE's three-digit number, for example 999."
        )
    return text


def get_settings(workspace: Workspace) -> WorkspaceSettings:
    with workspace.reading() as session:
        rows = {s.key: s.value for s in session.scalars(select(Setting))}
    values = {k: _decode(k, v) for k, v in rows.items() if k in _FIELDS}
    return WorkspaceSettings(**values)  # type: ignore[arg-type]


def update_setting(workspace: Workspace, *, key: str, value: object) -> WorkspaceSettings:
    if key not in _FIELDS:
        raise ValidationError(f"There is no setting called {key!r}.")
    encoded = _encode(key, value)
    with workspace.transaction() as session:
        row = session.scalar(select(Setting).where(Setting.key == key))
        if row is None:
            session.add(Setting(key=key, value=encoded))
        elif row.value != encoded:
            row.value = encoded
    return get_settings(workspace)


def closure_days(workspace: Workspace) -> list[tuple[dt.date, str]]:
    with workspace.reading() as session:
        return [
            (c.day, c.description)
            for c in session.scalars(select(ClosureDay).order_by(ClosureDay.day))
        ]


def set_closure_days(workspace: Workspace, *, days: list[tuple[dt.date, str]]) -> None:
    """Replace the local closure days with ``days``."""
    wanted = dict(days)
    with workspace.transaction() as session:
        for row in session.scalars(select(ClosureDay)):
            if row.day not in wanted:
                session.delete(row)
            else:
                row.description = wanted.pop(row.day)
        session.flush()
        for day, description in wanted.items():
            session.add(ClosureDay(day=day, description=description))
