"""The chair's own steps, for the demo: start, attendance, notes, close, sign off.

Each step is the service call a chair's action makes, run with the clock set to
when it happened (``clock.frozen_at``), so a meeting held on 13 November is
started, decided and closed on 13 November and signed off the next working day.
No status is ever set by hand: every demo meeting passes every rule.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from typing import TypeVar

from app import clock
from app.services import meetings
from app.services.conduct import agenda, attendance, closing, signoff
from app.services.demo import risks
from app.storage.workspace import Workspace
from app.workdays import WorkingCalendar
from app.workflow.sections import SECTIONS

T = TypeVar("T")
CALENDAR = WorkingCalendar()

# What the minutes say under each required section, unless the story says more.
SECTION_NOTES = {
    "reason": "Demo: the concerns that brought the child to this meeting, and what has "
    "happened since the last one.",
    "child": "Demo: the social worker saw the child alone at school. The child said they "
    "like their teacher and feel sad when there is shouting at home.",
    "family": "Demo: the mother said she accepts help with routines; the father did not "
    "agree that there is a risk but will work with the plan.",
    "s47": "Demo: the joint visit took place; the child's account was consistent and the "
    "medical found no new injuries.",
    "care-plan": "Demo: the care plan and the child protection plan share one set of "
    "actions; the IRO will chair the looked-after review beside the review conference.",
}


def moment(day: dt.date, hour: int = 10, minute: int = 0) -> dt.datetime:
    return clock.from_local(day, dt.time(hour, minute))


@contextmanager
def on(day: dt.date, hour: int = 10, minute: int = 0) -> Iterator[None]:
    """Run the block as if it were ``hour:minute`` on ``day``."""
    with clock.frozen_at(moment(day, hour, minute)):
        yield


def at(day: dt.date, hour: int, minute: int, step: Callable[[], T]) -> T:
    with on(day, hour, minute):
        return step()


def held_on(workspace: Workspace, meeting_id: str) -> dt.date:
    return meetings.get_meeting(workspace, meeting_id=meeting_id).scheduled_date


def start(workspace: Workspace, meeting_id: str, *, everyone_attends: bool = True) -> dt.date:
    """Start the meeting at ten on its day; mark the invitees who came as arrived."""
    day = held_on(workspace, meeting_id)
    with on(day, 10):
        closing.start_meeting(workspace, meeting_id=meeting_id)
        if everyone_attends:
            attendance.mark_everyone_arrived(workspace, meeting_id=meeting_id)
    return day


def write_sections(
    workspace: Workspace, meeting_id: str, notes: Mapping[str, str] | None = None
) -> None:
    """Notes under each section the minutes require (``notes`` by section key, else a
    fictional default), leaving any item already written as it is."""
    day = held_on(workspace, meeting_id)
    texts = {**SECTION_NOTES, **(notes or {})}
    with on(day, 10, 20):
        for item in agenda.list_agenda(workspace, meeting_id=meeting_id):
            if item.notes.strip():
                continue
            for section in SECTIONS:
                if section.matches(item.title):
                    agenda.save_agenda_notes(workspace, item_id=item.id, notes=texts[section.key])
                    break


def close(workspace: Workspace, meeting_id: str) -> None:
    """Close the meeting at half past eleven on its day (the rules decide if it may),
    having said whether the child is thought to pose a risk to others."""
    day = held_on(workspace, meeting_id)
    at(day, 11, 20, lambda: risks.answer(workspace, meeting_id))
    at(day, 11, 30, lambda: closing.close_meeting(workspace, meeting_id=meeting_id))


def sign(workspace: Workspace, meeting_id: str) -> None:
    """Sign off the minutes at nine the next working day."""
    day = CALENDAR.add_working_days(held_on(workspace, meeting_id), 1)
    at(day, 9, 0, lambda: signoff.sign_off(workspace, meeting_id=meeting_id))


def finish(workspace: Workspace, meeting_id: str, *, signed: bool = True) -> None:
    close(workspace, meeting_id)
    if signed:
        sign(workspace, meeting_id)
