"""Hostile inputs for service functions, built from their type annotations.

Each argument gets a mix of ordinary values and the kinds of input that broke
things before: lone surrogates, control characters, NUL, very long text,
unknown enumeration values, unknown ids, huge numbers and dates far outside
the range a meeting could have. Ids are mostly drawn from the workspace, so
that calls reach past the "not found" checks into the real work.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import enum
import inspect
import types
import typing
from collections.abc import Callable, Mapping, Sequence
from typing import Any

from hypothesis import strategies as st

NASTY_TEXT = [
    "",
    " ",
    "\x00",
    "Sample\x00town",
    "\ud800",
    "lone \udfff surrogate",
    "line one\nline two",
    "tab\there",
    "carriage\rreturn",
    "\x1b[31mred\x1b[0m",
    "\x0c",
    "\x7f",
    "\x85",
    "\ufffe",
    "\uffff",
    "Zoë O'Brien-Ng 🙂",
    "x" * 201,
    "y" * 20_001,
    "DEMO0001",
    "%",
    '"quoted" OR NOT',
    "*",
]
HUGE_INTS = [2**63, -(2**63) - 1, 10**30, -1, 0, 1, 59, 60, 61, 1441]


ORDINARY_TEXT = st.text(st.characters(codec="ascii", categories=["L", "N", "Zs"]), max_size=30)


def text() -> st.SearchStrategy[str]:
    return st.one_of(
        st.text(max_size=40),
        st.text(st.characters(exclude_categories=()), max_size=20),  # surrogates, controls
        st.sampled_from(NASTY_TEXT),
    )


def identifier(known: Sequence[str]) -> st.SearchStrategy[str]:
    options = [st.uuids().map(str), st.sampled_from(NASTY_TEXT)]
    if known:
        # Known ids four times in five, so most calls reach the real work.
        return st.one_of(*([st.sampled_from(list(known))] * 4), *options)
    return st.one_of(*options)


def dates() -> st.SearchStrategy[dt.date]:
    return st.one_of(
        st.dates(dt.date(2025, 1, 1), dt.date(2027, 12, 31)),
        st.dates(),
        st.sampled_from([dt.date.min, dt.date.max, dt.date(1899, 12, 31), dt.date(2101, 1, 1)]),
    )


def datetimes() -> st.SearchStrategy[dt.datetime]:
    return st.one_of(
        st.datetimes(dt.datetime(2025, 1, 1), dt.datetime(2027, 12, 31), timezones=st.just(dt.UTC)),
        st.datetimes(timezones=st.none() | st.just(dt.UTC)),
    )


class Strategies:
    """Builds an argument strategy from an annotation and a name."""

    def __init__(
        self, ids: Mapping[str, Sequence[str]], special: Mapping[str, Any], *, tame: bool = False
    ) -> None:
        self.ids = ids
        self.special = special
        self.tame = tame

    def for_function(self, function: Callable[..., Any]) -> st.SearchStrategy[dict[str, Any]]:
        """Half the calls ordinary (so they reach the real work), half hostile."""
        tame = Strategies(self.ids, self.special, tame=True)
        return st.one_of(tame.arguments(function), self.arguments(function))

    def arguments(self, function: Callable[..., Any]) -> st.SearchStrategy[dict[str, Any]]:
        hints = typing.get_type_hints(function)
        parameters = inspect.signature(function).parameters
        fields: dict[str, st.SearchStrategy[Any]] = {}
        for name, parameter in parameters.items():
            if name == "workspace":
                continue
            strategy = self.named(name, hints.get(name, Any))
            if parameter.default is not inspect.Parameter.empty:
                fields[name] = st.one_of(st.just(parameter.default), strategy)
            else:
                fields[name] = strategy
        return st.fixed_dictionaries(fields)

    def named(self, name: str, hint: Any) -> st.SearchStrategy[Any]:
        if name in self.special:
            ordinary, hostile = self.special[name]
            return typing.cast(st.SearchStrategy[Any], ordinary if self.tame else hostile)
        return self.for_hint(name, hint)

    def for_hint(self, name: str, hint: Any) -> st.SearchStrategy[Any]:
        origin = typing.get_origin(hint)
        if origin in (typing.Union, types.UnionType):
            options = [o for o in typing.get_args(hint) if o is not type(None)]
            usable = [self.for_hint(name, o) for o in options if not _marker(o)]
            return st.one_of(st.none(), *usable)
        if hint is str:
            if name.endswith("_id") or name in ("after", "record_id"):
                known = self.ids.get(name, ())
                return st.sampled_from(list(known)) if self.tame and known else identifier(known)
            return ORDINARY_TEXT if self.tame else text()
        if hint is bool:
            return st.booleans()
        if hint is int:
            if self.tame:
                return st.integers(0, 30)
            return st.one_of(st.integers(-3, 30), st.sampled_from(HUGE_INTS), st.integers())
        if hint is dt.datetime:
            return datetimes().filter(lambda t: t.tzinfo is not None) if self.tame else datetimes()
        if hint is dt.date:
            return st.dates(dt.date(2025, 1, 1), dt.date(2027, 12, 31)) if self.tame else dates()
        if hint is dt.time:
            return st.times()
        if isinstance(hint, type) and issubclass(hint, enum.Enum):
            members = list(hint)
            if self.tame:
                return st.sampled_from(members)
            return st.one_of(
                st.sampled_from(members),
                st.sampled_from(members).map(lambda m: m.value),
                st.sampled_from(["", "bogus", "STRATEGY", "\x00"]),
            )
        if isinstance(hint, type) and dataclasses.is_dataclass(hint):
            field_hints = typing.get_type_hints(hint)
            return st.builds(
                hint,
                **{
                    f.name: self.named(f.name, field_hints[f.name])
                    for f in dataclasses.fields(hint)
                },
            )
        args = typing.get_args(hint)
        if origin is tuple and args and args[-1] is not Ellipsis:
            return st.tuples(*(self.for_hint(name, a) for a in args))
        if origin is not None and isinstance(origin, type) and issubclass(origin, Mapping):
            values_name, _, keys_name = name.partition("_by_")
            return st.dictionaries(
                self.for_hint(f"{keys_name}_id", args[0]),
                self.for_hint(values_name, args[1]),
                max_size=4,
            )
        if origin is not None and isinstance(origin, type) and issubclass(origin, Sequence):
            element = name.removesuffix("s")  # item_ids: each an item_id
            item = self.for_hint(element, args[0])
            strategy = st.lists(item, max_size=4)
            return strategy.map(tuple) if origin is tuple else strategy
        return st.one_of(text(), st.integers(), dates(), st.booleans(), st.none())


def _marker(hint: Any) -> bool:
    """A module's own "leave it as it is" marker type, such as ``Unset``."""
    return (
        isinstance(hint, type)
        and hint.__module__.startswith("app.")
        and not issubclass(hint, enum.Enum)
        and not dataclasses.is_dataclass(hint)
    )
