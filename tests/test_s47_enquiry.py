"""The course of a section 47 enquiry: its rules, the service, the minutes and ``macpt``."""

from __future__ import annotations

import dataclasses
import datetime as dt
import io
import json
import sys
from collections.abc import Iterator
from pathlib import Path

import docx
import pytest
from sqlalchemy import select

from app import clock
from app.cli import main
from app.errors import NotFound, ValidationError
from app.exporters.minutes import export_minutes
from app.models import (
    AuditEntry,
    MeetingType,
    S47Agencies,
    S47Outcome,
    SeenAlone,
    ThresholdOutcome,
)
from app.services.conduct import decision
from app.services.s47_enquiry import (
    add_s47_interview,
    record_s47_enquiry,
    remove_s47_interview,
    s47_course,
)
from app.storage.workspace import Workspace
from app.workflow.s47 import S47Values, course_problems
from tests.conftest import PASSPHRASE
from tests.test_minutes_journey_sample import (
    ICPC_DAY,
    REVIEW_DAY,
    STRATEGY_DAY,
    JourneySample,
    _child,
    _close,
    _meeting,
    add_journey,
)

D = dt.date
TODAY = D(2026, 11, 23)
WHOLE = S47Values(
    agencies=S47Agencies.JOINT,
    visited_on=D(2026, 11, 17),
    child_seen=True,
    seen_alone=SeenAlone.YES,
    medical_on=D(2026, 11, 18),
    findings="Bruising consistent with the account (test).",
    outcome=S47Outcome.CONTINUING_RISK,
    ended_on=D(2026, 11, 20),
)


def _problems(**changes: object) -> list[str]:
    values = dataclasses.replace(WHOLE, **changes)  # type: ignore[arg-type]
    return course_problems(values, started_on=STRATEGY_DAY, today=TODAY)


def test_a_whole_course_in_order_has_no_problems() -> None:
    assert course_problems(WHOLE, started_on=STRATEGY_DAY, today=TODAY) == []
    assert course_problems(S47Values(), started_on=STRATEGY_DAY, today=TODAY) == []


@pytest.mark.parametrize(
    ("changes", "words"),
    [
        ({"visited_on": D(2026, 11, 13)}, "The visit cannot be before the strategy meeting"),
        ({"ended_on": D(2026, 11, 15)}, "The end date cannot be before the strategy meeting"),
        ({"ended_on": D(2026, 11, 24)}, "The end date cannot be in the future."),
        ({"child_seen": False, "seen_alone": SeenAlone.NO}, "seen alone only when the child"),
        ({"child_seen": None}, "Say whether the child was seen alone only when"),
        (
            {"child_seen": False, "seen_alone": SeenAlone.NOT_APPLICABLE},
            "Give the reason the child was not seen.",
        ),
        ({"not_seen_reason": "Away"}, "leave the reason for not seeing them empty"),
        ({"medical_not_needed": True}, "not both"),
        ({"outcome": None}, "Record the enquiry's outcome with its end date."),
        ({"ended_on": None}, "Record the date the enquiry ended with its outcome."),
        ({"visited_on": D(2026, 11, 20), "ended_on": D(2026, 11, 19)}, "before the visit"),
    ],
)
def test_each_problem_says_what_to_change(changes: dict[str, object], words: str) -> None:
    assert any(words in p for p in _problems(**changes)), _problems(**changes)


@pytest.fixture
def started(workspace: Workspace) -> Iterator[tuple[str, str]]:
    """A case whose strategy meeting (16 November 2026) started a joint enquiry."""
    case = _child(workspace, "DEMO-S47")
    strategy_id = _meeting(workspace, case.case_id, MeetingType.STRATEGY, STRATEGY_DAY)
    decision.save_decision(
        workspace,
        meeting_id=strategy_id,
        threshold_met=True,
        outcome=ThresholdOutcome.S47_JOINT,
        rationale="Reasonable cause to suspect significant harm (test).",
    )
    _close(workspace, strategy_id, STRATEGY_DAY)
    clock.set_clock(lambda: dt.datetime(2026, 11, 23, 10, tzinfo=dt.UTC))
    yield case.case_id, strategy_id


def test_the_course_is_recorded_read_back_and_audited(
    workspace: Workspace, started: tuple[str, str]
) -> None:
    case_id, strategy_id = started
    empty = s47_course(workspace, case_id=case_id)
    assert empty is not None and not empty.recorded and empty.started_on == STRATEGY_DAY
    record_s47_enquiry(workspace, strategy_meeting_id=strategy_id, **dataclasses.asdict(WHOLE))
    add_s47_interview(
        workspace,
        strategy_meeting_id=strategy_id,
        held_on=D(2026, 11, 17),
        interviewee="The child",
        abe=True,
    )
    course = s47_course(workspace, case_id=case_id)
    assert course is not None and course.recorded
    assert course.values == WHOLE
    assert [(i.interviewee, i.abe) for i in course.interviews] == [("The child", True)]
    assert course.as_json()["outcome"] == "continuing-risk"
    # Replacing the record keeps one row per enquiry.
    record_s47_enquiry(workspace, strategy_meeting_id=strategy_id, agencies=S47Agencies.SINGLE)
    again = s47_course(workspace, case_id=case_id)
    assert again is not None and again.values == S47Values(agencies=S47Agencies.SINGLE)
    assert len(again.interviews) == 1
    remove_s47_interview(workspace, interview_id=again.interviews[0].id)
    gone = s47_course(workspace, case_id=case_id)
    assert gone is not None and gone.interviews == ()
    with workspace.reading() as session:
        tables = set(session.scalars(select(AuditEntry.record_table)))
    assert {"s47_enquiry", "s47_interview"} <= tables


