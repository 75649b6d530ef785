"""After the strategy meeting: ICPC timeframe, interim safety plans, conference decisions,
child protection plans, discharge input and notifications.

Revision ID: 0003
Revises: 0002
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "conference_decision",
        sa.Column("meeting_id", sa.String(length=36), nullable=False),
        sa.Column(
            "outcome",
            sa.Enum(
                "plan-needed",
                "no-plan",
                "continue-plan",
                "change-category",
                "end-plan",
                name="conferenceoutcome",
                native_enum=False,
                length=40,
            ),
            nullable=True,
        ),
        sa.Column(
            "category",
            sa.Enum(
                "neglect",
                "physical-abuse",
                "sexual-abuse",
                "emotional-abuse",
                "multiple",
                name="plancategory",
                native_enum=False,
                length=40,
            ),
            nullable=True,
        ),
        sa.Column("rationale", sa.Text(), nullable=False),
        sa.Column("progress", sa.Text(), nullable=False),
        sa.Column("lead_practitioner", sa.String(length=200), nullable=False),
        sa.Column("core_group", sa.JSON(), nullable=False),
        sa.Column("outline_plan", sa.Text(), nullable=False),
        sa.Column("dissent", sa.Text(), nullable=False),
        sa.Column("next_review_due", sa.Date(), nullable=True),
        sa.Column(
            "discharge_reason",
            sa.Enum(
                "no-longer-at-risk",
                "transferred",
                "turned-18",
                "died",
                "left-uk",
                name="dischargereason",
                native_enum=False,
                length=40,
            ),
            nullable=True,
        ),
        sa.Column("ongoing_support", sa.JSON(), nullable=False),
        sa.Column("ongoing_support_detail", sa.Text(), nullable=False),
        sa.Column("decided_by", sa.String(length=200), nullable=True),
        sa.Column("decided_at", sa.DateTime(), nullable=True),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["meeting_id"],
            ["meeting.id"],
            name=op.f("fk_conference_decision_meeting_id_meeting"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_conference_decision")),
        sa.UniqueConstraint("meeting_id", name=op.f("uq_conference_decision_meeting_id")),
    )
    op.create_table(
        "cp_plan",
        sa.Column("case_id", sa.String(length=36), nullable=False),
        sa.Column("start_date", sa.Date(), nullable=False),
        sa.Column("icpc_meeting_id", sa.String(length=36), nullable=True),
        sa.Column(
            "initial_category",
            sa.Enum(
                "neglect",
                "physical-abuse",
                "sexual-abuse",
                "emotional-abuse",
                "multiple",
                name="plancategory",
                native_enum=False,
                length=40,
            ),
            nullable=False,
        ),
        sa.Column(
            "latest_category",
            sa.Enum(
                "neglect",
                "physical-abuse",
                "sexual-abuse",
                "emotional-abuse",
                "multiple",
                name="plancategory",
                native_enum=False,
                length=40,
            ),
            nullable=False,
        ),
        sa.Column("lcpp_name", sa.String(length=200), nullable=False),
        sa.Column("next_review_due", sa.Date(), nullable=True),
        sa.Column("end_date", sa.Date(), nullable=True),
        sa.Column("end_meeting_id", sa.String(length=36), nullable=True),
        sa.Column(
            "end_reason",
            sa.Enum(
                "no-longer-at-risk",
                "transferred",
                "turned-18",
                "died",
                "left-uk",
                name="dischargereason",
                native_enum=False,
                length=40,
            ),
            nullable=True,
        ),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["case_id"],
            ["case_episode.id"],
            name=op.f("fk_cp_plan_case_id_case_episode"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["end_meeting_id"], ["meeting.id"], name=op.f("fk_cp_plan_end_meeting_id_meeting")
        ),
        sa.ForeignKeyConstraint(
            ["icpc_meeting_id"], ["meeting.id"], name=op.f("fk_cp_plan_icpc_meeting_id_meeting")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_cp_plan")),
    )
    with op.batch_alter_table("cp_plan", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_cp_plan_case_id"), ["case_id"], unique=False)

    op.create_table(
        "discharge_input",
        sa.Column("meeting_id", sa.String(length=36), nullable=False),
        sa.Column("practitioner_name", sa.String(length=200), nullable=False),
        sa.Column("agency_id", sa.String(length=36), nullable=True),
        sa.Column("asked_on", sa.Date(), nullable=True),
        sa.Column("responded_on", sa.Date(), nullable=True),
        sa.Column("response", sa.Text(), nullable=False),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["agency_id"], ["agency.id"], name=op.f("fk_discharge_input_agency_id_agency")
        ),
        sa.ForeignKeyConstraint(
            ["meeting_id"],
            ["meeting.id"],
            name=op.f("fk_discharge_input_meeting_id_meeting"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_discharge_input")),
    )
    with op.batch_alter_table("discharge_input", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_discharge_input_meeting_id"), ["meeting_id"], unique=False
        )

    op.create_table(
        "icpc_timeframe",
        sa.Column("meeting_id", sa.String(length=36), nullable=False),
        sa.Column("strategy_meeting_id", sa.String(length=36), nullable=True),
        sa.Column(
            "timeframe",
            sa.Enum(
                "within-15-days",
                "extended",
                "not-needed",
                name="icpctimeframe",
                native_enum=False,
                length=40,
            ),
            nullable=False,
        ),
        sa.Column("default_due", sa.Date(), nullable=True),
        sa.Column("target_date", sa.Date(), nullable=True),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("exceptional_circumstances_confirmed", sa.Boolean(), nullable=False),
        sa.Column("decided_by", sa.String(length=200), nullable=True),
        sa.Column("decided_at", sa.DateTime(), nullable=True),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["meeting_id"],
            ["meeting.id"],
            name=op.f("fk_icpc_timeframe_meeting_id_meeting"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["strategy_meeting_id"],
            ["meeting.id"],
            name=op.f("fk_icpc_timeframe_strategy_meeting_id_meeting"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_icpc_timeframe")),
        sa.UniqueConstraint("meeting_id", name=op.f("uq_icpc_timeframe_meeting_id")),
    )
    op.create_table(
        "notification",
        sa.Column("meeting_id", sa.String(length=36), nullable=False),
        sa.Column(
            "kind",
            sa.Enum(
                "strategy-outcome",
                "conference-invitation",
                "conference-outcome",
                "discharge-decision",
                name="notificationkind",
                native_enum=False,
                length=40,
            ),
            nullable=False,
        ),
        sa.Column(
            "role",
            sa.Enum("agency", "parent_carer", name="recipientrole", native_enum=False, length=40),
            nullable=False,
        ),
        sa.Column("recipient_name", sa.String(length=200), nullable=False),
        sa.Column("agency_id", sa.String(length=36), nullable=True),
        sa.Column("family_member_id", sa.String(length=36), nullable=True),
        sa.Column("generated_at", sa.DateTime(), nullable=True),
        sa.Column("file_name", sa.String(length=200), nullable=True),
        sa.Column("sent_at", sa.DateTime(), nullable=True),
        sa.Column("sent_route", sa.String(length=100), nullable=True),
        sa.Column("sent_by", sa.String(length=200), nullable=True),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["agency_id"], ["agency.id"], name=op.f("fk_notification_agency_id_agency")
        ),
        sa.ForeignKeyConstraint(
            ["family_member_id"],
            ["family_member.id"],
            name=op.f("fk_notification_family_member_id_family_member"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["meeting_id"],
            ["meeting.id"],
            name=op.f("fk_notification_meeting_id_meeting"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_notification")),
    )
    with op.batch_alter_table("notification", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_notification_meeting_id"), ["meeting_id"], unique=False
        )

    op.create_table(
        "safety_plan",
        sa.Column("case_id", sa.String(length=36), nullable=False),
        sa.Column("meeting_id", sa.String(length=36), nullable=True),
        sa.Column("current_version", sa.Integer(), nullable=False),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["case_id"],
            ["case_episode.id"],
            name=op.f("fk_safety_plan_case_id_case_episode"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["meeting_id"], ["meeting.id"], name=op.f("fk_safety_plan_meeting_id_meeting")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_safety_plan")),
    )
    with op.batch_alter_table("safety_plan", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_safety_plan_case_id"), ["case_id"], unique=False)

    op.create_table(
        "safety_plan_version",
        sa.Column("plan_id", sa.String(length=36), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("made_at", sa.DateTime(), nullable=False),
        sa.Column("made_by", sa.String(length=200), nullable=False),
        sa.Column("agreed_by", sa.Text(), nullable=False),
        sa.Column("change_note", sa.Text(), nullable=False),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["plan_id"],
            ["safety_plan.id"],
            name=op.f("fk_safety_plan_version_plan_id_safety_plan"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_safety_plan_version")),
        sa.UniqueConstraint("plan_id", "version", name=op.f("uq_safety_plan_version_plan_id")),
    )
    with op.batch_alter_table("safety_plan_version", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_safety_plan_version_plan_id"), ["plan_id"], unique=False
        )

    op.create_table(
        "safety_plan_item",
        sa.Column("version_id", sa.String(length=36), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("worry", sa.Text(), nullable=False),
        sa.Column("keeps_safe", sa.Text(), nullable=False),
        sa.Column("responsible_name", sa.String(length=200), nullable=False),
        sa.Column("responsible_agency_id", sa.String(length=36), nullable=True),
        sa.Column("by_when", sa.String(length=200), nullable=False),
        sa.Column("how_we_know", sa.Text(), nullable=False),
        sa.Column("contingency", sa.Text(), nullable=False),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["responsible_agency_id"],
            ["agency.id"],
            name=op.f("fk_safety_plan_item_responsible_agency_id_agency"),
        ),
        sa.ForeignKeyConstraint(
            ["version_id"],
            ["safety_plan_version.id"],
            name=op.f("fk_safety_plan_item_version_id_safety_plan_version"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_safety_plan_item")),
    )
    with op.batch_alter_table("safety_plan_item", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_safety_plan_item_version_id"), ["version_id"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("safety_plan_item", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_safety_plan_item_version_id"))

    op.drop_table("safety_plan_item")
    with op.batch_alter_table("safety_plan_version", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_safety_plan_version_plan_id"))

    op.drop_table("safety_plan_version")
    with op.batch_alter_table("safety_plan", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_safety_plan_case_id"))

    op.drop_table("safety_plan")
    with op.batch_alter_table("notification", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_notification_meeting_id"))

    op.drop_table("notification")
    op.drop_table("icpc_timeframe")
    with op.batch_alter_table("discharge_input", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_discharge_input_meeting_id"))

    op.drop_table("discharge_input")
    with op.batch_alter_table("cp_plan", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_cp_plan_case_id"))

    op.drop_table("cp_plan")
    op.drop_table("conference_decision")
