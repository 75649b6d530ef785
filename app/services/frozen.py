"""Frozen dataclass rows to JSON and back, for records kept exactly as they were signed.

Only what the service rows hold is handled: nested frozen dataclasses, tuples,
lists, enums, dates, times, datetimes, text, numbers, booleans and None.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import enum
import types
import typing
from typing import Any


def to_json(value: Any) -> Any:
    """``value`` as plain JSON data."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: to_json(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, dt.date | dt.time):
        return value.isoformat()
    if isinstance(value, tuple | list):
        return [to_json(v) for v in value]
    if value is None or isinstance(value, str | int | float | bool):
        return value
    raise TypeError(f"{type(value).__name__} is not kept in a frozen record")


def from_json(kind: Any, data: Any) -> Any:
    """The value of type ``kind`` that :func:`to_json` turned into ``data``."""
    origin = typing.get_origin(kind)
    if origin in (typing.Union, types.UnionType):
        if data is None:
            return None
        (inner,) = [a for a in typing.get_args(kind) if a is not type(None)]
        return from_json(inner, data)
    if origin in (tuple, list):
        inner = typing.get_args(kind)[0]
        return origin(from_json(inner, v) for v in data)
    if dataclasses.is_dataclass(kind) and isinstance(kind, type):
        hints = typing.get_type_hints(kind)
        return kind(
            **{
                f.name: from_json(hints[f.name], data[f.name])
                for f in dataclasses.fields(kind)
                # A field added since the record was kept takes its default.
                if f.init and (f.name in data or not _has_default(f))
            }
        )
    if isinstance(kind, type) and issubclass(kind, enum.Enum):
        return kind(data)
    if kind is dt.datetime:
        return dt.datetime.fromisoformat(data)
    if kind is dt.date:
        return dt.date.fromisoformat(data)
    if kind is dt.time:
        return dt.time.fromisoformat(data)
    return data


def _has_default(field: dataclasses.Field[Any]) -> bool:
    return (
        field.default is not dataclasses.MISSING or field.default_factory is not dataclasses.MISSING
    )
