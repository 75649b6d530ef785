"""Put back the audit log's append-only guard.

Revision 0002 rebuilt the audit_log table to add a unique constraint it
already had, and SQLite drops a table's triggers when it is rebuilt, so
workspaces made since then lost the triggers that refuse edits and deletions
of audit entries. This recreates them (where they are missing).

Revision ID: 0005
Revises: 0004
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

GUARDS = {
    "audit_log_no_update": "UPDATE",
    "audit_log_no_delete": "DELETE",
}


def upgrade() -> None:
    for name, event in GUARDS.items():
        op.execute(
            f"CREATE TRIGGER IF NOT EXISTS {name} BEFORE {event} ON audit_log "
            "BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END"
        )


def downgrade() -> None:
    # The guard belongs to revision 0001; going back to 0004 keeps it.
    pass
