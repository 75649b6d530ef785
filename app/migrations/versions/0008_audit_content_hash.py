"""Each audit entry carries a hash of its record's content after the change.

The column is added in place (``ALTER TABLE … ADD COLUMN``), not by rebuilding
the table, so the audit log's append-only triggers stay; they are recreated
here anyway in case an earlier rebuild lost them. Entries written before this
revision have no content hash and are checked by their chain alone.

Revision ID: 0008_audit_content_hash
Revises: 0007_referral_date
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0008_audit_content_hash"
down_revision: str | None = "0007_referral_date"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

GUARDS = {
    "audit_log_no_update": "UPDATE",
    "audit_log_no_delete": "DELETE",
}


def upgrade() -> None:
    columns = {c["name"] for c in sa.inspect(op.get_bind()).get_columns("audit_log")}
    if "content_hash" not in columns:  # a downgrade leaves it in place
        op.add_column("audit_log", sa.Column("content_hash", sa.String(length=64), nullable=True))
    for name, event in GUARDS.items():
        op.execute(
            f"CREATE TRIGGER IF NOT EXISTS {name} BEFORE {event} ON audit_log "
            "BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END"
        )


def downgrade() -> None:
    # SQLite drops a column by rebuilding the table, which would take the
    # guard triggers with it; the column is simply left in place.
    pass
