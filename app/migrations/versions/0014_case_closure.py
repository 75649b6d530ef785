"""Cases closed by hand (entered in error, a duplicate), with why, by whom and when.

A new table only: no table is rebuilt, so no trigger is lost, and no stored row
changes, so every audit entry's content hash still holds.

Revision ID: 0014_case_closure
Revises: 0013_core_group
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from app.migrations.audit_entries import log_dropped

revision: str = "0014_case_closure"
down_revision: str | None = "0013_core_group"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "case_closure",
        sa.Column("case_id", sa.String(length=36), nullable=False),
        sa.Column(
            "reason",
            sa.Enum(
                "entered-in-error",
                "duplicate",
                name="ck_case_closure_reason",
                native_enum=False,
                create_constraint=True,
                length=40,
            ),
            nullable=False,
        ),
        sa.Column("notes", sa.Text(), nullable=False),
        sa.Column("closed_on", sa.Date(), nullable=False),
        sa.Column("closed_by", sa.String(length=200), nullable=False),
        sa.Column("reopened_on", sa.Date(), nullable=True),
        sa.Column("reopened_by", sa.String(length=200), nullable=True),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["case_id"],
            ["case_episode.id"],
            name=op.f("fk_case_closure_case_id_case_episode"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_case_closure")),
    )
    op.create_index(op.f("ix_case_closure_case_id"), "case_closure", ["case_id"], unique=False)


def downgrade() -> None:
    log_dropped(op.get_bind(), "case_closure")
    op.drop_index(op.f("ix_case_closure_case_id"), table_name="case_closure")
    op.drop_table("case_closure")
