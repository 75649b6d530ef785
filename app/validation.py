"""Checks at the service boundary: what a service may be handed, by type and name.

A service write function is decorated with :func:`validated`; before it opens
its transaction, every argument is checked against its type annotation and,
for text and numbers, against limits looked up by the argument's name. Text
that would break a document (lone surrogates, control characters, characters
XML cannot carry) never reaches the workspace, so nothing stored can break an
export. Enumeration values given as their text (``"strategy"``) are turned
into members; anything else that fails raises :class:`InvalidField`, whose
message names the field.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import enum
import functools
import inspect
import re
import types
import typing
from collections.abc import Callable, Mapping, Sequence
from typing import Any, ParamSpec, TypeVar

from app.errors import InvalidField, NotFound

P = ParamSpec("P")
R = TypeVar("R")

FIRST_YEAR, LAST_YEAR = 1900, 2100

# Free text that may run over several lines (newline and tab allowed), and how long.
MULTILINE_LIMIT = 20_000
MULTILINE = frozenset(
    {
        "activity",
        "address",
        "advice",
        "change_note",
        "child_participation",
        "comment",
        "concern",
        "contingency",
        "description",
        "discussion",
        "dissent",
        "draft",
        "findings",
        "guidance",
        "how_we_know",
        "information",
        "keeps_safe",
        "not_seen_reason",
        "note",
        "notes",
        "ongoing_support_detail",
        "outcome_note",
        "outcome",
        "outline_plan",
        "parents_as_partners",
        "progress",
        "question",
        "rationale",
        "reason",
        "response",
        "support_detail",
        "to_whom",
        "what",
        "worry",
    }
)
# One line of text: 200 characters unless the name says otherwise.
LINE_LIMIT = 200
LINE_LIMITS = {
    "online_link": 2_000,
    "child_reference": 20,  # initials only: see app.models.consultation
    "file_name": 500,  # a letter's file name carries the agency's name
    "search": 500,
    "email": 320,
    "kind": 40,
    "value": 500,
}
ID_LIMIT = 64
# Whole numbers: the range a name allows; others are 0 to a million.
INT_RANGES: dict[str, tuple[int, int]] = {
    "duration_minutes": (1, 24 * 60),
    "idle_lock_minutes": (1, 60),
    "core_group_weeks": (1, 26),
    "birth_review_working_days": (1, 65),
    "position": (0, 100_000),
    "offset": (0, 10_000_000),
    "limit": (0, 10_000_000),
    "version": (1, 1_000_000),
    "seconds": (0, 7 * 24 * 3600),
}
INT_RANGE = (0, 1_000_000)
SEQUENCE_LIMIT = 1_000

# Characters XML 1.0 cannot carry (and so no Word document), besides C0 controls.
_NON_XML = re.compile("[\x7f-\x9f\ud800-\udfff\ufffe\uffff]")
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f]")
_LINE_BREAKS = re.compile("[\t\n\r]")


def text(field: str, value: object, *, multiline: bool | None = None) -> str:
    """``value`` if it is text a document can carry within ``field``'s limit."""
    if not isinstance(value, str):
        raise InvalidField(field, "must be text")
    if multiline is None:
        multiline = field in MULTILINE
    limit = MULTILINE_LIMIT if multiline else LINE_LIMITS.get(field, LINE_LIMIT)
    if field.endswith("_id") or field in ("after", "record_id"):
        limit = ID_LIMIT
    if len(value) > limit:
        raise InvalidField(field, f"is too long: at most {limit:,} characters")
    if _CONTROL.search(value) or _NON_XML.search(value):
        raise InvalidField(
            field, "contains a character that cannot be stored (a control character)"
        )
    if not multiline and _LINE_BREAKS.search(value):
        raise InvalidField(field, "must be one line, without line breaks or tabs")
    return value


def printable(value: str, *, multiline: bool = False) -> str:
    """``value`` without the characters :func:`text` refuses (for text stored before)."""
    value = _NON_XML.sub("", _CONTROL.sub("", value))
    return value if multiline else _LINE_BREAKS.sub(" ", value)


def date(field: str, value: object) -> dt.date:
    if not isinstance(value, dt.date):
        raise InvalidField(field, "must be a date")
    if not FIRST_YEAR <= value.year <= LAST_YEAR:
        raise InvalidField(field, f"must be a date between {FIRST_YEAR} and {LAST_YEAR}")
    if isinstance(value, dt.datetime) and value.tzinfo is None:
        raise InvalidField(field, "must say its time zone")
    return value


def integer(field: str, value: object) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise InvalidField(field, "must be a whole number")
    low, high = INT_RANGES.get(field, INT_RANGE)
    if not low <= value <= high:
        raise InvalidField(field, f"must be a whole number between {low:,} and {high:,}")
    return value


def member(field: str, value: object, kind: type[enum.Enum]) -> enum.Enum:
    """The member of ``kind`` that ``value`` is or names (by value)."""
    if isinstance(value, kind):
        return value
    try:
        return kind(value)
    except (ValueError, TypeError):
        pass
    allowed = ", ".join(str(m.value) for m in kind)
    raise InvalidField(field, f"must be one of: {allowed}")


