"""The case page's looked-after section, and the schedule dialog's alignment line."""

from __future__ import annotations

import datetime as dt

from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from app.models import MeetingType, PlacementType
from app.services.looked_after import looked_after, record_looked_after
from app.ui.dialogs.schedule_meeting import ScheduleMeetingDialog
from app.ui.main_window import MainWindow
from app.ui.pages.case_view import CaseView
from app.ui.pages.looked_after_section import NOT_LOOKED_AFTER, LookedAfterSection
from tests.test_minutes_journey_sample import _child
from tests.ui.text_size import text_size

IRO = "Robin Test-Reviewer"


def _section(window: MainWindow, case_id: str) -> tuple[CaseView, LookedAfterSection]:
    window.open_case(case_id)
    view = window.detail
    assert isinstance(view, CaseView)
    (section,) = view.findChildren(LookedAfterSection)
    return view, section


def test_the_chair_records_the_iro_placement_and_reviews(qtbot: QtBot, window: MainWindow) -> None:
    case_id = _child(window.workspace, "DEMO-LACUI").case_id
    view, section = _section(window, case_id)
    assert section.status.text() == NOT_LOOKED_AFTER
    assert not section.save_button.isEnabled() and not section.iro_name.isEnabled()
    view.case_form.looked_after.setChecked(True)
    view.case_form.kinship_care.setChecked(True)
    assert section.save_button.isEnabled()
    assert "kinship care" in section.status.text()
    section.iro_name.setText(IRO)
    section.iro_contact.setText("01632 960222")
    section.placement.setCurrentIndex(
        section.placement.findData(PlacementType.FOSTER_FAMILY_OR_FRIENDS.value)
    )
    section.since.setText("01/06/2026")
    section.reviews.setText("01/03/2027; 07/12/2026")
    section.save_button.click()
    assert section.message.text() == "Saved."
    assert section.reviews.text() == "07/12/2026, 01/03/2027"
    assert "Monday 7 December 2026" in section.next_review.text()
    record = looked_after(window.workspace, case_id=case_id)
    assert record.iro_name == IRO and record.kinship_care
    assert record.placement_type is PlacementType.FOSTER_FAMILY_OR_FRIENDS

    # A date the field cannot read is said, and nothing is changed.
    section.reviews.setText("31/02/2027")
    section.save_button.click()
    assert "no such date" in section.message.text()
    assert looked_after(window.workspace, case_id=case_id).review_dates == (
        dt.date(2026, 12, 7),
        dt.date(2027, 3, 1),
    )

    # Scheduling a conference shows the review beside it and offers to align.
    dialog = ScheduleMeetingDialog(window.workspace, case_id)
    qtbot.addWidget(dialog)
    assert dialog.review.isHidden()  # a strategy meeting is first in the list
    dialog.meeting_type.setCurrentIndex(dialog.meeting_type.findData(MeetingType.ICPC.value))
    dialog.date.set_date(dt.date(2026, 11, 16))
    assert not dialog.review.isHidden()
    assert "more than 10 working days apart" in dialog.review.words.text()
    dialog.review.button.click()
    assert dialog.date.date() == dt.date(2026, 12, 7)
    assert "the same day as this conference" in dialog.review.words.text()
    assert dialog.review.button.isHidden()


def test_the_alignment_line_leaves_the_buttons_in_sight(qtbot: QtBot, window: MainWindow) -> None:
    """Choosing a conference after the dialog opened adds the alignment line and its
    button: the dialog grows (or its form scrolls) so Schedule is never cut off."""
    case_id = _child(window.workspace, "DEMO-LACFIT").case_id
    record_looked_after(
        window.workspace,
        case_id=case_id,
        looked_after=True,
        kinship_care=False,
        iro_name=IRO,
        iro_contact="",
        placement_type=None,
        looked_after_since=None,
        review_dates=[dt.date(2026, 12, 7)],
    )
    dialog = ScheduleMeetingDialog(window.workspace, case_id)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.meeting_type.setCurrentIndex(dialog.meeting_type.findData(MeetingType.ICPC.value))
    dialog.date.set_date(dt.date(2026, 11, 16))
    assert not dialog.review.isHidden()
    QApplication.processEvents()  # the layouts settle as they do between key presses
    assert dialog.ok_button is not None
    bottom = dialog.ok_button.mapTo(dialog, dialog.ok_button.rect().bottomLeft()).y()
    assert bottom < dialog.height()
    words = dialog.review.words
    assert words.height() >= words.heightForWidth(words.width())
    screen = dialog.screen().availableGeometry()
    assert dialog.height() <= screen.height() and dialog.width() <= screen.width()


def test_the_placement_box_does_not_widen_the_case_page(window: MainWindow) -> None:
    case_id = _child(window.workspace, "DEMO-LACWIDE").case_id
    with text_size(200):
        _view, section = _section(window, case_id)
        longest = max(
            section.placement.fontMetrics().horizontalAdvance(section.placement.itemText(i))
            for i in range(section.placement.count())
        )
        assert section.placement.minimumSizeHint().width() < longest
        assert section.minimumSizeHint().width() <= 700
