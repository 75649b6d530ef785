"""``macpt`` loads only what the command in hand needs.

Each case runs in a fresh interpreter (this one has everything loaded already) and
lists which of the heavy libraries the command pulled in.
"""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap

import pytest

from app import __version__
from tests.helpers.workspaces import REPO

# The libraries that make a start slow: Qt, the database, Word, charts, the strength meter.
HEAVY = ("PySide6", "sqlalchemy", "sqlcipher3", "docx", "lxml", "matplotlib", "numpy", "zxcvbn")

SCRIPT = textwrap.dedent(
    """
    import contextlib, io, json, sys
    import app.cli

    with contextlib.redirect_stdout(io.StringIO()), contextlib.suppress(SystemExit):
        app.cli.main(json.loads(sys.argv[1]))
    print(json.dumps(sorted({name.split(".")[0] for name in sys.modules})))
    """
)


def loaded_after(*argv: str) -> set[str]:
    result = subprocess.run(
        [sys.executable, "-c", SCRIPT, json.dumps(argv)],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
        cwd=REPO,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    return set(json.loads(result.stdout.strip().splitlines()[-1]))


@pytest.mark.parametrize(
    "argv",
    [
        ("--version",),
        ("--help",),
        ("deadlines", "--help"),
        ("export", "minutes", "--help"),
        ("timescales", "--strategy-date", "2026-12-14"),
    ],
)
def test_a_command_without_a_workspace_loads_no_heavy_library(argv: tuple[str, ...]) -> None:
    assert loaded_after(*argv) & set(HEAVY) == set()


def test_version_and_help_load_no_bank_holidays() -> None:
    assert "holidays" not in loaded_after("--version")
    assert "holidays" not in loaded_after("--help")


def test_version_loads_no_command() -> None:
    script = "import sys, app.cli; app.cli.main(['--version']); print(sorted(sys.modules))"
    result = subprocess.run(
        [sys.executable, "-c", script],
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
        cwd=REPO,
    )
    assert result.stdout.splitlines()[0] == f"macpt {__version__}"
    assert "app.cli.common" not in result.stdout
