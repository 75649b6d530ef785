"""The five-day review in meeting mode: the ICPC timeframe and the interim safety plan."""

from __future__ import annotations

import datetime as dt

from docx import Document
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from app.models import IcpcTimeframe, MeetingType
from app.services.conduct.agenda import list_agenda, rename_agenda_item
from app.services.conduct.templates import edit_template_item, list_template
from app.services.journey.notifications import notification_log
from app.services.journey.review import icpc_timeframe
from app.services.journey.safety_plan import safety_plan, safety_plan_for_case, safety_plan_versions
from app.services.meetings import schedule_meeting
from app.ui.meeting.closing_dialog import ClosingDialog
from app.ui.meeting.steps import page_class
from app.ui.meeting.steps.notifications import NotificationsDialog
from app.ui.meeting.steps.review_timeframe import ReviewTimeframePage
from app.ui.meeting.steps.safety_plan import SafetyPlanPage
from tests.ui.test_meeting_support import REVIEW_DATE, focused, press

pytest_plugins = ["tests.ui.test_meeting_support"]

CTRL = Qt.KeyboardModifier.ControlModifier


def open_timeframe(view) -> ReviewTimeframePage:
    press(focused(view), Qt.Key.Key_D, CTRL)  # the review's decision is the timeframe
    page = view.current_page
    assert isinstance(page, ReviewTimeframePage)
    return page


def test_the_default_timeframe_is_the_15th_working_day(review, open_view) -> None:
    view = open_view(review)
    page = open_timeframe(view)
    assert "held by Monday 14 December 2026 (the 15th working day)" in page.clocks.text()
    page.record.click()
    stored = icpc_timeframe(review.workspace, meeting_id=review.meeting_id)
    assert stored is not None
    assert (stored.timeframe, stored.target_date) == (
        IcpcTimeframe.WITHIN_15_DAYS,
        dt.date(2026, 12, 14),
    )
    assert page.stamp.text() == (
        "Recorded by Test Chair on Monday 23 November 2026. Conference by Monday 14 December 2026."
    )


def test_an_extension_needs_a_reason_and_the_chairs_confirmation(
    review, open_view, qtbot: QtBot
) -> None:
    view = open_view(review)
    page = open_timeframe(view)
    page.buttons[IcpcTimeframe.EXTENDED].click()
    assert page.confirmed.isEnabled()
    qtbot.keyClicks(page.target, "08/01/2027")
    page.record.click()
    assert page.error.text() == "Give the reason the conference needs more than 15 working days."
    assert icpc_timeframe(review.workspace, meeting_id=review.meeting_id) is None

    qtbot.keyClicks(page.reason, "The family's interpreter is not available until January.")
    page.record.click()
    assert page.error.text().startswith(
        "An extension needs exceptional circumstances agreed by the MACPT."
    )
    assert icpc_timeframe(review.workspace, meeting_id=review.meeting_id) is None

    page.confirmed.click()
    page.record.click()
    assert not page.error.isVisible()
    stored = icpc_timeframe(review.workspace, meeting_id=review.meeting_id)
    assert stored is not None and stored.exceptional_circumstances_confirmed
    assert (stored.timeframe, stored.target_date) == (IcpcTimeframe.EXTENDED, dt.date(2027, 1, 8))
    assert stored.reason == "The family's interpreter is not available until January."


