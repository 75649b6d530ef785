"""The audit log's head, kept outside the workspace where a copy cannot roll it back.

After the workspace goes idle and when it closes, the newest audit entry's
number and hash are written to a small file in the user's data folder,
with an HMAC whose key is derived from the workspace key: it cannot be
forged without the passphrase. ``macpt verify`` then notices a log cut
short, rewritten, or an older copy of the workspace put back in its place.
The file is named after the workspace's salt, which backups share, and holds
no personal data.
"""

from __future__ import annotations

import contextlib
import hashlib
import hmac
import json
from dataclasses import dataclass
from pathlib import Path

import platformdirs

from app import paths

_LABEL = b"MACPT Companion audit anchor v1"


@dataclass(frozen=True)
class Anchor:
    seq: int
    entry_hash: str


def folder() -> Path:
    return Path(platformdirs.user_data_dir(paths.APP_DIR_NAME, appauthor=False)) / "audit-anchors"


def anchor_path(salt: bytes) -> Path:
    return folder() / f"{hashlib.sha256(salt).hexdigest()[:32]}.json"


def _mac(key: bytes | bytearray, salt: bytes, seq: int, entry_hash: str) -> str:
    anchor_key = bytearray(hmac.new(key, _LABEL, hashlib.sha256).digest())
    try:
        message = f"{salt.hex()}:{seq}:{entry_hash}".encode("ascii")
        return hmac.new(anchor_key, message, hashlib.sha256).hexdigest()
    finally:
        anchor_key[:] = bytes(len(anchor_key))


def write(salt: bytes, key: bytes | bytearray, head: Anchor) -> None:
    target = anchor_path(salt)
    paths.ensure_private_dir(target.parent)
    body = {"seq": head.seq, "hash": head.entry_hash}
    body["mac"] = _mac(key, salt, head.seq, head.entry_hash)
    with paths.atomic_write(target) as tmp:
        tmp.write_text(json.dumps(body), encoding="ascii")


class AnchorForged(Exception):
    """The anchor file's HMAC does not match: altered, or written under another key."""


def read(salt: bytes, key: bytes | bytearray) -> Anchor | None:
    """The anchored head, or None when this computer has none for the workspace."""
    try:
        body = json.loads(anchor_path(salt).read_text(encoding="ascii"))
        seq, entry_hash, mac = int(body["seq"]), str(body["hash"]), str(body["mac"])
    except FileNotFoundError:
        return None
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise AnchorForged() from exc
    if not hmac.compare_digest(mac, _mac(key, salt, seq, entry_hash)):
        raise AnchorForged()
    return Anchor(seq, entry_hash)


def remove(salt: bytes) -> None:
    with contextlib.suppress(FileNotFoundError):
        anchor_path(salt).unlink()
