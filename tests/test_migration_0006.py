"""Revision 0006 on a workspace with data: seeded ids move with every reference,
the guards and search triggers are in place, and it goes down and up again."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from alembic import command
from sqlalchemy import Connection, inspect, text
from sqlalchemy.exc import DBAPIError

from app.models import MeetingType, new_id, seed_id
from app.services.setup import template_item_id
from app.services.workspace import open_workspace
from app.storage import cipher, migrate
from app.storage.instance import InstanceLock
from app.storage.workspace import Workspace
from tests.conftest import PASSPHRASE

AT = "2026-11-01 09:00:00.000000"
OLD_POLICE = new_id()
OLD_TEMPLATE = new_id()
IDS = {name: new_id() for name in ("child", "case", "member", "meeting", "practitioner")}


def _insert(connection: Connection, table: str, **values: object) -> None:
    values = {"created_at": AT, "updated_at": AT, **values}
    columns = ", ".join(values)
    marks = ", ".join(f":{c}" for c in values)
    connection.execute(text(f"INSERT INTO {table} ({columns}) VALUES ({marks})"), values)


def _fill_at_0005(connection: Connection) -> None:
    """Records as revision 0005 held them: seeded rows with random ids, and a
    signed-off meeting naming the police and the child's father."""
    _insert(
        connection, "agency", id=OLD_POLICE, name="Police", kind="statutory",
        statutory_role="police", seed_key="police", sort_order=1,
    )  # fmt: skip
    _insert(
        connection, "agenda_template_item", id=OLD_TEMPLATE, meeting_type="strategy",
        position=0, title="Introductions and confidentiality", guidance="", kind="notes",
    )  # fmt: skip
    _insert(
        connection, "child", id=IDS["child"], la_child_ref="DEMO0006", first_name="Poppy",
        last_name="Example", sex="not-known", address="",
    )  # fmt: skip
    _insert(
        connection, "case_episode", id=IDS["case"], child_id=IDS["child"], concern="",
        harm_inside_home=0, harm_outside_home=0, harm_online=0, looked_after=0,
        kinship_care=0, proceedings="none", opened_on="2026-10-01", status="open",
    )  # fmt: skip
    _insert(
        connection, "family_member", id=IDS["member"], child_id=IDS["child"],
        name="Pat Example (test)", relationship_to_child="Father", parental_responsibility=1,
        address="", invite_to_conferences=1, is_carer=0,
    )  # fmt: skip
    _insert(
        connection, "practitioner", id=IDS["practitioner"], name="DC Alex Test-Officer",
        role="", agency_id=OLD_POLICE,
    )  # fmt: skip
    _insert(
        connection, "meeting", id=IDS["meeting"], case_id=IDS["case"], meeting_type="icpc",
        scheduled_date="2026-11-02", duration_minutes=90, location="", chair_name="",
        minute_taker_name="", status="signed-off", notes="",
    )  # fmt: skip
    for agency, member in ((OLD_POLICE, None), (None, IDS["member"])):
        _insert(
            connection, "attendance", id=new_id(), meeting_id=IDS["meeting"], agency_id=agency,
            family_member_id=member, name="Someone (test)", role="", status="attended",
            walk_in=0,
        )  # fmt: skip
    _insert(
        connection, "conference_decision", id=new_id(), meeting_id=IDS["meeting"],
        rationale="", progress="", lead_practitioner="", outline_plan="", dissent="",
        ongoing_support="[]", ongoing_support_detail="",
        core_group=json.dumps([{"name": "DC Alex Test-Officer", "agency_id": OLD_POLICE}]),
    )  # fmt: skip


@pytest.fixture
def older(tmp_path: Path) -> Path:
    path = tmp_path / "w.macpt"
    salt = cipher.new_salt()
    key = cipher.derive_key(PASSPHRASE, salt)
    cipher.connect(path, key, salt=salt).close()
    lock = InstanceLock(path)
    lock.acquire()
    with (
        Workspace(path, key, salt, lock) as workspace,
        migrate.migrating(workspace.engine) as connection,
    ):
        migrate.upgrade(connection, "0005")
        _fill_at_0005(connection)
    return path


