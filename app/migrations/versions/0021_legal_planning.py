"""Legal planning meetings: a meeting type.

``meeting.meeting_type`` and ``agenda_template_item.meeting_type`` take
``legal-planning``. SQLite changes a CHECK constraint by rebuilding the table,
which drops the triggers on it (the sign-off guards of revision 0006, the
search index triggers of revision 0018) and leaves other tables' triggers
naming a table that is, for a moment, gone. As in revision 0013, every trigger
that names either table is kept aside, dropped, and made again exactly as it
was once the tables are rebuilt; the meetings search index is then refilled
from the records (revision 0018's ``REFILL``), as its docstring asks.

Each decision is kept in ``legal_planning_decision``, guarded once its meeting
is signed off as revision 0006 guards a meeting's records. Going down drops that
table (its rows logged as deleted) and narrows the constraints again only where
no legal planning meeting is recorded: meetings are never deleted, so a
workspace that holds one keeps it and the wider constraints.

The legal planning agenda template is seeded on opening, as every shipped
template is (``app.services.setup``), with its fixed ids.

Revision ID: 0021_legal_planning
Revises: 0020_s47_enquiry
"""

from __future__ import annotations

import importlib.util
from collections.abc import Sequence
from pathlib import Path
from types import ModuleType

import sqlalchemy as sa
from alembic import op

from app.migrations.audit_entries import log_dropped

revision: str = "0021_legal_planning"
down_revision: str | None = "0020_s47_enquiry"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_BEFORE = ("strategy", "review", "icpc", "rcpc", "core-group")
_AFTER = (*_BEFORE, "legal-planning")
TABLES = ("meeting", "agenda_template_item")


def _kept_triggers(connection: sa.Connection) -> list[tuple[str, str]]:
    """(name, CREATE statement) of every trigger on, or naming, the rebuilt tables."""
    rows = connection.execute(
        sa.text("SELECT name, tbl_name, sql FROM sqlite_master WHERE type = 'trigger'")
    ).all()
    return [
        (name, sql)
        for name, table, sql in rows
        if table in TABLES or any(t in (sql or "") for t in TABLES)
    ]


def _widen(values: Sequence[str]) -> None:
    connection = op.get_bind()
    triggers = _kept_triggers(connection)
    for name, _ in triggers:
        op.execute(f'DROP TRIGGER IF EXISTS "{name}"')
    allowed = ", ".join(f"'{v}'" for v in values)
    for table in TABLES:
        with op.batch_alter_table(table, recreate="always") as batch:
            batch.drop_constraint(f"ck_{table}_meeting_type", type_="check")
            batch.create_check_constraint(
                f"ck_{table}_meeting_type", f"meeting_type IN ({allowed})"
            )
    for _, sql in triggers:
        op.execute(sql)
    for statement in _meeting_search().REFILL:
        op.execute(statement)


def _meeting_search() -> ModuleType:
    """Revision 0018's module, read from its file beside this one."""
    path = Path(__file__).with_name("0018_meeting_search.py")
    spec = importlib.util.spec_from_file_location("_meeting_search_0018", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


LOCKED = "signed-off minutes change only by an amendment"  # as revision 0006 has it
_SIGNED = (
    "(SELECT status FROM meeting WHERE id = {row}.meeting_id) = 'signed-off' AND NOT EXISTS "
    "(SELECT 1 FROM record_rewrite WHERE meeting_id = {row}.meeting_id)"
)
DECISION = "legal_planning_decision"


def _guards() -> list[str]:
    """The decision is part of its meeting's record: guarded as revision 0006 guards those."""
    old, new = _SIGNED.format(row="OLD"), _SIGNED.format(row="NEW")
    return [
        f"CREATE TRIGGER {DECISION}_signed_{verb} BEFORE {verb.upper()} ON {DECISION} "
        f"WHEN {when} BEGIN SELECT RAISE(ABORT, '{LOCKED}'); END"
        for verb, when in (("insert", new), ("update", f"({old}) OR ({new})"), ("delete", old))
    ]


def upgrade() -> None:
    _widen(_AFTER)
    op.create_table(
        DECISION,
        sa.Column("meeting_id", sa.String(length=36), nullable=False),
        sa.Column(
            "decision",
            sa.Enum(
                "start-pre-proceedings",
                "continue-pre-proceedings",
                "step-up-or-down",
                "care-proceedings",
                "neither",
                name=f"ck_{DECISION}_decision",
                native_enum=False,
                create_constraint=True,
                length=40,
            ),
            nullable=False,
        ),
        sa.Column("reasons", sa.Text(), nullable=False),
        sa.Column("episode_id", sa.String(length=36), nullable=True),
        sa.Column("decided_by", sa.String(length=200), nullable=False),
        sa.Column("decided_at", sa.DateTime(), nullable=False),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["meeting_id"], ["meeting.id"], name=op.f(f"fk_{DECISION}_meeting_id_meeting")
        ),
        sa.ForeignKeyConstraint(
            ["episode_id"],
            ["pre_proceedings_episode.id"],
            name=op.f(f"fk_{DECISION}_episode_id_pre_proceedings_episode"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f(f"pk_{DECISION}")),
        sa.UniqueConstraint("meeting_id", name=op.f(f"uq_{DECISION}_meeting_id")),
    )
    for statement in _guards():
        op.execute(statement)


def downgrade() -> None:
    connection = op.get_bind()
    # The decisions go with their table, logged as deleted, as other revisions' records do.
    for verb in ("insert", "update", "delete"):
        op.execute(f"DROP TRIGGER IF EXISTS {DECISION}_signed_{verb}")
    log_dropped(connection, DECISION)
    op.drop_table(DECISION)
    held = connection.execute(
        sa.text("SELECT count(*) FROM meeting WHERE meeting_type = 'legal-planning'")
    ).scalar_one()
    if held:
        # Legal planning meetings are records (some signed off): they stay, and so
        # does the wider constraint that holds them.
        return
    log_dropped(connection, "agenda_template_item", "meeting_type = 'legal-planning'")
    op.execute("DELETE FROM agenda_template_item WHERE meeting_type = 'legal-planning'")
    _widen(_BEFORE)
