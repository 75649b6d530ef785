"""A local area edits its agenda templates in Settings; new meetings follow them."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from app.models import MeetingType
from app.services.cases import create_case
from app.services.conduct.agenda import list_agenda
from app.services.conduct.templates import list_template
from app.services.meetings import schedule_meeting
from app.services.setup import default_agenda
from app.ui.main_window import MainWindow
from app.ui.pages.agenda_templates import AgendaTemplatesBox
from app.ui.pages.settings import SettingsPage
from tests.ui.conftest import answer_modal


@pytest.fixture
def box(window: MainWindow) -> AgendaTemplatesBox:
    window.show_page("settings")
    page = window.pages["settings"]
    assert isinstance(page, SettingsPage)
    return page.agendas


def _titles(box: AgendaTemplatesBox) -> list[str]:
    return [r.title for r in list_template(box.workspace, meeting_type=box.current_type())]


def _shown(box: AgendaTemplatesBox) -> list[str]:
    return [box.items.item(i).text() for i in range(box.items.count())]


def test_shows_the_strategy_agenda_with_kinds(box: AgendaTemplatesBox) -> None:
    assert box.current_type() is MeetingType.STRATEGY
    defaults = [item["title"] for item in default_agenda(MeetingType.STRATEGY)]
    assert _titles(box) == defaults
    assert "Actions and next steps  (actions)" in _shown(box)
    assert "Threshold decision" in _shown(box)  # its title already says its kind


def test_add_rename_move_remove_and_restore(qtbot: QtBot, box: AgendaTemplatesBox) -> None:
    defaults = _titles(box)
    box.items.setCurrentRow(0)

    def type_title(title: str):  # type: ignore[no-untyped-def]
        def answer(dialog: QWidget) -> None:
            field = dialog.field  # type: ignore[attr-defined]
            field.selectAll()
            qtbot.keyClicks(field, title)
            dialog.ok_button.click()  # type: ignore[attr-defined]

        return answer

    answer_modal(type_title("Welfare check-in"))
    box.add_button.click()
    assert _titles(box)[1] == "Welfare check-in"
    assert box.items.currentRow() == 1

    answer_modal(type_title("Welfare and wellbeing check-in"))
    box.rename_button.click()
    assert _titles(box)[1] == "Welfare and wellbeing check-in"

    box.up_button.click()
    assert _titles(box)[0] == "Welfare and wellbeing check-in"
    assert not box.up_button.isEnabled()
    box.down_button.click()
    assert _titles(box)[1] == "Welfare and wellbeing check-in"

    box.remove_button.click()
    assert _titles(box) == defaults
    box.items.setCurrentRow(0)
    box.remove_button.click()
    assert _titles(box) == defaults[1:]

    box.restore_button.click()
    assert _titles(box) == defaults
    assert "Restored" in box.message.text()


def test_new_meetings_follow_the_edited_template(box: AgendaTemplatesBox) -> None:
    box.meeting_type.setCurrentIndex(box.meeting_type.findData(MeetingType.REVIEW.value))
    box.items.setCurrentRow(box.items.count() - 1)
    box.remove_button.click()
    # A local area's template without sections the minutes require...
    for title in ("Reason for the meeting", "The child's daily life and voice"):
        box.items.setCurrentRow(_titles(box).index(title))
        box.remove_button.click()
    expected = _titles(box)
    case = create_case(box.workspace, la_child_ref="TEST0500", first_name="Sam")
    meeting = schedule_meeting(
        box.workspace,
        case_id=case.case_id,
        meeting_type=MeetingType.REVIEW,
        scheduled_date=dt.date(2026, 11, 30),
    )
    # ...gets them back in each new meeting: the reason after the introductions,
    # the others before the last item.
    expected.insert(1, "Reason for the meeting")
    expected[-1:-1] = ["The child's daily life and voice"]
    assert [i.title for i in list_agenda(box.workspace, meeting_id=meeting.id)] == expected
