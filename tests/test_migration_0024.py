"""Revision 0024: the looked-after tables, with their CHECK constraint; going down drops
them with their rows logged as deleted, and going up again makes them afresh."""

from __future__ import annotations

import datetime as dt

import pytest
from alembic import command
from sqlalchemy import text
from sqlalchemy.exc import IntegrityError

from app.models import PlacementType
from app.services.looked_after import looked_after, record_looked_after
from app.services.workspace import open_workspace
from app.storage import migrate
from app.storage.workspace import Workspace
from tests.conftest import PASSPHRASE
from tests.test_minutes_journey_sample import _child, on


def _tables(workspace: Workspace) -> set[str]:
    with workspace.engine.connect() as connection:
        rows = connection.execute(text("SELECT name FROM sqlite_master WHERE type = 'table'"))
        return {str(name) for (name,) in rows}


def test_down_drops_the_records_logged_and_up_makes_the_tables_again(
    workspace: Workspace,
) -> None:
    case_id = _child(workspace, "LAC-M1").case_id
    on(dt.date(2026, 11, 23))
    record_looked_after(
        workspace,
        case_id=case_id,
        looked_after=True,
        iro_name="Robin Test-Reviewer",
        placement_type=PlacementType.CHILDRENS_HOME,
        review_dates=[dt.date(2026, 12, 7)],
    )
    with pytest.raises(IntegrityError), workspace.engine.begin() as c:
        c.execute(text("UPDATE looked_after_record SET placement_type = 'a-tent'"))
    path = workspace.path
    with migrate.migrating(workspace.engine) as connection:
        command.downgrade(migrate.alembic_config(connection), "0023_prebirth_transfer")
    assert not {"looked_after_record", "looked_after_review"} & _tables(workspace)
    with workspace.engine.connect() as connection:
        logged = connection.execute(
            text(
                "SELECT record_table, action FROM audit_log WHERE record_table LIKE 'looked_after%'"
                " ORDER BY seq DESC LIMIT 2"
            )
        ).all()
    assert {tuple(r) for r in logged} == {
        ("looked_after_record", "delete"),
        ("looked_after_review", "delete"),
    }
    workspace.close()
    with open_workspace(path, PASSPHRASE) as reopened:
        assert {"looked_after_record", "looked_after_review"} <= _tables(reopened)
        record = looked_after(reopened, case_id=case_id)
        assert record.looked_after and record.iro_name == "" and record.review_dates == ()
        assert reopened.integrity_problems() == []
