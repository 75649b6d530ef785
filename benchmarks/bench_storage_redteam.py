"""Storage red-team figures, re-measured on real crashed workspaces.

* WAL flips: a workspace's writer is killed with its commits still in the
  ``-wal`` (checkpoints off); one random bit of the ``-wal`` is flipped, FLIPS
  times, each on a fresh copy. For each: would SQLite, opened blindly, drop an
  acknowledged commit; and does ``open_workspace`` refuse (WalDamaged). Flips in
  the last transaction's frames look exactly like a torn tail and are counted
  apart.
* Wrong passphrase after a crash: WRONG_TRIES attempts, each on a fresh copy of
  the crashed workspace; are the file, ``-wal`` and ``-shm`` byte-identical after.
* Core dump: a child process hardens itself as ``macpt`` does, reports its core
  limit and dumpable flag, then dies by SIGSEGV; the size of any core written.

Run: ``.venv/bin/python benchmarks/bench_storage_redteam.py [--flips N] [--json]``
"""

from __future__ import annotations

import argparse
import contextlib
import hashlib
import json
import random
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from app.errors import MacptError, WalDamaged, WrongPassphrase
from app.services.workspace import create_workspace, open_workspace
from app.storage import wal
from tests.conftest import OTHER_PASSPHRASE, PASSPHRASE
from tests.helpers.crashed import before_last_transaction, crash_with_commits

COMMITS = 20
WRONG_TRIES = 24
SEED = 20261201


def _files(path: Path) -> list[Path]:
    return [path, Path(f"{path}-wal"), Path(f"{path}-shm")]


def _copy(source: Path, folder: Path) -> Path:
    folder.mkdir()
    target = folder / source.name
    for original, copy in zip(_files(source), _files(target), strict=True):
        shutil.copyfile(original, copy)
    return target


def _digest(path: Path) -> list[str]:
    return [hashlib.sha256(p.read_bytes()).hexdigest() for p in _files(path)]


def wal_flips(crashed: Path, work: Path, flips: int) -> dict[str, int]:
    data = wal.wal_path(crashed).read_bytes()
    full = wal.analyse_bytes(data, 4096).readable_frames
    tail_start = before_last_transaction(data)
    rng = random.Random(SEED)
    counts = dict.fromkeys(
        [
            "flips",
            "would_lose",
            "refused",
            "lost_and_refused",
            "in_last_transaction",
            "before_last",
            "before_last_refused",
        ],
        0,
    )
    for n in range(flips):
        offset = rng.randrange(len(data))
        damaged = bytearray(data)
        damaged[offset] ^= 1 << rng.randrange(8)
        path = _copy(crashed, work / f"flip-{n}")
        wal.wal_path(path).write_bytes(bytes(damaged))
        would_lose = wal.analyse_bytes(bytes(damaged), 4096).readable_frames < full
        try:
            open_workspace(path, PASSPHRASE).close()
            refused = False
        except WalDamaged:
            refused = True
        except MacptError:
            refused = True  # refused for another stated reason (damaged first page, say)
        counts["flips"] += 1
        counts["would_lose"] += would_lose
        counts["refused"] += refused
        counts["lost_and_refused"] += would_lose and refused
        if offset >= tail_start:
            counts["in_last_transaction"] += 1
        else:
            counts["before_last"] += 1
            counts["before_last_refused"] += refused
        shutil.rmtree(path.parent)
    return counts


def wrong_passphrase(crashed: Path, work: Path) -> dict[str, int]:
    identical = 0
    for n in range(WRONG_TRIES):
        path = _copy(crashed, work / f"wrong-{n}")
        before = _digest(path)
        with contextlib.suppress(WrongPassphrase):
            open_workspace(path, OTHER_PASSPHRASE).close()
        identical += _digest(path) == before
        shutil.rmtree(path.parent)
    return {"tries": WRONG_TRIES, "byte_identical": identical}


# The soft core limit is first raised as far as the hard limit allows, as a
# user's shell (``ulimit -c unlimited``) might; "control" then skips hardening.
CHILD = """
import os, resource, signal, sys
from app.hardening import dumpable, harden
soft, hard = resource.getrlimit(resource.RLIMIT_CORE)
resource.setrlimit(resource.RLIMIT_CORE, (hard, hard))
if sys.argv[2] == "hardened":
    harden()
print(resource.getrlimit(resource.RLIMIT_CORE), dumpable(), flush=True)
os.chdir(sys.argv[1])
os.kill(os.getpid(), signal.SIGSEGV)
"""


def core_dump(work: Path, mode: str = "hardened") -> dict[str, object]:
    folder = work / f"core-{mode}"
    folder.mkdir()
    result = subprocess.run(
        [sys.executable, "-c", CHILD, str(folder), mode],
        capture_output=True,
        text=True,
        check=False,
        cwd=Path(__file__).resolve().parent.parent,
    )
    size = sum(p.stat().st_size for p in folder.iterdir())
    return {"child": result.stdout.strip(), "signal": -result.returncode, "core_bytes": size}


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--flips", type=int, default=100)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        crashed = work / "crashed" / "w.macpt"
        crashed.parent.mkdir()
        create_workspace(crashed, PASSPHRASE).close()
        crash_with_commits(crashed, COMMITS)
        figures = {
            "wal_flips": wal_flips(crashed, work, args.flips),
            "wrong_passphrase_after_crash": wrong_passphrase(crashed, work),
            "core_dump": core_dump(work),
            "core_dump_control": core_dump(work, "control"),
        }
    if args.json:
        print(json.dumps(figures, indent=2))
        return 0
    f = figures["wal_flips"]
    print(
        f"WAL flips: {f['flips']} flipped bits; {f['would_lose']} would have dropped "
        f"acknowledged commits if opened blindly; {f['lost_and_refused']} of those were "
        f"refused at unlock. Before the last transaction: {f['before_last_refused']}/"
        f"{f['before_last']} refused; {f['in_last_transaction']} landed in the last "
        "transaction (indistinguishable from a torn tail)."
    )
    w = figures["wrong_passphrase_after_crash"]
    print(
        f"Wrong passphrase after a crash: {w['byte_identical']}/{w['tries']} left byte-identical."
    )
    for name in ("core_dump", "core_dump_control"):
        c = figures[name]
        print(
            f"{name}: core limit and dumpable: {c['child']}; died by signal {c['signal']}; "
            f"core bytes written: {c['core_bytes']}."
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
