"""Coming back to a meeting returns to the item the chair was on, not to item 1.

The item is kept beside the meeting's drafts (``services.conduct.drafts``) at
each move, so a lock, an idle lock, leaving meeting mode or a crash all find it.
"""

from __future__ import annotations

import contextlib

from app.services.conduct.drafts import remember_item, remembered_item
from app.ui.meeting.state import MeetingState
from app.ui.widgets import user_message


def keep_current_item(state: MeetingState) -> None:
    """Keep the item the chair is on (nothing is kept for signed-off minutes)."""
    if not state.editable:
        return
    try:
        remember_item(
            state.workspace,
            meeting_id=state.meeting_id,
            agenda_item_id=state.flow.current.agenda_item_id,
        )
    except Exception as exc:  # a convenience only: say so, the move stands
        state.fail(user_message(exc))


def return_to_kept_item(state: MeetingState) -> None:
    """Put the step model on the item kept last time, and tell the chair."""
    if not state.editable:
        return
    item_id = remembered_item(state.workspace, meeting_id=state.meeting_id)
    if item_id is None:
        return
    with contextlib.suppress(LookupError):  # the item was taken off the agenda
        step = state.flow.jump_to_item(item_id)
        if state.flow.index:
            state.tell(f"Back at item {state.flow.index + 1}, {step.title}, where you were.")
