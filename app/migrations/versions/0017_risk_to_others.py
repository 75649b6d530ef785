"""Whether the child is thought to pose a risk of harm to others, one row per meeting.

A new table, with the guard triggers of revision 0006 so that a signed-off
meeting's answer changes only by an amendment. No table is rebuilt, so no
trigger is lost, and no stored row changes, so every audit entry's content
hash still holds.

Revision ID: 0017_risk_to_others
Revises: 0014_case_closure
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from app.migrations.audit_entries import log_dropped

revision: str = "0017_risk_to_others"
down_revision: str | None = "0014_case_closure"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

LOCKED = "signed-off minutes change only by an amendment"
_SIGNED = (
    "(SELECT status FROM meeting WHERE id = {row}.meeting_id) = 'signed-off' AND NOT EXISTS "
    "(SELECT 1 FROM record_rewrite WHERE meeting_id = {row}.meeting_id)"
)


def guard_triggers() -> dict[str, str]:
    """Name to CREATE TRIGGER statement: as revision 0006 guards a meeting's records."""
    old, new = _SIGNED.format(row="OLD"), _SIGNED.format(row="NEW")
    specs = (("insert", "INSERT", new), ("update", "UPDATE", f"({old}) OR ({new})"))
    triggers = {
        f"risk_to_others_signed_{verb}": (
            f"CREATE TRIGGER risk_to_others_signed_{verb} BEFORE {event} ON risk_to_others "
            f"WHEN {when} BEGIN SELECT RAISE(ABORT, '{LOCKED}'); END"
        )
        for verb, event, when in specs
    }
    triggers["risk_to_others_signed_delete"] = (
        "CREATE TRIGGER risk_to_others_signed_delete BEFORE DELETE ON risk_to_others "
        f"WHEN {old} BEGIN SELECT RAISE(ABORT, '{LOCKED}'); END"
    )
    return triggers


def upgrade() -> None:
    op.create_table(
        "risk_to_others",
        sa.Column("meeting_id", sa.String(length=36), nullable=False),
        sa.Column(
            "assessment",
            sa.Enum(
                "none-known",
                "risk",
                name="ck_risk_to_others_assessment",
                native_enum=False,
                create_constraint=True,
                length=40,
            ),
            nullable=False,
        ),
        sa.Column("to_whom", sa.Text(), nullable=False),
        sa.Column("what", sa.Text(), nullable=False),
        sa.Column("agencies", sa.JSON(), nullable=False),
        sa.Column("agencies_other", sa.Text(), nullable=False),
        sa.Column("recorded_by", sa.String(length=200), nullable=False),
        sa.Column("recorded_at", sa.DateTime(), nullable=False),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["meeting_id"], ["meeting.id"], name=op.f("fk_risk_to_others_meeting_id_meeting")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_risk_to_others")),
        sa.UniqueConstraint("meeting_id", name=op.f("uq_risk_to_others_meeting_id")),
    )
    for statement in guard_triggers().values():
        op.execute(statement)


def downgrade() -> None:
    for name in guard_triggers():
        op.execute(f"DROP TRIGGER IF EXISTS {name}")
    log_dropped(op.get_bind(), "risk_to_others")
    op.drop_table("risk_to_others")
