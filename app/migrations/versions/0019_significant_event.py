"""Significant events: what the chair adds to a child's chronology for court.

A new table only: no table is rebuilt, so no trigger is lost, and no stored row
changes, so every audit entry's content hash still holds.

Revision ID: 0019_significant_event
Revises: 0018_meeting_search
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from app.migrations.audit_entries import log_dropped

revision: str = "0019_significant_event"
down_revision: str | None = "0018_meeting_search"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "significant_event",
        sa.Column("child_id", sa.String(length=36), nullable=False),
        sa.Column("occurred_on", sa.Date(), nullable=False),
        sa.Column("event", sa.Text(), nullable=False),
        sa.Column("source", sa.String(length=200), nullable=False),
        sa.Column("significance", sa.Text(), nullable=False),
        sa.Column("recorded_by", sa.String(length=200), nullable=False),
        sa.Column("retired_at", sa.DateTime(), nullable=True),
        sa.Column("retired_by", sa.String(length=200), nullable=True),
        sa.Column("retired_reason", sa.Text(), nullable=True),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["child_id"], ["child.id"], name=op.f("fk_significant_event_child_id_child")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_significant_event")),
    )
    op.create_index(
        op.f("ix_significant_event_child_id"), "significant_event", ["child_id"], unique=False
    )
    op.create_index(
        op.f("ix_significant_event_occurred_on"),
        "significant_event",
        ["occurred_on"],
        unique=False,
    )


def downgrade() -> None:
    log_dropped(op.get_bind(), "significant_event")
    op.drop_index(op.f("ix_significant_event_occurred_on"), table_name="significant_event")
    op.drop_index(op.f("ix_significant_event_child_id"), table_name="significant_event")
    op.drop_table("significant_event")
