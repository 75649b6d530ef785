"""The case page's pre-proceedings section: record an episode, see it, change it."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from app.services.cases import list_cases
from app.services.preproceedings import list_pre_proceedings
from app.ui.main_window import MainWindow
from app.ui.pages.case_view import CaseView
from app.ui.pages.preproceedings_section import (
    EMPTY_TEXT,
    PreProceedingsDialog,
    PreProceedingsSection,
)
from tests.ui.conftest import answer_modal


def _section(window: MainWindow) -> PreProceedingsSection:
    case = list_cases(window.workspace, search="DEMO0002")[0]
    window.open_case(case.case_id)
    view = window.detail
    assert isinstance(view, CaseView)
    (section,) = view.findChildren(PreProceedingsSection)
    return section


def test_record_then_change_an_episode(qtbot: QtBot, window: MainWindow) -> None:
    section = _section(window)
    assert section.empty.text() == EMPTY_TEXT
    assert not section.edit_button.isEnabled()
    seen: list[str] = []

    def first_try(dialog: QWidget) -> None:
        assert isinstance(dialog, PreProceedingsDialog)
        assert dialog.ok_button is not None
        dialog.ok_button.click()  # nothing typed: the decision date is asked for
        seen.append(dialog.error.text())
        qtbot.keyClicks(dialog.decided_on, "02/11/2026")
        qtbot.keyClicks(dialog.letter_sent_on, "30/10/2026")  # before the decision
        dialog.ok_button.click()
        seen.append(dialog.error.text())
        dialog.letter_sent_on.clear()
        qtbot.keyClicks(dialog.letter_sent_on, "04/11/2026")
        dialog.fgdm_offered.setCurrentIndex(dialog.fgdm_offered.findData(True))
        qtbot.keyClicks(dialog.first_meeting_on, "16/11/2026")
        dialog.review_meetings.setValue(0)
        dialog.ok_button.click()

    answer_modal(first_try)
    section.record_button.click()
    assert "decision to start pre-proceedings" in seen[0]
    assert seen[1] == (
        "The letter before proceedings (Friday 30 October 2026) cannot come before the "
        "decision to start (Monday 2 November 2026). Check both dates."
    )
    assert section.table.rowCount() == 1
    assert section.table.item(0, 0).text() == "Mon 2 Nov 2026"
    assert section.table.item(0, 1).text() == "Still open"
    assert section.table.item(0, 2).text() == (
        "Letter Wed 4 Nov 2026, FGDM offered; first meeting Mon 16 Nov 2026"
    )

    def step_down(dialog: QWidget) -> None:
        assert isinstance(dialog, PreProceedingsDialog)
        assert dialog.letter_sent_on.text() == "04/11/2026"  # the record is loaded
        dialog.fgdm_facilitated.setCurrentIndex(dialog.fgdm_facilitated.findData(False))
        qtbot.keyClicks(dialog.step_decided_on, "23/11/2026")
        dialog.outcome.setCurrentIndex(dialog.outcome.findData("B"))
        assert dialog.ok_button is not None
        dialog.ok_button.click()

    answer_modal(step_down)
    section.edit_button.click()
    assert section.table.item(0, 1).text().startswith("B: stepped down")
    (row,) = list_pre_proceedings(window.workspace, case_id=section.case_id)
    assert (row.values.fgdm_offered, row.values.fgdm_facilitated) == (True, False)
    assert row.values.review_meetings == 0
