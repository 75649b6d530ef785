"""Pre-proceedings episodes: the PLO's order of events, the service and ``macpt``."""

from __future__ import annotations

import datetime as dt
import io
import json
import sys
from pathlib import Path

import pytest
from sqlalchemy import select

from app.cli import main
from app.errors import NotFound, ValidationError
from app.models import AuditEntry, PreProceedingsOutcome
from app.services.cases import create_case
from app.services.preproceedings import list_pre_proceedings, record_pre_proceedings
from app.storage.workspace import Workspace
from app.workflow.preproceedings import PreProceedingsValues, record_problems
from tests.conftest import PASSPHRASE

D = dt.date
TODAY = D(2026, 11, 23)  # the fixed clock's Monday
WHOLE = PreProceedingsValues(
    decided_on=D(2026, 6, 1),
    letter_sent_on=D(2026, 6, 3),
    fgdm_offered=True,
    fgdm_facilitated=False,
    first_meeting_on=D(2026, 6, 15),
    review_meetings=2,
    step_decided_on=D(2026, 9, 7),
    outcome=PreProceedingsOutcome.A,
    court_application_on=D(2026, 9, 14),
    proceedings_letter_on=D(2026, 9, 14),
)


def _problems(**changes: object) -> list[str]:
    import dataclasses

    return record_problems(dataclasses.replace(WHOLE, **changes), today=TODAY)  # type: ignore[arg-type]


def test_a_whole_episode_in_order_has_no_problems() -> None:
    assert record_problems(WHOLE, today=TODAY) == []
    assert record_problems(PreProceedingsValues(decided_on=TODAY), today=TODAY) == []


@pytest.mark.parametrize(
    ("changes", "words"),
    [
        (
            {"letter_sent_on": D(2026, 5, 29)},
            "The letter before proceedings (Friday 29 May 2026) "
            "cannot come before the decision to start (Monday 1 June 2026).",
        ),
        ({"first_meeting_on": D(2026, 6, 2)}, "cannot come before the letter before proceedings"),
        ({"step_decided_on": D(2026, 6, 12)}, "cannot come before the first pre-proceedings"),
        ({"court_application_on": D(2026, 9, 4)}, "cannot come before the decision to step up"),
        ({"proceedings_letter_on": D(2026, 9, 11)}, "cannot come before the court application"),
        ({"step_decided_on": D(2026, 11, 24)}, "which is in the future"),
        ({"letter_sent_on": None, "fgdm_facilitated": None}, "record the date the letter"),
        ({"fgdm_offered": False}, "can only be facilitated after one was offered"),
        ({"first_meeting_on": None}, "Review meetings follow the first"),
        ({"review_meetings": 100}, "between 0 and 99"),
        (
            {"step_decided_on": None, "court_application_on": None, "proceedings_letter_on": None},
            "An outcome needs the date of the decision to step up or down",
        ),
        ({"outcome": None}, "choose the outcome of pre-proceedings"),
        (
            {"court_application_on": None},
            "The letter starting care proceedings cannot be "
            "recorded on its own. Record the date of the court application first.",
        ),
    ],
)
def test_each_problem_says_what_to_change(changes: dict[str, object], words: str) -> None:
    problems = _problems(**changes)
    assert any(words in p for p in problems), problems


def test_recording_stores_audits_and_replaces(workspace: Workspace) -> None:
    case = create_case(workspace, la_child_ref="REF-PP01", opened_on=D(2026, 5, 1))
    row = record_pre_proceedings(workspace, case_id=case.case_id, decided_on=D(2026, 6, 1))
    assert row.values.is_open
    changed = record_pre_proceedings(
        workspace, case_id=case.case_id, episode_id=row.id, **_as_kwargs(WHOLE)
    )
    assert changed.id == row.id
    assert list_pre_proceedings(workspace, case_id=case.case_id) == [changed]
    assert changed.values == WHOLE
    with workspace.reading() as session:
        actions = list(
            session.scalars(
                select(AuditEntry.action).where(
                    AuditEntry.record_table == "pre_proceedings_episode",
                    AuditEntry.record_id == row.id,
                )
            )
        )
    assert actions == ["create", "update"]


def _as_kwargs(values: PreProceedingsValues) -> dict[str, object]:
    import dataclasses

    return dataclasses.asdict(values)


def test_a_refused_record_stores_nothing(workspace: Workspace) -> None:
    case = create_case(workspace, la_child_ref="REF-PP02")
    with pytest.raises(ValidationError, match="An outcome needs"):
        record_pre_proceedings(
            workspace, case_id=case.case_id, decided_on=D(2026, 6, 1), outcome="B"
        )
    assert list_pre_proceedings(workspace, case_id=case.case_id) == []
    with pytest.raises(NotFound):
        record_pre_proceedings(workspace, case_id="no-such-case", decided_on=D(2026, 6, 1))


