"""Reading a workspace's ``-wal`` file without SQLite, to tell damage from a torn tail.

SQLite reads the write-ahead log frame by frame and stops at the first frame
whose salts or running checksum do not match; everything after it is ignored,
as if the process had died while writing it. That is right for a torn tail
(an unfinished transaction at the end), but after one flipped byte in the
middle it silently drops every committed transaction that follows, and the
next write overwrites them.

SQLCipher encrypts each frame's page, but the log header and frame headers
(salts, commit marker, checksums) are plain, so the log can be checked here
before SQLite touches it. A frame counts as intact if its salts match and its
checksum follows from either the checksum stored in the frame before it or
the one computed for that frame, so a single damaged frame does not hide the
frames after it. Damage is a bad frame followed by an intact commit frame.
"""

from __future__ import annotations

import struct
import sys
from dataclasses import dataclass, field
from pathlib import Path

MAGIC_LE, MAGIC_BE = 0x377F0682, 0x377F0683
VERSION = 3007000
HEADER_BYTES = 32
FRAME_HEADER_BYTES = 24
_MASK = 0xFFFFFFFF


@dataclass(frozen=True)
class WalReport:
    """What the log holds, as SQLite will read it and as it really is.

    ``pages`` maps each page number to the offset of its newest frame among
    the transactions SQLite will read (for checking the key against the
    current first page). ``lost_commits`` counts intact committed
    transactions SQLite would drop because of damage before them.
    """

    frames: int = 0
    readable_frames: int = 0
    first_bad_frame: int | None = None
    lost_commits: int = 0
    pages: dict[int, int] = field(default_factory=dict)

    @property
    def damaged(self) -> bool:
        return self.lost_commits > 0

    def describe(self) -> str:
        return (
            f"frame {self.first_bad_frame} of the recent-changes file (-wal) is damaged and "
            f"{self.lost_commits} saved change(s) after it cannot be read"
        )


def wal_path(path: Path) -> Path:
    return Path(f"{path}-wal")


def _checksum(data: bytes, s0: int, s1: int, big: bool) -> tuple[int, int]:
    words = struct.unpack(f"{'>' if big else '<'}{len(data) // 4}I", data)
    it = iter(words)
    for a, b in zip(it, it, strict=True):
        s0 = (s0 + a + s1) & _MASK
        s1 = (s1 + b + s0) & _MASK
    return s0, s1


def analyse(path: Path, page_size: int) -> WalReport:
    """Check the ``-wal`` beside ``path`` (a missing or empty one is fine)."""
    try:
        data = wal_path(path).read_bytes()
    except FileNotFoundError:
        return WalReport()
    return analyse_bytes(data, page_size)


def analyse_bytes(data: bytes, page_size: int) -> WalReport:
    frame_bytes = FRAME_HEADER_BYTES + page_size
    frames = max(0, (len(data) - HEADER_BYTES) // frame_bytes)
    if len(data) < HEADER_BYTES:
        return WalReport()
    magic, version, size, _seq, salt1, salt2, c1, c2 = struct.unpack(">8I", data[:HEADER_BYTES])
    big = bool(magic & 1) if magic in (MAGIC_LE, MAGIC_BE) else sys.byteorder == "big"
    computed_header = _checksum(data[:24], 0, 0, big)
    header_ok = (
        magic in (MAGIC_LE, MAGIC_BE)
        and version == VERSION
        and size == page_size
        and computed_header == (c1, c2)
    )
    salts = (salt1, salt2)
    if not header_ok and frames:
        # The header's salts cannot be trusted; the first frame's stand in.
        salts = struct.unpack(">2I", data[HEADER_BYTES + 8 : HEADER_BYTES + 16])

    # SQLite's own reading: stop at the first frame that does not follow.
    sqlite_end = 0  # frames up to here are read (the last commit at or before it)
    pages: dict[int, int] = {}
    pending: dict[int, int] = {}
    first_bad: int | None = None if header_ok else 1
    # Relaxed reading: candidates for the running checksum before each frame.
    stored_prev, computed_prev = (c1, c2), computed_header
    lost = 0
    for n in range(1, frames + 1):
        offset = HEADER_BYTES + (n - 1) * frame_bytes
        head = data[offset : offset + FRAME_HEADER_BYTES]
        pgno, commit, f1, f2, k1, k2 = struct.unpack(">6I", head)
        body = head[:8] + data[offset + FRAME_HEADER_BYTES : offset + frame_bytes]
        from_stored = _checksum(body, *stored_prev, big)
        from_computed = (
            from_stored if computed_prev == stored_prev else _checksum(body, *computed_prev, big)
        )
        intact = pgno != 0 and (f1, f2) == salts and (k1, k2) in (from_stored, from_computed)
        if first_bad is None:
            if intact and (k1, k2) == from_stored:
                pending[pgno] = offset + FRAME_HEADER_BYTES
                if commit:
                    pages.update(pending)
                    pending.clear()
                    sqlite_end = n
            else:
                first_bad = n
        elif intact and commit:
            lost += 1
        stored_prev, computed_prev = (k1, k2), from_stored
    return WalReport(
        frames=frames,
        readable_frames=sqlite_end,
        first_bad_frame=first_bad if lost else None,
        lost_commits=lost,
        pages=pages,
    )
