"""The threshold decision step: the representation check and the required rationale."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFormLayout, QLabel
from pytestqt.qtbot import QtBot

from app.models import MeetingStatus, StatutoryRole, ThresholdOutcome
from app.services.conduct import attendance, decision
from app.services.conduct.closing import start_meeting
from app.services.conduct.representation import representation_check
from app.services.demo import chairing, risks
from app.services.meetings import get_meeting
from app.ui.meeting.closing_dialog import ClosingDialog
from app.ui.meeting.steps.decision import DecisionPage
from app.ui.meeting.steps.timescales import TimescalesPage
from tests.ui.test_meeting_support import focused, press

pytest_plugins = ["tests.ui.test_meeting_support"]

CTRL = Qt.KeyboardModifier.ControlModifier
CTRL_SHIFT = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier


def attend_all_but(fixture, *absent: str) -> None:
    """The meeting is under way with the reason and the child's voice written, and
    every statutory agency but ``absent`` has arrived."""
    start_meeting(fixture.workspace, meeting_id=fixture.meeting_id)
    chairing.write_sections(fixture.workspace, fixture.meeting_id)
    risks.answer(fixture.workspace, fixture.meeting_id)  # "none known"
    for row in attendance.list_attendance(fixture.workspace, meeting_id=fixture.meeting_id):
        if row.statutory_role is not None and row.statutory_role.value not in absent:
            attendance.mark_arrived(fixture.workspace, attendance_id=row.id)


def open_decision(view) -> DecisionPage:
    press(focused(view), Qt.Key.Key_D, CTRL)
    page = view.current_page
    assert isinstance(page, DecisionPage)
    return page


def test_a_missing_statutory_agency_must_be_acknowledged(strategy, open_view, qtbot: QtBot) -> None:
    attend_all_but(strategy, "education")
    view = open_view(strategy)
    page = open_decision(view)
    rationale = page.findChild(QFormLayout).labelForField(page.rationale)
    assert isinstance(rationale, QLabel) and rationale.wordWrap()  # never cut off
    assert all(row.label.wordWrap() for row in page.views.rows.values())
    warning = page.warning
    assert warning.isVisible()
    assert list(warning.reasons) == [StatutoryRole.EDUCATION]
    # The cursor waits in the reason box; the gap is listed on the page too.
    assert warning.reasons[StatutoryRole.EDUCATION].hasFocus()
    assert "Education is not represented" in page.gaps.text()
    press(focused(view), Qt.Key.Key_Return)  # an empty reason is refused, plainly
    assert view.notice.text().startswith("Give the reason the meeting is going ahead")
    qtbot.keyClicks(focused(view), "School closed for the holidays; DSL sent no reply")
    press(focused(view), Qt.Key.Key_Return)
    (row,) = [
        r
        for r in representation_check(strategy.workspace, meeting_id=strategy.meeting_id)
        if not r.represented
    ]
    assert row.acknowledgement is not None
    assert row.acknowledgement.reason == "School closed for the holidays; DSL sent no reply"
    assert row.acknowledgement.acknowledged_by == "Test Chair"
    assert not warning.reasons  # acknowledged: no reason box left to fill
    assert "Reason recorded by Test Chair" in warning.grid.itemAtPosition(0, 1).widget().text()
    assert "Education" not in page.gaps.text()


def test_the_decision_is_stored_as_chosen(strategy, open_view, qtbot: QtBot) -> None:
    attend_all_but(strategy)
    view = open_view(strategy)
    page = open_decision(view)
    assert not page.warning.isVisible()
    assert page.threshold.hasFocus()
    press(page.threshold, Qt.Key.Key_Down)  # Yes: the threshold is met
    press(page.threshold, Qt.Key.Key_Tab)
    assert page.outcome.hasFocus()
    press(page.outcome, Qt.Key.Key_Down)
    press(page.outcome, Qt.Key.Key_Down)  # Section 47 enquiry (joint with police)
    row = decision.get_decision(strategy.workspace, meeting_id=strategy.meeting_id)
    assert row.threshold_met is True
    assert row.outcome is ThresholdOutcome.S47_JOINT
    assert page.rationale_hint.isVisible()
    views = page.views
    police = next(r for r in views.rows.values() if r.label.text() == "Police")
    police.choice.setFocus()
    press(police.choice, Qt.Key.Key_Down)
    press(police.choice, Qt.Key.Key_Down)  # Disagrees
    press(police.choice, Qt.Key.Key_Tab)
    qtbot.keyClicks(focused(view), "Police would hold a single-agency enquiry")
    press(focused(view), Qt.Key.Key_Tab)  # leaving the field stores it at once
    (view_row,) = decision.list_agency_views(strategy.workspace, meeting_id=strategy.meeting_id)
    assert (view_row.agency_name, view_row.agrees) == ("Police", False)
    assert view_row.comment == "Police would hold a single-agency enquiry"


def test_closing_is_refused_without_a_rationale_and_allowed_with_one(
    strategy, open_view, qtbot: QtBot
) -> None:
    attend_all_but(strategy)
    decision.save_decision(
        strategy.workspace,
        meeting_id=strategy.meeting_id,
        threshold_met=False,
        outcome=ThresholdOutcome.NFA,
    )
    view = open_view(strategy)
    view.header.start.click()
    press(focused(view), Qt.Key.Key_E, CTRL_SHIFT)
    dialog = view.dialog
    assert isinstance(dialog, ClosingDialog)
    assert [b.text() for b in dialog.gap_buttons] == ["Go to threshold decision"]
    assert dialog.gap_buttons[0].accessibleName() == (
        "Go and fix: Record the rationale for the decision. It is required for every "
        "outcome, including no further action."
    )
    dialog.close_button.click()
    assert dialog.isVisible()
    assert dialog.error.text().startswith("The meeting cannot close yet: Record the rationale")
    assert (
        get_meeting(strategy.workspace, meeting_id=strategy.meeting_id).status
        is MeetingStatus.IN_PROGRESS
    )

    # The gap is a way to the field that fixes it.
    dialog.gap_buttons[0].click()
    page = view.current_page
    assert isinstance(page, DecisionPage)
    qtbot.waitUntil(page.rationale.hasFocus)
    qtbot.keyClicks(page.rationale, "Bruising explained by a witnessed fall; no other concerns.")
    # The timescales page, open while the meeting closes, shows the dates as stored.
    press(page.rationale, Qt.Key.Key_9, Qt.KeyboardModifier.ControlModifier)
    timescales = view.current_page
    assert isinstance(timescales, TimescalesPage)
    assert timescales.note.text().endswith("when the decision is confirmed or it closes.")
    # A clock's long name wraps in a narrow column: the page is never wider than it.
    labels = [timescales.dates.labelForField(value) for value in timescales.values]
    assert all(isinstance(label, QLabel) and label.wordWrap() for label in labels)
    press(focused(view), Qt.Key.Key_E, CTRL_SHIFT)
    dialog = view.dialog
    assert isinstance(dialog, ClosingDialog)
    assert not dialog.gap_buttons
    with qtbot.waitSignal(dialog.meeting_closed):
        dialog.close_button.click()
    assert (
        get_meeting(strategy.workspace, meeting_id=strategy.meeting_id).status
        is MeetingStatus.CLOSED
    )
    stamped = decision.get_decision(strategy.workspace, meeting_id=strategy.meeting_id)
    assert stamped.decided_by == "Test Chair"
    assert view.header.sign_off.isVisible() and not view.header.close_meeting.isVisible()
    assert timescales.note.text().endswith("These dates are stored with the meeting.")
