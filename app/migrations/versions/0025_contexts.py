"""Contexts of harm outside the home, and meetings held about several children.

New tables only: no table is rebuilt, so no trigger is lost, and no stored row
changes, so every audit entry's content hash still holds.

- ``context``, ``context_responsible``, ``context_child``: a place, peer group or
  online space, who is responsible for it, and the children linked to it.
- ``context_disruption``: the disruption log. Entries are only added; the
  database refuses changes and deletions (a mistake is put right by a later
  entry that corrects it).
- ``meeting_context``: a child's meeting held about a context, at a sitting
  shared with the other children's meetings; and ``action_owner_context``: an
  action owned by the body responsible for a context. Both are part of the
  meeting's record, guarded once it is signed off as revision 0006 guards those.

Revision ID: 0025_contexts
Revises: 0024_looked_after
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from app.migrations.audit_entries import log_dropped

revision: str = "0025_contexts"
down_revision: str | None = "0024_looked_after"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

LOCKED = "signed-off minutes change only by an amendment"  # as revision 0006 has it
APPEND_ONLY = "the disruption log is append-only: add an entry that corrects it"
_SIGNED = (
    "(SELECT status FROM meeting WHERE id = {row}.meeting_id) = 'signed-off' AND NOT EXISTS "
    "(SELECT 1 FROM record_rewrite WHERE meeting_id = {row}.meeting_id)"
)
_ACTION_SIGNED = (
    "(SELECT m.status FROM meeting m JOIN meeting_action a ON a.meeting_id = m.id "
    "WHERE a.id = {row}.action_id) = 'signed-off' AND NOT EXISTS "
    "(SELECT 1 FROM record_rewrite r JOIN meeting_action a ON a.meeting_id = r.meeting_id "
    "WHERE a.id = {row}.action_id)"
)
TABLES = (
    "action_owner_context",
    "meeting_context",
    "context_disruption",
    "context_child",
    "context_responsible",
    "context",
)


def _enum(table: str, column: str, *values: str) -> sa.Enum:
    return sa.Enum(
        *values,
        name=f"ck_{table}_{column}",
        native_enum=False,
        create_constraint=True,
        length=40,
    )


def _common() -> list[sa.Column[object]]:
    return [
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
    ]


def _retirable() -> list[sa.Column[object]]:
    return [
        sa.Column("retired_at", sa.DateTime(), nullable=True),
        sa.Column("retired_by", sa.String(length=200), nullable=True),
        sa.Column("retired_reason", sa.Text(), nullable=True),
    ]


def _fk(table: str, column: str, target: str) -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint(
        [column], [f"{target}.id"], name=op.f(f"fk_{table}_{column}_{target}")
    )


def _index(table: str, column: str) -> None:
    op.create_index(op.f(f"ix_{table}_{column}"), table, [column], unique=False)


def _guards() -> list[str]:
    statements = []
    for table, signed in (
        ("meeting_context", _SIGNED),
        ("action_owner_context", _ACTION_SIGNED),
    ):
        old, new = signed.format(row="OLD"), signed.format(row="NEW")
        statements += [
            f"CREATE TRIGGER {table}_signed_{verb} BEFORE {verb.upper()} ON {table} "
            f"WHEN {when} BEGIN SELECT RAISE(ABORT, '{LOCKED}'); END"
            for verb, when in (("insert", new), ("update", f"({old}) OR ({new})"), ("delete", old))
        ]
    statements += [
        f"CREATE TRIGGER context_disruption_append_only_{verb} BEFORE {verb.upper()} "
        f"ON context_disruption BEGIN SELECT RAISE(ABORT, '{APPEND_ONLY}'); END"
        for verb in ("update", "delete")
    ]
    return statements


def _trigger_names() -> list[str]:
    names = [
        f"{table}_signed_{verb}"
        for table in ("meeting_context", "action_owner_context")
        for verb in ("insert", "update", "delete")
    ]
    return [
        *names,
        "context_disruption_append_only_update",
        "context_disruption_append_only_delete",
    ]


def upgrade() -> None:
    op.create_table(
        "context",
        sa.Column(
            "kind", _enum("context", "kind", "place", "peer-group", "online"), nullable=False
        ),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        *_retirable(),
        *_common(),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_context")),
    )
    table = "context_responsible"
    op.create_table(
        table,
        sa.Column("context_id", sa.String(length=36), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column(
            "kind",
            _enum(table, "kind", "business", "transport", "school", "council", "other"),
            nullable=False,
        ),
        sa.Column("contact", sa.String(length=200), nullable=False),
        *_retirable(),
        *_common(),
        _fk(table, "context_id", "context"),
        sa.PrimaryKeyConstraint("id", name=op.f(f"pk_{table}")),
    )
    _index(table, "context_id")
    table = "context_child"
    op.create_table(
        table,
        sa.Column("context_id", sa.String(length=36), nullable=False),
        sa.Column("child_id", sa.String(length=36), nullable=False),
        *_common(),
        _fk(table, "context_id", "context"),
        _fk(table, "child_id", "child"),
        sa.PrimaryKeyConstraint("id", name=op.f(f"pk_{table}")),
        sa.UniqueConstraint("context_id", "child_id", name=op.f(f"uq_{table}_context_id")),
    )
    _index(table, "context_id")
    _index(table, "child_id")
    table = "context_disruption"
    op.create_table(
        table,
        sa.Column("context_id", sa.String(length=36), nullable=False),
        sa.Column("happened_on", sa.Date(), nullable=False),
        sa.Column("agency_id", sa.String(length=36), nullable=False),
        sa.Column("activity", sa.Text(), nullable=False),
        sa.Column("outcome", sa.Text(), nullable=False),
        sa.Column("corrects_id", sa.String(length=36), nullable=True),
        sa.Column("recorded_by", sa.String(length=200), nullable=False),
        *_common(),
        _fk(table, "context_id", "context"),
        _fk(table, "agency_id", "agency"),
        _fk(table, "corrects_id", "context_disruption"),
        sa.PrimaryKeyConstraint("id", name=op.f(f"pk_{table}")),
    )
    _index(table, "context_id")
    table = "meeting_context"
    op.create_table(
        table,
        sa.Column("meeting_id", sa.String(length=36), nullable=False),
        sa.Column("context_id", sa.String(length=36), nullable=False),
        sa.Column("sitting_id", sa.String(length=36), nullable=False),
        sa.Column("discussion", sa.Text(), nullable=False),
        sa.Column("parents_as_partners", sa.Text(), nullable=False),
        sa.Column("child_participation", sa.Text(), nullable=False),
        *_common(),
        _fk(table, "meeting_id", "meeting"),
        _fk(table, "context_id", "context"),
        sa.PrimaryKeyConstraint("id", name=op.f(f"pk_{table}")),
        sa.UniqueConstraint("meeting_id", name=op.f(f"uq_{table}_meeting_id")),
    )
    _index(table, "context_id")
    _index(table, "sitting_id")
    table = "action_owner_context"
    op.create_table(
        table,
        sa.Column("action_id", sa.String(length=36), nullable=False),
        sa.Column("responsible_id", sa.String(length=36), nullable=False),
        *_common(),
        _fk(table, "action_id", "meeting_action"),
        _fk(table, "responsible_id", "context_responsible"),
        sa.PrimaryKeyConstraint("id", name=op.f(f"pk_{table}")),
        sa.UniqueConstraint("action_id", name=op.f(f"uq_{table}_action_id")),
    )
    _index(table, "responsible_id")
    for statement in _guards():
        op.execute(statement)


def downgrade() -> None:
    connection = op.get_bind()
    for name in _trigger_names():
        op.execute(f"DROP TRIGGER IF EXISTS {name}")
    for table in TABLES:
        # The rows go with their table, logged as deleted, as other revisions' records do.
        log_dropped(connection, table)
        op.drop_table(table)
