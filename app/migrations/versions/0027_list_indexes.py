"""Indexes in the order the Cases and Meetings lists run.

Both lists are read a page at a time from the row where the last page ended. Without
an index in the list's own order every page sorted every row in the workspace, or
every meeting still to come (2.3 seconds for the Cases list's first page at 50,000
children). With these, a page reads only its own rows:

* ``case_episode (opened_on)``: the Cases list runs newest first;
* ``meeting (scheduled_date, scheduled_time, id)``: the Meetings list runs by date,
  then time, then id. It takes the place of the index on the date alone, which it
  starts with.

No row changes, so every audit hash still holds, and no table is rebuilt, so no
trigger is lost.

Revision ID: 0027_list_indexes
Revises: 0026_audit_record_index
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0027_list_indexes"
down_revision: str | None = "0026_audit_record_index"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

CASES = "ix_case_episode_opened_on"
MEETINGS = "ix_meeting_when"
MEETINGS_BEFORE = "ix_meeting_scheduled_date"


def upgrade() -> None:
    op.create_index(CASES, "case_episode", ["opened_on"])
    op.create_index(MEETINGS, "meeting", ["scheduled_date", "scheduled_time", "id"])
    op.drop_index(MEETINGS_BEFORE, table_name="meeting")


def downgrade() -> None:
    op.create_index(MEETINGS_BEFORE, "meeting", ["scheduled_date"])
    op.drop_index(MEETINGS, table_name="meeting")
    op.drop_index(CASES, table_name="case_episode")