def _one(workspace: Workspace, query: str, **params: object) -> object:
    with workspace.engine.connect() as connection:
        return connection.execute(text(query), params).scalar()


def test_upgrading_moves_seeded_ids_and_every_reference(older: Path) -> None:
    police = seed_id("agency", "police")
    with open_workspace(older, PASSPHRASE) as workspace:
        assert _one(workspace, "SELECT count(*) FROM agency WHERE id = :id", id=OLD_POLICE) == 0
        assert _one(workspace, "SELECT name FROM agency WHERE id = :id", id=police) == "Police"
        assert (
            _one(workspace, "SELECT count(*) FROM attendance WHERE agency_id = :id", id=police) == 1
        )
        assert _one(workspace, "SELECT agency_id FROM practitioner") == police
        group = json.loads(str(_one(workspace, "SELECT core_group FROM conference_decision")))
        assert group == [{"name": "DC Alex Test-Officer", "agency_id": police}]
        assert (
            _one(
                workspace,
                "SELECT title FROM agenda_template_item WHERE id = :id",
                id=template_item_id(MeetingType.STRATEGY, 0),
            )
            == "Introductions and confidentiality"
        )
        # The audit chain still verifies, now with the migration's entries in it.
        assert workspace.integrity_problems() == []
        assert (
            _one(workspace, "SELECT count(*) FROM audit_log WHERE record_id = :id", id=OLD_POLICE)
            == 1
        )
        # The father stays in the signed meeting, which the database now guards.
        with pytest.raises(DBAPIError, match="amendment"), workspace.engine.begin() as c:
            c.execute(text("DELETE FROM attendance"))
        with pytest.raises(DBAPIError, match="retired"), workspace.engine.begin() as c:
            c.execute(text("DELETE FROM family_member"))
        # The meeting signed off before this revision is kept as it stands now.
        assert _one(workspace, "SELECT meeting_id FROM signed_record") == IDS["meeting"]
        # Rebuilding ``child`` lost the search triggers; they and the index are back.
        assert (
            _one(workspace, "SELECT child_id FROM child_search WHERE child_search MATCH 'Poppy'")
            == IDS["child"]
        )
        with workspace.engine.begin() as c:
            c.execute(text("UPDATE child SET first_name = 'Ruby'"))
        assert (
            _one(workspace, "SELECT child_id FROM child_search WHERE child_search MATCH 'Ruby'")
            == IDS["child"]
        )


def _cascades(connection: Connection) -> set[tuple[str, str]]:
    inspector = inspect(connection)
    return {
        (table, fk["constrained_columns"][0])
        for table in inspector.get_table_names()
        for fk in inspector.get_foreign_keys(table)
        if fk.get("options", {}).get("ondelete")
    }


def test_downgrading_puts_back_the_cascades_and_keeps_the_data(older: Path) -> None:
    with open_workspace(older, PASSPHRASE) as workspace:
        with workspace.engine.connect() as connection:
            assert _cascades(connection) == set()
        with migrate.migrating(workspace.engine) as connection:
            command.downgrade(migrate.alembic_config(connection), "0005")
        with workspace.engine.connect() as connection:
            assert ("attendance", "family_member_id") in _cascades(connection)
            triggers = set(
                connection.execute(
                    text("SELECT name FROM sqlite_master WHERE type = 'trigger'")
                ).scalars()
            )
        assert "attendance_signed_delete" not in triggers
        assert {"audit_log_no_update", "child_search_insert"} <= triggers
        assert _one(workspace, "SELECT count(*) FROM attendance") == 2
    with open_workspace(older, PASSPHRASE) as workspace:
        assert _one(workspace, "SELECT version_num FROM alembic_version") == migrate.SCHEMA_HEAD
        assert workspace.integrity_problems() == []
