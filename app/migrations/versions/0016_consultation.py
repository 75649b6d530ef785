"""Consultations: practitioners' requests for MACPT advice, and what happened next.

A new table only: no table is rebuilt, so no trigger is lost, and no stored row
changes, so every audit entry's content hash still holds.

Revision ID: 0016_consultation
Revises: 0014_case_closure
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from app.migrations.audit_entries import log_dropped

revision: str = "0016_consultation"
down_revision: str | None = "0014_case_closure"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def _enum(name: str, *values: str) -> sa.Enum:
    return sa.Enum(
        *values,
        name=f"ck_consultation_{name}",
        native_enum=False,
        create_constraint=True,
        length=40,
    )


def upgrade() -> None:
    op.create_table(
        "consultation",
        sa.Column("asked_on", sa.Date(), nullable=False),
        sa.Column("asked_by_name", sa.String(length=200), nullable=False),
        sa.Column("agency_id", sa.String(length=36), nullable=False),
        sa.Column("case_id", sa.String(length=36), nullable=True),
        sa.Column("child_reference", sa.String(length=20), nullable=False),
        sa.Column("question", sa.Text(), nullable=False),
        sa.Column("advice", sa.Text(), nullable=False),
        sa.Column(
            "threshold_view", _enum("threshold_view", "below", "met", "unclear"), nullable=False
        ),
        sa.Column("recorded_by", sa.String(length=200), nullable=False),
        sa.Column(
            "outcome",
            _enum("outcome", "no-further-involvement", "strategy-meeting", "other"),
            nullable=True,
        ),
        sa.Column("outcome_on", sa.Date(), nullable=True),
        sa.Column("meeting_id", sa.String(length=36), nullable=True),
        sa.Column("outcome_note", sa.Text(), nullable=False),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["agency_id"], ["agency.id"], name=op.f("fk_consultation_agency_id_agency")
        ),
        sa.ForeignKeyConstraint(
            ["case_id"], ["case_episode.id"], name=op.f("fk_consultation_case_id_case_episode")
        ),
        sa.ForeignKeyConstraint(
            ["meeting_id"], ["meeting.id"], name=op.f("fk_consultation_meeting_id_meeting")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_consultation")),
    )
    op.create_index(op.f("ix_consultation_asked_on"), "consultation", ["asked_on"], unique=False)
    op.create_index(op.f("ix_consultation_case_id"), "consultation", ["case_id"], unique=False)
    op.create_index(
        op.f("ix_consultation_meeting_id"), "consultation", ["meeting_id"], unique=False
    )


def downgrade() -> None:
    log_dropped(op.get_bind(), "consultation")
    op.drop_index(op.f("ix_consultation_meeting_id"), table_name="consultation")
    op.drop_index(op.f("ix_consultation_case_id"), table_name="consultation")
    op.drop_index(op.f("ix_consultation_asked_on"), table_name="consultation")
    op.drop_table("consultation")
