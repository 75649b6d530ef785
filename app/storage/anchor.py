"""The audit log's head, kept outside the workspace where a copy cannot roll it back.

After the workspace goes idle and when it closes, the newest audit entry's
number and hash are written to a small file in the user's data folder,
with an HMAC whose key is derived from the workspace key: it cannot be
forged without the passphrase. ``macpt verify`` then notices a log cut
short, rewritten, or an older copy of the workspace put back in its place.
The file is named after the workspace's salt and where it lives (copies share
the salt, and a copy used elsewhere is a workspace of its own; one put back in
the same place is the rollback this is here to notice), and holds no personal
data.
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
from app.storage import secrets

_LABEL = b"MACPT Companion audit anchor v1"


@dataclass(frozen=True)
class Anchor:
    seq: int
    entry_hash: str


def folder() -> Path:
    return Path(platformdirs.user_data_dir(paths.APP_DIR_NAME, appauthor=False)) / "audit-anchors"


def workspace_id(path: Path, salt: bytes) -> bytes:
    """What an anchor belongs to: this salt at this place."""
    return salt + b"\x00" + str(path.resolve()).encode("utf-8", "surrogateescape")


def anchor_path(workspace: bytes) -> Path:
    return folder() / f"{hashlib.sha256(workspace).hexdigest()[:32]}.json"


def _mac(key: bytes | bytearray, workspace: bytes, seq: int, entry_hash: str) -> str:
    digest = hmac.new(key, _LABEL, hashlib.sha256).digest()
    anchor_key = bytearray(digest)
    secrets.wipe_immutable(digest)
    try:
        message = f"{hashlib.sha256(workspace).hexdigest()}:{seq}:{entry_hash}".encode("ascii")
        return hmac.new(anchor_key, message, hashlib.sha256).hexdigest()
    finally:
        anchor_key[:] = bytes(len(anchor_key))


def write(
    workspace: bytes, key: bytes | bytearray, head: Anchor, *, also: bytearray | None = None
) -> None:
    """Record ``head``; ``also`` signs it with a second key too (the new one, while
    the passphrase changes), so that whichever key opens the file after a crash
    part-way through the change, the anchor checks out."""
    target = anchor_path(workspace)
    paths.ensure_private_dir(target.parent)
    macs = [_mac(k, workspace, head.seq, head.entry_hash) for k in (key, also) if k is not None]
    body = {"seq": head.seq, "hash": head.entry_hash, "macs": macs}
    with paths.atomic_write(target) as tmp:
        tmp.write_text(json.dumps(body), encoding="ascii")


class AnchorForged(Exception):
    """The anchor file's HMAC does not match: altered, or written under another key."""


def read(workspace: bytes, key: bytes | bytearray) -> Anchor | None:
    """The anchored head, or None when this computer has none for the workspace."""
    try:
        body = json.loads(anchor_path(workspace).read_text(encoding="ascii"))
        seq, entry_hash = int(body["seq"]), str(body["hash"])
        macs = [str(mac) for mac in body["macs"]]
    except FileNotFoundError:
        return None
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise AnchorForged() from exc
    expected = _mac(key, workspace, seq, entry_hash)
    if not any(hmac.compare_digest(mac, expected) for mac in macs):
        raise AnchorForged()
    return Anchor(seq, entry_hash)


def remove(workspace: bytes) -> None:
    with contextlib.suppress(FileNotFoundError):
        anchor_path(workspace).unlink()
