"""``macpt timescales`` in a subprocess, as a chair or an administrator runs it."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from app.services import settings
from app.services.workspace import create_workspace
from tests.conftest import PASSPHRASE
from tests.helpers.workspaces import macpt


def test_json_for_a_known_date_needs_no_workspace(tmp_path: Path) -> None:
    result = macpt("timescales", "--strategy-date", "2026-11-23", "--json")
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == {
        "strategy_date": "2026-11-23",
        "review_due": "2026-11-30",
        "icpc_due": "2026-12-14",
        "assessment_due": "2027-01-28",
        "assessment_from": "strategy",
    }


def test_the_assessment_counts_from_the_referral_when_given() -> None:
    # A week before the strategy discussion: five working days earlier, no holidays between.
    result = macpt(
        "timescales", "--strategy-date", "2026-11-23", "--referral-date", "2026-11-16", "--json"
    )
    assert result.returncode == 0, result.stderr
    found = json.loads(result.stdout)
    assert found["assessment_due"] == "2027-01-21"
    assert found["assessment_from"] == "referral"
    assert found["review_due"] == "2026-11-30"  # the meetings still count from the strategy
    plain = macpt("timescales", "--strategy-date", "2026-11-23", "--referral-date", "2026-11-16")
    assert "from the referral" in plain.stdout
    assert "Thursday 21 January 2027" in plain.stdout


def test_a_referral_after_the_strategy_discussion_is_refused() -> None:
    result = macpt(
        "timescales", "--strategy-date", "2026-11-23", "--referral-date", "2026-11-24", "--json"
    )
    assert result.returncode == 1
    assert "referral comes before" in result.stderr


def test_plain_output_writes_dates_out() -> None:
    # Thursday 24 December 2026: Christmas, Boxing Day observed and New Year's Day.
    result = macpt("timescales", "--strategy-date", "2026-12-24")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0].endswith("Thursday 24 December 2026")
    assert lines[1].startswith("Review meeting") and lines[1].endswith("Tuesday 5 January 2027")
    assert "Initial child protection conference" in lines[2]
    assert "Section 47 assessment" in lines[3]
    assert "bank holidays in England and Wales" in result.stdout


def test_a_workspace_adds_its_closure_days(tmp_path: Path) -> None:
    path = tmp_path / "closures.macpt"
    with create_workspace(path, PASSPHRASE) as workspace:
        closed = [dt.date(2026, 12, d) for d in (29, 30, 31)]
        settings.set_closure_days(workspace, days=[(d, "Council closed") for d in closed])
    result = macpt(
        "timescales",
        "--strategy-date",
        "2026-12-24",
        "--json",
        "--workspace",
        str(path),
        "--passphrase-stdin",
        stdin=PASSPHRASE + "\n",
    )
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["review_due"] == "2027-01-08"


def test_a_bad_date_is_a_usage_error() -> None:
    result = macpt("timescales", "--strategy-date", "23/11/2026")
    assert result.returncode == 2
    assert "YYYY-MM-DD" in result.stderr
    assert macpt("timescales").returncode == 2
