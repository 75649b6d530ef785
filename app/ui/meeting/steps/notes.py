"""A plain agenda item: its notes are the whole of it."""

from __future__ import annotations

from app.ui.meeting.steps.base import StepPage


class NotesPage(StepPage):
    """Introductions, reason for the meeting, the child's voice, analysis …"""

    notes_stretch = 1
    notes_label = "Notes"
