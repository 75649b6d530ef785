"""Full-text indexes for the meetings and cases searches, so a keystroke no longer reads every
meeting or case.

The meetings search matches what was typed anywhere inside the child's reference,
first or last name, the meeting's place or its chair's name (case aside). An FTS5
table with the trigram tokenizer answers that: a phrase of three characters or more
is found as a run of trigrams, inside one column, as ``LIKE '%text%'`` finds it.

``meeting_search`` is contentless (SQLCipher's FTS5, as ``child_search`` in 0004): it
holds the index, not a second copy of the names. Its rowids come from
``meeting_search_key``, one row per meeting with an ``INTEGER PRIMARY KEY`` that
``VACUUM`` and ``sqlcipher_export`` keep (the meeting table's own rowids they
renumber, its primary key being text). A meeting's index row is thus found and
replaced by key, without reading the whole index.

Triggers keep both in step with every insert, update and delete of a meeting, a
correction to a child's name or reference, and a case moved to another child, so no
service has to remember the index. Neither table is a record: nothing is audited in
them and ``macpt verify`` does not compare them. They are derived from the records
and never a source of truth (see the team-mode design: FTS5 stays in the laptop's
storage); :data:`REFILL` rebuilds them from the records at any time.

The Cases list's search (the child's reference, or any part of "first last") has its
own index the same way: ``case_search``, one row per child, keyed by
``case_search_key``, kept in step by triggers on ``child``.

A later migration that rebuilds ``meeting``, ``child`` or ``case_episode`` (an Alembic
batch operation copies the table) drops these triggers with it: such a migration must
run :data:`TRIGGERS` and :data:`CASE_TRIGGERS` again and the indexes be refilled with :data:`REFILL`.

Revision ID: 0018_meeting_search
Revises: 0017_risk_to_others
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0018_meeting_search"
down_revision: str | None = "0017_risk_to_others"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

CREATE_TABLES = (
    "CREATE TABLE meeting_search_key ("
    " id INTEGER PRIMARY KEY,"
    " meeting_id VARCHAR(36) NOT NULL UNIQUE)",
    # No diacritics folded: the search has always told "Zoe" from "Zoë".
    """CREATE VIRTUAL TABLE meeting_search USING fts5(
    la_child_ref,
    first_name,
    last_name,
    location,
    chair_name,
    content='',
    contentless_delete=1,
    tokenize='trigram case_sensitive 0'
)""",
)

# The indexed text of the meetings chosen by ``{where}`` (a condition on ``m``,
# ``ce`` and ``ch``), each under its key's id.
_ROWS = """
    SELECT k.id, ch.la_child_ref, ch.first_name, ch.last_name, m.location, m.chair_name
    FROM meeting AS m
    JOIN meeting_search_key AS k ON k.meeting_id = m.id
    JOIN case_episode AS ce ON ce.id = m.case_id
    JOIN child AS ch ON ch.id = ce.child_id
    WHERE {where}"""
_INSERT = (
    "INSERT INTO meeting_search "
    "(rowid, la_child_ref, first_name, last_name, location, chair_name)" + _ROWS
)
_FORGET = """
    DELETE FROM meeting_search WHERE rowid IN (
        SELECT k.id FROM meeting_search_key AS k
        JOIN meeting AS m ON m.id = k.meeting_id
        JOIN case_episode AS ce ON ce.id = m.case_id
        WHERE {where})"""


def _reindex(where: str) -> str:
    return f"{_FORGET.format(where=where)}; {_INSERT.format(where=where)};"


TRIGGERS = (
    "CREATE TRIGGER meeting_search_insert AFTER INSERT ON meeting BEGIN"
    " INSERT INTO meeting_search_key (meeting_id) VALUES (new.id);"
    f" {_INSERT.format(where='m.id = new.id')}; END",
    "CREATE TRIGGER meeting_search_delete AFTER DELETE ON meeting BEGIN"
    " DELETE FROM meeting_search WHERE rowid ="
    " (SELECT id FROM meeting_search_key WHERE meeting_id = old.id);"
    " DELETE FROM meeting_search_key WHERE meeting_id = old.id; END",
    "CREATE TRIGGER meeting_search_update"
    " AFTER UPDATE OF case_id, location, chair_name ON meeting BEGIN"
    f" {_reindex('m.id = new.id')} END",
    "CREATE TRIGGER meeting_search_child"
    " AFTER UPDATE OF la_child_ref, first_name, last_name ON child BEGIN"
    f" {_reindex('ce.child_id = new.id')} END",
    "CREATE TRIGGER meeting_search_case AFTER UPDATE OF child_id ON case_episode BEGIN"
    f" {_reindex('ce.id = new.id')} END",
)
# The Cases list's index: one row per child.
CASE_TABLES = (
    "CREATE TABLE case_search_key ( id INTEGER PRIMARY KEY, child_id VARCHAR(36) NOT NULL UNIQUE)",
    """CREATE VIRTUAL TABLE case_search USING fts5(
    la_child_ref,
    full_name,
    content='',
    contentless_delete=1,
    tokenize='trigram case_sensitive 0'
)""",
)
_CASE_INSERT = (
    "INSERT INTO case_search (rowid, la_child_ref, full_name)"
    " SELECT k.id, ch.la_child_ref, ch.first_name || ' ' || ch.last_name"
    " FROM child AS ch JOIN case_search_key AS k ON k.child_id = ch.id WHERE {where}"
)
_CASE_FORGET = (
    "DELETE FROM case_search WHERE rowid = (SELECT id FROM case_search_key WHERE child_id = {id})"
)
CASE_TRIGGERS = (
    "CREATE TRIGGER case_search_insert AFTER INSERT ON child BEGIN"
    " INSERT INTO case_search_key (child_id) VALUES (new.id);"
    f" {_CASE_INSERT.format(where='ch.id = new.id')}; END",
    "CREATE TRIGGER case_search_delete AFTER DELETE ON child BEGIN"
    f" {_CASE_FORGET.format(id='old.id')};"
    " DELETE FROM case_search_key WHERE child_id = old.id; END",
    "CREATE TRIGGER case_search_update"
    " AFTER UPDATE OF la_child_ref, first_name, last_name ON child BEGIN"
    f" {_CASE_FORGET.format(id='new.id')};"
    f" {_CASE_INSERT.format(where='ch.id = new.id')}; END",
)
TRIGGER_NAMES = (
    "case_search_insert",
    "case_search_delete",
    "case_search_update",
    "meeting_search_insert",
    "meeting_search_delete",
    "meeting_search_update",
    "meeting_search_child",
    "meeting_search_case",
)

# Rebuilds the index from the records: a meeting's key is kept if it has one.
REFILL = (
    "INSERT INTO meeting_search (meeting_search) VALUES ('delete-all')",
    "DELETE FROM meeting_search_key WHERE meeting_id NOT IN (SELECT id FROM meeting)",
    "INSERT INTO meeting_search_key (meeting_id) SELECT id FROM meeting"
    " WHERE id NOT IN (SELECT meeting_id FROM meeting_search_key) ORDER BY id",
    _INSERT.format(where="1"),
    "INSERT INTO case_search (case_search) VALUES ('delete-all')",
    "DELETE FROM case_search_key WHERE child_id NOT IN (SELECT id FROM child)",
    "INSERT INTO case_search_key (child_id) SELECT id FROM child"
    " WHERE id NOT IN (SELECT child_id FROM case_search_key) ORDER BY id",
    _CASE_INSERT.format(where="1"),
)


def upgrade() -> None:
    for statement in CREATE_TABLES + CASE_TABLES:
        op.execute(statement)
    for statement in TRIGGERS + CASE_TRIGGERS:
        op.execute(statement)
    # Meetings recorded before this revision become searchable at once.
    for statement in REFILL:
        op.execute(statement)


def downgrade() -> None:
    for name in TRIGGER_NAMES:
        op.execute(f"DROP TRIGGER IF EXISTS {name}")
    op.execute("DROP TABLE IF EXISTS meeting_search")
    op.execute("DROP TABLE IF EXISTS meeting_search_key")
    op.execute("DROP TABLE IF EXISTS case_search")
    op.execute("DROP TABLE IF EXISTS case_search_key")
