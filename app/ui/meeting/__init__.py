"""Meeting mode: the chair's guided, keyboard-first view of one meeting.

The main window shows ``MeetingView(workspace, meeting_id, parent)`` and
listens to its ``closed`` signal. ``InvitationsDialog(workspace, meeting_id,
parent)`` is also used from the case view.
"""

from app.ui.meeting.invitations_dialog import InvitationsDialog
from app.ui.meeting.view import MeetingView

__all__ = ["InvitationsDialog", "MeetingView"]
