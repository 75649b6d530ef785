"""Letters whose dates are already past: the chair may issue them late, and they say so."""

from __future__ import annotations

import datetime as dt

from docx import Document

from app import clock
from app.exporters.letters import LATE
from app.services.journey.notifications import notification_log
from app.ui.meeting.steps.notifications import NotificationsDialog
from tests.ui.test_meeting_support import MeetingFixture

pytest_plugins = ["tests.ui.test_meeting_support"]

# After the initial conference's due date (14 December 2026) the strategy letters give.
AFTER_ICPC_DUE = dt.datetime(2027, 1, 5, 10, tzinfo=dt.UTC)


def _export_strategy_letters(
    review: MeetingFixture, open_view, meeting_dialogs, folder
) -> NotificationsDialog:
    folder.mkdir()
    meeting_dialogs.folder = folder
    clock.set_clock(lambda: AFTER_ICPC_DUE)
    view = open_view(review, review.strategy_id)
    view.header.letters.click()
    dialog = view.dialog
    assert isinstance(dialog, NotificationsDialog)
    dialog.export.click()
    return dialog


def test_past_dates_ask_the_chair_and_a_refusal_writes_nothing(
    review, open_view, meeting_dialogs, tmp_path
) -> None:
    meeting_dialogs.confirms = False
    folder = tmp_path / "letters"
    dialog = _export_strategy_letters(review, open_view, meeting_dialogs, folder)
    [question] = meeting_dialogs.questions
    assert "the initial child protection conference (14/12/2026)" in question
    assert "Issue late: the letter will say it is issued late." in question
    assert list(folder.iterdir()) == []
    assert not notification_log(review.workspace, meeting_id=review.strategy_id)
    assert dialog.error.text() == (
        "No letters written: they would give dates already past (the initial child "
        "protection conference (14/12/2026)). Issue them late to go on."
    )


def test_issuing_late_writes_letters_that_say_so(
    review, open_view, meeting_dialogs, tmp_path
) -> None:
    meeting_dialogs.confirms = True
    folder = tmp_path / "letters"
    dialog = _export_strategy_letters(review, open_view, meeting_dialogs, folder)
    assert len(meeting_dialogs.questions) == 1
    letters = sorted(folder.glob("*.docx"))
    assert len(letters) == 4 and len(dialog.sent_buttons) == 4
    for path in letters:
        text = "\n".join(p.text for p in Document(str(path)).paragraphs)
        assert LATE in text
    assert not dialog.error.isVisible()
    assert len(notification_log(review.workspace, meeting_id=review.strategy_id)) == 4


def test_letters_on_time_ask_nothing(review, open_view, meeting_dialogs, tmp_path) -> None:
    folder = tmp_path / "letters"
    folder.mkdir()
    meeting_dialogs.folder = folder
    view = open_view(review, review.strategy_id)
    view.header.letters.click()
    view.dialog.export.click()
    assert meeting_dialogs.questions == []
    text = "\n".join(p.text for p in Document(str(next(folder.glob("*.docx")))).paragraphs)
    assert LATE not in text
