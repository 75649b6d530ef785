"""Pre-proceedings episodes (the PLO), which the CIN census reports as module 5.

A new table only: no table is rebuilt, so no trigger is lost.

Revision ID: 0012_pre_proceedings
Revises: 0008_audit_content_hash
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from app.migrations.audit_entries import log_dropped

revision: str = "0012_pre_proceedings"
down_revision: str | None = "0011_drafts"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "pre_proceedings_episode",
        sa.Column("case_id", sa.String(length=36), nullable=False),
        sa.Column("decided_on", sa.Date(), nullable=False),
        sa.Column("letter_sent_on", sa.Date(), nullable=True),
        sa.Column("fgdm_offered", sa.Boolean(), nullable=True),
        sa.Column("fgdm_facilitated", sa.Boolean(), nullable=True),
        sa.Column("first_meeting_on", sa.Date(), nullable=True),
        sa.Column("review_meetings", sa.Integer(), nullable=True),
        sa.Column("step_decided_on", sa.Date(), nullable=True),
        sa.Column(
            "outcome",
            sa.Enum(
                "A",
                "B",
                "C",
                name="ck_pre_proceedings_episode_outcome",
                native_enum=False,
                create_constraint=True,
                length=40,
            ),
            nullable=True,
        ),
        sa.Column("court_application_on", sa.Date(), nullable=True),
        sa.Column("proceedings_letter_on", sa.Date(), nullable=True),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["case_id"],
            ["case_episode.id"],
            name=op.f("fk_pre_proceedings_episode_case_id_case_episode"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_pre_proceedings_episode")),
    )
    op.create_index(
        op.f("ix_pre_proceedings_episode_case_id"),
        "pre_proceedings_episode",
        ["case_id"],
        unique=False,
    )


def downgrade() -> None:
    log_dropped(op.get_bind(), "pre_proceedings_episode")
    op.drop_index(op.f("ix_pre_proceedings_episode_case_id"), table_name="pre_proceedings_episode")
    op.drop_table("pre_proceedings_episode")
