"""The referral date on a case, and what each assessment clock counts from.

Working Together counts the 45 working days of the section 47 assessment from
the referral; a strategy discussion can come first, so the date is optional.
Adding nullable columns needs no table rebuild, so no trigger is lost.

Revision ID: 0007_referral_date
Revises: 0006_record_integrity
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0007_referral_date"
down_revision: str | None = "0006_record_integrity"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column("case_episode", sa.Column("referral_date", sa.Date(), nullable=True))
    op.add_column(
        "meeting_timescales",
        sa.Column("assessment_from", sa.String(20), nullable=False, server_default="strategy"),
    )


def downgrade() -> None:
    # SQLite drops a column in place (3.35+), keeping the tables' triggers.
    op.execute("ALTER TABLE meeting_timescales DROP COLUMN assessment_from")
    op.execute("ALTER TABLE case_episode DROP COLUMN referral_date")
