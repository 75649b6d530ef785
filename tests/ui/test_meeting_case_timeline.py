"""The case timeline widget: each stage, its clock, and a way into its meeting."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from app.ui.case_timeline import CaseTimelineWidget
from tests.test_journey_fixtures import opened_copy, the_child, to_discharge
from tests.ui.test_meeting_support import press

pytest_plugins = ["tests.ui.test_meeting_support"]


def test_the_timeline_shows_each_stage_and_opens_its_meeting(review, qtbot: QtBot) -> None:
    widget = CaseTimelineWidget(review.workspace, review.case_id)
    qtbot.addWidget(widget)
    widget.show()
    table = widget.table
    stages = [table.item(row, 0).text() for row in range(table.rowCount())]
    assert stages[:2] == ["Strategy meeting", "Five-day review"]
    assert table.item(0, 1).text() == "Mon 23 Nov 2026 (held)"
    assert table.item(1, 1).text() == "Mon 30 Nov 2026 (in progress)"  # the review is under way
    assert table.item(1, 2).text() == "Mon 30 Nov 2026"
    assert table.item(1, 3).text() == "Yes"  # held: it is under way
    table.setFocus()
    table.setCurrentCell(1, 0)
    with qtbot.waitSignal(widget.open_meeting) as opened:
        press(table, Qt.Key.Key_Return)
    assert opened.args == [review.meeting_id]


def test_an_empty_case_says_what_to_do(strategy, qtbot: QtBot) -> None:
    from app.services.cases import create_case

    case = create_case(
        strategy.workspace, la_child_ref="DEMO0902", first_name="Sam", last_name="Blank"
    )
    widget = CaseTimelineWidget(strategy.workspace, case.case_id)
    qtbot.addWidget(widget)
    assert widget.empty.text().startswith("No meetings yet.")
    assert widget.table.isHidden()


def test_why_a_plan_ended_is_read_in_full(
    tmp_path_factory: pytest.TempPathFactory, tmp_path: Path, qtbot: QtBot
) -> None:
    workspace = opened_copy(tmp_path_factory, tmp_path, "journey-discharged", to_discharge)
    try:
        widget = CaseTimelineWidget(workspace, the_child(workspace).case_id)
        qtbot.addWidget(widget)
        widget.resize(700, 500)
        widget.show()
        qtbot.waitExposed(widget)
        table = widget.table
        last = table.rowCount() - 1
        assert table.item(last, 0).text() == "Child protection plan ended"
        note = table.item(last, 4).text()
        assert note.startswith("All agencies agree")
        # Wrapped onto more lines rather than cut short.
        one_line = table.fontMetrics().lineSpacing()
        qtbot.waitUntil(lambda: table.rowHeight(last) > 2 * one_line)
    finally:
        workspace.close()
