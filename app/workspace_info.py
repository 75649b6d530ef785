"""Facts about an open workspace for the About page, and changing its passphrase.

Qt-free, so that both are tested without a display.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

from app.errors import ValidationError
from app.services.passphrase import check_new_passphrase
from app.storage import migrate
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

    The key it stands for is compared with the open workspace's: the file is
    not touched.
    """
    workspace.check_passphrase(passphrase)


def change_passphrase(workspace: Workspace, *, current: str, new: str, confirmation: str) -> None:
    """Re-key the open workspace once ``current`` is proved and ``new`` meets the policy."""
    check_new_passphrase(new, confirmation)
    if new == current:
        raise ValidationError("The new passphrase is the same as the current one. Choose another.")
    verify_passphrase(workspace, current)
    workspace.rekey(new)