def test_safety_plan_versions_through_the_editor(
    review, open_view, meeting_dialogs, qtbot: QtBot
) -> None:
    view = open_view(review)
    index = next(i for i, s in enumerate(view.state.flow.steps) if s.title == "Interim safety plan")
    view.go_to_item(index)
    page = view.current_page
    assert isinstance(page, SafetyPlanPage)
    assert page.empty.isVisible()
    item = page.items[0]
    assert item.worry.hasFocus()
    qtbot.keyClicks(item.worry, "Unexplained bruising")
    qtbot.keyClicks(item.keeps_safe, "Pat Example does all bath times")
    qtbot.keyClicks(item.who, "Pat Example")
    qtbot.keyClicks(item.by_when, "From today")
    qtbot.keyClicks(page.agreed_by, "Pat Example and the social worker")
    assert page.gaps.isVisible()  # the review cannot close without a safety plan
    page.save.click()
    plan = safety_plan_for_case(review.workspace, case_id=review.case_id)
    assert plan is not None and plan.version == 1
    assert not page.gaps.isVisible()
    assert page.gaps_text.text().startswith("A clear plan also says:")

    # A change is saved as version 2; version 1 stays as it was agreed.
    page.items[0].how_we_know.setText("Nursery sees no new marks")
    page.add_item.click()
    qtbot.keyClicks(page.items[1].worry, "Missed health appointments")
    qtbot.keyClicks(page.items[1].keeps_safe, "The health visitor books and attends with Pat")
    qtbot.keyClicks(page.items[1].who, "Riley Sample-Nurse")
    page.save.click()
    assert page.error.text() == "Say what changed in this version of the safety plan."
    qtbot.keyClicks(page.change_note, "Added health appointments; how we will know")
    page.save.click()
    versions = safety_plan_versions(review.workspace, plan_id=plan.plan_id)
    assert [(v.version, v.item_count) for v in versions] == [(1, 1), (2, 2)]
    first = safety_plan(review.workspace, plan_id=plan.plan_id, version=1)
    assert first.items[0].how_we_know == ""

    # The picker shows version 1 read-only.
    assert page.versions.itemText(0).startswith("Version 2 (current)")
    page.versions.setCurrentIndex(1)
    page.versions.activated.emit(1)
    assert len(page.items) == 1 and page.items[0].worry.isReadOnly()
    assert page.read_only.isVisible() and not page.save.isVisible()

    # Export safety plan… writes the version on screen, through the injected dialog.
    page.export.click()
    assert meeting_dialogs.suggested[-1].name == "Interim safety plan v1.docx"
    text = "\n".join(
        cell.text
        for table in Document(str(meeting_dialogs.document)).tables
        for row in table.rows
        for cell in row.cells
    ) + "\n".join(p.text for p in Document(str(meeting_dialogs.document)).paragraphs)
    assert "Unexplained bruising" in text
    assert "Missed health appointments" not in text


def test_a_review_yet_to_close_needs_no_letters_yet(review, open_view) -> None:
    view = open_view(review)
    view.show_letters()
    dialog = view.dialog
    assert isinstance(dialog, NotificationsDialog)
    assert dialog.who.text().startswith("Nobody needs a letter yet")
    assert not dialog.export.isEnabled()


def test_letters_after_the_strategy_meeting(review, open_view, meeting_dialogs, tmp_path) -> None:
    meeting_dialogs.folder = tmp_path / "letters"
    meeting_dialogs.folder.mkdir()
    view = open_view(review, review.strategy_id)  # closed: its outcome goes to each agency
    assert view.header.letters.isVisible()
    view.header.letters.click()
    dialog = view.dialog
    assert isinstance(dialog, NotificationsDialog)
    assert "Police" in dialog.who.text()
    dialog.export.click()
    written = sorted(p.name for p in meeting_dialogs.folder.iterdir())
    assert "manifest.json" in written and len(written) == 5
    assert len(dialog.sent_buttons) == 4
    first = next(iter(dialog.sent_buttons))
    dialog.routes[first].setCurrentText("Secure email")
    dialog.sent_buttons[first].click()
    row = next(
        r
        for r in notification_log(review.workspace, meeting_id=review.strategy_id)
        if r.id == first
    )
    assert row.sent_route == "Secure email" and row.sent_by == "Test Chair"
    assert first not in dialog.sent_buttons  # sent: no button left for it


