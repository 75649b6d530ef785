"""A letter of its own from the five-day review: parents are told when the initial
conference is put back or is not needed. And the child's NHS number and unique
pupil number, where held, for agencies' letters.

The notification log's kind is held to its values by a CHECK constraint, which
SQLite can change only by rebuilding the table; the notification table has no
triggers, so nothing is lost in the rebuild. The child's two new columns are
nullable and added in place, so the child table's triggers stay.

Revision ID: 0010_letters
Revises: 0008_audit_content_hash
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from app.migrations.audit_entries import log_dropped, log_rewritten

revision: str = "0010_letters"
down_revision: str | None = "0009_restriction"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

KINDS = ("strategy-outcome", "conference-invitation", "conference-outcome", "discharge-decision")


def _kinds(kinds: Sequence[str]) -> None:
    allowed = ", ".join(f"'{k}'" for k in kinds)
    with op.batch_alter_table("notification", recreate="always") as batch:
        batch.drop_constraint("ck_notification_kind", type_="check")
        batch.create_check_constraint("ck_notification_kind", f"kind IN ({allowed})")


def upgrade() -> None:
    _kinds((*KINDS, "review-decision"))
    op.add_column("child", sa.Column("nhs_number", sa.String(length=20), nullable=True))
    op.add_column("child", sa.Column("upn", sa.String(length=20), nullable=True))
    # Every child's stored content now has two more (empty) fields.
    log_rewritten(op.get_bind(), "child")


def downgrade() -> None:
    # SQLite drops a column in place (3.35+), keeping the table's triggers.
    op.execute("ALTER TABLE child DROP COLUMN upn")
    op.execute("ALTER TABLE child DROP COLUMN nhs_number")
    log_rewritten(op.get_bind(), "child")
    log_dropped(op.get_bind(), "notification", "kind = 'review-decision'")
    op.execute("DELETE FROM notification WHERE kind = 'review-decision'")
    _kinds(KINDS)
