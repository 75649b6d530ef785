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
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from app.migrations.audit_entries import log_dropped, log_rewritten
from app.workdays import WorkingCalendar

revision: str = "0013_core_group"
down_revision: str | None = "0012_pre_proceedings"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_BEFORE = ("strategy", "review", "icpc", "rcpc")
_AFTER = (*_BEFORE, "core-group")
TABLES = ("meeting", "agenda_template_item")
CORE_GROUP_WORKING_DAYS = 10  # as app.workflow.clocks has it at this revision


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
    # Types a later revision's downgrade kept (its meetings are records) stay allowed.
    kept = connection.execute(
        sa.text(
            "SELECT meeting_type FROM meeting UNION SELECT meeting_type FROM agenda_template_item"
        )
    ).scalars()
    values = (*values, *sorted(set(kept) - set(values)))
    allowed = ", ".join(f"'{v}'" for v in values)
    for table in TABLES:
        with op.batch_alter_table(table, recreate="always") as batch:
            batch.drop_constraint(f"ck_{table}_meeting_type", type_="check")
            batch.create_check_constraint(
                f"ck_{table}_meeting_type", f"meeting_type IN ({allowed})"
            )
    for _, sql in triggers:
        op.execute(sql)


def _fill_first_due(connection: sa.Connection) -> int:
    """Work out the first core group's date for plans without one; how many."""
    closures = connection.execute(sa.text("SELECT day FROM closure_day")).scalars()
    calendar = WorkingCalendar(dt.date.fromisoformat(str(d)[:10]) for d in closures)
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
    return len(plans)


def upgrade() -> None:
    _widen(_AFTER)
    connection = op.get_bind()
    columns = {c["name"] for c in sa.inspect(connection).get_columns("cp_plan")}
    added = "core_group_first_due" not in columns
    if added:
        op.add_column("cp_plan", sa.Column("core_group_first_due", sa.Date(), nullable=True))
    if _fill_first_due(connection) or added:
        # Each plan's stored content changed: the log says so, with the new content.
        log_rewritten(connection, "cp_plan")


def downgrade() -> None:
    connection = op.get_bind()
    held = connection.execute(
        sa.text("SELECT count(*) FROM meeting WHERE meeting_type = 'core-group'")
    ).scalar_one()
    if held:
        # Core group meetings are records (some signed off): they stay, and so does
        # the wider constraint that holds them, as 0008 leaves its column.
        return
    log_dropped(connection, "agenda_template_item", "meeting_type = 'core-group'")
    op.execute("DELETE FROM agenda_template_item WHERE meeting_type = 'core-group'")
    _widen(_BEFORE)
    # The column stays: dropping it rebuilds cp_plan, and the older version ignores it.
