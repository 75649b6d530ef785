"""Actions: what, who, by when; and open actions carried into the case's next meeting."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pytest

from app.errors import NotFound, RecordLocked, ValidationError
from app.models import ActionStatus, MeetingStatus, StatutoryRole
from app.services.conduct import actions
from app.storage.workspace import Workspace
from tests.conftest import FIXED_NOW
from tests.helpers.held_meetings import hold_until
from tests.test_conduct_support import new_meeting, shared_workspace, statutory

TODAY = FIXED_NOW.date()


@pytest.fixture(scope="module")
def ws(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Workspace]:
    yield from shared_workspace(tmp_path_factory)


def test_add_edit_complete_cancel(ws: Workspace) -> None:
    meeting = new_meeting(ws)
    police = statutory(ws)[StatutoryRole.POLICE].id
    with pytest.raises(ValidationError, match="what the action is"):
        actions.add_action(ws, meeting_id=meeting.id, description="  ")
    visit = actions.add_action(
        ws,
        meeting_id=meeting.id,
        description="Joint visit to see the child at home",
        owner_name="Sam Example",
        owner_agency_id=police,
        due_date=TODAY + dt.timedelta(days=1),
    )
    assert (visit.number, visit.owner_agency_name, visit.status) == (1, "Police", ActionStatus.OPEN)
    checks = actions.add_action(ws, meeting_id=meeting.id, description="Health checks")
    assert checks.number == 2 and checks.owner_name == "" and checks.due_date is None

    edited = actions.edit_action(
        ws, action_id=checks.id, owner_name=" Jo Example ", due_date=TODAY + dt.timedelta(days=3)
    )
    assert edited.owner_name == "Jo Example" and edited.due_date == TODAY + dt.timedelta(days=3)
    assert edited.description == "Health checks"
    cleared = actions.edit_action(ws, action_id=checks.id, due_date=None)
    assert cleared.due_date is None and cleared.owner_name == "Jo Example"

    done = actions.complete_action(ws, action_id=visit.id)
    assert done.status is ActionStatus.DONE and done.completed_on == TODAY
    assert not done.is_open
    cancelled = actions.cancel_action(ws, action_id=checks.id)
    assert cancelled.status is ActionStatus.CANCELLED
    reopened = actions.reopen_action(ws, action_id=checks.id)
    assert reopened.is_open and reopened.completed_on is None
    assert reopened.overdue(TODAY) is False

    actions.remove_action(ws, action_id=checks.id)
    assert [a.id for a in actions.list_actions(ws, meeting_id=meeting.id)] == [visit.id]
    with pytest.raises(NotFound):
        actions.edit_action(ws, action_id=checks.id, description="x")


def test_open_actions_are_carried_into_the_next_meeting(ws: Workspace) -> None:
    first = new_meeting(ws, on=TODAY - dt.timedelta(days=7))
    open_one = actions.add_action(
        ws,
        meeting_id=first.id,
        description="Medical",
        owner_name="Dr Example",
        due_date=TODAY - dt.timedelta(days=2),
    )
    done_before = actions.add_action(ws, meeting_id=first.id, description="Checks")
    actions.complete_action(ws, action_id=done_before.id, on=TODAY - dt.timedelta(days=5))
    cancelled = actions.add_action(ws, meeting_id=first.id, description="Not needed")
    actions.cancel_action(ws, action_id=cancelled.id)  # today: on the next meeting's date

    second = new_meeting(ws, case_id=first.case_id)
    here = actions.add_action(ws, meeting_id=second.id, description="Review in a week")
    carried = actions.carried_over_actions(ws, meeting_id=second.id)
    assert [a.id for a in carried] == [open_one.id, cancelled.id]
    assert carried[0].raised_on == TODAY - dt.timedelta(days=7)
    assert carried[0].overdue(TODAY)
    assert here.id not in [a.id for a in carried]
    # Actions from another case never appear; the first meeting carries nothing in.
    other = new_meeting(ws)
    assert actions.carried_over_actions(ws, meeting_id=other.id) == []
    assert actions.carried_over_actions(ws, meeting_id=first.id) == []

    # Completed at the second meeting, after the first was signed off.
    actions.edit_action(ws, action_id=done_before.id, owner_name="Jo Example", due_date=TODAY)
    hold_until(ws, first.id, MeetingStatus.SIGNED_OFF)
    with pytest.raises(RecordLocked):
        actions.complete_action(ws, action_id=open_one.id)
    with pytest.raises(RecordLocked):
        actions.edit_action(ws, action_id=open_one.id, owner_name="Someone else")
    done = actions.complete_action(ws, action_id=open_one.id, at_meeting_id=second.id)
    assert done.status is ActionStatus.DONE
    # Still shown at the second meeting (it was dealt with there), now done.
    carried = {a.id: a for a in actions.carried_over_actions(ws, meeting_id=second.id)}
    assert carried[open_one.id].status is ActionStatus.DONE
    # A third meeting next week no longer carries it.
    third = new_meeting(ws, case_id=first.case_id, on=TODAY + dt.timedelta(days=7))
    assert open_one.id not in [a.id for a in actions.carried_over_actions(ws, meeting_id=third.id)]
    assert here.id in [a.id for a in actions.carried_over_actions(ws, meeting_id=third.id)]
    with pytest.raises(ValidationError, match="another case"):
        actions.complete_action(ws, action_id=here.id, at_meeting_id=other.id)
