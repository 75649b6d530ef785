"""Facts about an open workspace for the About page, and changing its passphrase.

Qt-free, so that both are tested without a display.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

from app.errors import ValidationError
from app.services.passphrase import check_new_passphrase
from app.storage import cipher, migrate
from app.storage.workspace import Workspace


@dataclasses.dataclass(frozen=True)
class WorkspaceInfo:
    path: Path
    schema_revision: str | None
    schema_head: str
    size_bytes: int


def describe(workspace: Workspace) -> WorkspaceInfo:
    """Where the workspace is, which schema revision it holds and how big it is."""
    with workspace.engine.connect() as connection:
        revision = migrate.current_revision(connection)
    size = workspace.path.stat().st_size if workspace.path.exists() else 0
    return WorkspaceInfo(workspace.path, revision, migrate.SCHEMA_HEAD, size)


def verify_passphrase(workspace: Workspace, passphrase: str) -> None:
    """Raise :class:`~app.errors.WrongPassphrase` unless ``passphrase`` opens the file.

    A separate, short-lived connection is used, so the open workspace is not
    disturbed and nothing is written.
    """
    key = cipher.derive_key(passphrase, cipher.read_salt(workspace.path))
    try:
        cipher.connect(workspace.path, key).close()
    finally:
        for i in range(len(key)):
            key[i] = 0


def change_passphrase(workspace: Workspace, *, current: str, new: str, confirmation: str) -> None:
    """Re-key the open workspace once ``current`` is proved and ``new`` meets the policy."""
    check_new_passphrase(new, confirmation)
    if new == current:
        raise ValidationError("The new passphrase is the same as the current one. Choose another.")
    verify_passphrase(workspace, current)
    workspace.rekey(new)
