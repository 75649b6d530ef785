"""Keeping the key and passphrase out of memory once they are no longer needed.

Python's ``str`` and ``bytes`` are immutable, and freed objects are not
cleared, so a key that passed through one could be read from the process's
memory long after the workspace was locked. Keys live in ``bytearray``s that
are wiped; where an API insists on ``str`` or ``bytes`` (SQLCipher's
``PRAGMA key``, ``cryptography``'s input), the object we made is overwritten
in place as soon as it has been used. That relies on CPython's layout of
compact strings and bytes, which :func:`_data_offset` checks once.
"""

from __future__ import annotations

import ctypes
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

_HEX = b"0123456789abcdef"


def wipe(buffer: bytearray) -> None:
    """Overwrite a bytearray in place."""
    buffer[:] = bytes(len(buffer))


def _data_offset(value: str | bytes) -> int | None:
    """Where an object's characters start, if it is laid out as CPython does."""
    if sys.implementation.name != "cpython":
        return None
    if isinstance(value, bytes):
        offset = sys.getsizeof(b"") - 1
        expected = value
    else:
        if not value.isascii():
            return None  # only compact ASCII strings keep their text inline
        offset = sys.getsizeof("") - 1
        expected = value.encode("ascii")
    if ctypes.string_at(id(value) + offset, len(value)) != expected:
        return None
    return offset


def wipe_immutable(value: str | bytes) -> None:
    """Overwrite a ``str`` or ``bytes`` this module's callers created, in place.

    Never call it on anything shared: literals, interned strings or one-byte
    objects (CPython keeps single instances of those), which it refuses.
    """
    if len(value) < 2:
        return
    offset = _data_offset(value)
    if offset is not None:
        ctypes.memset(id(value) + offset, 0, len(value))


def hex_literal(key: bytes | bytearray, salt: bytes | None = None) -> bytearray:
    """SQLCipher's ``x'…'`` raw-key literal, built in a bytearray the caller wipes."""
    out = bytearray(b"x'")
    for part in (key, salt or b""):
        for byte in part:
            out.append(_HEX[byte >> 4])
            out.append(_HEX[byte & 0xF])
    out.append(ord("'"))
    return out


@contextmanager
def secret_text(buffer: bytearray) -> Iterator[str]:
    """A ``str`` of ``buffer`` for an API that needs one; both are wiped afterwards."""
    text = buffer.decode("ascii")
    try:
        yield text
    finally:
        wipe_immutable(text)
        wipe(buffer)


def run_with_key(conn: Any, statement: bytes, key: bytes | bytearray, salt: bytes | None) -> None:
    """Run ``statement`` with ``{key}`` replaced by the key's literal, leaving no copy.

    ``executescript`` prepares and finalizes the statement without adding it
    to the driver's statement cache, and with ``cipher_memory_security`` on
    SQLCipher clears the memory it used.
    """
    before, _, after = statement.partition(b"{key}")
    literal = hex_literal(key, salt)
    # Sized once, so that no growing copy of the literal is left behind.
    buffer = bytearray(len(before) + len(literal) + 2 + len(after))
    end = len(before) + 1 + len(literal)
    buffer[: len(before)] = before
    buffer[len(before)] = buffer[end] = ord('"')
    buffer[len(before) + 1 : end] = literal
    buffer[end + 1 :] = after
    wipe(literal)
    with secret_text(buffer) as text:
        conn.executescript(text)
