"""Schema migrations with Alembic, run on a connection the app has unlocked."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Connection, inspect, text

import app.migrations

# Alembic (with Mako) takes longer to import than the rest of the storage layer
# together, so each function imports it only when a workspace needs migrating.
if TYPE_CHECKING:
    from alembic.config import Config

# The newest revision this version knows. Checked against Alembic in the tests,
# so that an up-to-date workspace opens without loading Alembic at all.
SCHEMA_HEAD = "0004"


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


def upgrade(connection: Connection, revision: str = "head") -> None:
    from alembic import command

    command.upgrade(alembic_config(connection), revision)
