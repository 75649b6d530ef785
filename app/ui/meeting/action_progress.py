"""Recording progress on an agreed action from meeting mode: "Mark done…" with an
optional outcome, and "Add progress note…". Each asks in a small dialog and makes
one service call; the undo of "Mark done" is the page's (it reopens the action)."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from app.services.conduct import actions as service
from app.services.conduct.actions import ActionRow
from app.ui.dialogs.action_note import ActionNoteDialog
from app.ui.meeting.state import MeetingState

MARKED_DONE = "Action marked done. Press Undo beside it to undo."
NOTE_ADDED = "Progress note added to the action."


def _about(row: ActionRow) -> str:
    """The action as a sentence: its own full stop is kept, never doubled."""
    said = row.description.strip()
    return f"Action: {said}" + ("" if said.endswith((".", "!", "?")) else ".")


def mark_done(parent: QWidget, state: MeetingState, row: ActionRow) -> bool:
    """Ask for the outcome (optional) and mark the action done; False if cancelled."""
    ws, meeting_id = state.workspace, state.meeting_id

    def store(text: str, restricted: bool) -> object:
        return service.complete_action(
            ws,
            action_id=row.id,
            at_meeting_id=meeting_id,
            outcome_note=text,
            outcome_restricted=restricted,
        )

    done = ActionNoteDialog.ask(
        parent,
        "Mark done…",
        "&Outcome (optional):",
        ok_text="&Mark done",
        intro=_about(row) + " What came of it goes in the minutes with it.",
        store=store,
    )
    if done:
        state.changed()
    return done


def add_progress_note(parent: QWidget, state: MeetingState, row: ActionRow) -> bool:
    """Ask for a progress note and append it to the action; False if cancelled."""
    ws, meeting_id = state.workspace, state.meeting_id

    def store(text: str, restricted: bool) -> object:
        return service.add_progress_note(
            ws, action_id=row.id, note=text, restricted=restricted, at_meeting_id=meeting_id
        )

    added = ActionNoteDialog.ask(
        parent,
        "Add progress note…",
        "&Progress:",
        ok_text="&Add note",
        intro=_about(row) + " Notes are kept as written, with your name and the time.",
        store=store,
    )
    if added:
        state.changed()
        state.tell(NOTE_ADDED)
    return added
