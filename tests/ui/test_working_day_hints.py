"""Dates typed for a meeting or an action on a non-working day are flagged as typed."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

from app.ui.dialogs.schedule_meeting import ScheduleMeetingDialog
from app.ui.meeting.steps.actions import ActionsPage
from app.workflow import StepKind

pytest_plugins = ["tests.ui.test_meeting_support"]


def test_scheduling_on_a_saturday_says_so(strategy, qtbot: QtBot) -> None:  # type: ignore[no-untyped-def]
    dialog = ScheduleMeetingDialog(strategy.workspace, strategy.case_id)
    qtbot.addWidget(dialog)
    dialog.date.setText("28/11/2026")
    assert "is a Saturday: not a working day" in dialog.date_words.text()
    dialog.date.setText("27/11/2026")
    assert dialog.date_words.text() == "Friday 27 November 2026"
    dialog.date.setText("25/12/2026")
    assert "bank holiday (Christmas Day)" in dialog.date_words.text()


def test_an_action_due_on_a_sunday_says_so(strategy, open_view, qtbot: QtBot) -> None:  # type: ignore[no-untyped-def]
    view = open_view(strategy)
    view.go_to_item(
        next(i for i, s in enumerate(view.state.flow.steps) if s.kind is StepKind.ACTIONS)
    )
    page = view.current_page
    assert isinstance(page, ActionsPage)
    warning = page.form.findChild(QLabel, "working-day-warning")
    assert warning is not None and warning.isHidden()
    page.form.due.setText("29/11/2026")
    assert "is a Sunday: not a working day" in warning.text()
    assert not warning.isHidden()
    page.form.due.setText("30/11/2026")
    assert warning.isHidden()
