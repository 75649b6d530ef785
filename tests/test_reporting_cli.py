"""``macpt report`` and ``macpt export census`` on real workspaces, in process."""

from __future__ import annotations

import csv
import io
import xml.etree.ElementTree as ET
from pathlib import Path

import docx
import pytest

from app.cli import main
from tests.census_fixture import build_clean_census, build_problem_census
from tests.conftest import PASSPHRASE
from tests.reporting_fixture import build_reporting_workspace


def _run(monkeypatch: pytest.MonkeyPatch, *argv: str) -> int:
    monkeypatch.setattr("sys.stdin", io.StringIO(PASSPHRASE + "\n"))
    return main([*argv, "--passphrase-stdin"])


def test_report_writes_docx_and_csv(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    build_reporting_workspace(tmp_path).close()
    code = _run(
        monkeypatch,
        "report",
        "--workspace",
        str(tmp_path / "report.macpt"),
        "--from",
        "2026-09-01",
        "--to",
        "2026-11-30",
        "--out",
        str(tmp_path / "report.docx"),
        "--csv",
        str(tmp_path / "figures.csv"),
    )
    assert code == 0
    assert "Wrote the report to" in capsys.readouterr().out
    assert len(docx.Document(str(tmp_path / "report.docx")).inline_shapes) == 4
    with (tmp_path / "figures.csv").open(encoding="utf-8-sig") as handle:
        rows = {(r[0], r[1]): r[2] for r in csv.reader(handle)}
    assert rows[("Strategy meetings", "Held")] == "5"


def test_report_with_the_period_backwards_is_a_usage_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    code = _run(
        monkeypatch,
        "report",
        "--workspace",
        str(tmp_path / "none.macpt"),
        "--from",
        "2026-11-30",
        "--to",
        "2026-09-01",
        "--out",
        str(tmp_path / "r.docx"),
    )
    assert code == 2
    assert "--to is before --from" in capsys.readouterr().err


def test_census_defaults_to_the_year_containing_today(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    build_clean_census(tmp_path).close()
    out = tmp_path / "census.xml"
    code = _run(
        monkeypatch,
        "export",
        "census",
        "--workspace",
        str(tmp_path / "clean.macpt"),
        "--out",
        str(out),
    )
    assert code == 0
    said = capsys.readouterr()
    assert "2026-27 census items for 5 children" in said.out
    assert said.err == ""
    assert (
        ET.parse(out).getroot().findtext("Header/CollectionDetails/ReferenceDate") == "2027-03-31"
    )


def test_census_lists_problems_and_strict_refuses(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    build_problem_census(tmp_path).close()
    ws = str(tmp_path / "problems.macpt")
    out = tmp_path / "census.xml"
    args = ("export", "census", "--workspace", ws, "--out", str(out), "--period-end", "2027-03-31")
    assert _run(monkeypatch, *args) == 0
    said = capsys.readouterr()
    assert "error 8875 DEMOB002: The initial conference is recorded on a weekend" in said.err
    assert "To fix: Open the conference and correct its date." in said.err
    assert out.exists()
    out.unlink()
    assert _run(monkeypatch, *args, "--strict") == 1
    said = capsys.readouterr()
    assert "errors the DfE would reject" in said.err or "error(s) the DfE would reject" in said.err
    assert not out.exists()


def test_census_period_end_must_be_31_march(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    code = _run(
        monkeypatch,
        "export",
        "census",
        "--workspace",
        str(tmp_path / "x.macpt"),
        "--out",
        str(tmp_path / "c.xml"),
        "--period-end",
        "2026-12-31",
    )
    assert code == 1
    assert "A census year ends on 31 March" in capsys.readouterr().err
