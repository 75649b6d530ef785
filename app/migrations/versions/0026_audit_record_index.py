"""An index that finds each record's newest audit entry.

``macpt verify`` compares every record with its newest entry in the audit log.
With only the index on ``record_id``, that meant reading the whole log once for
each table of records: at 10,000 children nearly all of a nine-minute verify.
This index on (record_table, record_id, seq) lets it walk each table's entries
in order. No row changes, so every entry's hash still holds, and no table is
rebuilt, so no trigger is lost.

Revision ID: 0026_audit_record_index
Revises: 0025_contexts
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0026_audit_record_index"
down_revision: str | None = "0025_contexts"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

INDEX = "ix_audit_log_record"


def upgrade() -> None:
    op.create_index(INDEX, "audit_log", ["record_table", "record_id", "seq"])


def downgrade() -> None:
    op.drop_index(INDEX, table_name="audit_log")
