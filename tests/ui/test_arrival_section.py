"""The case page's birth and transfer-in section: record a baby's birth after a
pre-birth conference, then a transfer in, as a chair would with the keyboard."""

from __future__ import annotations

import datetime as dt

from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from app.services import cases
from app.services.arrivals import case_arrivals
from app.ui.main_window import MainWindow
from app.ui.pages.arrival_section import (
    NOT_UNBORN,
    ArrivalSection,
    BirthDialog,
    TransferInDialog,
)
from app.ui.pages.case_view import CaseView
from tests.ui.conftest import answer_modal


def _view(window: MainWindow, case_id: str) -> tuple[CaseView, ArrivalSection]:
    window.open_case(case_id)
    view = window.detail
    assert isinstance(view, CaseView)
    return view, view.arrival


def test_record_the_birth_and_the_child_carries_on_under_the_name(
    qtbot: QtBot, window: MainWindow
) -> None:
    case_id = cases.create_case(
        window.workspace,
        la_child_ref="DEMO-BIRTHUI",
        last_name="Imaginary",
        expected_date_of_birth=dt.date(2026, 12, 1),
        opened_on=dt.date(2026, 9, 1),
    ).case_id
    view, section = _view(window, case_id)
    assert section.birth_text.text().startswith("Unborn: expected Tuesday 1 December 2026")
    assert section.birth_button.isEnabled()
    errors: list[str] = []

    def answer(dialog: QWidget) -> None:
        assert isinstance(dialog, BirthDialog)
        assert dialog.ok_button is not None
        dialog.ok_button.click()  # no date yet
        errors.append(dialog.error.text())
        qtbot.keyClicks(dialog.born_on, "06/11/2026")
        qtbot.keyClicks(dialog.first_name, "Robin")
        dialog.ok_button.click()

    answer_modal(answer)
    section.birth_button.click()
    assert errors == ["Give the date of birth."]
    birth = case_arrivals(window.workspace, case_id=case_id).birth
    assert birth is not None and birth.born_on == dt.date(2026, 11, 6)
    assert section.birth_text.text().startswith(
        "Born on Friday 6 November 2026 (recorded before the birth as Imaginary)."
    )
    assert not section.birth_button.isEnabled()
    # The page shows the child under the name, with the date of birth.
    assert view.title.text() == "Robin Imaginary"
    assert view.child_form.date_of_birth.date() == dt.date(2026, 11, 6)


def test_record_then_correct_a_transfer_in(qtbot: QtBot, window: MainWindow) -> None:
    case_id = cases.create_case(
        window.workspace, la_child_ref="DEMO-MOVEUI", date_of_birth=dt.date(2019, 3, 3)
    ).case_id
    _, section = _view(window, case_id)
    assert section.birth_text.text() == NOT_UNBORN
    assert not section.birth_button.isEnabled()

    def answer(dialog: QWidget) -> None:
        assert isinstance(dialog, TransferInDialog)
        qtbot.keyClicks(dialog.received_on, "26/10/2026")
        qtbot.keyClicks(dialog.from_area, "Northshire")
        assert dialog.ok_button is not None
        dialog.ok_button.click()

    answer_modal(answer)
    section.transfer_button.click()
    assert section.transfer_text.text() == (
        "Moved in from Northshire: notified on Monday 26 October 2026. "
        "The transfer-in conference is due by Monday 16 November 2026."
    )
    assert section.transfer_button.text() == "Correct the transfer in…"

    def correct(dialog: QWidget) -> None:
        assert isinstance(dialog, TransferInDialog)
        assert dialog.windowTitle() == "Correct the transfer in…"
        assert dialog.ok_button is not None and "correction" in dialog.ok_button.text()
        assert dialog.from_area.text() == "Northshire"
        dialog.received_on.clear()
        qtbot.keyClicks(dialog.received_on, "09/11/2026")
        assert dialog.ok_button is not None
        dialog.ok_button.click()

    answer_modal(correct)
    section.transfer_button.click()
    assert "due by Monday 30 November 2026" in section.transfer_text.text()


def test_the_settings_page_sets_the_first_review_after_a_birth(
    qtbot: QtBot, window: MainWindow
) -> None:
    from app.services.settings import get_settings
    from app.ui.pages.settings import SettingsPage

    window.show_page("settings")
    page = window.pages["settings"]
    assert isinstance(page, SettingsPage)
    assert page.birth_review_days.value() == 10
    with qtbot.waitSignal(page.settings_changed, timeout=3000) as blocker:
        page.birth_review_days.setValue(12)
    assert blocker.args[0].birth_review_working_days == 12
    assert get_settings(window.workspace).birth_review_working_days == 12


def test_meeting_mode_titles_a_pre_birth_conference(window: MainWindow) -> None:
    from app.models import MeetingType
    from app.services import meetings
    from app.ui.meeting.state import load_header

    case_id = cases.create_case(
        window.workspace,
        la_child_ref="DEMO-PREBIRTHUI",
        expected_date_of_birth=dt.date(2027, 3, 1),
    ).case_id
    meeting = meetings.schedule_meeting(
        window.workspace,
        case_id=case_id,
        meeting_type=MeetingType.ICPC,
        scheduled_date=dt.date(2026, 11, 30),
    )
    header = load_header(window.workspace, meeting.id)
    assert header.title == "Pre-birth initial child protection conference"
