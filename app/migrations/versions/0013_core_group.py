"""Core group meetings: a meeting type, and the first core group's date on each plan.

- ``meeting.meeting_type`` and ``agenda_template_item.meeting_type`` take
  ``core-group``: SQLite changes a CHECK constraint by rebuilding the table,
  which drops the triggers on it (the sign-off guards of revision 0006 on
  ``meeting``) and leaves other tables' triggers naming a table that is, for a
  moment, gone. Every trigger that names either table is therefore kept aside,
  dropped, and made again exactly as it was once the tables are rebuilt.
- ``cp_plan.core_group_first_due`` is added in place (no rebuild) and filled
  for every plan: 10 working days from the plan's start (the ICPC's date),
  with England's bank holidays and the workspace's closure days, as the
  conference service counts it from now on. The audit log says so.

Going down narrows the constraints again only where no core group meeting
is recorded: meetings are never deleted, so a workspace that holds one keeps
it and the wider constraints.

The core group agenda template is seeded on opening, as every shipped
template is (``app.services.setup``), with its fixed ids.

Revision ID: 0013_core_group
Revises: 0008_audit_content_hash
"""

from __future__ import annotations

import datetime as dt
import hashlib
import uuid
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from app import clock
from app.workdays import WorkingCalendar

revision: str = "0013_core_group"
down_revision: str | None = "0012_pre_proceedings"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_BEFORE = ("strategy", "review", "icpc", "rcpc")
_AFTER = (*_BEFORE, "core-group")
TABLES = ("meeting", "agenda_template_item")
CORE_GROUP_WORKING_DAYS = 10  # as app.workflow.clocks has it at this revision
AUDIT_ACTOR = "MACPT Companion (workspace update)"


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


class _Audit:
    """Appends to the hash-chained audit log as ``app.storage.audit`` does."""

    def __init__(self, connection: sa.Connection) -> None:
        self.connection = connection
        last = connection.execute(
            sa.text("SELECT seq, entry_hash FROM audit_log ORDER BY seq DESC LIMIT 1")
        ).first()
        self.seq: int = last[0] if last else 0
        self.prev: str = last[1] if last else "0" * 64

    def append(self, table: str, record_id: str, action: str) -> None:
        self.seq += 1
        at = clock.utcnow()
        payload = "\x1f".join(
            (self.prev, str(self.seq), at.isoformat(), AUDIT_ACTOR, table, record_id, action)
        )
        digest = hashlib.sha256(payload.encode("utf-8")).hexdigest()
        naive = at.astimezone(dt.UTC).replace(tzinfo=None)
        self.connection.execute(
            sa.text(
                "INSERT INTO audit_log (id, created_at, updated_at, seq, at, actor, record_table,"
                " record_id, action, prev_hash, entry_hash) VALUES (:id, :at, :at, :seq, :at,"
                " :actor, :table, :rid, :action, :prev, :hash)"
            ).bindparams(sa.bindparam("at", type_=sa.DateTime())),
            {
                "id": str(uuid.uuid4()),
                "at": naive,
                "seq": self.seq,
                "actor": AUDIT_ACTOR,
                "table": table,
                "rid": record_id,
                "action": action,
                "prev": self.prev,
                "hash": digest,
            },
        )
        self.prev = digest


def _fill_first_due(connection: sa.Connection) -> None:
    closures = connection.execute(sa.text("SELECT day FROM closure_day")).scalars()
    calendar = WorkingCalendar(dt.date.fromisoformat(str(d)[:10]) for d in closures)
    audit = _Audit(connection)
    plans = connection.execute(
        sa.text("SELECT id, start_date FROM cp_plan WHERE core_group_first_due IS NULL ORDER BY id")
    ).all()
    for plan_id, start in plans:
        due = calendar.add_working_days(
            dt.date.fromisoformat(str(start)[:10]), CORE_GROUP_WORKING_DAYS
        )
        connection.execute(
            sa.text("UPDATE cp_plan SET core_group_first_due = :due WHERE id = :id"),
            {"due": due.isoformat(), "id": plan_id},
        )
        audit.append("cp_plan", plan_id, "update")


def upgrade() -> None:
    _widen(_AFTER)
    connection = op.get_bind()
    columns = {c["name"] for c in sa.inspect(connection).get_columns("cp_plan")}
    if "core_group_first_due" not in columns:
        op.add_column("cp_plan", sa.Column("core_group_first_due", sa.Date(), nullable=True))
    _fill_first_due(connection)


def downgrade() -> None:
    connection = op.get_bind()
    held = connection.execute(
        sa.text("SELECT count(*) FROM meeting WHERE meeting_type = 'core-group'")
    ).scalar_one()
    if held:
        # Core group meetings are records (some signed off): they stay, and so does
        # the wider constraint that holds them, as 0008 leaves its column.
        return
    audit = _Audit(connection)
    for (item_id,) in connection.execute(
        sa.text("SELECT id FROM agenda_template_item WHERE meeting_type = 'core-group' ORDER BY id")
    ).all():
        audit.append("agenda_template_item", item_id, "delete")
    op.execute("DELETE FROM agenda_template_item WHERE meeting_type = 'core-group'")
    _widen(_BEFORE)
    # The column stays: dropping it rebuilds cp_plan, and the older version ignores it.
