"""The course of each section 47 enquiry, and the interviews held in it.

New tables only: no table is rebuilt, so no trigger is lost, and no stored row
changes, so every audit entry's content hash still holds.

Revision ID: 0020_s47_enquiry
Revises: 0019_significant_event
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from app.migrations.audit_entries import log_dropped

revision: str = "0020_s47_enquiry"
down_revision: str | None = "0019_significant_event"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def _enum(name: str, *values: str) -> sa.Enum:
    return sa.Enum(
        *values,
        name=f"ck_s47_enquiry_{name}",
        native_enum=False,
        create_constraint=True,
        length=40,
    )


def upgrade() -> None:
    op.create_table(
        "s47_enquiry",
        sa.Column("case_id", sa.String(length=36), nullable=False),
        sa.Column("strategy_meeting_id", sa.String(length=36), nullable=False),
        sa.Column("agencies", _enum("agencies", "joint", "single"), nullable=True),
        sa.Column("visited_on", sa.Date(), nullable=True),
        sa.Column("child_seen", sa.Boolean(), nullable=True),
        sa.Column("seen_alone", _enum("seen_alone", "yes", "no", "not-applicable"), nullable=True),
        sa.Column("not_seen_reason", sa.Text(), nullable=False),
        sa.Column("medical_on", sa.Date(), nullable=True),
        sa.Column("medical_not_needed", sa.Boolean(), nullable=False),
        sa.Column("findings", sa.Text(), nullable=False),
        sa.Column(
            "outcome",
            _enum("outcome", "continuing-risk", "not-at-continuing-risk", "not-substantiated"),
            nullable=True,
        ),
        sa.Column("ended_on", sa.Date(), nullable=True),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["case_id"], ["case_episode.id"], name=op.f("fk_s47_enquiry_case_id_case_episode")
        ),
        sa.ForeignKeyConstraint(
            ["strategy_meeting_id"],
            ["meeting.id"],
            name=op.f("fk_s47_enquiry_strategy_meeting_id_meeting"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_s47_enquiry")),
        sa.UniqueConstraint("strategy_meeting_id", name=op.f("uq_s47_enquiry_strategy_meeting_id")),
    )
    op.create_index(op.f("ix_s47_enquiry_case_id"), "s47_enquiry", ["case_id"], unique=False)
    op.create_table(
        "s47_interview",
        sa.Column("enquiry_id", sa.String(length=36), nullable=False),
        sa.Column("held_on", sa.Date(), nullable=False),
        sa.Column("interviewee", sa.String(length=200), nullable=False),
        sa.Column("abe", sa.Boolean(), nullable=False),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["enquiry_id"],
            ["s47_enquiry.id"],
            name=op.f("fk_s47_interview_enquiry_id_s47_enquiry"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_s47_interview")),
    )
    op.create_index(
        op.f("ix_s47_interview_enquiry_id"), "s47_interview", ["enquiry_id"], unique=False
    )


def downgrade() -> None:
    bind = op.get_bind()
    log_dropped(bind, "s47_interview")
    log_dropped(bind, "s47_enquiry")
    op.drop_index(op.f("ix_s47_interview_enquiry_id"), table_name="s47_interview")
    op.drop_table("s47_interview")
    op.drop_index(op.f("ix_s47_enquiry_case_id"), table_name="s47_enquiry")
    op.drop_table("s47_enquiry")
