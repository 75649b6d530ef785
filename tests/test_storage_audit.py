"""The audit log proves something: tampering, truncation and rollback are all noticed."""

from __future__ import annotations

import shutil
import tracemalloc
from pathlib import Path

import pytest
from sqlalchemy import func, insert, select, text

from app import clock
from app.models import AuditEntry, Child, new_id
from app.services import cases
from app.services.records import save_field
from app.services.workspace import open_workspace
from app.storage import anchor, audit_check
from app.storage.audit import DELETED, GENESIS, entry_hash
from app.storage.workspace import Workspace
from tests.conftest import PASSPHRASE
from tests.helpers.workspaces import copy_workspace, macpt, template


def _two_children(workspace: Workspace) -> None:
    for n in (1, 2):
        cases.create_case(
            workspace,
            la_child_ref=f"DEMO097{n}",
            first_name="Pat",
            last_name="Example",
            address="12 Imaginary Lane, Sampletown, ZZ99 1AA",
        )


@pytest.fixture
def closed_demo(tmp_path: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A small workspace: verify runs in a fresh process several times here."""
    return copy_workspace(
        template("two-children", tmp_path_factory.mktemp, _two_children), tmp_path / "w.macpt"
    )


def _first_child(workspace: Workspace) -> str:
    with workspace.reading() as session:
        return session.scalars(select(Child.id).order_by(Child.id).limit(1)).one()


def _raw(workspace: Workspace, *statements: str) -> None:
    """Change the file as someone with the key and an SQLCipher shell would."""
    with workspace.engine.begin() as connection:
        for statement in statements:
            connection.exec_driver_sql(statement)


def _verify(path: Path, *extra: str) -> tuple[int, str]:
    result = macpt(
        "verify", "--workspace", str(path), "--passphrase-stdin", *extra, stdin=PASSPHRASE + "\n"
    )
    assert len(result.stderr.splitlines()) <= 1, result.stderr
    return result.returncode, result.stderr + result.stdout


def test_each_entry_hashes_the_records_content_and_verify_passes(closed_demo: Path) -> None:
    with open_workspace(closed_demo, PASSPHRASE) as workspace:
        child_id = _first_child(workspace)
        save_field(workspace, table="child", record_id=child_id, field="known_as", value="Pip")
        with workspace.reading() as session:
            latest = session.execute(
                select(AuditEntry.record_id, AuditEntry.action, AuditEntry.content_hash)
                .order_by(AuditEntry.seq.desc())
                .limit(1)
            ).one()
        assert tuple(latest[:2]) == (child_id, "update")
        assert latest[2] is not None and latest[2] != DELETED
        assert workspace.integrity_problems() == []
    assert _verify(closed_demo)[0] == 0


def test_a_record_changed_outside_the_app_is_noticed(closed_demo: Path) -> None:
    with open_workspace(closed_demo, PASSPHRASE) as workspace:
        child_id = _first_child(workspace)
        save_field(workspace, table="child", record_id=child_id, field="known_as", value="Pip")
        _raw(workspace, f"UPDATE child SET known_as = 'Kit' WHERE id = '{child_id}'")
        assert workspace.integrity_problems() == [
            f"child record {child_id} was changed outside the app"
        ]


def test_dropped_guard_triggers_are_noticed(closed_demo: Path) -> None:
    with open_workspace(closed_demo, PASSPHRASE) as workspace:
        _raw(workspace, "DROP TRIGGER audit_log_no_update")
        assert workspace.integrity_problems() == [
            "the audit log's guard trigger audit_log_no_update has been removed"
        ]


def test_deleting_the_last_entries_is_noticed(closed_demo: Path) -> None:
    with open_workspace(closed_demo, PASSPHRASE) as workspace:
        child_id = _first_child(workspace)
        save_field(workspace, table="child", record_id=child_id, field="known_as", value="Pip")
    with open_workspace(closed_demo, PASSPHRASE) as workspace:
        with workspace.reading() as session:
            last = session.scalar(select(func.max(AuditEntry.seq))) or 0
        _raw(
            workspace,
            "DROP TRIGGER audit_log_no_delete",
            f"DELETE FROM audit_log WHERE seq > {last - 2}",
            "CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log "
            "BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END",
        )
    code, output = _verify(closed_demo)
    assert code == 1
    assert f"the audit log ends at entry {last - 2}" in output
    assert f"this computer saw it reach entry {last}" in output


def test_an_entry_edited_and_the_chain_rehashed_is_noticed(closed_demo: Path) -> None:
    with open_workspace(closed_demo, PASSPHRASE) as workspace:
        with workspace.reading() as session:
            last = session.scalar(select(func.max(AuditEntry.seq))) or 0
        # Rewrite every entry's actor and recompute the whole chain, as a forger would.
        _raw(workspace, "DROP TRIGGER audit_log_no_update")
        with workspace.engine.begin() as connection:
            prev = GENESIS
            rows = connection.execute(select(AuditEntry).order_by(AuditEntry.seq)).all()
            for row in rows:
                digest = entry_hash(
                    prev,
                    row.seq,
                    row.at.isoformat(),
                    "Someone Else",
                    row.record_table,
                    row.record_id,
                    row.action,
                    row.content_hash,
                )
                connection.execute(
                    text(
                        "UPDATE audit_log SET actor = :a, prev_hash = :p, entry_hash = :e "
                        "WHERE seq = :s"
                    ),
                    {"a": "Someone Else", "p": prev, "e": digest, "s": row.seq},
                )
                prev = digest
        _raw(
            workspace,
            "CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log "
            "BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END",
        )
        with workspace.engine.connect() as connection:
            assert audit_check.chain_problems(connection)[0] == []  # the chain alone is fooled
        assert workspace.integrity_problems() == [
            f"audit entry {last} differs from the one this computer recorded: "
            "the log was rewritten or an older copy was put back"
        ]


def test_an_older_copy_put_back_is_noticed_until_accepted(
    closed_demo: Path, tmp_path: Path
) -> None:
    older = tmp_path / "older.macpt"
    shutil.copyfile(closed_demo, older)
    with open_workspace(closed_demo, PASSPHRASE) as workspace:
        save_field(
            workspace,
            table="child",
            record_id=_first_child(workspace),
            field="known_as",
            value="Pip",
        )
    shutil.copyfile(older, closed_demo)  # the older copy replaces the newer one
    code, output = _verify(closed_demo)
    assert code == 1
    assert "an older copy was put back" in output
    assert "--accept-restored-copy" in output
    assert _verify(closed_demo, "--accept-restored-copy")[0] == 0
    assert _verify(closed_demo)[0] == 0


def test_a_forged_anchor_is_noticed(closed_demo: Path) -> None:
    with open_workspace(closed_demo, PASSPHRASE) as workspace:
        save_field(
            workspace,
            table="child",
            record_id=_first_child(workspace),
            field="known_as",
            value="Pip",
        )
        path = anchor.anchor_path(workspace._anchor_id)
    body = path.read_text().replace('"seq": ', '"seq": 1')  # claims a later head
    path.write_text(body)
    code, output = _verify(closed_demo)
    assert code == 1
    assert "kept on this computer does not match this workspace" in output


def test_verify_streams_the_log(workspace: Workspace) -> None:
    """A long log is checked in constant memory: no more for 10,000 entries than for 1,000."""
    child_id = new_id()

    def add_entries(count: int) -> None:
        with workspace.engine.begin() as connection:
            last = connection.execute(
                select(AuditEntry.seq, AuditEntry.entry_hash).order_by(AuditEntry.seq.desc())
            ).first()
            seq, prev = (last[0], last[1]) if last else (0, GENESIS)
            now = clock.utcnow()
            rows = []
            for _ in range(count):
                seq += 1
                digest = entry_hash(
                    prev, seq, now.isoformat(), "Test", "child", child_id, "view", None
                )
                rows.append(
                    {
                        "id": new_id(),
                        "seq": seq,
                        "at": now,
                        "actor": "Test",
                        "record_table": "child",
                        "record_id": child_id,
                        "action": "view",
                        "prev_hash": prev,
                        "entry_hash": digest,
                        "content_hash": None,
                    }
                )
                prev = digest
            connection.execute(insert(AuditEntry), rows)

    def peak() -> int:
        with workspace.engine.connect() as connection:
            tracemalloc.start()
            try:
                problems, _head = audit_check.chain_problems(connection)
                return tracemalloc.get_traced_memory()[1]
            finally:
                tracemalloc.stop()
                assert problems == []

    add_entries(1_000)
    small = peak()
    add_entries(9_000)
    large = peak()
    assert large < small * 2, (small, large)
