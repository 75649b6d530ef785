"""Drafts of what the chair typed in meeting mode and has not yet confirmed.

A new table only: no other table is rebuilt, so no trigger is touched.

Revision ID: 0011_drafts
Revises: 0008_audit_content_hash
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0011_drafts"
down_revision: str | None = "0010_letters"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "draft",
        sa.Column("meeting_id", sa.String(length=36), nullable=False),
        sa.Column("field_key", sa.String(length=200), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("meeting_id", "field_key", name=op.f("pk_draft")),
    )


def downgrade() -> None:
    op.drop_table("draft")
