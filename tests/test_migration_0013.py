"""Revision 0013 on a workspace with data: the meeting-type constraints take core groups,
every trigger on or naming the rebuilt tables is back as it was, each plan gets its
first core group's date (audited), and it goes down and up again."""

from __future__ import annotations

from pathlib import Path

import pytest
from alembic import command
from sqlalchemy import Connection, text
from sqlalchemy.exc import DBAPIError, IntegrityError

from app.models import MeetingType, new_id
from app.services.setup import template_item_id
from app.services.workspace import open_workspace
from app.storage import cipher, migrate
from app.storage.instance import InstanceLock
from app.storage.workspace import Workspace
from tests.conftest import PASSPHRASE

AT = "2026-11-01 09:00:00.000000"
IDS = {name: new_id() for name in ("child", "case", "icpc", "signed", "plan", "attendance")}
TRIGGERS = "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' ORDER BY name"


def _insert(connection: Connection, table: str, **values: object) -> None:
    values = {"created_at": AT, "updated_at": AT, **values}
    columns = ", ".join(values)
    marks = ", ".join(f":{c}" for c in values)
    connection.execute(text(f"INSERT INTO {table} ({columns}) VALUES ({marks})"), values)


def _meeting(connection: Connection, meeting_id: str, kind: str, day: str, status: str) -> None:
    _insert(
        connection, "meeting", id=meeting_id, case_id=IDS["case"], meeting_type=kind,
        scheduled_date=day, duration_minutes=90, location="", chair_name="",
        minute_taker_name="", status=status, notes="",
    )  # fmt: skip


def _fill_at_0008(connection: Connection) -> None:
    """A child on a plan made at an ICPC on Wednesday 27 May 2026, and a signed-off
    meeting whose attendance the guards protect."""
    _insert(
        connection, "child", id=IDS["child"], la_child_ref="DEMO0013", first_name="Poppy",
        last_name="Example", sex="not-known", address="",
    )  # fmt: skip
    _insert(
        connection, "case_episode", id=IDS["case"], child_id=IDS["child"], concern="",
        harm_inside_home=0, harm_outside_home=0, harm_online=0, looked_after=0,
        kinship_care=0, proceedings="none", opened_on="2026-05-01", status="open",
    )  # fmt: skip
    _meeting(connection, IDS["icpc"], "icpc", "2026-05-27", "closed")
    _meeting(connection, IDS["signed"], "rcpc", "2026-08-20", "closed")
    _insert(
        connection, "attendance", id=IDS["attendance"], meeting_id=IDS["signed"],
        name="Someone (test)", role="", status="attended", walk_in=0,
    )  # fmt: skip
    connection.execute(
        text("UPDATE meeting SET status = 'signed-off' WHERE id = :id"), {"id": IDS["signed"]}
    )
    _insert(
        connection, "cp_plan", id=IDS["plan"], case_id=IDS["case"], start_date="2026-05-27",
        icpc_meeting_id=IDS["icpc"], initial_category="neglect", latest_category="neglect",
        lcpp_name="", next_review_due="2026-08-27",
    )  # fmt: skip


# The revision before core groups: the upgrade under test starts here.
PREVIOUS = "0012_pre_proceedings"


@pytest.fixture
def older(tmp_path: Path) -> tuple[Path, list[tuple[str, str]]]:
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
        _fill_at_0008(connection)
        migrate.upgrade(connection, PREVIOUS)
        triggers = [(str(n), str(q)) for n, q in connection.execute(text(TRIGGERS)).all()]
    return path, triggers


def _one(workspace: Workspace, query: str, **params: object) -> object:
    with workspace.engine.connect() as connection:
        return connection.execute(text(query), params).scalar()


def _triggers(workspace: Workspace) -> list[tuple[str, str]]:
    with workspace.engine.connect() as connection:
        return [(str(n), str(q)) for n, q in connection.execute(text(TRIGGERS)).all()]


# Triggers later revisions add for their own tables: 0017 guards the risk to
# others; 0018 keeps the search indexes in step; 0021 guards the legal planning decision;
# 0022 keeps action notes append-only; 0025 guards the contexts' records.
LATER = (
    "risk_to_others_",
    "meeting_search_",
    "case_search_",
    "legal_planning_decision_",
    "action_note_",
    "meeting_context_",
    "action_owner_context_",
    "context_disruption_",
)


