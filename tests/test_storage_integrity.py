"""Integrity: a damaged or tampered workspace is reported clearly, never written to."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import func, select

from app.errors import WorkspaceDamaged
from app.models import AuditEntry
from app.services.workspace import open_workspace
from tests.conftest import PASSPHRASE
from tests.helpers.workspaces import copy_workspace, demo, macpt, sha256, template


@pytest.fixture
def closed_demo(tmp_path: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    return copy_workspace(template("demo", tmp_path_factory.mktemp, demo), tmp_path / "w.macpt")


def _flip_middle(path: Path) -> None:
    """Invert a few bytes half-way through the file, as a bad sector or a meddler might."""
    data = bytearray(path.read_bytes())
    middle = len(data) // 2
    for i in range(middle, middle + 16):
        data[i] ^= 0xFF
    path.write_bytes(bytes(data))


def test_damage_is_reported_and_the_file_left_alone(closed_demo: Path) -> None:
    _flip_middle(closed_demo)
    before = sha256(closed_demo)
    try:
        workspace = open_workspace(closed_demo, PASSPHRASE)
    except WorkspaceDamaged:
        pass  # the damage was met while unlocking: also a clear refusal
    else:
        with workspace:
            problems = workspace.integrity_problems()
            # SQLCipher either lists the pages that fail, or fails the check outright.
            assert any(
                "HMAC verification failed" in p or "do not decrypt and authenticate" in p
                for p in problems
            ), problems
            assert all("\n" not in p for p in problems)
            with pytest.raises(WorkspaceDamaged, match="Nothing more will be written"):
                workspace.transaction().__enter__()
    assert sha256(closed_demo) == before


def test_macpt_verify_reports_damage_in_one_line(closed_demo: Path) -> None:
    _flip_middle(closed_demo)
    before = sha256(closed_demo)
    result = macpt(
        "verify", "--workspace", str(closed_demo), "--passphrase-stdin", stdin=PASSPHRASE + "\n"
    )
    assert result.returncode == 1
    assert result.stderr.startswith("macpt: ")
    assert len(result.stderr.splitlines()) == 1
    assert "Restore it from a backup" in result.stderr
    assert "Traceback" not in result.stderr
    assert sha256(closed_demo) == before


def test_an_intact_workspace_passes_verify(closed_demo: Path) -> None:
    result = macpt(
        "verify", "--workspace", str(closed_demo), "--passphrase-stdin", stdin=PASSPHRASE + "\n"
    )
    assert result.returncode == 0, result.stderr
    assert "intact" in result.stdout


def test_a_forged_audit_entry_breaks_the_chain(closed_demo: Path) -> None:
    with open_workspace(closed_demo, PASSPHRASE) as workspace:
        assert workspace.integrity_problems() == []
        with workspace.transaction() as session:
            last = session.scalar(select(func.max(AuditEntry.seq))) or 0
            latest = session.scalars(select(AuditEntry).where(AuditEntry.seq == last)).one()
            # A well-formed entry whose hash does not cover what it claims.
            session.add(
                AuditEntry(
                    seq=last + 1,
                    at=latest.at,
                    actor="Someone Else",
                    record_table="child",
                    record_id=latest.record_id,
                    action="delete",
                    prev_hash=latest.entry_hash,
                    entry_hash="0" * 64,
                )
            )
        assert workspace.integrity_problems() == [f"audit entry {last + 1} has been altered"]
    result = macpt(
        "verify", "--workspace", str(closed_demo), "--passphrase-stdin", stdin=PASSPHRASE + "\n"
    )
    assert result.returncode == 1
    assert f"audit entry {last + 1} has been altered" in result.stderr