def check(field: str, value: object, hint: Any) -> Any:
    """``value`` checked against the type ``hint``; enum values come back as members."""
    origin = typing.get_origin(hint)
    if origin in (typing.Union, types.UnionType):
        return _union(field, value, typing.get_args(hint))
    if origin is typing.Literal:
        if any(value is allowed or value == allowed for allowed in typing.get_args(hint)):
            return value
        raise InvalidField(field, "is not a value it can take")
    if hint is str:
        return text(field, value)
    if hint is bool:
        if not isinstance(value, bool):
            raise InvalidField(field, "must be yes or no")
        return value
    if hint is int:
        return integer(field, value)
    if hint is dt.datetime:
        if not isinstance(value, dt.datetime):
            raise InvalidField(field, "must be a date and time")
        return date(field, value)
    if hint is dt.date:
        if isinstance(value, dt.datetime):
            raise InvalidField(field, "must be a date without a time")
        return date(field, value)
    if hint is dt.time:
        if not isinstance(value, dt.time):
            raise InvalidField(field, "must be a time of day")
        return value
    if isinstance(hint, type) and issubclass(hint, enum.Enum):
        return member(field, value, hint)
    if isinstance(hint, type) and dataclasses.is_dataclass(hint):
        return _dataclass(field, value, hint)
    if origin is not None and isinstance(origin, type):
        if issubclass(origin, Mapping):
            return _mapping(field, value, hint)
        if issubclass(origin, Sequence):
            return _sequence(field, value, hint)
    return value


def _union(field: str, value: object, options: tuple[Any, ...]) -> Any:
    """``value`` as the first option it passes as (``UNSET``, a ``Literal``, passes as itself)."""
    if value is None and type(None) in options:
        return None
    first: InvalidField | None = None
    for option in options:
        if option is type(None):
            continue
        try:
            return check(field, value, option)
        except InvalidField as problem:
            first = first or problem
    if first is not None:
        raise first
    return value


def _sequence(field: str, value: object, hint: Any) -> Any:
    if isinstance(value, str | bytes) or not isinstance(value, Sequence):
        raise InvalidField(field, "must be a list")
    if len(value) > SEQUENCE_LIMIT:
        raise InvalidField(field, f"has too many entries: at most {SEQUENCE_LIMIT:,}")
    args = typing.get_args(hint)
    if not args:
        return value
    if typing.get_origin(hint) is tuple and args[-1] is not Ellipsis:
        if len(value) != len(args):
            raise InvalidField(field, f"must have {len(args)} parts")
        return tuple(check(field, item, part) for item, part in zip(value, args, strict=True))
    element = args[0]
    element_field = field.removesuffix("s") if field.endswith("s") else field
    checked = [check(element_field, item, element) for item in value]
    return tuple(checked) if isinstance(value, tuple) else checked


def _mapping(field: str, value: object, hint: Any) -> Any:
    if not isinstance(value, Mapping):
        raise InvalidField(field, "must be a table of values")
    if len(value) > SEQUENCE_LIMIT:
        raise InvalidField(field, f"has too many entries: at most {SEQUENCE_LIMIT:,}")
    args = typing.get_args(hint)
    key_hint, value_hint = args if len(args) == 2 else (Any, Any)
    # ``seconds_by_item`` maps items (their ids) to seconds.
    values_name, _, keys_name = field.partition("_by_")
    key_field = f"{keys_name}_id" if keys_name else field
    return {
        check(key_field, k, key_hint): check(values_name, v, value_hint) for k, v in value.items()
    }


def _dataclass(field: str, value: object, kind: type[Any]) -> Any:
    if not isinstance(value, kind):
        raise InvalidField(field, "is not the right kind of value")
    hints = typing.get_type_hints(kind)
    for f in dataclasses.fields(kind):
        check(f.name, getattr(value, f.name), hints[f.name])
    return value


def validated(function: Callable[P, R]) -> Callable[P, R]:
    """Check every argument of a service function (but the workspace) before it runs."""
    signature = inspect.signature(function)
    hints: dict[str, Any] = {}

    @functools.wraps(function)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        if not hints:
            hints.update(typing.get_type_hints(function))
        bound = signature.bind(*args, **kwargs)
        for name, value in list(bound.arguments.items()):
            if name == "workspace" or name not in hints:
                continue
            bound.arguments[name] = check(name, value, hints[name])
        try:
            return function(*bound.args, **bound.kwargs)
        except Exception as error:
            # Loaded by the service by now; not at import, so `macpt --help` stays light.
            import sqlalchemy.exc

            # An id that names no record gets as far as the database's foreign keys;
            # the transaction was rolled back, so nothing of the call was kept.
            if not isinstance(error, sqlalchemy.exc.IntegrityError):
                raise
            if "FOREIGN KEY" not in str(error.orig):
                raise
            raise NotFound(
                "Something this refers to no longer exists (it may have been removed). "
                "Refresh the screen and try again."
            ) from error

    return wrapper
