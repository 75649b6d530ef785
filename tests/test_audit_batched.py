"""The audit log written a transaction at a time: one head read and one insert for all its
flushes, savepoints rolled back with their entries and without breaking the chain, each
entry stamped when its change was made, every content hash as one read per record would
give."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import event, select

from app import clock
from app.errors import MacptError
from app.models import AuditEntry, Child, ClosureDay
from app.services import cases
from app.services.demo.batch import batch
from app.storage import audit, audit_check
from app.storage.workspace import Workspace
from tests.conftest import FIXED_NOW


def _case(workspace: Workspace, n: int) -> None:
    cases.create_case(
        workspace,
        la_child_ref=f"DEMO098{n}",
        first_name="Pat",
        last_name="Example",
        address="12 Imaginary Lane, Sampletown, ZZ99 1AA",
    )


def test_a_savepoint_rolled_back_in_a_batch_leaves_the_chain_whole(workspace: Workspace) -> None:
    with batch(workspace) as batched:
        _case(batched, 1)
        with pytest.raises(MacptError), batched.transaction():
            _case(batched, 2)
            raise MacptError("changed my mind")
        _case(batched, 3)
    with workspace.engine.connect() as connection:
        assert audit_check.chain_problems(connection)[0] == []
        assert audit_check.content_problems(connection) == []
    with workspace.reading() as session:
        seqs = list(session.scalars(select(AuditEntry.seq).order_by(AuditEntry.seq)))
    assert seqs == list(range(1, len(seqs) + 1))


def test_entries_say_when_each_change_was_made_and_none_is_left_of_a_rollback(
    workspace: Workspace,
) -> None:
    first, second, third = (FIXED_NOW + dt.timedelta(hours=h) for h in (1, 2, 3))
    with batch(workspace) as batched:
        with clock.frozen_at(first):
            _case(batched, 1)
        with clock.frozen_at(second), pytest.raises(MacptError), batched.transaction():
            _case(batched, 2)
            raise MacptError("changed my mind")
        with clock.frozen_at(third):
            _case(batched, 3)
    with workspace.reading() as session:
        children = session.execute(
            select(AuditEntry.at, AuditEntry.action)
            .where(AuditEntry.record_table == "child")
            .order_by(AuditEntry.seq)
        ).all()
        kept = set(session.scalars(select(Child.id)))
        named = set(
            session.scalars(select(AuditEntry.record_id).where(AuditEntry.record_table == "child"))
        )
    assert [(at, action) for at, action in children] == [(first, "create"), (third, "create")]
    assert named == kept


def test_one_transaction_of_many_flushes_writes_its_entries_in_one_insert(
    workspace: Workspace,
) -> None:
    inserts: list[int] = []

    def count(_conn: object, _cursor: object, statement: str, params: object, *_: object) -> None:
        if statement.startswith("INSERT INTO audit_log"):
            inserts.append(len(params) if isinstance(params, list) else 1)

    event.listen(workspace.engine, "before_cursor_execute", count)
    try:
        with workspace.transaction() as session:
            for n in range(3):
                session.add(ClosureDay(day=dt.date(2027, 1, 4 + n), description="Demo closure"))
                session.flush()
    finally:
        event.remove(workspace.engine, "before_cursor_execute", count)
    assert inserts == [3]
    with workspace.engine.connect() as connection:
        assert audit_check.content_problems(connection) == []


def test_each_content_hash_is_the_records_own(workspace: Workspace) -> None:
    _case(workspace, 1)
    with workspace.engine.connect() as connection, workspace.reading() as session:
        entries = session.execute(
            select(AuditEntry.record_table, AuditEntry.record_id, AuditEntry.content_hash)
        ).all()
        for table, record_id, content in entries:
            if table in audit.record_tables():
                assert content == audit.stored_content(connection, table, record_id)


def test_the_content_hash_of_a_row_is_the_one_the_log_has_always_kept() -> None:
    # Digests written by the first version (a hash update per column, sorted by name):
    # a faster way of working them out must give the same, or old logs stop verifying.
    columns = ["updated_at", "id", "name", "count", "ratio", "blob", "missing", "Zeta", "alpha"]
    row = ("2026-12-02 10:00:00.000000", "a1b2", "Pat Madeup — née Ŝ", 3, 0.5, b"\x00\xff")
    row += (None, True, -7)
    assert audit.content_hash(columns, row) == (
        "8f2894389bfee05301ee69edb324e948f7dd6c8b0948f62af9320f7a1f08fb44"
    )
    assert audit.content_hash(["id"], ("x",)) == (
        "a7f49bc77fc39131efd50cc141f11c1071c02bed974e0b208c81becb2768e2da"
    )
    assert audit.content_hash(columns, None) == audit.DELETED
    with pytest.raises(ValueError):
        audit.content_hash(columns, ("too", "few"))