def test_the_service_refuses_what_does_not_hold_together(
    workspace: Workspace, started: tuple[str, str]
) -> None:
    case_id, strategy_id = started
    with pytest.raises(ValidationError, match="cannot be before the strategy meeting"):
        record_s47_enquiry(
            workspace,
            strategy_meeting_id=strategy_id,
            ended_on=D(2026, 11, 2),
            outcome=S47Outcome.NOT_SUBSTANTIATED,
        )
    with pytest.raises(ValidationError, match="seen alone only when the child was seen"):
        record_s47_enquiry(
            workspace,
            strategy_meeting_id=strategy_id,
            child_seen=False,
            seen_alone=SeenAlone.YES,
            not_seen_reason="Not at home",
        )
    with pytest.raises(ValidationError, match="Say who was interviewed"):
        add_s47_interview(
            workspace, strategy_meeting_id=strategy_id, held_on=D(2026, 11, 17), interviewee=" "
        )
    with pytest.raises(NotFound):
        remove_s47_interview(workspace, interview_id="no-such-interview")
    course = s47_course(workspace, case_id=case_id)
    assert course is not None and not course.recorded


def test_a_strategy_meeting_that_started_no_enquiry_is_refused(workspace: Workspace) -> None:
    case = _child(workspace, "DEMO-S48")
    strategy_id = _meeting(workspace, case.case_id, MeetingType.STRATEGY, STRATEGY_DAY)
    with pytest.raises(ValidationError, match="did not start a section 47 enquiry"):
        record_s47_enquiry(workspace, strategy_meeting_id=strategy_id)
    assert s47_course(workspace, case_id=case.case_id) is None


def _text(path: Path) -> str:
    document = docx.Document(str(path))
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            parts.append(" | ".join(c.text for c in row.cells))
    return "\n".join(parts)


@pytest.fixture
def journey(workspace: Workspace) -> JourneySample:
    sample = add_journey(workspace)
    record_s47_enquiry(
        workspace,
        strategy_meeting_id=sample.strategy_id,
        agencies=S47Agencies.JOINT,
        visited_on=D(2026, 11, 17),
        child_seen=True,
        seen_alone=SeenAlone.YES,
        medical_not_needed=True,
        findings="FINDINGS-CANARY-s47: the account is consistent (test).",
        outcome=S47Outcome.CONTINUING_RISK,
        ended_on=D(2026, 12, 1),
    )
    for day, who, abe in ((D(2026, 11, 18), "The child", True), (D(2026, 11, 30), "Mother", False)):
        add_s47_interview(
            workspace, strategy_meeting_id=sample.strategy_id, held_on=day, interviewee=who, abe=abe
        )
    return sample


def test_the_review_minutes_show_the_enquiry_so_far(
    workspace: Workspace, journey: JourneySample, tmp_path: Path
) -> None:
    target = tmp_path / "review.docx"
    export_minutes(workspace, meeting_id=journey.review_id, target=target)
    text = _text(target)
    assert "Section 47 enquiry so far" in text
    assert "Joint (police and children's social care)" in text
    assert "Tuesday 17 November 2026" in text
    assert "Wednesday 18 November 2026 | The child | Yes" in text
    assert "FINDINGS-CANARY-s47" in text
    # As the enquiry stood on the review's day: later interviews and the outcome wait.
    assert "Mother" not in text.split("Section 47 enquiry so far")[1].split("Findings so far")[0]
    assert "Concerns substantiated" not in text
    assert D(2026, 11, 30) > REVIEW_DAY


def test_the_conference_minutes_show_the_outcome_and_no_findings(
    workspace: Workspace, journey: JourneySample, tmp_path: Path
) -> None:
    for family in (False, True):
        target = tmp_path / f"icpc-{family}.docx"
        export_minutes(workspace, meeting_id=journey.icpc_id, target=target, family_copy=family)
        text = _text(target)
        assert "Section 47 enquiry: outcome" in text
        assert "Concerns substantiated, child judged to be at continuing risk" in text
        assert "Tuesday 1 December 2026" in text
        assert "FINDINGS-CANARY-s47" not in text
    assert D(2026, 12, 1) < ICPC_DAY


def _run(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], *args: str
) -> tuple[int, str, str]:
    monkeypatch.setattr(sys, "stdin", io.StringIO(PASSPHRASE + "\n"))
    code = main(["s47", *args, "--passphrase-stdin"])
    out, err = capsys.readouterr()
    return code, out, err


def test_macpt_records_and_shows_the_course(
    workspace: Workspace,
    workspace_path: Path,
    started: tuple[str, str],
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    case_id, strategy_id = started
    workspace.close()
    where = ("--case", case_id, "--workspace", str(workspace_path))
    code, out, err = _run(
        monkeypatch,
        capsys,
        "record",
        *where,
        "--agencies",
        "joint",
        "--visited",
        "2026-11-17",
        "--child-seen",
        "yes",
        "--seen-alone",
        "yes",
        "--medical",
        "not-needed",
        "--interview",
        "2026-11-18:The child:abe",
    )
    assert (code, err) == (0, "")
    assert "Interview Wednesday 18 November 2026: The child (ABE)" in out
    code, out, err = _run(monkeypatch, capsys, "record", *where, "--ended", "2026-11-20")
    assert code == 1 and "Record the enquiry's outcome with its end date." in err
    code, out, err = _run(monkeypatch, capsys, "show", *where, "--json")
    assert code == 0
    shown = json.loads(out)
    assert shown["strategy_meeting_id"] == strategy_id
    assert (shown["agencies"], shown["visited_on"], shown["medical_not_needed"]) == (
        "joint",
        "2026-11-17",
        True,
    )
    assert shown["interviews"][0]["abe"] is True
