"""A legal planning meeting in meeting mode: the decision step starts pre-proceedings
on the case, and the meeting closes only once the decision is recorded."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from app.models import LegalDecision, MeetingStatus, MeetingType
from app.services import meetings
from app.services.conduct import attendance, closing
from app.services.demo import chairing
from app.services.preproceedings import list_pre_proceedings
from app.storage.workspace import Workspace
from app.ui.dialogs.schedule_meeting import ScheduleMeetingDialog
from app.ui.meeting.steps.legal_decision import LegalDecisionPage
from app.workflow import BlockerCode
from app.workflow.steps import StepKind
from tests.test_journey_fixtures import meeting_of, new_child, opened_copy, the_child
from tests.ui.test_meeting_support import MeetingFixture
from tests.ui.test_mnemonics import twice

pytest_plugins = ["tests.ui.test_meeting_support"]

DAY = dt.date(2026, 11, 20)


def legal_planning_scheduled(workspace: Workspace) -> None:
    child = new_child(workspace)
    meetings.schedule_meeting(
        workspace,
        case_id=child.case_id,
        meeting_type=MeetingType.LEGAL_PLANNING,
        scheduled_date=DAY,
        chair_name="Lee Example-Chair",
    )


@pytest.fixture
def legal_planning(
    tmp_path_factory: pytest.TempPathFactory, tmp_path: Path
) -> Iterator[MeetingFixture]:
    workspace = opened_copy(
        tmp_path_factory, tmp_path, "ui-legal-planning", legal_planning_scheduled
    )
    child = the_child(workspace)
    yield MeetingFixture(
        workspace, child.case_id, meeting_of(workspace, child, MeetingType.LEGAL_PLANNING)
    )
    workspace.close()


def test_the_decision_step_starts_pre_proceedings(legal_planning, open_view, qtbot: QtBot) -> None:
    ws, meeting_id = legal_planning.workspace, legal_planning.meeting_id
    view = open_view(legal_planning)
    kinds = [s.kind for s in view.state.flow.steps]
    assert StepKind.LEGAL_DECISION in kinds
    view.header.start.click()
    for row in attendance.list_attendance(ws, meeting_id=meeting_id):
        attendance.mark_arrived(ws, attendance_id=row.id)
    summary = closing.closing_summary(ws, meeting_id=meeting_id)
    assert BlockerCode.NO_LEGAL_DECISION in [b.code for b in summary.blockers]

    view.go_to_item(kinds.index(StepKind.LEGAL_DECISION))
    page = view.current_page
    assert isinstance(page, LegalDecisionPage)
    assert "not in pre-proceedings" in page.context.text()
    assert set(page.buttons) == {
        LegalDecision.START_PRE_PROCEEDINGS,
        LegalDecision.CARE_PROCEEDINGS,
        LegalDecision.NEITHER,
    }
    assert twice(view) == []  # no Alt key does two things on the step
    page.record.click()
    assert "Choose the decision" in page.error.text()
    page.buttons[LegalDecision.START_PRE_PROCEEDINGS].click()
    assert page.letter.isEnabled() and not page.outcome.isEnabled()
    qtbot.keyClicks(page.reasons, "Fictional: threshold met; legal advice is to start the PLO.")
    qtbot.keyClicks(page.letter, "20/11/2026")
    page.fgdm.setChecked(True)
    page.record.click()
    assert page.error.text() == ""
    assert "Start pre-proceedings" in page.stamp.text()
    assert not page.record.isVisible()
    [episode] = list_pre_proceedings(ws, case_id=legal_planning.case_id)
    assert (episode.values.decided_on, episode.values.letter_sent_on) == (DAY, DAY)
    assert episode.values.fgdm_offered is True
    summary = closing.closing_summary(ws, meeting_id=meeting_id)
    assert BlockerCode.NO_LEGAL_DECISION not in [b.code for b in summary.blockers]
    chairing.write_sections(ws, meeting_id)
    closing.close_meeting(ws, meeting_id=meeting_id)
    assert meetings.get_meeting(ws, meeting_id=meeting_id).status is MeetingStatus.CLOSED


def test_the_schedule_dialog_books_a_legal_planning_meeting(legal_planning, qtbot: QtBot) -> None:
    ws = legal_planning.workspace
    dialog = ScheduleMeetingDialog(ws, legal_planning.case_id, chair_name="Test Chair")
    qtbot.addWidget(dialog)
    index = dialog.meeting_type.findData(MeetingType.LEGAL_PLANNING.value)
    assert dialog.meeting_type.itemText(index) == "Legal planning meeting"
    dialog.meeting_type.setCurrentIndex(index)
    dialog.date.set_date(dt.date(2026, 12, 3))
    assert dialog.ok_button is not None
    dialog.ok_button.click()
    assert dialog.result_meeting is not None, dialog.error.text()
    found = meetings.get_meeting(ws, meeting_id=dialog.result_meeting.id)
    assert found.meeting_type is MeetingType.LEGAL_PLANNING
    assert found.chair_name == "Test Chair"
    rows = attendance.list_attendance(ws, meeting_id=found.id)
    assert not any(r.family_member_id for r in rows)
