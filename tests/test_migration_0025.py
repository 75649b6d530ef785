"""Revision 0025: contexts and meetings about them are new tables with CHECK
constraints and guards; going down drops them with every row logged as deleted,
and coming back up makes them, and their triggers, again."""

from __future__ import annotations

import pytest
from alembic import command
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError

from app.services.workspace import open_workspace
from app.storage import migrate
from app.storage.workspace import Workspace
from tests.conftest import PASSPHRASE

TABLES = (
    "context",
    "context_responsible",
    "context_child",
    "context_disruption",
    "meeting_context",
    "action_owner_context",
)


def _names(workspace: Workspace, kind: str) -> set[str]:
    with workspace.engine.connect() as connection:
        rows = connection.execute(
            text("SELECT name FROM sqlite_master WHERE type = :kind"), {"kind": kind}
        ).all()
    return {str(r[0]) for r in rows}


def test_down_drops_the_tables_logged_and_up_makes_them_again(demo_workspace: Workspace) -> None:
    with demo_workspace.reading() as session:
        rows = session.execute(text("SELECT count(*) FROM meeting_context")).scalar_one()
    assert rows == 3  # the demo's three children at one sitting
    triggers = _names(demo_workspace, "trigger")
    assert {"meeting_context_signed_update", "context_disruption_append_only_delete"} <= triggers
    path = demo_workspace.path
    with migrate.migrating(demo_workspace.engine) as connection:
        command.downgrade(migrate.alembic_config(connection), "0021_legal_planning")
    assert not set(TABLES) & _names(demo_workspace, "table")
    assert not {t for t in _names(demo_workspace, "trigger") if "context" in t}
    assert demo_workspace.integrity_problems() == []
    demo_workspace.close()
    with open_workspace(path, PASSPHRASE) as reopened:
        assert set(TABLES) <= _names(reopened, "table")
        assert _names(reopened, "trigger") == triggers
        assert reopened.integrity_problems() == []


def test_the_kinds_are_held_by_check_constraints(workspace: Workspace) -> None:
    with pytest.raises(DBAPIError, match="CHECK"), workspace.transaction() as session:
        session.execute(
            text(
                "INSERT INTO context (id, kind, name, description, created_at, updated_at) "
                "VALUES ('x', 'street', 'A street', '', '2026-11-23', '2026-11-23')"
            )
        )
