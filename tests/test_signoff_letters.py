"""Letters follow the journey: no invitation the journey forbids, and no late letter
unless the chair confirms it (the letter then says so)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest

from app import clock
from app.errors import ExportError
from app.exporters.letters import LATE, export_notifications, letter_text
from app.exporters.letters.data import load_letters
from app.models import MeetingType, ThresholdOutcome
from app.services.conduct import decision
from app.storage.workspace import Workspace
from tests.test_journey_fixtures import (
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
