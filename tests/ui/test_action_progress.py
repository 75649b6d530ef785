"""Progress on actions carried into a meeting: "Mark done…" asks for the outcome,
Undo is offered beside it, and progress notes are added; and "Done" chosen for an
action agreed here asks for the outcome too (cancelling leaves it open)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from app import clock
from app.models import ActionStatus
from app.services.conduct.actions import add_action, carried_over_actions, list_actions
from app.ui.dialogs.action_note import ActionNoteDialog
from app.ui.meeting import MeetingView
from app.ui.meeting.steps.actions import ActionsPage
from app.workflow import StepKind
from tests.ui.test_meeting_support import REVIEW_DATE, MeetingFixture

pytest_plugins = ["tests.ui.test_meeting_support"]

Answer = tuple[str, bool] | None


def answering(monkeypatch: pytest.MonkeyPatch, answers: list[Answer]) -> list[str]:
    """The note dialog answers ``answers`` in turn (None: cancelled); the titles asked."""
    asked: list[str] = []

    def ask(
        cls: type[ActionNoteDialog],
        parent: object,
        title: str,
        label: str,
        *,
        store: Callable[[str, bool], object],
        **_: object,
    ) -> bool:
        asked.append(title)
        answer = answers.pop(0)
        if answer is None:
            return False
        store(*answer)
        return True

    monkeypatch.setattr(ActionNoteDialog, "ask", classmethod(ask))
    return asked


def actions_page(view: MeetingView) -> ActionsPage:
    view.go_to_item(
        next(i for i, s in enumerate(view.state.flow.steps) if s.kind is StepKind.ACTIONS)
    )
    page = view.current_page
    assert isinstance(page, ActionsPage)
    return page


def test_mark_done_with_an_outcome_then_undo(
    review: MeetingFixture, open_view, monkeypatch: pytest.MonkeyPatch, qtbot: QtBot
) -> None:
    ws = review.workspace
    # The review is being held today: what is done now shows as dealt with at it.
    clock.set_clock(lambda: dt.datetime.combine(REVIEW_DATE, dt.time(15), tzinfo=dt.UTC))
    action = add_action(
        ws, meeting_id=review.strategy_id, description="Medical", owner_name="Dr Example"
    )
    view = open_view(review)
    page = actions_page(view)
    asked = answering(
        monkeypatch, [None, ("Seen; no concerns.", False), ("Booked for Friday.", True)]
    )
    button = page.carried_buttons[action.id]
    assert button.text() == "Mark done…"
    button.click()  # cancelled: nothing changes
    assert carried_over_actions(ws, meeting_id=review.meeting_id)[0].is_open
    page.carried_buttons[action.id].click()
    (done,) = carried_over_actions(ws, meeting_id=review.meeting_id)
    assert (done.status, done.outcome) == (ActionStatus.DONE, "Seen; no concerns.")
    assert view.notice.text().startswith("Action marked done. Press Undo")
    undo = page.carried_buttons[action.id]
    assert undo.text() == "Undo" and undo.accessibleName().startswith("Undo: action from")
    page.note_buttons[action.id].click()
    (noted,) = carried_over_actions(ws, meeting_id=review.meeting_id)
    assert [(n.text, n.restricted) for n in noted.progress_notes] == [("Booked for Friday.", True)]
    undo = page.carried_buttons[action.id]
    undo.click()
    (reopened,) = carried_over_actions(ws, meeting_id=review.meeting_id)
    assert (reopened.status, reopened.outcome) == (ActionStatus.OPEN, "")
    assert page.carried_buttons[action.id].text() == "Mark done…"
    assert asked == ["Mark done…", "Mark done…", "Add progress note…"]


def test_done_chosen_for_an_action_agreed_here_asks_for_the_outcome(
    strategy: MeetingFixture, open_view, monkeypatch: pytest.MonkeyPatch
) -> None:
    ws = strategy.workspace
    add_action(ws, meeting_id=strategy.meeting_id, description="Visit", owner_name="Sam")
    view = open_view(strategy)
    view.header.start.click() if view.header.start.isVisible() else None
    page = actions_page(view)
    (line,) = page.lines.values()
    answering(monkeypatch, [None, ("Visited on Tuesday.", False)])
    done = line.status.findData(ActionStatus.DONE.value)
    line.status.setCurrentIndex(done)
    line.status.activated.emit(done)
    assert line.status.currentData() == ActionStatus.OPEN.value  # cancelled
    assert list_actions(ws, meeting_id=strategy.meeting_id)[0].is_open
    line.status.setCurrentIndex(done)
    line.status.activated.emit(done)
    (action,) = list_actions(ws, meeting_id=strategy.meeting_id)
    assert (action.status, action.outcome) == (ActionStatus.DONE, "Visited on Tuesday.")


def test_the_note_dialog_stores_through_its_callback_and_keeps_errors_in_sight(
    qtbot: QtBot,
) -> None:
    from app.errors import ValidationError
    from tests.ui.test_accessible_names import unnamed
    from tests.ui.test_mnemonics import twice

    stored: list[tuple[str, bool]] = []

    def store(text: str, restricted: bool) -> None:
        if not text.strip():
            raise ValidationError("Give the note.")
        stored.append((text, restricted))

    dialog = ActionNoteDialog(
        "Add progress note…", "&Progress:", ok_text="&Add note", intro="Action: x.", store=store
    )
    qtbot.addWidget(dialog)
    dialog.show()
    assert unnamed(dialog) == [] and twice(dialog) == []
    assert dialog.ok_button is not None
    dialog.ok_button.click()
    assert dialog.isVisible() and dialog.error.text() == "Give the note."
    qtbot.keyClicks(dialog.note, "Booked.")
    dialog.restricted.setChecked(True)
    dialog.ok_button.click()
    assert stored == [("Booked.", True)] and not dialog.isVisible()


def test_tab_reaches_undo_and_the_note_button_after_add_action(
    review: MeetingFixture, open_view, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Buttons made again after Mark done keep their place in the Tab order: from
    Add action to Undo, then Add progress note…, then the item's notes."""
    ws = review.workspace
    clock.set_clock(lambda: dt.datetime.combine(REVIEW_DATE, dt.time(15), tzinfo=dt.UTC))
    action = add_action(
        ws, meeting_id=review.strategy_id, description="Medical", owner_name="Dr Example"
    )
    page = actions_page(open_view(review))
    answering(monkeypatch, [("Seen; no concerns.", False)])
    page.carried_buttons[action.id].click()
    QApplication.processEvents()  # the buttons made again are shown
    undo, note = page.carried_buttons[action.id], page.note_buttons[action.id]
    assert undo.text() == "Undo"
    assert _next_tab_stop(page.form.add_button) is undo
    assert _next_tab_stop(undo) is note


def _next_tab_stop(widget: QWidget) -> QWidget:
    """Where Tab goes from ``widget``: the next shown, enabled widget that takes Tab."""
    found = widget.nextInFocusChain()
    while not (
        found.focusPolicy() & Qt.FocusPolicy.TabFocus and found.isVisible() and found.isEnabled()
    ):
        found = found.nextInFocusChain()
    return found


def test_the_dialog_says_the_action_once_with_one_full_stop(
    review: MeetingFixture, open_view, monkeypatch: pytest.MonkeyPatch
) -> None:
    action = add_action(
        review.workspace,
        meeting_id=review.strategy_id,
        description="Book the medical.",
        owner_name="Dr Example",
    )
    page = actions_page(open_view(review))
    intros: list[str] = []

    def ask(cls: type[ActionNoteDialog], *_: object, intro: str = "", **__: object) -> bool:
        intros.append(intro)
        return False

    monkeypatch.setattr(ActionNoteDialog, "ask", classmethod(ask))
    page.carried_buttons[action.id].click()
    page.note_buttons[action.id].click()
    assert [i.split(" ", 4)[:4] for i in intros] == [["Action:", "Book", "the", "medical."]] * 2
    assert not any(".." in i for i in intros)
