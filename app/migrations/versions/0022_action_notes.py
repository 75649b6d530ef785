"""Notes on agreed actions: progress, the outcome when done, and "Mark done" undone.

A new table, append-only: triggers refuse any change to a note or its
deletion, so an action's history reads as it was written. A note is progress
on the action, not part of the minutes that agreed it: like the action's
status (revision 0006 guards only what was agreed), it may be written after
those minutes are signed off. No table is rebuilt, so no trigger is lost.

Revision ID: 0022_action_notes
Revises: 0021_legal_planning
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from app.migrations.audit_entries import log_dropped

revision: str = "0022_action_notes"
down_revision: str | None = "0021_legal_planning"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

APPEND_ONLY = "an action note, once written, is not changed"


def guard_triggers() -> dict[str, str]:
    """Name to CREATE TRIGGER statement: a note is never updated or deleted."""
    return {
        f"action_note_no_{event.lower()}": (
            f"CREATE TRIGGER action_note_no_{event.lower()} BEFORE {event} ON action_note "
            f"BEGIN SELECT RAISE(ABORT, '{APPEND_ONLY}'); END"
        )
        for event in ("UPDATE", "DELETE")
    }


def upgrade() -> None:
    op.create_table(
        "action_note",
        sa.Column("action_id", sa.String(length=36), nullable=False),
        sa.Column(
            "kind",
            sa.Enum(
                "progress",
                "outcome",
                "reopened",
                name="ck_action_note_kind",
                native_enum=False,
                create_constraint=True,
                length=40,
            ),
            nullable=False,
        ),
        sa.Column("written_at", sa.DateTime(), nullable=False),
        sa.Column("author", sa.String(length=200), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("restricted", sa.Boolean(), nullable=False),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["action_id"],
            ["meeting_action.id"],
            name=op.f("fk_action_note_action_id_meeting_action"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_action_note")),
    )
    op.create_index(op.f("ix_action_note_action_id"), "action_note", ["action_id"], unique=False)
    for statement in guard_triggers().values():
        op.execute(statement)


def downgrade() -> None:
    for name in guard_triggers():
        op.execute(f"DROP TRIGGER IF EXISTS {name}")
    log_dropped(op.get_bind(), "action_note")
    op.drop_index(op.f("ix_action_note_action_id"), table_name="action_note")
    op.drop_table("action_note")