def test_the_reviews_gaps_are_shown_where_they_are_put_right(review, open_view) -> None:
    view = open_view(review)
    page = open_timeframe(view)
    gaps = page.gaps.text().splitlines()
    assert gaps[:2] == [
        "Before the meeting can close:",
        "• The timeframe for the initial child protection conference is not recorded. "
        "Record it, with the reason for any extension.",
    ]
    # Nobody has arrived yet: each statutory agency's absence is acknowledged here too.
    assert len(gaps) == 6 and gaps[3].startswith("• Police is not represented.")
    assert page.representation.isVisible()
    assert page.representation.first_reason() is focused(view)
    press(focused(view), Qt.Key.Key_E, CTRL | Qt.KeyboardModifier.ShiftModifier)
    dialog = view.dialog
    assert isinstance(dialog, ClosingDialog)
    assert [b.text() for b in dialog.gap_buttons] == [
        "Go to conference timeframe",
        "Go to interim safety plan",
    ] + ["Go to conference timeframe"] * 4 + ["Go to notes"] * 3  # reason, child, s47
    summary = {
        dialog.lines.itemAtPosition(row, 1).widget().text(): (
            dialog.lines.itemAtPosition(row, 2).widget().text()
        )
        for row in range(dialog.lines.rowCount())
        if dialog.lines.itemAtPosition(row, 1) is not None
    }
    assert summary["<b>Conference timeframe</b>"] == "Not recorded."
    assert summary["<b>Interim safety plan</b>"] == "None agreed yet."
    dialog.gap_buttons[1].click()
    plan_page = view.current_page
    assert isinstance(plan_page, SafetyPlanPage)
    assert plan_page.gaps.text().endswith(
        "There is no interim safety plan. Agree one and record it."
    )
    assert plan_page.items[0].worry.hasFocus()


def test_a_renamed_item_keeps_its_editor(review, open_view) -> None:
    item = next(
        i
        for i in list_agenda(review.workspace, meeting_id=review.meeting_id)
        if i.kind == "safety-plan"
    )
    rename_agenda_item(review.workspace, item_id=item.id, title="What keeps Robin safe")
    view = open_view(review)
    index = next(i for i, s in enumerate(view.state.flow.steps) if s.agenda_item_id == item.id)
    view.go_to_item(index)
    assert isinstance(view.current_page, SafetyPlanPage)


def test_a_review_agenda_copied_before_the_journey_kinds_still_works(review, open_view) -> None:
    # Older workspaces hold the review template with both items as plain notes.
    for row in list_template(review.workspace, meeting_type=MeetingType.REVIEW):
        if row.kind in ("icpc-timeframe", "safety-plan"):
            edit_template_item(review.workspace, item_id=row.id, kind="notes")
    older = schedule_meeting(
        review.workspace,
        case_id=review.case_id,
        meeting_type=MeetingType.REVIEW,
        scheduled_date=REVIEW_DATE,
        chair_name="Test Chair",
    )
    view = open_view(review, older.id)
    pages = [page_class(step) for step in view.state.flow.steps]
    assert ReviewTimeframePage in pages and SafetyPlanPage in pages
    assert isinstance(open_timeframe(view), ReviewTimeframePage)


def test_leaving_with_a_timeframe_not_recorded_asks_first(review, open_view, qtbot) -> None:
    view = open_view(review)
    page = open_timeframe(view)
    qtbot.keyClicks(page.reason, "Typed, but Record was never pressed.")
    with qtbot.assertNotEmitted(view.closed):
        press(focused(view), Qt.Key.Key_Q, CTRL | Qt.KeyboardModifier.ShiftModifier)
    assert view.notice.text() == (
        "The conference timeframe is kept as a draft until it is recorded. "
        "Press Leave meeting mode (Ctrl+Shift+Q) again to leave."
    )
    with qtbot.waitSignal(view.closed):
        press(focused(view), Qt.Key.Key_Q, CTRL | Qt.KeyboardModifier.ShiftModifier)


def test_nothing_to_record_still_asks_once(review, open_view, qtbot) -> None:
    view = open_view(review)
    page = open_timeframe(view)
    page.record.click()  # what is shown is what is stored
    view.leave()
    assert view.notice.text() == "Press Leave meeting mode (Ctrl+Shift+Q) again to leave."
    with qtbot.waitSignal(view.closed):
        view.leave()
