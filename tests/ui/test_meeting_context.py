"""Meeting mode for a child's meeting held about a place with other children's: the
context, this child's part of it, and an action for the body responsible."""

from __future__ import annotations

import datetime as dt

from app.models import ContextKind, MeetingType, ResponsibleKind
from app.services import cases, contexts
from app.services.conduct.actions import list_actions
from app.services.contextual_meetings import meeting_context, schedule_contextual_meeting
from app.ui.meeting.context_dialog import MeetingContextDialog

pytest_plugins = ["tests.ui.test_meeting_support"]


def _sitting(strategy) -> list[str]:  # type: ignore[no-untyped-def]
    ws = strategy.workspace
    case_ids = [
        cases.create_case(ws, la_child_ref=ref, first_name=first, last_name="Uitest").case_id
        for ref, first in (("UI-CTX-1", "Juno"), ("UI-CTX-2", "Ellis"))
    ]
    place = contexts.create_context(ws, kind=ContextKind.PLACE, name="Testtown bus station")
    contexts.add_responsible(
        ws, context_id=place.id, name="Testtown Buses Ltd", kind=ResponsibleKind.TRANSPORT
    )
    sitting = schedule_contextual_meeting(
        ws,
        context_id=place.id,
        case_ids=case_ids,
        meeting_type=MeetingType.STRATEGY,
        scheduled_date=dt.date(2026, 11, 23),
        chair_name="Jordan Test-Chair",
    )
    return [m.id for m in sitting.meetings]


def test_the_context_button_shows_only_for_a_meeting_about_a_context(strategy, open_view) -> None:  # type: ignore[no-untyped-def]
    first, _ = _sitting(strategy)
    assert not open_view(strategy).header.context.isVisible()
    view = open_view(strategy, first)
    assert view.header.context.isVisible()


def test_the_chair_records_the_childs_part_and_an_action(strategy, open_view) -> None:  # type: ignore[no-untyped-def]
    first, second = _sitting(strategy)
    view = open_view(strategy, first)
    view.header.context.click()
    dialog = view.dialog
    assert isinstance(dialog, MeetingContextDialog)
    assert "Testtown bus station" in dialog.summary.text()
    dialog.discussion.setPlainText("No CCTV in the waiting room (test).")
    dialog.parents.setPlainText("Juno's parent reports missing episodes at once.")
    dialog.participation.setPlainText("Ellis came too.")  # another child of the sitting
    assert dialog.ok_button is not None
    dialog.ok_button.click()
    assert "names another child" in dialog.error.text() and dialog.isVisible()
    dialog.participation.setPlainText("Juno's views were read out.")
    dialog.action.setText("Fit CCTV (test)")
    dialog.ok_button.click()
    assert not dialog.isVisible()
    mine = meeting_context(strategy.workspace, meeting_id=first)
    theirs = meeting_context(strategy.workspace, meeting_id=second)
    assert mine is not None and theirs is not None
    assert mine.child_participation == "Juno's views were read out."
    assert theirs.discussion == "No CCTV in the waiting room (test)."
    assert theirs.parents_as_partners == ""  # the child's own part stays with the child
    (action,) = list_actions(strategy.workspace, meeting_id=first)
    assert action.owner_name == "Testtown Buses Ltd"
