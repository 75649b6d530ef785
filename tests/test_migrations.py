"""Migrations: from empty to head, from the previous revision with a backup first,
and models that match the schema the migrations build."""

from __future__ import annotations

import stat
from pathlib import Path

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection, DateTime, bindparam, func, inspect, select, text
from sqlalchemy.exc import DBAPIError

from app import clock
from app.errors import WorkspaceTooNew
from app.migrations.audit_entries import log_dropped
from app.models import Base, Child, Meeting, new_id
from app.services.workspace import open_workspace
from app.storage import audit, cipher, migrate
from app.storage.instance import InstanceLock
from app.storage.workspace import Workspace
from tests.conftest import PASSPHRASE
from tests.helpers.workspaces import copy_workspace, demo, sha256, template


@pytest.fixture
def closed_demo(tmp_path: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    return copy_workspace(template("demo", tmp_path_factory.mktemp, demo), tmp_path / "w.macpt")


def _script() -> ScriptDirectory:
    return ScriptDirectory.from_config(migrate.alembic_config())


def _previous_revision() -> str:
    head = _script().get_revision(migrate.SCHEMA_HEAD)
    assert head is not None
    assert isinstance(head.down_revision, str), "the head has exactly one parent"
    return head.down_revision


def _revision(workspace: Workspace) -> str | None:
    with workspace.engine.connect() as connection:
        return migrate.current_revision(connection)


def _counts(workspace: Workspace) -> tuple[int, int]:
    with workspace.reading() as session:
        return (
            session.scalar(select(func.count()).select_from(Child)) or 0,
            session.scalar(select(func.count()).select_from(Meeting)) or 0,
        )


def test_schema_head_is_alembics_head() -> None:
    assert _script().get_heads() == [migrate.SCHEMA_HEAD]
    assert migrate.script_head() == migrate.SCHEMA_HEAD


def test_a_new_workspace_is_migrated_from_empty_to_head(workspace: Workspace) -> None:
    assert _revision(workspace) == migrate.SCHEMA_HEAD
    with workspace.engine.connect() as connection:
        tables = set(inspect(connection).get_table_names())
    assert set(Base.metadata.tables) <= tables


def _schema_differences(connection: Connection) -> list[object]:
    """What autogenerate would change to make the schema match the models.

    Full-text search indexes are SQLite virtual tables, made by migrations and
    kept out of the models; they and their shadow tables are not compared.
    """
    virtual = connection.execute(
        text("SELECT name FROM sqlite_master WHERE sql LIKE 'CREATE VIRTUAL TABLE%'")
    ).scalars()
    prefixes = tuple(virtual)

    def include(obj: object, name: str | None, type_: str, reflected: bool, compare_to: object):
        if type_ == "table" and reflected and compare_to is None and name:
            return not any(name == p or name.startswith(p + "_") for p in prefixes)
        return True

    context = MigrationContext.configure(
        connection, opts={"compare_type": True, "include_object": include}
    )
    return list(compare_metadata(context, Base.metadata))


def test_models_match_the_migrated_schema(workspace: Workspace) -> None:
    with workspace.engine.connect() as connection:
        assert _schema_differences(connection) == []


def _older_workspace(path: Path, revision: str) -> None:
    """A workspace as the version whose newest migration was ``revision`` made it."""
    salt = cipher.new_salt()
    key = cipher.derive_key(PASSPHRASE, salt)
    cipher.connect(path, key, salt=salt).close()
    lock = InstanceLock(path)
    lock.acquire()
    with (
        Workspace(path, key, salt, lock) as workspace,
        migrate.migrating(workspace.engine) as connection,
    ):
        migrate.upgrade(connection, revision)
        # Plain SQL: the models describe the newest schema, not this one.
        for n, first in enumerate(("Poppy", "Alfie", "Ruby"), start=1):
            connection.execute(
                text(
                    "INSERT INTO child (id, created_at, updated_at, la_child_ref, first_name,"
                    " last_name, sex, address) VALUES (:id, :at, :at, :ref, :first,"
                    " 'Example', 'not-known', '12 Imaginary Lane, Sampletown, ZZ99 1AA')"
                ),
                {
                    "id": new_id(),
                    "at": "2026-11-01 09:00:00",
                    "ref": f"DEMO000{n}",
                    "first": first,
                },
            )


def _child_refs(workspace: Workspace) -> list[str]:
    with workspace.engine.connect() as connection:
        return list(connection.execute(text("SELECT la_child_ref FROM child ORDER BY 1")).scalars())


def test_opening_an_older_workspace_backs_it_up_then_upgrades_it(tmp_path: Path) -> None:
    previous = _previous_revision()
    path = tmp_path / "w.macpt"
    _older_workspace(path, previous)

    with open_workspace(path, PASSPHRASE) as workspace:
        assert _revision(workspace) == migrate.SCHEMA_HEAD
        assert _child_refs(workspace) == ["DEMO0001", "DEMO0002", "DEMO0003"]
        assert workspace.integrity_problems() == []
        with workspace.engine.connect() as connection:
            assert _schema_differences(connection) == []

    # FIXED_NOW is 23 November 2026, 10:00 UTC.
    backup = path.with_name(f"w.before-upgrade-{previous}-20261123T100000Z.macpt")
    assert backup.exists(), sorted(p.name for p in tmp_path.iterdir())
    assert stat.S_IMODE(backup.stat().st_mode) == 0o600
    with open_workspace(backup, PASSPHRASE, upgrade=False) as copy:
        assert _revision(copy) == previous
        assert _child_refs(copy) == ["DEMO0001", "DEMO0002", "DEMO0003"]


def test_a_downgraded_workspace_with_data_is_upgraded_again(closed_demo: Path) -> None:
    previous = _previous_revision()
    with open_workspace(closed_demo, PASSPHRASE) as workspace:
        expected = _counts(workspace)
        assert expected[0] > 0
        with migrate.migrating(workspace.engine) as connection:
            command.downgrade(migrate.alembic_config(connection), previous)
        assert _revision(workspace) == previous
    with open_workspace(closed_demo, PASSPHRASE) as workspace:
        assert _revision(workspace) == migrate.SCHEMA_HEAD
        assert _counts(workspace) == expected
        assert workspace.integrity_problems() == []
        with workspace.engine.connect() as connection:
            assert _schema_differences(connection) == []
    assert list(closed_demo.parent.glob(f"w.before-upgrade-{previous}-*.macpt"))


def test_a_workspace_from_a_newer_version_is_refused_untouched(closed_demo: Path) -> None:
    with (
        open_workspace(closed_demo, PASSPHRASE) as workspace,
        workspace.engine.begin() as connection,
    ):
        connection.execute(text("UPDATE alembic_version SET version_num = '9999'"))
    before = sha256(closed_demo)
    with pytest.raises(WorkspaceTooNew, match="newer version"):
        open_workspace(closed_demo, PASSPHRASE)
    assert sha256(closed_demo) == before
    assert not list(closed_demo.parent.glob("*before-upgrade*"))


def test_the_audit_log_refuses_edits_and_deletions_at_head(workspace: Workspace) -> None:
    # Rebuilding a table drops its triggers: no migration may leave the guard off.
    with workspace.engine.connect() as connection:
        names = set(
            connection.execute(
                text("SELECT name FROM sqlite_master WHERE type = 'trigger'")
            ).scalars()
        )
    assert {"audit_log_no_update", "audit_log_no_delete"} <= names
    for statement in ("UPDATE audit_log SET actor = 'someone else'", "DELETE FROM audit_log"):
        with pytest.raises(DBAPIError, match="append-only"), workspace.engine.begin() as c:
            c.execute(text(statement))


def test_every_migration_goes_down_to_empty_and_up_again(workspace: Workspace) -> None:
    with migrate.migrating(workspace.engine) as connection:
        command.downgrade(migrate.alembic_config(connection), "base")
    with migrate.migrating(workspace.engine) as connection:
        assert migrate.current_revision(connection) is None
        migrate.upgrade(connection)
    with workspace.engine.connect() as connection:
        assert migrate.current_revision(connection) == migrate.SCHEMA_HEAD


def test_downgrading_past_every_new_table_keeps_the_audit_log_whole(closed_demo: Path) -> None:
    """Records dropped with their tables by a downgrade are logged as deleted, so the
    upgraded workspace is whole again (the demo has pre-proceedings, say)."""
    with open_workspace(closed_demo, PASSPHRASE) as workspace:
        expected = _counts(workspace)
        with migrate.migrating(workspace.engine) as connection:
            command.downgrade(migrate.alembic_config(connection), "0008_audit_content_hash")
    with open_workspace(closed_demo, PASSPHRASE) as workspace:
        assert _revision(workspace) == migrate.SCHEMA_HEAD
        assert _counts(workspace) == expected
        assert workspace.integrity_problems() == []


def test_records_audited_before_a_column_was_added_still_match_their_log(tmp_path: Path) -> None:
    """A migration that adds a field to a table of records logs each row's new
    content: a child written at 0008 must not read as changed outside the app."""
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
        migrate.upgrade(connection, "0008_audit_content_hash")
        child_id = new_id()
        connection.execute(
            text(
                "INSERT INTO child (id, created_at, updated_at, la_child_ref, first_name,"
                " last_name, sex, address) VALUES (:id, :at, :at, 'DEMO0001', 'Poppy',"
                " 'Example', 'not-known', '')"
            ),
            {"id": child_id, "at": "2026-11-01 09:00:00"},
        )
        cursor = connection.exec_driver_sql("SELECT * FROM child WHERE id = ?", (child_id,))
        assert cursor.cursor is not None
        columns = [d[0] for d in cursor.cursor.description]
        content = audit.content_hash(columns, tuple(cursor.fetchone()))
        at = clock.utcnow()
        digest = audit.entry_hash(
            audit.GENESIS, 1, at.isoformat(), "test", "child", child_id, "create", content
        )
        connection.execute(
            text(
                "INSERT INTO audit_log (id, created_at, updated_at, seq, at, actor, record_table,"
                " record_id, action, prev_hash, entry_hash, content_hash) VALUES (:id, :at, :at,"
                " 1, :at, 'test', 'child', :rid, 'create', :prev, :hash, :content)"
            ).bindparams(bindparam("at", type_=DateTime())),
            {
                "id": new_id(),
                "at": at.replace(tzinfo=None),
                "rid": child_id,
                "prev": audit.GENESIS,
                "hash": digest,
                "content": content,
            },
        )
    lock.release()
    with open_workspace(path, PASSPHRASE) as workspace:
        assert _revision(workspace) == migrate.SCHEMA_HEAD
        assert workspace.integrity_problems() == []


def test_risk_to_others_comes_to_older_agendas_before_the_decision(closed_demo: Path) -> None:
    """Revision 0017: a workspace whose templates and open meetings predate the item gains
    it before the decision; its answers go with the downgrade, logged."""
    with open_workspace(closed_demo, PASSPHRASE) as workspace:
        with migrate.migrating(workspace.engine) as connection:
            command.downgrade(migrate.alembic_config(connection), "0014_case_closure")
        # As a workspace from before the item: gone from the templates and from one
        # meeting under way (logged, as a migration would log it).
        with workspace.engine.begin() as connection:
            meeting_id = (
                connection.execute(
                    text(
                        "SELECT id FROM meeting WHERE meeting_type = 'strategy'"
                        " AND status = 'in-progress' ORDER BY id"
                    )
                )
                .scalars()
                .first()
            )
            for table, where in (
                ("agenda_template_item", "1"),
                ("agenda_item", f"meeting_id = '{meeting_id}'"),
            ):
                risk = f"kind = 'risk-to-others' AND {where}"
                log_dropped(connection, table, risk)
                connection.execute(text(f"DELETE FROM {table} WHERE {risk}"))
    with open_workspace(closed_demo, PASSPHRASE) as workspace:
        with workspace.engine.connect() as connection:
            for table, where in (
                ("agenda_template_item", "meeting_type = 'strategy'"),
                ("agenda_item", f"meeting_id = '{meeting_id}'"),
            ):
                kinds = connection.execute(
                    text(f"SELECT kind FROM {table} WHERE {where} ORDER BY position")
                ).scalars()
                kinds = list(kinds)
                assert kinds.count("risk-to-others") == 1
                assert kinds.index("risk-to-others") + 1 == kinds.index("decision")
        assert workspace.integrity_problems() == []
