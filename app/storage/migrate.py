"""Schema migrations with Alembic, run on a connection the app has unlocked."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Connection, Engine, inspect, text

import app.migrations
from app.errors import MacptError
from app.storage import cipher

# Alembic (with Mako) takes longer to import than the rest of the storage layer
# together, so each function imports it only when a workspace needs migrating.
if TYPE_CHECKING:
    from alembic.config import Config

# The newest revision this version knows. Checked against Alembic in the tests,
# so that an up-to-date workspace opens without loading Alembic at all.
SCHEMA_HEAD = "0027_list_indexes"


def alembic_config(connection: Connection | None = None) -> Config:
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(Path(app.migrations.__file__).parent))
    if connection is not None:
        config.attributes["connection"] = connection
    return config


def script_head() -> str | None:
    from alembic.script import ScriptDirectory

    return ScriptDirectory.from_config(alembic_config()).get_current_head()


def known_revisions() -> set[str]:
    from alembic.script import ScriptDirectory

    script = ScriptDirectory.from_config(alembic_config())
    return {rev.revision for rev in script.walk_revisions()}


def current_revision(connection: Connection) -> str | None:
    if not inspect(connection).has_table("alembic_version"):
        return None
    return connection.execute(text("SELECT version_num FROM alembic_version")).scalar()


@contextlib.contextmanager
def migrating(engine: Engine) -> Iterator[Connection]:
    """A connection in one transaction for schema changes: all of them, or none.

    SQLite alters a table by rebuilding it; with foreign keys enforced, dropping
    the old copy would fail or cascade. As SQLite's own procedure says, they are
    off while migrating and every reference is checked before the commit.
    """
    with engine.connect() as connection:
        # Set on the driver's connection: the pragma has no effect in a transaction.
        raw = connection.connection.driver_connection
        assert raw is not None
        raw.execute("PRAGMA foreign_keys = OFF")
        try:
            with connection.begin():
                yield connection
                broken = connection.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
                if broken:
                    raise MacptError(
                        "Updating the workspace for this version failed, so nothing was "
                        "changed. Contact your IT service desk."
                    )
        finally:
            raw.execute("PRAGMA foreign_keys = ON")
            cipher.assert_pragmas(raw)


def upgrade(connection: Connection, revision: str = "head") -> None:
    from alembic import command

    command.upgrade(alembic_config(connection), revision)
