"""Births recorded after a pre-birth conference, and transfers in from other areas.

New tables only: no table is rebuilt, so no trigger is lost, and no stored row
changes, so every audit entry's content hash still holds.

Revision ID: 0023_prebirth_transfer
Revises: 0022_action_notes
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from app.migrations.audit_entries import log_dropped

revision: str = "0023_prebirth_transfer"
down_revision: str | None = "0022_action_notes"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def _record_columns() -> list[sa.Column[object]]:
    return [
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
    ]


def upgrade() -> None:
    op.create_table(
        "child_birth_record",
        sa.Column("child_id", sa.String(length=36), nullable=False),
        sa.Column("case_id", sa.String(length=36), nullable=False),
        sa.Column("born_on", sa.Date(), nullable=False),
        sa.Column("name_before", sa.String(length=200), nullable=False),
        sa.Column("recorded_by", sa.String(length=200), nullable=False),
        *_record_columns(),
        sa.ForeignKeyConstraint(
            ["child_id"], ["child.id"], name=op.f("fk_child_birth_record_child_id_child")
        ),
        sa.ForeignKeyConstraint(
            ["case_id"],
            ["case_episode.id"],
            name=op.f("fk_child_birth_record_case_id_case_episode"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_child_birth_record")),
        sa.UniqueConstraint("child_id", name=op.f("uq_child_birth_record_child_id")),
    )
    op.create_index(
        op.f("ix_child_birth_record_case_id"), "child_birth_record", ["case_id"], unique=False
    )
    op.create_table(
        "case_transfer_in",
        sa.Column("case_id", sa.String(length=36), nullable=False),
        sa.Column("received_on", sa.Date(), nullable=False),
        sa.Column("from_area", sa.String(length=200), nullable=False),
        sa.Column("notes", sa.Text(), nullable=False),
        sa.Column("recorded_by", sa.String(length=200), nullable=False),
        *_record_columns(),
        sa.ForeignKeyConstraint(
            ["case_id"],
            ["case_episode.id"],
            name=op.f("fk_case_transfer_in_case_id_case_episode"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_case_transfer_in")),
        sa.UniqueConstraint("case_id", name=op.f("uq_case_transfer_in_case_id")),
    )


def downgrade() -> None:
    bind = op.get_bind()
    log_dropped(bind, "case_transfer_in")
    log_dropped(bind, "child_birth_record")
    op.drop_table("case_transfer_in")
    op.drop_index(op.f("ix_child_birth_record_case_id"), table_name="child_birth_record")
    op.drop_table("child_birth_record")
