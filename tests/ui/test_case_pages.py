"""The cases list, its search and empty state, a new case, and the case view."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QWidget
from pytestqt.qtbot import QtBot

from app.models import MeetingType
from app.services.cases import get_case, list_cases
from app.ui.dialogs.new_case import NewCaseDialog
from app.ui.dialogs.schedule_meeting import ScheduleMeetingDialog
from app.ui.dialogs.text_prompt import TextPrompt
from app.ui.main_window import MainWindow
from app.ui.pages.case_view import CaseView
from app.ui.pages.cases import EMPTY_TEXT, CasesPage
from app.ui.shell import Shell
from tests.ui.conftest import answer_modal, unlock


def _cases_page(window: MainWindow) -> CasesPage:
    window.show_page("cases")
    page = window.pages["cases"]
    assert isinstance(page, CasesPage)
    return page


def test_cases_search_filters(qtbot: QtBot, window: MainWindow) -> None:
    page = _cases_page(window)
    assert page.model.rowCount() == 5
    with qtbot.waitSignal(page.list.search_changed):
        qtbot.keyClicks(page.list.search, "testwood")
    assert [c.la_child_ref for c in page.model.rows()] == ["DEMO0003"]
    page.list.search.clear()
    with qtbot.waitSignal(page.list.search_changed):
        qtbot.keyClicks(page.list.search, "DEMO000")
    assert page.model.rowCount() == 5
    with qtbot.waitSignal(page.list.search_changed):
        qtbot.keyClicks(page.list.search, "9")
    assert page.model.rowCount() == 0
    assert page.list.stack.currentWidget() is page.list.empty
    assert "No case matches" in page.list.empty.text()


def test_an_empty_workspace_says_what_to_do(
    qtbot: QtBot, make_shell: Callable[[Path], Shell], empty_path: Path
) -> None:
    window = unlock(qtbot, make_shell(empty_path))
    page = _cases_page(window)
    assert page.list.stack.currentWidget() is page.list.empty
    assert (
        page.list.empty.text() == EMPTY_TEXT == ("No cases yet. Create one with New case… (Ctrl+N)")
    )


def test_new_case_with_ctrl_n_opens_the_case(qtbot: QtBot, window: MainWindow) -> None:
    def fill(dialog: QWidget) -> None:
        assert isinstance(dialog, NewCaseDialog)
        qtbot.keyClicks(dialog.reference, "DEMO0100")
        qtbot.keyClicks(dialog.first_name, "Sky")
        qtbot.keyClicks(dialog.last_name, "Imaginary")
        qtbot.keyClicks(dialog.concern, "Worries raised by the demo school.")
        assert dialog.ok_button is not None
        dialog.ok_button.click()

    answer_modal(fill)
    qtbot.keyClick(window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    assert window.location().page == "case"
    view = window.detail
    assert isinstance(view, CaseView)
    assert view.title.text() == "Sky Imaginary"
    cases = list_cases(window.workspace, search="DEMO0100")
    assert [c.child_name for c in cases] == ["Sky Imaginary"]
    assert cases[0].concern == "Worries raised by the demo school."


def test_new_case_needs_a_reference(qtbot: QtBot, window: MainWindow) -> None:
    dialog = NewCaseDialog(window.workspace, window)
    qtbot.addWidget(dialog)
    qtbot.keyClicks(dialog.first_name, "Nameless")
    assert dialog.ok_button is not None
    dialog.ok_button.click()
    assert "local authority reference" in dialog.error.text()
    assert dialog.result_case is None
    assert dialog.first_name.text() == "Nameless"  # nothing typed is lost


def _open_first_case(window: MainWindow) -> CaseView:
    case = list_cases(window.workspace, search="DEMO0001")[0]
    window.open_case(case.case_id)
    assert isinstance(window.detail, CaseView)
    return window.detail


def test_case_view_shows_child_family_and_meetings(window: MainWindow) -> None:
    view = _open_first_case(window)
    assert view.title.text() == "Poppy Example"
    assert view.child_form.la_child_ref.text() == "DEMO0001"
    assert "Unexplained bruising" in view.case_form.concern.toPlainText()
    names = {row.name for row in view.family.model.rows()}
    assert names == {"Pat Example", "Chris Example-Other"}
    assert view.meetings_model.rowCount() >= 1
    assert window.nav.currentItem().text() == "Cases"


def test_schedule_meeting_from_the_case(qtbot: QtBot, window: MainWindow) -> None:
    view = _open_first_case(window)
    before = view.meetings_model.rowCount()

    def fill(dialog: QWidget) -> None:
        assert isinstance(dialog, ScheduleMeetingDialog)
        dialog.meeting_type.setCurrentIndex(dialog.meeting_type.findData("icpc"))
        qtbot.keyClicks(dialog.location, "Room 9, Sampletown (demo)")
        assert dialog.ok_button is not None
        dialog.ok_button.click()

    answer_modal(fill)
    view.schedule_button.click()
    assert view.meetings_model.rowCount() == before + 1
    case = get_case(window.workspace, case_id=view.case_id)
    added = [m for m in case.meetings if m.meeting_type == MeetingType.ICPC.value]
    assert any(m.scheduled_date == dt.date(2026, 11, 23) for m in added)


def test_opening_a_meeting_shows_it_and_closing_returns(window: MainWindow) -> None:
    view = _open_first_case(window)
    meeting_id = view.meetings_model.rows()[0].id
    view.meetings_table.selectRow(0)
    view.open_meeting_button.click()
    assert window.location().page == "meeting"
    assert window.location().record_id == meeting_id
    meeting_view = window.detail
    assert meeting_view is not None
    # Meeting mode owns Ctrl+1…9 for its agenda; the page shortcuts stand aside.
    assert not any(action.isEnabled() for action in window.page_actions.values())
    meeting_view.closed.emit()  # type: ignore[attr-defined]
    assert window.location().page == "case"
    assert window.nav.isVisible()
    assert all(action.isEnabled() for action in window.page_actions.values())


def test_schedule_date_is_typed_and_read_back_in_words(qtbot: QtBot, window: MainWindow) -> None:
    view = _open_first_case(window)

    def fill(dialog: QWidget) -> None:
        assert isinstance(dialog, ScheduleMeetingDialog)
        dialog.date.clear()
        qtbot.keyClicks(dialog.date, "31/02/2027")
        assert "no such date" in dialog.date_words.text()
        dialog.date.clear()
        qtbot.keyClicks(dialog.date, "14/12/2026")
        assert dialog.date_words.text() == "Monday 14 December 2026"
        assert dialog.ok_button is not None
        dialog.ok_button.click()

    answer_modal(fill)
    view.schedule_button.click()
    case = get_case(window.workspace, case_id=view.case_id)
    assert any(m.scheduled_date == dt.date(2026, 12, 14) for m in case.meetings)


def test_enter_on_a_focused_cancel_keeps_the_dialog_safe(qtbot: QtBot, window: MainWindow) -> None:
    # Cancel is never the button Enter presses, so a tired Tab-Enter loses nothing.
    from app.ui.dialogs.new_case import NewCaseDialog

    dialog = NewCaseDialog(window.workspace, window)
    qtbot.addWidget(dialog)
    assert not dialog.cancel_button.autoDefault()
    assert dialog.ok_button is not None and dialog.ok_button.isDefault()
    assert dialog.ok_button.nextInFocusChain() is dialog.cancel_button


def test_retiring_a_family_member_asks_why_and_keeps_the_record(
    qtbot: QtBot, window: MainWindow
) -> None:
    view = _open_first_case(window)
    section = view.family
    assert section.remove_button.text() == "Retire…"
    assert section.remove_button.accessibleName() == "Retire family member"
    pat = next(r for r in section.model.rows() if r.name == "Pat Example")
    section.table.setCurrentIndex(section.model.index(section.model.rows().index(pat), 0))

    def give_reason(dialog: QWidget) -> None:
        assert isinstance(dialog, TextPrompt)
        qtbot.keyClicks(dialog.field, "Recorded twice (demo)")
        assert dialog.ok_button is not None
        dialog.ok_button.click()

    answer_modal(give_reason)
    section.remove_button.click()
    assert {row.name for row in view.family.model.rows()} == {"Chris Example-Other"}
    family = get_case(window.workspace, case_id=view.case_id).family
    assert [m.retired for m in family if m.name == "Pat Example"] == [True]


def test_a_case_entered_in_error_is_closed_with_a_reason(qtbot: QtBot, window: MainWindow) -> None:
    from app.models import CaseStatus, ClosingReason
    from app.services.case_closure import case_closure
    from app.ui.dialogs.close_case import CloseCaseDialog

    view = _open_first_case(window)
    assert view.close_button.isEnabled()
    assert view.close_button.accessibleName() == "Close case"

    def give_reason(dialog: QWidget) -> None:
        assert isinstance(dialog, CloseCaseDialog)
        assert dialog.reason.currentText() == "Entered in error"
        qtbot.keyClicks(dialog.notes, "Made while testing (demo)")
        assert dialog.ok_button is not None
        dialog.ok_button.click()

    answer_modal(give_reason)
    view.close_button.click()
    assert get_case(window.workspace, case_id=view.case_id).status is CaseStatus.CLOSED
    closure = case_closure(window.workspace, case_id=view.case_id)
    assert closure is not None
    assert (closure.reason, closure.notes) == (
        ClosingReason.ENTERED_IN_ERROR,
        "Made while testing (demo)",
    )
    assert view.subtitle.text().endswith("closed (entered in error)")
    assert not view.close_button.isVisible()
    assert view.reopen_button.isVisible() and view.reopen_button.isEnabled()
    assert view.reopen_button.accessibleName() == "Reopen case"

    from app.ui.dialogs.close_case import ReopenCaseDialog

    def give_no_reason_then_one(dialog: QWidget) -> None:
        assert isinstance(dialog, ReopenCaseDialog)
        words = " ".join(label.text() for label in dialog.findChildren(QLabel))
        assert "Closed on" in words and "entered in error." in words
        assert dialog.ok_button is not None
        dialog.ok_button.click()  # refused: no reason
        assert "Say why" in dialog.error.text() and dialog.isVisible()
        qtbot.keyClicks(dialog.reason, "Closed by mistake")
        dialog.ok_button.click()

    answer_modal(give_no_reason_then_one)
    view.reopen_button.click()
    assert get_case(window.workspace, case_id=view.case_id).status is CaseStatus.OPEN
    assert case_closure(window.workspace, case_id=view.case_id) is None
    assert view.close_button.isVisible() and view.close_button.isEnabled()
    assert not view.reopen_button.isVisible()
