"""``macpt verify`` reads the audit log as a stream: the memory it takes does not grow
with the log.

Two workspaces whose logs differ tenfold are verified under tracemalloc (which
counts what Python allocates; SQLite's page cache is its own, capped by
``cache_size``). Reading the log whole would cost hundreds of bytes an entry,
megabytes at the larger size; streamed, the peak stays the same.
"""

from __future__ import annotations

import tracemalloc
from collections.abc import Iterator
from pathlib import Path

import pytest

from app.services.workspace import create_workspace
from app.storage import audit, audit_check
from app.storage.workspace import Workspace
from tests.conftest import PASSPHRASE

SIZES = {"small": 2_000, "large": 20_000}


def _with_log(path: Path, entries: int) -> Workspace:
    workspace = create_workspace(path, PASSPHRASE)
    with workspace.transaction() as session:
        for n in range(entries):
            audit.append(session, table="report", record_id=f"period-{n}", action="export")
    return workspace


@pytest.fixture(scope="module")
def logs(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Workspace]]:
    folder = tmp_path_factory.mktemp("verify-memory")
    opened = {name: _with_log(folder / f"{name}.macpt", n) for name, n in SIZES.items()}
    yield opened
    for workspace in opened.values():
        workspace.close()


def _peak_bytes(workspace: Workspace) -> int:
    workspace.integrity_problems()  # once first, so imports and compiled queries are warm
    tracemalloc.start()
    try:
        assert workspace.integrity_problems() == []
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def test_verifying_a_log_ten_times_longer_takes_no_more_memory(
    logs: dict[str, Workspace],
) -> None:
    small, large = (_peak_bytes(logs[name]) for name in ("small", "large"))
    # Held whole, the extra 18,000 entries would take several megabytes.
    assert large < small + 512 * 1024, (small, large)


def test_each_records_newest_entry_is_found_by_index_not_by_reading_the_log(
    workspace: Workspace,
) -> None:
    # Read once per table of records, a scan of the log made verify take nine
    # minutes at 10,000 children; walking the index takes seconds.
    with workspace.engine.connect() as connection:
        plan = [
            str(row[-1])
            for row in connection.exec_driver_sql(
                "EXPLAIN QUERY PLAN " + audit_check._LATEST, ("child",)
            )
        ]
    assert any("USING INDEX ix_audit_log_record" in step for step in plan), plan
    assert any("USING COVERING INDEX ix_audit_log_record" in step for step in plan), plan
    assert not any(step.startswith("SCAN") or "TEMP B-TREE" in step for step in plan), plan
