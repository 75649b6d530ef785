"""Two writers at once (an autosave and a second window's save, say) both succeed,
and the audit log's chain stays whole."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from sqlalchemy import func, select

from app.models import AuditEntry, Child
from app.services.records import save_field
from app.services.workspace import open_workspace
from app.storage.workspace import Workspace
from tests.conftest import PASSPHRASE
from tests.helpers.workspaces import copy_workspace, demo, template

SAVES_EACH = 25


def _audit_count(workspace: Workspace) -> int:
    with workspace.reading() as session:
        return session.scalar(select(func.count()).select_from(AuditEntry)) or 0


def test_concurrent_writers_wait_for_each_other(
    tmp_path: Path, tmp_path_factory: pytest.TempPathFactory
) -> None:
    path = copy_workspace(template("demo", tmp_path_factory.mktemp, demo), tmp_path / "w.macpt")
    with open_workspace(path, PASSPHRASE) as workspace:
        with workspace.reading() as session:
            first, second = session.scalars(select(Child.id).order_by(Child.id).limit(2)).all()
        before = _audit_count(workspace)
        errors: list[BaseException] = []
        start = threading.Barrier(2)

        def writer(child_id: str, name: str) -> None:
            try:
                start.wait(timeout=30)
                for n in range(SAVES_EACH):
                    save_field(
                        workspace,
                        table="child",
                        record_id=child_id,
                        field="known_as",
                        value=f"{name} {n}",
                    )
            except BaseException as exc:  # reported below, in the test's thread
                errors.append(exc)

        threads = [
            threading.Thread(target=writer, args=(first, "Pip")),
            threading.Thread(target=writer, args=(second, "Kit")),
        ]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=120)
        assert errors == []
        assert _audit_count(workspace) == before + 2 * SAVES_EACH
        assert workspace.integrity_problems() == []
        with workspace.reading() as session:
            assert session.get(Child, first).known_as == f"Pip {SAVES_EACH - 1}"  # type: ignore[union-attr]
            assert session.get(Child, second).known_as == f"Kit {SAVES_EACH - 1}"  # type: ignore[union-attr]
