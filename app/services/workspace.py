"""Create, open, upgrade and seed a workspace; change its passphrase; back it up.

The storage layer knows files and keys; what a usable workspace needs (the
schema at head, a backup before an upgrade, the seeded directory) is decided here.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from pathlib import Path

from sqlalchemy import select

from app import clock, paths
from app.errors import MacptError, WorkspaceTooNew
from app.models import Meeting, MeetingStatus, SignedRecord
from app.services.passphrase import check_new_passphrase
from app.services.setup import seed_workspace
from app.storage import migrate
from app.storage.workspace import (
    Workspace,
    new_workspace_file,
    remove_workspace_files,
    unlock_workspace_file,
)

# The slow steps of creating a workspace: key derivation, the schema, the seeded records.
CREATE_STEPS = 3


def create_workspace(
    path: Path, passphrase: str, *, progress: Callable[[int, int, str], None] | None = None
) -> Workspace:
    """Create a new workspace at ``path``, at the newest schema and seeded.

    Refuses to overwrite anything; a workspace that could not be finished is removed.
    ``progress`` is told (step, of steps, what is being done) before each of the
    three slow steps, which together take several seconds.
    """
    report = progress or (lambda _step, _steps, _what: None)
    check_new_passphrase(passphrase, passphrase)
    report(0, CREATE_STEPS, "Making the encryption key from the passphrase…")
    workspace = new_workspace_file(path, passphrase)
    try:
        report(1, CREATE_STEPS, "Setting up the records…")
        with migrate.migrating(workspace.engine) as connection:
            migrate.upgrade(connection)
        report(2, CREATE_STEPS, "Adding the agencies and agenda templates…")
        seed_workspace(workspace)
    except BaseException:
        workspace.close()
        remove_workspace_files(workspace.path)
        raise
    return workspace


def open_workspace(path: Path, passphrase: str, *, upgrade: bool = True) -> Workspace:
    """Unlock ``path``. Never creates a file; never writes to one it cannot open.

    An older schema is upgraded (unless ``upgrade`` is false) after an encrypted
    backup copy is written beside the workspace.
    """
    workspace = unlock_workspace_file(path, passphrase)
    try:
        _bring_up_to_date(workspace, upgrade=upgrade)
        workspace.start_integrity_check()
        # First sight on this computer, or the log moved on. Damage met here
        # marks the workspace damaged: reading goes on, writing does not.
        with contextlib.suppress(MacptError):
            workspace.update_anchor()
    except BaseException:
        workspace.close()
        raise
    return workspace


def _bring_up_to_date(workspace: Workspace, *, upgrade: bool) -> None:
    with workspace.engine.connect() as connection:
        revision = migrate.current_revision(connection)
    if revision == migrate.SCHEMA_HEAD:
        return
    if revision is not None and revision not in migrate.known_revisions():
        raise WorkspaceTooNew()
    if not upgrade:
        return
    stamp = clock.utcnow().strftime("%Y%m%dT%H%M%SZ")
    backup = workspace.path.with_name(
        f"{workspace.path.stem}.before-upgrade-{revision or 'empty'}-{stamp}{paths.WORKSPACE_SUFFIX}"
    )
    workspace.backup_to(backup)
    with migrate.migrating(workspace.engine) as connection:
        migrate.upgrade(connection)
    seed_workspace(workspace)
    _keep_signed_records(workspace)


def _keep_signed_records(workspace: Workspace) -> None:
    """Meetings signed off before signed records were kept are kept as they stand now,
    so that nothing changes them from here on."""
    # Imported here: the record module pulls in the conduct services, which an
    # up-to-date workspace does not need just to open.
    from app.services.conduct.record import freeze_record

    with workspace.transaction() as session:
        kept = select(SignedRecord.id).where(SignedRecord.meeting_id == Meeting.id)
        for meeting in session.scalars(
            select(Meeting).where(Meeting.status == MeetingStatus.SIGNED_OFF, ~kept.exists())
        ):
            freeze_record(session, meeting)


def change_passphrase(path: Path, old: str, new: str) -> None:
    """Open with ``old`` and re-key to ``new`` (which must meet the policy)."""
    check_new_passphrase(new, new)
    with open_workspace(path, old) as workspace:
        workspace.rekey(new)


def backup_workspace(path: Path, passphrase: str, out: Path) -> None:
    with open_workspace(path, passphrase, upgrade=False) as workspace:
        workspace.backup_to(out)
