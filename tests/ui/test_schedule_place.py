"""The schedule dialog tells the chair, as the place is typed, that an address or a
postcode cannot go in a calendar invitation."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from app.ui.dialogs.schedule_meeting import ScheduleMeetingDialog

pytest_plugins = ["tests.ui.test_meeting_support"]


def test_a_postcode_in_the_place_is_flagged_as_typed(strategy, qtbot: QtBot) -> None:  # type: ignore[no-untyped-def]
    dialog = ScheduleMeetingDialog(strategy.workspace, strategy.case_id)
    qtbot.addWidget(dialog)
    assert dialog.place_words.isHidden()
    dialog.location.setText("21 Pretend Parade, Sampletown, ZZ99 5EE")
    assert "postcode" in dialog.place_words.text()
    assert "Children's services, room 2" in dialog.place_words.text()
    assert not dialog.place_words.isHidden()
    dialog.location.setText("Children's services, room 2")
    assert dialog.place_words.isHidden()
