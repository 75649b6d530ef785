"""Workspace settings: the chair, the local authority and how the app behaves."""

from __future__ import annotations

import dataclasses
import datetime as dt

from sqlalchemy import select

from app import validation
from app.errors import InvalidField, ValidationError
from app.models import ClosureDay, Setting
from app.setting_names import CLOSURE_DAYS, NAMED_SETTINGS, SETTING_NAMES
from app.storage.workspace import Workspace
from app.validation import validated
from app.workflow.journey_facts import BIRTH_REVIEW_WORKING_DAYS, CORE_GROUP_WEEKS


@dataclasses.dataclass(frozen=True)
class WorkspaceSettings:
    chair_name: str = ""
    local_authority: str = ""
    # The DfE's three-digit number for the local authority, for the CIN census.
    la_code: str = ""
    idle_lock_minutes: int = 5
    full_names_in_minutes: bool = False
    lcpp_contact: str = ""
    team_phone: str = ""
    out_of_hours_phone: str = ""
    parent_letter_wording: str = ""
    # Weeks from one core group to the next (the first is within 10 working days).
    core_group_weeks: int = CORE_GROUP_WEEKS
    # Working days from the birth to the first review after a pre-birth conference.
    birth_review_working_days: int = BIRTH_REVIEW_WORKING_DAYS


_FIELDS = {f.name: f for f in dataclasses.fields(WorkspaceSettings)}
# The team's contact details go on letters as an address block, one line each.
MULTILINE_SETTINGS = frozenset({"lcpp_contact"})


def _decode(name: str, raw: str) -> object:
    kind = _FIELDS[name].type
    if kind in ("int", int):
        try:
            return int(raw)
        except ValueError:
            return _FIELDS[name].default  # stored by an older version: fall back
    if kind in ("bool", bool):
        return raw == "1"
    # Text stored before input was checked may hold characters no document can carry.
    return validation.printable(raw, multiline=name in MULTILINE_SETTINGS)


_TRUE, _FALSE = {"1", "true", "yes", "on"}, {"0", "false", "no", "off"}


def _encode(name: str, value: object) -> str:
    kind = _FIELDS[name].type
    if kind in ("bool", bool):
        if isinstance(value, str) and value.strip().lower() in _TRUE | _FALSE:
            value = value.strip().lower() in _TRUE
        if not isinstance(value, bool):
            raise InvalidField(name, "must be yes or no")
        return "1" if value else "0"
    if kind in ("int", int):
        if isinstance(value, str) and value.strip().isdigit():
            value = int(value.strip())
        return str(validation.integer(name, value))
    text = validation.text(name, value, multiline=name in MULTILINE_SETTINGS).strip()
    if name == "la_code" and text and not (text.isdigit() and len(text) == 3):
        raise ValidationError(
            "The local authority code is the DfE's three-digit number, for example 999."
        )
    if name == "parent_letter_wording" and text:
        _check_wording_file(text)
    return text


def _check_wording_file(path: str) -> None:
    """Refuse a re-wording of parents' letters that the letters would refuse later: a
    path that is not a file, or a file that drops a required item."""
    from app.errors import ExportError
    from app.exporters.letters.parent_wording import load_wording

    try:
        load_wording(None, path)
    except ExportError as exc:
        raise ValidationError(str(exc)) from exc


def get_settings(workspace: Workspace) -> WorkspaceSettings:
    with workspace.reading() as session:
        rows = {s.key: s.value for s in session.scalars(select(Setting))}
    values = {k: _decode(k, v) for k, v in rows.items() if k in _FIELDS}
    return WorkspaceSettings(**values)  # type: ignore[arg-type]


@validated
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


@validated
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


# -- settings by the names administrators use (``macpt settings``) -----------


def _known(name: str) -> str:
    if name not in SETTING_NAMES:
        raise ValidationError(
            f"There is no setting called {name!r}. The settings are: {', '.join(SETTING_NAMES)}."
        )
    return name


def get_named_setting(workspace: Workspace, *, name: str) -> str:
    """The setting ``name`` as text: closure days one a line, ``YYYY-MM-DD description``."""
    if _known(name) == CLOSURE_DAYS:
        return "\n".join(
            f"{day.isoformat()} {description}".rstrip()
            for day, description in closure_days(workspace)
        )
    return str(getattr(get_settings(workspace), NAMED_SETTINGS[name]))


def set_named_setting(workspace: Workspace, *, name: str, value: str) -> str:
    """Store ``value`` as the setting ``name``; returns the setting as now stored.

    Closure days replace the list: entries ``YYYY-MM-DD description`` separated
    by ``;`` or new lines (the description may be left out); empty clears it.
    """
    if _known(name) == CLOSURE_DAYS:
        set_closure_days(workspace, days=parse_closure_days(value))
    else:
        update_setting(workspace, key=NAMED_SETTINGS[name], value=value)
    return get_named_setting(workspace, name=name)


def parse_closure_days(value: str) -> list[tuple[dt.date, str]]:
    validation.text("closure_days", value, multiline=True)
    days: list[tuple[dt.date, str]] = []
    for entry in value.replace(";", "\n").splitlines():
        if not entry.strip():
            continue
        day_text, _, description = entry.strip().partition(" ")
        try:
            day = dt.date.fromisoformat(day_text)
        except ValueError as exc:
            raise InvalidField(
                "closure_days", f"has {day_text!r}, which is not a date written YYYY-MM-DD"
            ) from exc
        days.append((day, description.strip()))
    return days