def _guards(workspace: Workspace) -> list[tuple[str, str]]:
    """The triggers, less those later revisions add for their own new tables."""
    return [t for t in _triggers(workspace) if not t[0].startswith(LATER)]


def _core_group(workspace: Workspace) -> None:
    with workspace.engine.begin() as connection:
        _meeting(connection, new_id(), "core-group", "2026-06-09", "scheduled")


def test_upgrading_takes_core_groups_and_keeps_every_guard(
    older: tuple[Path, list[tuple[str, str]]],
) -> None:
    path, before = older
    assert any(name == "meeting_signed_update" for name, _ in before)
    with open_workspace(path, PASSPHRASE) as workspace:
        assert _one(workspace, "SELECT version_num FROM alembic_version") == migrate.SCHEMA_HEAD
        assert _guards(workspace) == before
        later = [t for t in _triggers(workspace) if t[0].startswith(LATER)]
        assert len(_triggers(workspace)) == len(before) + len(later)
        assert len(later) == 3 + 8 + 3 + 2 + 3 + 3 + 2
        # Ten working days after the ICPC, and the audit log says the plan changed.
        assert _one(workspace, "SELECT core_group_first_due FROM cp_plan") == "2026-06-10"
        assert (
            _one(workspace, "SELECT action FROM audit_log WHERE record_id = :id", id=IDS["plan"])
            == "update"
        )
        assert workspace.integrity_problems() == []
        _core_group(workspace)
        # The shipped core group agenda is seeded with its fixed ids.
        assert (
            _one(
                workspace,
                "SELECT meeting_type FROM agenda_template_item WHERE id = :id",
                id=template_item_id(MeetingType.CORE_GROUP, 0),
            )
            == "core-group"
        )
        with pytest.raises(IntegrityError), workspace.engine.begin() as connection:
            _meeting(connection, new_id(), "family-meeting", "2026-06-09", "scheduled")
        # The signed-off meeting is still guarded; references still hold.
        with pytest.raises(DBAPIError, match="amendment"), workspace.engine.begin() as c:
            c.execute(text("DELETE FROM attendance"))
        with pytest.raises(DBAPIError, match="amendment"), workspace.engine.begin() as c:
            c.execute(text("UPDATE meeting SET notes = 'x' WHERE id = :id"), {"id": IDS["signed"]})
        with workspace.engine.connect() as connection:
            assert connection.exec_driver_sql("PRAGMA foreign_key_check").fetchall() == []


def test_downgrading_narrows_the_types_and_keeps_the_data(
    older: tuple[Path, list[tuple[str, str]]],
) -> None:
    path, before = older
    with open_workspace(path, PASSPHRASE) as workspace:
        with migrate.migrating(workspace.engine) as connection:
            command.downgrade(migrate.alembic_config(connection), PREVIOUS)
        assert _guards(workspace) == before
        assert _one(workspace, "SELECT count(*) FROM attendance") == 1
        assert (
            _one(
                workspace,
                "SELECT count(*) FROM agenda_template_item WHERE meeting_type = 'core-group'",
            )
            == 0
        )
        with pytest.raises(IntegrityError):
            _core_group(workspace)
        assert workspace.integrity_problems() == []
    with open_workspace(path, PASSPHRASE) as workspace:
        assert _one(workspace, "SELECT version_num FROM alembic_version") == migrate.SCHEMA_HEAD
        assert _guards(workspace) == before
        _core_group(workspace)
        assert workspace.integrity_problems() == []


def test_downgrading_keeps_core_groups_already_recorded(
    older: tuple[Path, list[tuple[str, str]]],
) -> None:
    path, before = older
    with open_workspace(path, PASSPHRASE) as workspace:
        _core_group(workspace)
        with migrate.migrating(workspace.engine) as connection:
            command.downgrade(migrate.alembic_config(connection), PREVIOUS)
        assert (
            _one(workspace, "SELECT count(*) FROM meeting WHERE meeting_type = 'core-group'") == 1
        )
        assert _guards(workspace) == before
    with open_workspace(path, PASSPHRASE) as workspace:
        assert _one(workspace, "SELECT version_num FROM alembic_version") == migrate.SCHEMA_HEAD
        assert _guards(workspace) == before
        assert workspace.integrity_problems() == []
