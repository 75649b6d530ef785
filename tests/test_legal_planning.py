"""Legal planning meetings: scheduling, the decision recorded on the case's
pre-proceedings, closing held until it is, the minutes read back, no family copy."""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path

import docx
import pytest

from app.errors import ExportError, ValidationError
from app.exporters.minutes import export_minutes
from app.models import LegalDecision, MeetingStatus, MeetingType, PreProceedingsOutcome
from app.services import meeting_list, meetings
from app.services.conduct import attendance, closing, signoff
from app.services.conduct.legal_planning import legal_planning_state, record_legal_decision
from app.services.journey.timeline import case_timeline
from app.services.preproceedings import list_pre_proceedings
from app.storage.workspace import Workspace
from app.workflow import BlockerCode
from tests.test_journey_fixtures import Child, hold, new_child

FIRST = dt.date(2026, 10, 1)
LATER = dt.date(2026, 11, 19)


@pytest.fixture
def child(workspace: Workspace) -> Child:
    return new_child(workspace)


def _schedule(workspace: Workspace, child: Child, day: dt.date) -> str:
    return meetings.schedule_meeting(
        workspace,
        case_id=child.case_id,
        meeting_type=MeetingType.LEGAL_PLANNING,
        scheduled_date=day,
        scheduled_time=dt.time(14, 0),
        location="Legal services, Sampletown Civic Centre",
        chair_name="Lee Example-Chair",
    ).id


def test_scheduled_with_its_agenda_and_social_care_only(workspace: Workspace, child: Child) -> None:
    meeting_id = _schedule(workspace, child, FIRST)
    invited = attendance.list_attendance(workspace, meeting_id=meeting_id)
    assert [r.agency_id for r in invited] == [child.agency_ids["social-care"]]
    assert not any(r.family_member_id for r in invited)
    found = meetings.get_meeting(workspace, meeting_id=meeting_id)
    assert found.meeting_type is MeetingType.LEGAL_PLANNING


def test_closing_waits_for_the_decision_which_starts_pre_proceedings(
    workspace: Workspace, child: Child, tmp_path: Path
) -> None:
    meeting_id = _schedule(workspace, child, FIRST)
    hold(workspace, meeting_id)
    summary = closing.closing_summary(workspace, meeting_id=meeting_id)
    assert [b.code for b in summary.blockers] == [BlockerCode.NO_LEGAL_DECISION]
    with pytest.raises(ValidationError):
        closing.close_meeting(workspace, meeting_id=meeting_id)
    with pytest.raises(ValidationError, match="reasons"):
        record_legal_decision(
            workspace, meeting_id=meeting_id, decision=LegalDecision.NEITHER, reasons=" "
        )
    with pytest.raises(ValidationError, match="not in pre-proceedings"):
        record_legal_decision(
            workspace,
            meeting_id=meeting_id,
            decision=LegalDecision.STEP_UP_OR_DOWN,
            reasons="Fictional.",
        )
    row = record_legal_decision(
        workspace,
        meeting_id=meeting_id,
        decision=LegalDecision.START_PRE_PROCEEDINGS,
        reasons="Fictional: the threshold is met; the family may yet make the changes.",
        letter_sent_on=dt.date(2026, 10, 5),
        fgdm_offered=True,
    )
    assert (row.started_on, row.letter_sent_on, row.fgdm_offered) == (
        FIRST,
        dt.date(2026, 10, 5),
        True,
    )
    [episode] = list_pre_proceedings(workspace, case_id=child.case_id)
    assert episode.values.decided_on == FIRST and episode.values.is_open
    with pytest.raises(ValidationError, match="already recorded"):
        record_legal_decision(
            workspace, meeting_id=meeting_id, decision=LegalDecision.NEITHER, reasons="x"
        )
    closing.close_meeting(workspace, meeting_id=meeting_id)
    signoff.sign_off(workspace, meeting_id=meeting_id)
    assert meetings.get_meeting(workspace, meeting_id=meeting_id).status is (
        MeetingStatus.SIGNED_OFF
    )
    exported = export_minutes(workspace, meeting_id=meeting_id, target=tmp_path / "lpm.docx")
    document = docx.Document(str(exported.path))
    text = "\n".join(p.text for p in document.paragraphs)
    cells = "\n".join(c.text for t in document.tables for r in t.rows for c in r.cells)
    assert "Legal planning meeting minutes" in text
    assert "The threshold for proceedings and legal advice" in text
    assert "Pre-proceedings decision" in text
    # The local authority's own meeting: no agency is expected, so none is listed as missing.
    assert "Representation of statutory agencies" not in text
    assert "Start pre-proceedings" in cells
    assert "the family may yet make the changes" in cells
    assert "Thursday 1 October 2026" in cells
    with pytest.raises(ExportError, match="professionals only"):
        export_minutes(
            workspace, meeting_id=meeting_id, target=tmp_path / "family.docx", family_copy=True
        )


