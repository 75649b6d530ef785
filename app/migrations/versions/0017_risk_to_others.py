"""Whether the child is thought to pose a risk of harm to others, one row per meeting.

A new table, with the guard triggers of revision 0006 so that a signed-off
meeting's answer changes only by an amendment. No table is rebuilt, so no
trigger is lost.

A meeting cannot close without the answer, so the workspace's agenda
templates for strategy meetings and conferences gain a "Risk to others" item
(before the decision), and so do the agendas of such meetings not yet held
or under way. Those rows are logged with their new content. The downgrade
leaves the items: an unknown kind reads as plain notes.

Revision ID: 0017_risk_to_others
Revises: 0016_consultation
"""

import datetime as dt
import uuid
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from app import clock
from app.migrations.audit_entries import log_dropped, log_rewritten

revision: str = "0017_risk_to_others"
down_revision: str | None = "0016_consultation"
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


KIND = "risk-to-others"
TITLE = "Risk to others"
GUIDANCE = (
    "Is the child thought to pose a risk of harm to others? Record \u201cnone known\u201d, or "
    "to whom, what, and which agencies are involved (for example Prevent, youth justice, "
    "CAMHS). Restricted from the start: it reaches a family copy only if the chair lifts "
    "the restriction."
)
ASKED_AT = ("strategy", "icpc", "rcpc")
DECISIONS = "('decision', 'conference-decision')"
SEED_NAMESPACE = uuid.UUID("6f1d7c52-3b8e-4c41-9a55-0d2b8e7f4a10")


def _make_room(connection: sa.Connection, table: str, where: str, params: dict[str, str]) -> int:
    """The position before the decision item (or at the end), with later items moved on."""
    found = connection.execute(
        sa.text(f"SELECT MIN(position) FROM {table} WHERE {where} AND kind IN {DECISIONS}"),
        params,
    ).scalar()
    if found is None:
        last = connection.execute(
            sa.text(f"SELECT MAX(position) FROM {table} WHERE {where}"), params
        ).scalar()
        return 0 if last is None else int(last) + 1
    connection.execute(
        sa.text(f"UPDATE {table} SET position = position + 1 WHERE {where} AND position >= :at"),
        {**params, "at": found},
    )
    return int(found)


def _add_items(connection: sa.Connection) -> None:
    """Templates, and meetings not yet held or under way, gain the item where they lack it."""
    now = sa.bindparam("now", type_=sa.DateTime())
    for meeting_type in ASKED_AT:
        where = "meeting_type = :t"
        has = connection.execute(
            sa.text(f"SELECT 1 FROM agenda_template_item WHERE {where} AND kind = :k"),
            {"t": meeting_type, "k": KIND},
        ).first()
        any_items = connection.execute(
            sa.text(f"SELECT 1 FROM agenda_template_item WHERE {where}"), {"t": meeting_type}
        ).first()
        if has or not any_items:  # a template not seeded yet is seeded from resources/
            continue
        at = _make_room(connection, "agenda_template_item", where, {"t": meeting_type})
        connection.execute(
            sa.text(
                "INSERT INTO agenda_template_item (id, created_at, updated_at, meeting_type,"
                " position, title, guidance, kind) VALUES (:id, :now, :now, :t, :at, :title,"
                " :guidance, :k)"
            ).bindparams(now),
            {
                "id": str(uuid.uuid5(SEED_NAMESPACE, f"agenda-template/{meeting_type}/{KIND}")),
                "now": _now(),
                "t": meeting_type,
                "at": at,
                "title": TITLE,
                "guidance": GUIDANCE,
                "k": KIND,
            },
        )
    meetings = connection.execute(
        sa.text(
            "SELECT id FROM meeting WHERE meeting_type IN ('strategy', 'icpc', 'rcpc')"
            " AND status IN ('scheduled', 'in-progress') AND NOT EXISTS (SELECT 1 FROM"
            " agenda_item WHERE agenda_item.meeting_id = meeting.id AND kind = :k)"
            " ORDER BY id"
        ),
        {"k": KIND},
    ).scalars()
    for meeting_id in list(meetings):
        at = _make_room(connection, "agenda_item", "meeting_id = :m", {"m": meeting_id})
        connection.execute(
            sa.text(
                "INSERT INTO agenda_item (id, created_at, updated_at, meeting_id, position,"
                " title, guidance, kind, notes, seconds_spent) VALUES (:id, :now, :now, :m,"
                " :at, :title, :guidance, :k, '', 0)"
            ).bindparams(now),
            {
                "id": str(uuid.uuid5(uuid.UUID(meeting_id), f"agenda_item/{KIND}")),
                "now": _now(),
                "m": meeting_id,
                "at": at,
                "title": TITLE,
                "guidance": GUIDANCE,
                "k": KIND,
            },
        )


def _now() -> dt.datetime:
    return clock.utcnow().astimezone(dt.UTC).replace(tzinfo=None)


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
    connection = op.get_bind()
    _add_items(connection)
    for table in ("agenda_template_item", "agenda_item"):
        log_rewritten(connection, table)


def downgrade() -> None:
    for name in guard_triggers():
        op.execute(f"DROP TRIGGER IF EXISTS {name}")
    log_dropped(op.get_bind(), "risk_to_others")
    op.drop_table("risk_to_others")
