"""``macpt export minutes`` end to end, in subprocesses, as an administrator uses it."""

from __future__ import annotations

import contextlib
import json
import os
import subprocess
from collections.abc import Iterator
from pathlib import Path

import docx
import pytest

from app import clock
from app.cli import main
from app.services.workspace import create_workspace
from tests.conftest import FIXED_NOW, PASSPHRASE
from tests.helpers.workspaces import macpt as run_macpt
from tests.test_minutes_sample import add_full_meeting


def macpt(*args: str, stdin: str = PASSPHRASE + "\n") -> subprocess.CompletedProcess[str]:
    """The shared ``macpt`` runner, with the passphrase on standard input by default."""
    return run_macpt(*args, stdin=stdin)


@contextlib.contextmanager
def read_only(folder: Path) -> Iterator[Path]:
    """``folder`` made unwritable, even for root (who ignores permission bits)."""
    folder.mkdir(exist_ok=True)
    folder.chmod(0o500)
    immutable = False
    if os.geteuid() == 0:
        immutable = subprocess.run(["chattr", "+i", str(folder)], check=False).returncode == 0
        if not immutable:
            folder.chmod(0o700)
            pytest.skip("running as root without chattr: cannot make a folder read-only")
    try:
        yield folder
    finally:
        if immutable:
            subprocess.run(["chattr", "-i", str(folder)], check=True)
        folder.chmod(0o700)


@pytest.fixture(scope="module")
def meeting(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    clock.set_clock(lambda: FIXED_NOW)
    path = tmp_path_factory.mktemp("cli") / "test.macpt"
    try:
        with create_workspace(path, PASSPHRASE) as workspace:
            sample = add_full_meeting(workspace)
    finally:
        clock.set_clock(None)
    return path, sample.meeting_id


def export(meeting: tuple[Path, str], out: Path, *extra: str) -> subprocess.CompletedProcess[str]:
    workspace, meeting_id = meeting
    return macpt(
        "export",
        "minutes",
        meeting_id,
        "--workspace",
        str(workspace),
        "--passphrase-stdin",
        "--out",
        str(out),
        *extra,
    )


def test_export_writes_a_valid_document(meeting: tuple[Path, str], tmp_path: Path) -> None:
    out = tmp_path / "minutes.docx"
    result = export(meeting, out, "--for", "Police")
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == f"Wrote the draft minutes to {out}."
    document = docx.Document(str(out))
    assert [p.text for p in document.paragraphs if p.style.name == "Title"] == [
        "Strategy meeting minutes"
    ]
    text = "\n".join(p.text for p in document.paragraphs)
    assert "Information marked restricted must not be shared" in text
    # The distribution list ends with this copy, for the police.
    assert [c.text for c in document.tables[-1].rows[-1].cells][:3] == [
        "Police",
        "Agency",
        "Full copy",
    ]
    assert out.stat().st_mode & 0o777 == 0o600
    assert sorted(p.name for p in tmp_path.iterdir()) == ["minutes.docx"]


def test_missing_folder_is_refused_and_not_created(
    meeting: tuple[Path, str], tmp_path: Path
) -> None:
    folder = tmp_path / "no-such-folder"
    result = export(meeting, folder / "minutes.docx")
    assert result.returncode == 1
    assert result.stderr.strip() == f"macpt: The folder {folder} does not exist. Choose another."
    assert not folder.exists()


def test_read_only_folder_is_refused_and_left_empty(
    meeting: tuple[Path, str], tmp_path: Path
) -> None:
    with read_only(tmp_path / "locked") as folder:
        result = export(meeting, folder / "minutes.docx")
        left = list(folder.iterdir())
    assert result.returncode == 1
    assert result.stderr.strip() == (
        f"macpt: MACPT Companion cannot write in {folder}. Choose a folder you can write to."
    )
    assert left == []


def test_unknown_meeting_exits_1_without_a_file(meeting: tuple[Path, str], tmp_path: Path) -> None:
    workspace, _ = meeting
    out = tmp_path / "minutes.docx"
    result = export((workspace, "no-such-meeting"), out)
    assert result.returncode == 1
    assert "There is no meeting with the id no-such-meeting" in result.stderr
    assert "Traceback" not in result.stderr
    assert not out.exists()


@pytest.mark.parametrize(
    "argv",
    [["export"], ["export", "minutes", "some-id"], ["export", "no-such-kind"]],
)
def test_usage_errors_exit_2(argv: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as stopped:
        main(argv)
    assert stopped.value.code == 2
    assert "usage: macpt export" in capsys.readouterr().err


@pytest.mark.parametrize("flag", ["--family-copy", "--without-restricted"])
def test_a_family_copy_of_strategy_minutes_is_refused(
    meeting: tuple[Path, str], tmp_path: Path, flag: str
) -> None:
    out = tmp_path / "family.docx"
    result = export(meeting, out, flag)
    assert result.returncode != 0
    assert "Strategy meeting minutes are for professionals only" in result.stderr
    assert not out.exists()


@pytest.fixture(scope="module")
def conference(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    from tests.test_minutes_journey_sample import add_journey

    path = tmp_path_factory.mktemp("cli-conference") / "test.macpt"
    try:
        with create_workspace(path, PASSPHRASE) as workspace:
            sample = add_journey(workspace)
    finally:
        clock.set_clock(None)
    return path, sample.icpc_id


def test_a_family_copy_of_conference_minutes_is_made_and_listed(
    conference: tuple[Path, str], tmp_path: Path
) -> None:
    from tests.test_minutes_journey_sample import MOTHER

    out = tmp_path / "family.docx"
    result = export(conference, out, "--family-copy", "--for", MOTHER)
    assert result.returncode == 0, result.stderr
    assert "family copy" in result.stdout
    document = docx.Document(str(out))
    assert "(Family copy: some information has been removed)" in document.core_properties.title
    shown = macpt(
        "meeting",
        "show",
        conference[1],
        "--json",
        "--workspace",
        str(conference[0]),
        "--passphrase-stdin",
    )
    assert shown.returncode == 0, shown.stderr
    found = json.loads(shown.stdout)
    copies = found["distribution"]
    assert copies[-1]["copy"] == "family"
    assert copies[-1]["recipient"]["kind"] == "family-member"
    assert copies[-1]["recipient"]["name"] == MOTHER
    police = [i for i in found["agency_information"] if i["information"]["restricted"]]
    assert police