def test_a_later_meeting_steps_the_open_episode_up_or_down(
    workspace: Workspace, child: Child
) -> None:
    first = _schedule(workspace, child, FIRST)
    hold(workspace, first)
    record_legal_decision(
        workspace,
        meeting_id=first,
        decision=LegalDecision.START_PRE_PROCEEDINGS,
        reasons="Fictional reasons.",
    )
    closing.close_meeting(workspace, meeting_id=first)
    later = _schedule(workspace, child, LATER)
    state = legal_planning_state(workspace, meeting_id=later)
    assert state.open_since == FIRST and LegalDecision.STEP_UP_OR_DOWN in state.choices
    hold(workspace, later)
    with pytest.raises(ValidationError, match="outcome"):
        record_legal_decision(
            workspace,
            meeting_id=later,
            decision=LegalDecision.STEP_UP_OR_DOWN,
            reasons="Fictional: the changes were made.",
        )
    row = record_legal_decision(
        workspace,
        meeting_id=later,
        decision=LegalDecision.STEP_UP_OR_DOWN,
        reasons="Fictional: the changes were made.",
        outcome=PreProceedingsOutcome.B,
    )
    assert (row.step_decided_on, row.outcome) == (LATER, PreProceedingsOutcome.B)
    [episode] = list_pre_proceedings(workspace, case_id=child.case_id)
    assert dataclasses.astuple(episode.values)[6:8] == (LATER, PreProceedingsOutcome.B)
    closing.close_meeting(workspace, meeting_id=later)


def test_only_a_legal_planning_meeting_takes_the_decision(
    workspace: Workspace, child: Child
) -> None:
    meeting_id = meetings.schedule_meeting(
        workspace,
        case_id=child.case_id,
        meeting_type=MeetingType.STRATEGY,
        scheduled_date=FIRST,
    ).id
    with pytest.raises(ValidationError, match="Only a legal planning meeting"):
        record_legal_decision(
            workspace, meeting_id=meeting_id, decision=LegalDecision.NEITHER, reasons="x"
        )


def test_the_demo_started_pre_proceedings_at_a_signed_off_legal_planning_meeting(
    demo_workspace: Workspace, tmp_path: Path
) -> None:
    held = [
        m
        for m in meeting_list.list_meetings(demo_workspace)
        if m.meeting_type is MeetingType.LEGAL_PLANNING and m.status is MeetingStatus.SIGNED_OFF
    ]
    assert len(held) == 1
    state = legal_planning_state(demo_workspace, meeting_id=held[0].id)
    assert state.decision is not None
    assert state.decision.decision is LegalDecision.START_PRE_PROCEEDINGS
    exported = export_minutes(demo_workspace, meeting_id=held[0].id, target=tmp_path / "d.docx")
    document = docx.Document(str(exported.path))
    cells = "\n".join(c.text for t in document.tables for r in t.rows for c in r.cells)
    assert "Start pre-proceedings" in cells and "legal advice given" in cells
    case_id = meetings.get_meeting(demo_workspace, meeting_id=held[0].id).case_id
    labels = [s.label for s in case_timeline(demo_workspace, case_id=case_id).steps]
    assert labels.count("Legal planning meeting") == 3  # signed off, closed, booked
