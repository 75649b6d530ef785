"""Crashed workspaces with committed changes still in their -wal, and flipped bytes."""

from __future__ import annotations

import random
import struct
from pathlib import Path

from app.storage import wal
from tests.conftest import PASSPHRASE
from tests.helpers.workspaces import helper, read_until

PAGE_SIZE = 4096
FRAME = wal.FRAME_HEADER_BYTES + PAGE_SIZE


def crash_with_commits(path: Path, commits: int) -> None:
    """Commit ``commits`` changes to ``path`` in a process that is then SIGKILLed."""
    proc = helper("crash_writer.py", str(path), str(commits), stdin=PASSPHRASE + "\n")
    read_until(proc, f"ack {commits}")
    proc.communicate(timeout=30)
    assert proc.returncode == -9, proc.returncode
    assert wal.wal_path(path).stat().st_size > 0


def before_last_transaction(data: bytes) -> int:
    """Where the last committed transaction's frames start: damage before it drops it."""
    commits = [
        n
        for n in range(1, (len(data) - wal.HEADER_BYTES) // FRAME + 1)
        if struct.unpack(">I", data[32 + (n - 1) * FRAME + 4 : 32 + (n - 1) * FRAME + 8])[0]
    ]
    assert len(commits) >= 2
    return wal.HEADER_BYTES + commits[-2] * FRAME


def flip_one_bit(path: Path, rng: random.Random) -> int:
    """Flip one bit of the -wal somewhere before its last transaction; the offset."""
    target = wal.wal_path(path)
    data = bytearray(target.read_bytes())
    offset = rng.randrange(0, before_last_transaction(bytes(data)))
    data[offset] ^= 1 << rng.randrange(8)
    target.write_bytes(bytes(data))
    return offset
