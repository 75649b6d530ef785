"""Abrupt kills: SIGKILL during autosave or a passphrase change loses nothing.

Each round starts a real process on a real workspace, lets it work, kills it
with SIGKILL at an arbitrary moment, then opens the workspace here and checks
that everything the process acknowledged is there and the file is whole.
"""

from __future__ import annotations

import hashlib
import random
import subprocess
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from sqlalchemy import func, insert, select

from app.errors import WrongPassphrase
from app.models import AuditEntry, Child, new_id
from app.services import cases
from app.services.workspace import open_workspace
from app.storage.workspace import Workspace
from tests.conftest import OTHER_PASSPHRASE, PASSPHRASE
from tests.helpers.workspaces import copy_workspace, helper, kill, read_until, template

pytestmark = pytest.mark.slow

AUTOSAVE_ROUNDS = 20
REKEY_ROUNDS = 8
# Fixed seeds: the kill moments vary between rounds but each run tries the same plan.
AUTOSAVE_SEED, REKEY_SEED = 20261123, 20261214


def _run_for(proc: subprocess.Popen[str], seconds: float) -> None:
    """Let the helper work for ``seconds``: the kill lands wherever it happens to be."""
    with pytest.raises(subprocess.TimeoutExpired):
        proc.wait(timeout=seconds)


# -- autosave ----------------------------------------------------------------


def _one_child(workspace: Workspace) -> None:
    cases.create_case(
        workspace,
        la_child_ref="DEMO0901",
        first_name="Poppy",
        last_name="Example",
        address="12 Imaginary Lane, Sampletown, ZZ99 1AA",
    )


def _saved_value(workspace: Workspace) -> tuple[str, str | None]:
    with workspace.reading() as session:
        child = session.scalars(select(Child).where(Child.la_child_ref == "DEMO0901")).one()
        return child.id, child.known_as


def _autosave_rounds(path: Path, rounds: range, seed: int) -> None:
    with open_workspace(path, PASSPHRASE) as workspace:
        child_id, _ = _saved_value(workspace)
    plan = random.Random(seed)
    for round_number in rounds:
        proc = helper(
            "autosave_loop.py",
            str(path),
            child_id,
            f"Round {round_number} save",
            stdin=PASSPHRASE + "\n",
        )
        read_until(proc, "ack 1")
        _run_for(proc, plan.uniform(0.0, 0.25))
        acks = [int(line.split()[1]) for line in kill(proc) if line.startswith("ack ")]
        last_ack = max(acks, default=1)

        with open_workspace(path, PASSPHRASE) as workspace:
            _, value = _saved_value(workspace)
            assert workspace.integrity_problems() == []
        assert value is not None
        prefix, _, number = value.rpartition(" ")
        assert prefix == f"Round {round_number} save", value
        # The acknowledged save, or one that committed just before the kill.
        assert int(number) >= last_ack, (round_number, value, last_ack)


def test_autosave_killed_at_random_loses_no_acknowledged_edit(
    tmp_path: Path, tmp_path_factory: pytest.TempPathFactory
) -> None:
    source = template("one-child", tmp_path_factory.mktemp, _one_child)
    # Two workspaces side by side, half the rounds each: most of a round is
    # process start-up and key derivation, which overlap well on two cores.
    half = AUTOSAVE_ROUNDS // 2
    jobs = [
        (copy_workspace(source, tmp_path / "a.macpt"), range(1, half + 1), AUTOSAVE_SEED),
        (
            copy_workspace(source, tmp_path / "b.macpt"),
            range(half + 1, AUTOSAVE_ROUNDS + 1),
            AUTOSAVE_SEED + 1,
        ),
    ]
    with ThreadPoolExecutor(max_workers=2) as pool:
        for done in [pool.submit(_autosave_rounds, *job) for job in jobs]:
            done.result()


# -- passphrase change ---------------------------------------------------------

BULK_CHILDREN = 12_000


def _sizeable(workspace: Workspace) -> None:
    """A workspace of several megabytes, so that re-encrypting it takes a while.

    Inserted through SQLAlchemy Core in one statement to keep the set-up quick;
    these rows have no audit entries, which the audit check does not require.
    """
    address = "12 Imaginary Lane, Sampletown, ZZ99 1AA. " * 6
    with workspace.transaction() as session:
        session.execute(
            insert(Child),
            [
                {
                    "id": new_id(),
                    "la_child_ref": f"DEMO-{n:05d}",
                    "first_name": "Pat",
                    "last_name": "Example",
                    "address": address,
                }
                for n in range(BULK_CHILDREN)
            ],
        )
    _one_child(workspace)


def _fingerprint(workspace: Workspace) -> tuple[int, int, str]:
    digest = hashlib.sha256()
    with workspace.reading() as session:
        rows = session.execute(
            select(Child.id, Child.la_child_ref, Child.address).order_by(Child.id)
        )
        for row in rows:
            digest.update("\x1f".join(row).encode())
        children = session.scalar(select(func.count()).select_from(Child)) or 0
        audit = session.scalar(select(func.count()).select_from(AuditEntry)) or 0
    return children, audit, digest.hexdigest()


def _open_with_either(path: Path) -> tuple[Workspace, int]:
    """Open with whichever passphrase works; returns which (0: first, 1: other)."""
    try:
        return open_workspace(path, PASSPHRASE), 0
    except WrongPassphrase:
        return open_workspace(path, OTHER_PASSPHRASE), 1


def test_rekey_killed_at_random_opens_with_old_or_new_and_loses_nothing(
    tmp_path: Path, tmp_path_factory: pytest.TempPathFactory
) -> None:
    path = copy_workspace(
        template("sizeable", tmp_path_factory.mktemp, _sizeable), tmp_path / "w.macpt"
    )
    with open_workspace(path, PASSPHRASE) as workspace:
        expected = _fingerprint(workspace)
    passphrases = [PASSPHRASE, OTHER_PASSPHRASE]
    current = 0
    plan = random.Random(REKEY_SEED)
    for _round in range(REKEY_ROUNDS):
        proc = helper(
            "rekey_loop.py",
            str(path),
            stdin=f"{passphrases[current]}\n{passphrases[1 - current]}\n",
        )
        read_until(proc, "ready")
        for _ in range(plan.randint(0, 1)):
            read_until(proc, "now ")
        # One change takes a key derivation and then a rewrite of every page;
        # the spread of moments covers both.
        _run_for(proc, plan.uniform(0.1, 0.55))
        kill(proc)

        workspace, current = _open_with_either(path)
        with workspace:
            assert _fingerprint(workspace) == expected
            assert workspace.integrity_problems() == []
