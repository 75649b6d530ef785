"""Letters and plans follow the journey: no invitation the journey forbids, no late
letter unless the chair confirms it (the letter then says so), and an interim safety
plan that a child protection plan replaced says so."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import docx
import pytest

from app import clock
from app.errors import ExportError
from app.exporters.letters import LATE, export_notifications, letter_text
from app.exporters.letters.data import load_letters
from app.exporters.safety_plan import export_safety_plan
from app.models import MeetingType, ThresholdOutcome
from app.services.conduct import decision
from app.services.journey.safety_plan import safety_plan_for_case
from app.storage.workspace import Workspace
from tests.test_journey_fixtures import (
    ICPC_DUE,
    STRATEGY_DAY,
    after_icpc,
    after_strategy,
    close,
    hold,
    meeting_of,
    opened_copy,
    schedule,
    the_child,
)


@pytest.fixture
def ws(tmp_path_factory: pytest.TempPathFactory, tmp_path: Path) -> Iterator[Workspace]:
    workspace = opened_copy(tmp_path_factory, tmp_path, "journey-after-strategy", after_strategy)
    yield workspace
    workspace.close()


def test_no_conference_invitation_after_no_further_action(ws: Workspace, tmp_path: Path) -> None:
    child = the_child(ws)
    nfa = schedule(ws, child, MeetingType.STRATEGY, dt.date(2026, 11, 16))
    hold(ws, nfa)
    decision.save_decision(
        ws,
        meeting_id=nfa,
        threshold_met=False,
        outcome=ThresholdOutcome.NFA,
        rationale="Fictional: threshold not met.",
    )
    close(ws, nfa)
    icpc = schedule(ws, child, MeetingType.ICPC, dt.date(2026, 12, 3))
    with pytest.raises(ExportError, match="decided no further action"):
        export_notifications(ws, meeting_id=icpc, out_dir=tmp_path / "out")


def test_no_review_conference_invitation_without_a_plan(ws: Workspace, tmp_path: Path) -> None:
    rcpc = schedule(ws, the_child(ws), MeetingType.RCPC, dt.date(2026, 12, 10))
    with pytest.raises(ExportError, match="not on a child protection plan"):
        export_notifications(ws, meeting_id=rcpc, out_dir=tmp_path / "out")


def test_a_late_letter_is_refused_unless_the_chair_confirms_it(
    tmp_path_factory: pytest.TempPathFactory, tmp_path: Path
) -> None:
    workspace = opened_copy(tmp_path_factory, tmp_path, "journey-after-icpc", after_icpc)
    try:
        strategy = meeting_of(workspace, the_child(workspace), MeetingType.STRATEGY)
        # Months after the strategy meeting: the conference date it gives has passed.
        with pytest.raises(ExportError, match=r"already past.*--late-issue"):
            load_letters(workspace, meeting_id=strategy)
        late = load_letters(workspace, meeting_id=strategy, late_issue=True)
        assert late and all(LATE in letter_text(x).plain_text() for x in late)
        # On the day, nothing is late and the letters do not say so.
        clock.set_clock(lambda: dt.datetime.combine(STRATEGY_DAY, dt.time(17), tzinfo=dt.UTC))
        on_time = load_letters(workspace, meeting_id=strategy)
        assert all(LATE not in letter_text(x).plain_text() for x in on_time)
    finally:
        workspace.close()


def test_the_interim_safety_plan_is_superseded_once_a_plan_starts(
    tmp_path_factory: pytest.TempPathFactory, tmp_path: Path
) -> None:
    workspace = opened_copy(tmp_path_factory, tmp_path, "journey-after-icpc", after_icpc)
    try:
        child = the_child(workspace)
        interim = safety_plan_for_case(workspace, case_id=child.case_id)
        assert interim is not None and interim.is_current
        assert interim.superseded_on == ICPC_DUE and not interim.in_force
        assert interim.superseded_because == "a child protection plan started"
        out = export_safety_plan(workspace, plan_id=interim.plan_id, target=tmp_path / "p.docx")
        text = "\n".join(p.text for p in docx.Document(str(out)).paragraphs)
        assert "SUPERSEDED on Wednesday 27 May 2026" in text
        assert "This is the plan in force" not in text
        # The day before the conference, the same plan was the one in force.
        eve = ICPC_DUE - dt.timedelta(days=1)
        clock.set_clock(lambda: dt.datetime.combine(eve, dt.time(9), tzinfo=dt.UTC))
        earlier = safety_plan_for_case(workspace, case_id=child.case_id)
        assert earlier is not None and earlier.in_force
    finally:
        workspace.close()
