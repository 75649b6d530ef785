"""Encrypted workspace storage: SQLCipher 4 under SQLAlchemy 2.x."""

from app.storage.workspace import (
    Workspace,
    backup_workspace,
    change_passphrase,
    create_workspace,
    open_workspace,
)

__all__ = [
    "Workspace",
    "backup_workspace",
    "change_passphrase",
    "create_workspace",
    "open_workspace",
]
