"""Build real workspaces once per test run and hand out copies of them.

Creating a workspace costs a key derivation and a migration; copying a closed
one costs a file copy. A closed workspace is a single file (its WAL is folded
in on close), so a copy opens with the same passphrase.
"""

from __future__ import annotations

import hashlib
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

from app import clock
from app.services.workspace import create_workspace
from app.storage.workspace import Workspace
from tests.conftest import FIXED_NOW, PASSPHRASE

HELPERS = Path(__file__).resolve().parent
REPO = HELPERS.parent.parent

_templates: dict[str, Path] = {}


def template(
    name: str, folder_factory: Callable[[str], Path], fill: Callable[[Workspace], object]
) -> Path:
    """A closed workspace built once per run by ``fill``; copy it, never change it."""
    if name not in _templates:
        path = folder_factory(f"template-{name}") / f"{name}.macpt"
        # At the tests' fixed time, and the clock put back as the caller had it.
        with clock.frozen_at(FIXED_NOW), create_workspace(path, PASSPHRASE) as workspace:
            workspace.actor = "Test Chair"
            fill(workspace)
        path.chmod(0o400)  # a test that writes to the template fails loudly
        _templates[name] = path
    return _templates[name]


def copy_workspace(source: Path, target: Path) -> Path:
    shutil.copyfile(source, target)
    target.chmod(0o600)
    return target


def demo(workspace: Workspace) -> None:
    from app.services.demo import add_demo_data

    add_demo_data(workspace)


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def companions(path: Path) -> list[Path]:
    """The -wal and -shm files SQLite keeps beside ``path`` while it is open."""
    return [Path(f"{path}{suffix}") for suffix in ("-wal", "-shm")]


def macpt(*args: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
    """Run the ``macpt`` command in a fresh process, as an administrator would."""
    return subprocess.run(
        [sys.executable, "-m", "app.cli", *args],
        input=stdin,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
        cwd=REPO,
    )


def helper(script: str, *args: str, stdin: str, keep_stdin: bool = False) -> subprocess.Popen[str]:
    """Start one of the scripts in tests/helpers/ and feed it ``stdin``.

    Standard input is then closed, unless ``keep_stdin``: the caller closes it
    to tell the helper to finish.
    """
    proc = subprocess.Popen(
        [sys.executable, str(HELPERS / script), *args],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        cwd=REPO,
    )
    assert proc.stdin is not None
    proc.stdin.write(stdin)
    proc.stdin.flush()
    if not keep_stdin:
        proc.stdin.close()
        proc.stdin = None  # so that communicate() does not flush the closed pipe
    return proc


def read_until(proc: subprocess.Popen[str], prefix: str) -> str:
    """The first line the helper prints that starts with ``prefix``."""
    assert proc.stdout is not None
    while line := proc.stdout.readline():
        if line.startswith(prefix):
            return line.strip()
    _out, err = proc.communicate(timeout=30)
    raise AssertionError(f"the helper stopped before printing {prefix!r}: {err[-2000:]}")


def kill(proc: subprocess.Popen[str]) -> list[str]:
    """SIGKILL, then every line the helper managed to print (it flushed each one)."""
    proc.kill()
    out, _err = proc.communicate(timeout=30)
    assert proc.returncode == -9, proc.returncode
    return out.splitlines()
