"""The case page's section 47 enquiry section: record the course, add and remove interviews."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from app import clock
from app.models import MeetingType, ThresholdOutcome
from app.services.clocks import case_facts
from app.services.conduct import decision
from app.services.s47_enquiry import s47_course
from app.ui.main_window import MainWindow
from app.ui.pages.case_view import CaseView
from app.ui.pages.s47_dialogs import InterviewDialog, S47CourseDialog
from app.ui.pages.s47_section import NO_ENQUIRY, NOTHING_YET, S47Section
from app.workflow.enquiries import latest_enquiry
from tests.conftest import FIXED_NOW
from tests.test_minutes_journey_sample import STRATEGY_DAY, _child, _close, _meeting
from tests.ui.conftest import answer_modal


def _section(window: MainWindow, case_id: str) -> S47Section:
    window.open_case(case_id)
    view = window.detail
    assert isinstance(view, CaseView)
    (section,) = view.findChildren(S47Section)
    return section


def _case_with_an_enquiry(window: MainWindow) -> str:
    """A new case whose strategy meeting (16 November 2026) started a joint enquiry."""
    workspace = window.workspace
    case = _child(workspace, "DEMO-S47UI")
    strategy_id = _meeting(workspace, case.case_id, MeetingType.STRATEGY, STRATEGY_DAY)
    decision.save_decision(
        workspace,
        meeting_id=strategy_id,
        threshold_met=True,
        outcome=ThresholdOutcome.S47_JOINT,
        rationale="Reasonable cause to suspect significant harm (test).",
    )
    _close(workspace, strategy_id, STRATEGY_DAY)
    clock.set_clock(lambda: FIXED_NOW)
    return case.case_id


def test_a_case_with_no_enquiry_says_so(window: MainWindow) -> None:
    with window.workspace.reading() as session:
        facts = case_facts(session)
    case_id = next(c for c, f in facts.items() if latest_enquiry(f) is None)
    section = _section(window, case_id)
    assert section.summary.text() == NO_ENQUIRY
    assert not section.record_button.isEnabled()
    assert not section.interview_button.isEnabled()


def test_record_the_course_then_add_and_remove_an_interview(
    qtbot: QtBot, window: MainWindow
) -> None:
    section = _section(window, _case_with_an_enquiry(window))
    assert section.summary.text() == NOTHING_YET
    assert section.course is not None
    started = section.course.started_on
    seen: list[str] = []

    def record(dialog: QWidget) -> None:
        assert isinstance(dialog, S47CourseDialog)
        dialog.agencies.setCurrentIndex(dialog.agencies.findData("joint"))
        dialog.child_seen.setCurrentIndex(dialog.child_seen.findData(False))
        dialog.seen_alone.setCurrentIndex(dialog.seen_alone.findData("yes"))
        assert dialog.ok_button is not None
        dialog.ok_button.click()  # seen alone, but not seen; and no reason
        seen.append(dialog.error.text())
        dialog.seen_alone.setCurrentIndex(dialog.seen_alone.findData("not-applicable"))
        qtbot.keyClicks(dialog.not_seen_reason, "The family had left the address")
        qtbot.keyClicks(dialog.visited_on, started.strftime("%d/%m/%Y"))
        dialog.medical_not_needed.setChecked(True)
        qtbot.keyClicks(dialog.findings, "Findings typed in the form (test).")
        dialog.ok_button.click()

    answer_modal(record)
    section.record_button.click()
    assert "seen alone only when the child was seen" in seen[0]
    assert "Give the reason the child was not seen." in seen[0]
    assert "Joint (police and children's social care)." in section.summary.text()
    assert "Child not seen: The family had left the address" in section.summary.text()
    assert "Medical: not needed." in section.summary.text()
    assert section.table.isHidden()

    def interview(dialog: QWidget) -> None:
        assert isinstance(dialog, InterviewDialog)
        qtbot.keyClicks(dialog.held_on, started.strftime("%d/%m/%Y"))
        qtbot.keyClicks(dialog.interviewee, "Class teacher")
        dialog.abe.setChecked(False)
        assert dialog.ok_button is not None
        dialog.ok_button.click()

    answer_modal(interview)
    section.interview_button.click()
    assert section.table.rowCount() == 1
    assert section.table.item(0, 1).text() == "Class teacher"
    assert section.table.item(0, 2).text() == "No"
    section.table.setCurrentCell(0, 0)
    section.remove_button.click()
    assert section.table.rowCount() == 0
    course = s47_course(window.workspace, case_id=section.case_id)
    assert course is not None and course.values.findings == "Findings typed in the form (test)."