def test_episodes_on_a_case_do_not_overlap(workspace: Workspace) -> None:
    case = create_case(workspace, la_child_ref="REF-PP03")
    first = record_pre_proceedings(workspace, case_id=case.case_id, decided_on=D(2026, 6, 1))
    with pytest.raises(ValidationError, match="still open"):
        record_pre_proceedings(workspace, case_id=case.case_id, decided_on=D(2026, 10, 1))
    record_pre_proceedings(
        workspace,
        case_id=case.case_id,
        episode_id=first.id,
        decided_on=D(2026, 6, 1),
        step_decided_on=D(2026, 8, 3),
        outcome="B",
    )
    with pytest.raises(ValidationError, match="ran until Monday 3 August 2026"):
        record_pre_proceedings(workspace, case_id=case.case_id, decided_on=D(2026, 7, 1))
    record_pre_proceedings(workspace, case_id=case.case_id, decided_on=D(2026, 10, 1))
    assert [r.values.decided_on for r in list_pre_proceedings(workspace, case_id=case.case_id)] == [
        D(2026, 6, 1),
        D(2026, 10, 1),
    ]


def _run(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], *args: str
) -> tuple[int, str, str]:
    monkeypatch.setattr(sys, "stdin", io.StringIO(PASSPHRASE + "\n"))
    code = main(["preproceedings", *args, "--passphrase-stdin"])
    out, err = capsys.readouterr()
    return code, out, err


def test_macpt_records_changes_and_shows_an_episode(
    workspace: Workspace,
    workspace_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    case_id = create_case(workspace, la_child_ref="REF-PP04").case_id
    workspace.close()
    where = ("--case", case_id, "--workspace", str(workspace_path))

    code, out, err = _run(monkeypatch, capsys, "record", *where, "--letter-sent", "2026-06-03")
    assert (code, out) == (2, "")
    assert "--started" in err

    code, out, err = _run(
        monkeypatch,
        capsys,
        "record",
        *where,
        "--started",
        "2026-06-01",
        "--letter-sent",
        "2026-06-03",
        "--fgdm-offered",
        "yes",
    )
    assert (code, err) == (0, "")
    assert "FGDM meeting offered:         yes" in out
    episode = out.split()[1]

    code, out, err = _run(
        monkeypatch,
        capsys,
        "record",
        *where,
        "--episode",
        episode,
        "--step-decision",
        "2026-09-07",
    )
    assert code == 1
    assert err.startswith("macpt: Say what was decided on Monday 7 September 2026")

    code, out, err = _run(
        monkeypatch,
        capsys,
        "record",
        *where,
        "--episode",
        episode,
        "--step-decision",
        "2026-09-07",
        "--outcome",
        "B",
        "--fgdm-offered",
        "none",
    )
    assert (code, err) == (0, "")
    assert "Outcome:                      B: stepped down" in out

    code, out, err = _run(monkeypatch, capsys, "show", *where, "--json")
    assert (code, err) == (0, "")
    (shown,) = json.loads(out)
    assert shown["id"] == episode
    assert (shown["decided_on"], shown["letter_sent_on"]) == ("2026-06-01", "2026-06-03")
    assert (shown["fgdm_offered"], shown["outcome"], shown["step_decided_on"]) == (
        None,
        "B",
        "2026-09-07",
    )


@pytest.mark.parametrize("today", [D(2026, 11, 23), D(2027, 4, 1), D(2027, 3, 31)])
def test_the_demo_children_give_the_census_module5_without_problems(
    workspace: Workspace, today: dt.date
) -> None:
    from app import clock
    from app.census import census_period, census_return, check_return
    from app.services.demo.preproceedings import add

    with clock.frozen_at(clock.from_local(today, dt.time(9))):
        assert add(workspace) == {"children": 3}
        census = census_return(workspace, period=census_period(today))
    blocks = {c.la_child_ref: c.pre_proceedings for c in census.children}
    assert sorted(blocks) == ["DEMO0401", "DEMO0402", "DEMO0403"]
    assert [b.outcome for refs in sorted(blocks) for b in blocks[refs]] == ["A", "B", None]
    assert check_return(census) == []


def test_the_demo_dates_are_working_days(workspace: Workspace) -> None:
    from app.services.demo.preproceedings import add

    add(workspace)
    days = [
        day
        for case in list_cases_with_pre_proceedings(workspace)
        for row in list_pre_proceedings(workspace, case_id=case)
        for day in (row.values.decided_on, row.values.letter_sent_on, row.values.first_meeting_on)
        if day is not None
    ]
    assert len(days) == 9
    assert all(day.weekday() < 5 for day in days)


def list_cases_with_pre_proceedings(workspace: Workspace) -> list[str]:
    from app.services.cases import list_cases

    return [c.case_id for c in list_cases(workspace, search="DEMO04")]
