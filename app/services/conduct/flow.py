"""Load the chair's step model (app.workflow) for one meeting, in one read."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from app import clock
from app.errors import ValidationError
from app.services.conduct._common import get_meeting
from app.services.conduct.agenda import agenda_row, meeting_items
from app.services.conduct.closing import facts_for
from app.storage.workspace import Workspace
from app.workflow import MeetingFlow
from app.workflow.steps import steps_from_agenda


def load_flow(
    workspace: Workspace,
    *,
    meeting_id: str,
    now: Callable[[], dt.datetime] = clock.utcnow,
) -> MeetingFlow:
    """The meeting's steps, its start, the time already spent per item and its facts.

    The flow holds no session: store its ``time_spent()`` with
    ``agenda.save_time_spent`` and refresh it with ``closing.meeting_facts``.
    """
    with workspace.reading() as session:
        meeting = get_meeting(session, meeting_id)
        items = [agenda_row(i) for i in meeting_items(session, meeting_id)]
        if not items:
            raise ValidationError("This meeting has no agenda. Add an agenda item first.")
        return MeetingFlow(
            steps_from_agenda(items),
            now=now,
            started_at=meeting.started_at,
            spent={i.id: i.seconds_spent for i in items},
            facts=facts_for(session, meeting),
        )
