"""Chairing a meeting: agenda, attendance, agency information, threshold decision,
actions, timescales and minutes.

Revision ID: 0002
Revises: 0001
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "agenda_template_item",
        sa.Column(
            "meeting_type",
            sa.Enum(
                "strategy",
                "review",
                "icpc",
                "rcpc",
                name="meetingtype",
                native_enum=False,
                length=40,
            ),
            nullable=False,
        ),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.Column("guidance", sa.Text(), nullable=False),
        sa.Column("kind", sa.String(length=40), nullable=False),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_agenda_template_item")),
    )
    with op.batch_alter_table("agenda_template_item", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_agenda_template_item_meeting_type"), ["meeting_type"], unique=False
        )

    op.create_table(
        "closure_day",
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("description", sa.String(length=200), nullable=False),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_closure_day")),
        sa.UniqueConstraint("day", name=op.f("uq_closure_day_day")),
    )
    op.create_table(
        "agency_information",
        sa.Column("meeting_id", sa.String(length=36), nullable=False),
        sa.Column("agency_id", sa.String(length=36), nullable=False),
        sa.Column("contributor", sa.String(length=200), nullable=False),
        sa.Column("information", sa.Text(), nullable=False),
        sa.Column("restricted", sa.Boolean(), nullable=False),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["agency_id"], ["agency.id"], name=op.f("fk_agency_information_agency_id_agency")
        ),
        sa.ForeignKeyConstraint(
            ["meeting_id"],
            ["meeting.id"],
            name=op.f("fk_agency_information_meeting_id_meeting"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_agency_information")),
        sa.UniqueConstraint(
            "meeting_id", "agency_id", name=op.f("uq_agency_information_meeting_id")
        ),
    )
    with op.batch_alter_table("agency_information", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_agency_information_meeting_id"), ["meeting_id"], unique=False
        )

    op.create_table(
        "agency_view",
        sa.Column("meeting_id", sa.String(length=36), nullable=False),
        sa.Column("agency_id", sa.String(length=36), nullable=False),
        sa.Column("agrees", sa.Boolean(), nullable=False),
        sa.Column("comment", sa.Text(), nullable=False),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["agency_id"], ["agency.id"], name=op.f("fk_agency_view_agency_id_agency")
        ),
        sa.ForeignKeyConstraint(
            ["meeting_id"],
            ["meeting.id"],
            name=op.f("fk_agency_view_meeting_id_meeting"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_agency_view")),
        sa.UniqueConstraint("meeting_id", "agency_id", name=op.f("uq_agency_view_meeting_id")),
    )
    with op.batch_alter_table("agency_view", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_agency_view_meeting_id"), ["meeting_id"], unique=False)

    op.create_table(
        "agenda_item",
        sa.Column("meeting_id", sa.String(length=36), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.Column("guidance", sa.Text(), nullable=False),
        sa.Column("kind", sa.String(length=40), nullable=False),
        sa.Column("notes", sa.Text(), nullable=False),
        sa.Column("started_at", sa.DateTime(), nullable=True),
        sa.Column("seconds_spent", sa.Integer(), nullable=False),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["meeting_id"],
            ["meeting.id"],
            name=op.f("fk_agenda_item_meeting_id_meeting"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_agenda_item")),
    )
    with op.batch_alter_table("agenda_item", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_agenda_item_meeting_id"), ["meeting_id"], unique=False)

    op.create_table(
        "amendment",
        sa.Column("meeting_id", sa.String(length=36), nullable=False),
        sa.Column("made_at", sa.DateTime(), nullable=False),
        sa.Column("made_by", sa.String(length=200), nullable=False),
        sa.Column("what", sa.Text(), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=True),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["meeting_id"],
            ["meeting.id"],
            name=op.f("fk_amendment_meeting_id_meeting"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_amendment")),
    )
    with op.batch_alter_table("amendment", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_amendment_meeting_id"), ["meeting_id"], unique=False)

    op.create_table(
        "attendance",
        sa.Column("meeting_id", sa.String(length=36), nullable=False),
        sa.Column("agency_id", sa.String(length=36), nullable=True),
        sa.Column("practitioner_id", sa.String(length=36), nullable=True),
        sa.Column("family_member_id", sa.String(length=36), nullable=True),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("role", sa.String(length=200), nullable=False),
        sa.Column(
            "status",
            sa.Enum(
                "invited",
                "attended",
                "apologies",
                "sent-information",
                "did-not-attend",
                name="attendancestatus",
                native_enum=False,
                length=40,
            ),
            nullable=False,
        ),
        sa.Column("arrived_at", sa.DateTime(), nullable=True),
        sa.Column("departed_at", sa.DateTime(), nullable=True),
        sa.Column("walk_in", sa.Boolean(), nullable=False),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["agency_id"], ["agency.id"], name=op.f("fk_attendance_agency_id_agency")
        ),
        sa.ForeignKeyConstraint(
            ["family_member_id"],
            ["family_member.id"],
            name=op.f("fk_attendance_family_member_id_family_member"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["meeting_id"],
            ["meeting.id"],
            name=op.f("fk_attendance_meeting_id_meeting"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["practitioner_id"],
            ["practitioner.id"],
            name=op.f("fk_attendance_practitioner_id_practitioner"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_attendance")),
    )
    with op.batch_alter_table("attendance", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_attendance_agency_id"), ["agency_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_attendance_meeting_id"), ["meeting_id"], unique=False)

    op.create_table(
        "meeting_action",
        sa.Column("case_id", sa.String(length=36), nullable=False),
        sa.Column("meeting_id", sa.String(length=36), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("owner_name", sa.String(length=200), nullable=False),
        sa.Column("owner_agency_id", sa.String(length=36), nullable=True),
        sa.Column("due_date", sa.Date(), nullable=True),
        sa.Column(
            "status",
            sa.Enum("open", "done", "cancelled", name="actionstatus", native_enum=False, length=40),
            nullable=False,
        ),
        sa.Column("completed_on", sa.Date(), nullable=True),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["case_id"],
            ["case_episode.id"],
            name=op.f("fk_meeting_action_case_id_case_episode"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["meeting_id"],
            ["meeting.id"],
            name=op.f("fk_meeting_action_meeting_id_meeting"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["owner_agency_id"],
            ["agency.id"],
            name=op.f("fk_meeting_action_owner_agency_id_agency"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_meeting_action")),
    )
    with op.batch_alter_table("meeting_action", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_meeting_action_case_id"), ["case_id"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_meeting_action_meeting_id"), ["meeting_id"], unique=False
        )

    op.create_table(
        "meeting_timescales",
        sa.Column("meeting_id", sa.String(length=36), nullable=False),
        sa.Column("strategy_date", sa.Date(), nullable=False),
        sa.Column("review_due", sa.Date(), nullable=False),
        sa.Column("icpc_due", sa.Date(), nullable=False),
        sa.Column("assessment_due", sa.Date(), nullable=False),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["meeting_id"],
            ["meeting.id"],
            name=op.f("fk_meeting_timescales_meeting_id_meeting"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_meeting_timescales")),
        sa.UniqueConstraint("meeting_id", name=op.f("uq_meeting_timescales_meeting_id")),
    )
    op.create_table(
        "minutes_issue",
        sa.Column("meeting_id", sa.String(length=36), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column(
            "kind",
            sa.Enum(
                "draft",
                "signed-off",
                "reissued",
                name="minutesissuekind",
                native_enum=False,
                length=40,
            ),
            nullable=False,
        ),
        sa.Column("issued_at", sa.DateTime(), nullable=False),
        sa.Column("issued_by", sa.String(length=200), nullable=False),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["meeting_id"],
            ["meeting.id"],
            name=op.f("fk_minutes_issue_meeting_id_meeting"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_minutes_issue")),
        sa.UniqueConstraint("meeting_id", "version", name=op.f("uq_minutes_issue_meeting_id")),
    )
    with op.batch_alter_table("minutes_issue", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_minutes_issue_meeting_id"), ["meeting_id"], unique=False
        )

    op.create_table(
        "representation_ack",
        sa.Column("meeting_id", sa.String(length=36), nullable=False),
        sa.Column(
            "statutory_role",
            sa.Enum(
                "social-care",
                "police",
                "health",
                "education",
                name="statutoryrole",
                native_enum=False,
                length=40,
            ),
            nullable=False,
        ),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("acknowledged_by", sa.String(length=200), nullable=False),
        sa.Column("acknowledged_at", sa.DateTime(), nullable=False),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["meeting_id"],
            ["meeting.id"],
            name=op.f("fk_representation_ack_meeting_id_meeting"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_representation_ack")),
        sa.UniqueConstraint(
            "meeting_id", "statutory_role", name=op.f("uq_representation_ack_meeting_id")
        ),
    )
    with op.batch_alter_table("representation_ack", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_representation_ack_meeting_id"), ["meeting_id"], unique=False
        )

    op.create_table(
        "threshold_decision",
        sa.Column("meeting_id", sa.String(length=36), nullable=False),
        sa.Column("threshold_met", sa.Boolean(), nullable=True),
        sa.Column(
            "outcome",
            sa.Enum(
                "s47-single-agency",
                "s47-joint",
                "nfa-s47-with-support",
                "nfa",
                "police-protection",
                "emergency-protection-order",
                "reconvene",
                name="thresholdoutcome",
                native_enum=False,
                length=40,
            ),
            nullable=True,
        ),
        sa.Column("rationale", sa.Text(), nullable=False),
        sa.Column("support_detail", sa.Text(), nullable=False),
        sa.Column("dissent", sa.Text(), nullable=False),
        sa.Column("decided_by", sa.String(length=200), nullable=True),
        sa.Column("decided_at", sa.DateTime(), nullable=True),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["meeting_id"],
            ["meeting.id"],
            name=op.f("fk_threshold_decision_meeting_id_meeting"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_threshold_decision")),
        sa.UniqueConstraint("meeting_id", name=op.f("uq_threshold_decision_meeting_id")),
    )


def downgrade() -> None:
    op.drop_table("threshold_decision")
    with op.batch_alter_table("representation_ack", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_representation_ack_meeting_id"))

    op.drop_table("representation_ack")
    with op.batch_alter_table("minutes_issue", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_minutes_issue_meeting_id"))

    op.drop_table("minutes_issue")
    op.drop_table("meeting_timescales")
    with op.batch_alter_table("meeting_action", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_meeting_action_meeting_id"))
        batch_op.drop_index(batch_op.f("ix_meeting_action_case_id"))

    op.drop_table("meeting_action")
    with op.batch_alter_table("attendance", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_attendance_meeting_id"))
        batch_op.drop_index(batch_op.f("ix_attendance_agency_id"))

    op.drop_table("attendance")
    with op.batch_alter_table("amendment", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_amendment_meeting_id"))

    op.drop_table("amendment")
    with op.batch_alter_table("agenda_item", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_agenda_item_meeting_id"))

    op.drop_table("agenda_item")
    with op.batch_alter_table("agency_view", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_agency_view_meeting_id"))

    op.drop_table("agency_view")
    with op.batch_alter_table("agency_information", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_agency_information_meeting_id"))

    op.drop_table("agency_information")
    op.drop_table("closure_day")
    with op.batch_alter_table("agenda_template_item", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_agenda_template_item_meeting_type"))

    op.drop_table("agenda_template_item")
