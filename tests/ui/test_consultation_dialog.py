"""Ctrl+Shift+K records a consultation from anywhere; Home lists those awaiting follow-up."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from app.models import ConsultationOutcome, ThresholdView
from app.services.consultations import list_consultations
from app.ui.consultations_view import ConsultationsSection
from app.ui.dialogs.consultation import ConsultationDialog, FollowUpDialog
from app.ui.main_window import MainWindow
from tests.ui.conftest import answer_modal
from tests.ui.test_mnemonics import twice


def _section(window: MainWindow) -> ConsultationsSection:
    section = window.page("home").findChild(ConsultationsSection)
    assert section is not None
    return section


def _fill(qtbot: QtBot, dialog: QWidget) -> list[str]:
    """Fill the dialog by keyboard alone, as a chair on the telephone would; the
    accessible names of the fields Tab visited, in order."""
    assert isinstance(dialog, ConsultationDialog)
    visited = []
    dialog.activateWindow()
    qtbot.waitUntil(dialog.asked_by.hasFocus)  # the name field has the cursor at once
    qtbot.keyClicks(dialog.asked_by, "Pat Example, school DSL")
    for _ in range(5):
        visited.append(QApplication.focusWidget().accessibleName())
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
    visited.append(QApplication.focusWidget().accessibleName())
    dialog.agency.setCurrentIndex(dialog.agency.findText("Education"))
    qtbot.keyClicks(dialog.question, "Bruising seen twice this month: a strategy meeting?")
    qtbot.keyClicks(dialog.advice, "Refer to children's social care today.")
    dialog.threshold.setCurrentIndex(dialog.threshold.findData(ThresholdView.UNCLEAR.value))
    qtbot.keyClicks(dialog.child, "P.E.")
    dialog.asked_by.setFocus()
    qtbot.keyClick(dialog.asked_by, Qt.Key.Key_Return)  # Enter saves
    assert not dialog.isVisible(), dialog.error.text()
    return visited


def test_the_shortcut_records_a_consultation_that_home_lists(
    window: MainWindow, qtbot: QtBot
) -> None:
    window.show_page("home")
    section = _section(window)
    assert section.empty.isVisibleTo(window) and not section.table.isVisibleTo(window)
    assert "Ctrl+Shift+K" in section.empty.text()
    window.show_page("meetings")  # from anywhere, not only Home
    visited: list[str] = []
    answer_modal(lambda dialog: visited.extend(_fill(qtbot, dialog)))
    qtbot.keyClick(
        window,
        Qt.Key.Key_K,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )

    assert visited == ["Who asked", "Agency", "Question", "Advice given", "Threshold", "What next"]
    (row,) = list_consultations(window.workspace)
    assert (row.asked_by_name, row.agency_name, row.child) == (
        "Pat Example, school DSL",
        "Education",
        "P.E.",
    )
    assert row.awaiting_follow_up
    window.show_page("home")
    assert section.table.isVisibleTo(window) and not section.empty.isVisibleTo(window)
    assert section.model.rows() == [row]


def test_following_up_takes_it_off_home(window: MainWindow, qtbot: QtBot) -> None:
    answer_modal(lambda dialog: _fill(qtbot, dialog))
    window.consultation_action.trigger()  # the File menu's entry
    window.show_page("home")
    section = _section(window)

    def no_further(dialog: QWidget) -> None:
        assert isinstance(dialog, FollowUpDialog)
        combo = dialog.outcome.outcome
        combo.setCurrentIndex(combo.findData(ConsultationOutcome.NO_FURTHER.value))
        qtbot.keyClick(combo, Qt.Key.Key_Return)

    answer_modal(no_further)
    section.table.activated.emit(section.model.index(0, 0))
    assert section.empty.isVisibleTo(window)
    (row,) = list_consultations(window.workspace)
    assert row.outcome is ConsultationOutcome.NO_FURTHER


def test_a_missing_threshold_view_keeps_the_dialog_open(window: MainWindow, qtbot: QtBot) -> None:
    dialog = ConsultationDialog(window.workspace, window)
    qtbot.addWidget(dialog)
    dialog.show()
    assert not twice(dialog), f"Alt+{twice(dialog)} used twice"
    qtbot.keyClicks(dialog.asked_by, "Pat")
    qtbot.keyClicks(dialog.question, "Q?")
    qtbot.keyClick(dialog.asked_by, Qt.Key.Key_Return)
    assert dialog.isVisible()
    assert dialog.error.text() == "Choose the LCPP's view on the threshold."
    assert list_consultations(window.workspace) == []
    dialog.reject()


def test_a_known_childs_strategy_meeting_can_be_chosen(window: MainWindow, qtbot: QtBot) -> None:
    dialog = ConsultationDialog(window.workspace, window)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.keyClicks(dialog.child, "DEMO0002")
    dialog.child.editingFinished.emit()
    assert dialog.child_words.text().startswith("A known child")
    outcome = dialog.outcome.outcome
    outcome.setCurrentIndex(outcome.findData(ConsultationOutcome.STRATEGY_MEETING.value))
    assert dialog.outcome.meeting.isVisibleTo(dialog)
    assert dialog.outcome.meeting.currentData() is not None
    assert not twice(dialog), f"Alt+{twice(dialog)} used twice"
    qtbot.keyClicks(dialog.asked_by, "Robin")
    qtbot.keyClicks(dialog.question, "Missing again: strategy meeting?")
    dialog.threshold.setCurrentIndex(dialog.threshold.findData(ThresholdView.MET.value))
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    # Ctrl+Enter saves from a box where Enter starts a new line.
    dialog.question.setFocus()
    qtbot.keyClick(dialog.question, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert not dialog.isVisible(), dialog.error.text()
    (row,) = list_consultations(window.workspace)
    assert (row.child, row.outcome) == ("DEMO0002", ConsultationOutcome.STRATEGY_MEETING)
    assert row.meeting_id == dialog.outcome.meeting.currentData()
