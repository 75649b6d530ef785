"""Restrictions on every free-text field of a meeting, and the minutes' distribution.

- ``restriction_change``: the chair restricting a piece of a meeting's text or
  lifting a restriction with a reason; rows are only added (the latest for a
  field stands), and none is added once the meeting's minutes are signed off
  (an amendment records a later change; the record itself stays as signed).
- ``minutes_distribution``: every copy of the minutes exported, for whom, full
  or family copy, which version, draft or signed off; rows are never changed.

Both are new tables, so no other table is rebuilt and no trigger is lost.

Revision ID: 0009_restriction
Revises: 0008_audit_content_hash
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from app.migrations.audit_entries import log_dropped

revision: str = "0009_restriction"
down_revision: str | None = "0008_audit_content_hash"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_SIGNED = (
    "(SELECT status FROM meeting WHERE id = NEW.meeting_id) = 'signed-off' AND NOT EXISTS "
    "(SELECT 1 FROM record_rewrite WHERE meeting_id = NEW.meeting_id)"
)
TRIGGERS = {
    "restriction_change_signed_insert": (
        "INSERT",
        "restriction_change",
        _SIGNED,
        "signed-off minutes change only by an amendment",
    ),
    "restriction_change_no_update": (
        "UPDATE",
        "restriction_change",
        "1",
        "a restriction change, once recorded, is not changed",
    ),
    "restriction_change_no_delete": (
        "DELETE",
        "restriction_change",
        "NOT EXISTS (SELECT 1 FROM record_rewrite WHERE meeting_id = OLD.meeting_id)",
        "a restriction change, once recorded, is not changed",
    ),
    "minutes_distribution_no_update": (
        "UPDATE",
        "minutes_distribution",
        "1",
        "the record of a copy sent is not changed",
    ),
    "minutes_distribution_no_delete": (
        "DELETE",
        "minutes_distribution",
        "NOT EXISTS (SELECT 1 FROM record_rewrite WHERE meeting_id = OLD.meeting_id)",
        "the record of a copy sent is not changed",
    ),
}


def _base_columns() -> list[sa.Column[object]]:
    return [
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
    ]


def upgrade() -> None:
    op.create_table(
        "restriction_change",
        sa.Column("meeting_id", sa.String(length=36), nullable=False),
        sa.Column("record_table", sa.String(length=40), nullable=False),
        sa.Column("record_id", sa.String(length=80), nullable=False),
        sa.Column("field", sa.String(length=40), nullable=False),
        sa.Column("restricted", sa.Boolean(), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("changed_by", sa.String(length=200), nullable=False),
        sa.Column("changed_at", sa.DateTime(), nullable=False),
        *_base_columns(),
        sa.ForeignKeyConstraint(
            ["meeting_id"],
            ["meeting.id"],
            name=op.f("fk_restriction_change_meeting_id_meeting"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_restriction_change")),
    )
    op.create_index(op.f("ix_restriction_change_meeting_id"), "restriction_change", ["meeting_id"])
    op.create_index(op.f("ix_restriction_change_record_id"), "restriction_change", ["record_id"])
    op.create_table(
        "minutes_distribution",
        sa.Column("meeting_id", sa.String(length=36), nullable=False),
        sa.Column(
            "recipient_kind",
            sa.Enum(
                "agency",
                "person",
                "family-member",
                "not-named",
                name="recipientkind",
                native_enum=False,
                length=40,
                create_constraint=True,
            ),
            nullable=False,
        ),
        sa.Column("recipient_name", sa.String(length=200), nullable=False),
        sa.Column("agency_id", sa.String(length=36), nullable=True),
        sa.Column("family_member_id", sa.String(length=36), nullable=True),
        sa.Column(
            "copy",
            sa.Enum(
                "full",
                "family",
                name="minutescopy",
                native_enum=False,
                length=40,
                create_constraint=True,
            ),
            nullable=False,
        ),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("draft", sa.Boolean(), nullable=False),
        sa.Column("made_at", sa.DateTime(), nullable=False),
        sa.Column("made_by", sa.String(length=200), nullable=False),
        *_base_columns(),
        sa.ForeignKeyConstraint(
            ["meeting_id"],
            ["meeting.id"],
            name=op.f("fk_minutes_distribution_meeting_id_meeting"),
        ),
        sa.ForeignKeyConstraint(
            ["agency_id"], ["agency.id"], name=op.f("fk_minutes_distribution_agency_id_agency")
        ),
        sa.ForeignKeyConstraint(
            ["family_member_id"],
            ["family_member.id"],
            name=op.f("fk_minutes_distribution_family_member_id_family_member"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_minutes_distribution")),
    )
    op.create_index(
        op.f("ix_minutes_distribution_meeting_id"), "minutes_distribution", ["meeting_id"]
    )
    for name, (event, table, when, message) in TRIGGERS.items():
        op.execute(
            f"CREATE TRIGGER {name} BEFORE {event} ON {table} WHEN {when} "
            f"BEGIN SELECT RAISE(ABORT, '{message}'); END"
        )


def downgrade() -> None:
    log_dropped(op.get_bind(), "minutes_distribution")
    log_dropped(op.get_bind(), "restriction_change")
    for name in TRIGGERS:
        op.execute(f"DROP TRIGGER IF EXISTS {name}")
    op.drop_index(op.f("ix_minutes_distribution_meeting_id"), table_name="minutes_distribution")
    op.drop_table("minutes_distribution")
    op.drop_index(op.f("ix_restriction_change_record_id"), table_name="restriction_change")
    op.drop_index(op.f("ix_restriction_change_meeting_id"), table_name="restriction_change")
    op.drop_table("restriction_change")
