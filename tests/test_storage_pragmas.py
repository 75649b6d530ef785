"""Every pooled connection runs with the pragmas the workspace depends on,
and the key is derived once per unlock, however many connections follow."""

from __future__ import annotations

import contextlib
from pathlib import Path

import pytest
import sqlcipher3
from sqlalchemy import Connection

from app.services.workspace import open_workspace
from app.storage import cipher
from tests.conftest import PASSPHRASE
from tests.helpers.workspaces import copy_workspace, template

EXPECTED = {
    "journal_mode": "wal",
    "synchronous": 2,  # FULL
    "foreign_keys": 1,
    "secure_delete": 1,
    "temp_store": 2,  # MEMORY
    "cache_size": -32000,  # 32 MB per connection
    "cipher_log_level": "NONE",
}


def _read_back(connection: Connection) -> dict[str, object]:
    return {name: connection.exec_driver_sql(f"PRAGMA {name}").scalar() for name in EXPECTED}


def _nothing(_workspace: object) -> None:
    """A freshly created workspace is enough here."""


def test_pragmas_hold_on_every_connection_and_the_key_is_derived_once(
    tmp_path: Path, tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = copy_workspace(
        template("empty", tmp_path_factory.mktemp, _nothing), tmp_path / "w.macpt"
    )
    derivations: list[bytes] = []
    real_derive_key = cipher.derive_key

    def counting_derive_key(passphrase: str, salt: bytes) -> bytearray:
        derivations.append(salt)
        return real_derive_key(passphrase, salt)

    monkeypatch.setattr(cipher, "derive_key", counting_derive_key)
    with open_workspace(path, PASSPHRASE) as workspace:
        pool = workspace.engine.pool
        # As many connections as the pool will hold at once (its size plus overflow).
        pool_limit = pool.size() + getattr(pool, "_max_overflow", 0)
        assert pool_limit >= 2
        for _round in range(2):
            with contextlib.ExitStack() as stack:
                # Every connection the pool can hand out, all open at once.
                connections = [
                    stack.enter_context(workspace.engine.connect()) for _ in range(pool_limit)
                ]
                raw_ids = {id(c.connection.driver_connection) for c in connections}
                assert len(raw_ids) == pool_limit
                for connection in connections:
                    assert _read_back(connection) == EXPECTED
            # Fresh connections after the pool is emptied: still no new derivation.
            workspace.engine.dispose()
        with workspace.transaction() as session:
            assert _read_back(session.connection()) == EXPECTED
    assert len(derivations) == 1


def test_the_file_is_standard_sqlcipher_4_and_opens_with_the_passphrase(
    tmp_path: Path, tmp_path_factory: pytest.TempPathFactory
) -> None:
    """Our key derivation is SQLCipher's own: any SQLCipher 4 tool can open a workspace."""
    path = copy_workspace(
        template("empty", tmp_path_factory.mktemp, _nothing), tmp_path / "w.macpt"
    )
    conn = sqlcipher3.connect(str(path))
    try:
        conn.execute(f"PRAGMA key = '{PASSPHRASE}'")
        tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_master")}
        assert {"child", "meeting", "audit_log", "alembic_version"} <= tables
    finally:
        conn.close()
    # With the raw key the app derives, too.
    key = cipher.derive_key(PASSPHRASE, cipher.read_salt(path))
    raw = cipher.connect(path, key)
    try:
        assert raw.execute("SELECT count(*) FROM child").fetchone() == (0,)
    finally:
        raw.close()
