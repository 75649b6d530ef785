"""A looked-after child's IRO, placement and looked-after review dates.

New tables only: no table is rebuilt, so no trigger is lost, and no stored row
changes, so every audit entry's content hash still holds. They are case records,
not a meeting's, so no sign-off guard applies; what a conference says about how
the two plans fit together is an agenda item of that conference, guarded with it.

Revision ID: 0024_looked_after
Revises: 0023_prebirth_transfer
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from app.migrations.audit_entries import log_dropped

revision: str = "0024_looked_after"
down_revision: str | None = "0023_prebirth_transfer"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

PLACEMENT_TYPES = (
    "foster-family-or-friends",
    "foster-other",
    "with-parents",
    "placed-for-adoption",
    "childrens-home",
    "secure-childrens-home",
    "supported-accommodation",
    "independent-living",
    "residential-school",
    "health-or-family-centre",
    "youth-custody",
    "other",
)


def _stamps() -> list[sa.Column[object]]:
    return [
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
    ]


def upgrade() -> None:
    op.create_table(
        "looked_after_record",
        sa.Column("case_id", sa.String(length=36), nullable=False),
        sa.Column("iro_name", sa.String(length=200), nullable=False),
        sa.Column("iro_contact", sa.String(length=200), nullable=False),
        sa.Column(
            "placement_type",
            sa.Enum(
                *PLACEMENT_TYPES,
                name="ck_looked_after_record_placement_type",
                native_enum=False,
                create_constraint=True,
                length=40,
            ),
            nullable=True,
        ),
        sa.Column("looked_after_since", sa.Date(), nullable=True),
        *_stamps(),
        sa.ForeignKeyConstraint(
            ["case_id"],
            ["case_episode.id"],
            name=op.f("fk_looked_after_record_case_id_case_episode"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_looked_after_record")),
        sa.UniqueConstraint("case_id", name=op.f("uq_looked_after_record_case_id")),
    )
    op.create_table(
        "looked_after_review",
        sa.Column("case_id", sa.String(length=36), nullable=False),
        sa.Column("review_on", sa.Date(), nullable=False),
        *_stamps(),
        sa.ForeignKeyConstraint(
            ["case_id"],
            ["case_episode.id"],
            name=op.f("fk_looked_after_review_case_id_case_episode"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_looked_after_review")),
    )
    op.create_index(
        op.f("ix_looked_after_review_case_id"), "looked_after_review", ["case_id"], unique=False
    )


def downgrade() -> None:
    bind = op.get_bind()
    log_dropped(bind, "looked_after_review")
    log_dropped(bind, "looked_after_record")
    op.drop_index(op.f("ix_looked_after_review_case_id"), table_name="looked_after_review")
    op.drop_table("looked_after_review")
    op.drop_table("looked_after_record")
