"""Full-text search over children's names and references, for the register.

``child_search`` is a contentless FTS5 table (SQLCipher's FTS5): it keeps the
search index and the child's id, not a second copy of the names. Triggers on
``child`` keep it in step with every insert, update and delete.

Its rows are found by ``child_id`` (stored UNINDEXED), never by the child's
SQLite rowid: ``child`` has a text primary key, so its rowids are not stable
(``VACUUM`` and ``sqlcipher_export`` renumber them).

A later migration that rebuilds ``child`` (an Alembic batch operation copies it
into a new table) drops these triggers with it: such a migration must run
:data:`TRIGGERS` again and refill the index with :data:`REFILL`.

Revision ID: 0004
Revises: 0003
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# unicode61 with diacritics folded, so "Zoe" finds "Zoë"; prefix indexes make
# the search box's "as you type" queries cheap from the second character.
CREATE_TABLE = """
CREATE VIRTUAL TABLE child_search USING fts5(
    child_id UNINDEXED,
    la_child_ref,
    first_name,
    last_name,
    known_as,
    content='',
    contentless_delete=1,
    contentless_unindexed=1,
    tokenize='unicode61 remove_diacritics 2',
    prefix='2 3'
)
"""

_INSERT_NEW = """
    INSERT INTO child_search (child_id, la_child_ref, first_name, last_name, known_as)
    VALUES (new.id, new.la_child_ref, new.first_name, new.last_name, new.known_as);
"""
_DELETE_OLD = """
    DELETE FROM child_search
    WHERE rowid IN (SELECT rowid FROM child_search WHERE child_id = old.id);
"""

TRIGGERS = (
    f"CREATE TRIGGER child_search_insert AFTER INSERT ON child BEGIN {_INSERT_NEW} END",
    f"CREATE TRIGGER child_search_delete AFTER DELETE ON child BEGIN {_DELETE_OLD} END",
    "CREATE TRIGGER child_search_update "
    "AFTER UPDATE OF id, la_child_ref, first_name, last_name, known_as ON child "
    f"BEGIN {_DELETE_OLD} {_INSERT_NEW} END",
)

REFILL = (
    "DELETE FROM child_search",
    "INSERT INTO child_search (child_id, la_child_ref, first_name, last_name, known_as) "
    "SELECT id, la_child_ref, first_name, last_name, known_as FROM child",
)


def upgrade() -> None:
    op.execute(CREATE_TABLE)
    for statement in TRIGGERS:
        op.execute(statement)
    # Children recorded before this revision become searchable at once.
    op.execute(REFILL[1])


def downgrade() -> None:
    for name in ("child_search_update", "child_search_delete", "child_search_insert"):
        op.execute(f"DROP TRIGGER IF EXISTS {name}")
    op.execute("DROP TABLE IF EXISTS child_search")
    # FTS5 leaves the stored UNINDEXED values of a contentless table behind.
    op.execute("DROP TABLE IF EXISTS child_search_content")
