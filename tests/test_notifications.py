"""Who must be told what after each meeting, and the notification log."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest

from app import clock
from app.errors import NotFound, ValidationError
from app.models import MeetingType, NotificationKind, RecipientRole
from app.services.journey import notifications as notes
from app.storage.workspace import Workspace
from tests.conftest import FIXED_NOW
from tests.test_journey_fixtures import (
    PRACTITIONERS,
    hold,
    meeting_of,
    opened_copy,
    schedule,
    the_child,
    to_discharge,
)


@pytest.fixture
def ws(tmp_path_factory: pytest.TempPathFactory, tmp_path: Path) -> Iterator[Workspace]:
    workspace = opened_copy(tmp_path_factory, tmp_path, "journey-discharged", to_discharge)
    yield workspace
    workspace.close()


def _summary(recipients: list[notes.Recipient]) -> list[tuple[str, str, str]]:
    return [(r.kind.value, r.role.value, r.name) for r in recipients]


AGENCY_NAMES = [name for name, _ in PRACTITIONERS.values()]


def test_who_must_be_told_after_each_meeting(ws: Workspace) -> None:
    child = the_child(ws)
    strategy = notes.required_notifications(
        ws, meeting_id=meeting_of(ws, child, MeetingType.STRATEGY)
    )
    assert _summary(strategy) == [("strategy-outcome", "agency", n) for n in AGENCY_NAMES]
    assert [r.agency_name for r in strategy] == [
        "Children's social care",
        "Police",
        "Health",
        "Education",
    ]

    assert (
        notes.required_notifications(ws, meeting_id=meeting_of(ws, child, MeetingType.REVIEW)) == []
    )

    icpc = notes.required_notifications(ws, meeting_id=meeting_of(ws, child, MeetingType.ICPC))
    assert _summary(icpc) == [("conference-outcome", "agency", n) for n in AGENCY_NAMES] + [
        ("conference-outcome", "parent_carer", "Chris Other"),
        ("conference-outcome", "parent_carer", "Pat Testcase"),
    ]
    last = notes.required_notifications(ws, meeting_id=meeting_of(ws, child, MeetingType.RCPC))
    assert {r.kind for r in last} == {NotificationKind.DISCHARGE_DECISION}
    assert [r.role for r in last].count(RecipientRole.PARENT_CARER) == 2


def test_a_scheduled_conference_sends_invitations_and_a_running_one_nothing(ws: Workspace) -> None:
    child = the_child(ws)
    rcpc = schedule(ws, child, MeetingType.ICPC, dt.date(2026, 12, 10))
    invites = notes.required_notifications(ws, meeting_id=rcpc)
    assert {r.kind for r in invites} == {NotificationKind.CONFERENCE_INVITATION}
    assert [r.relationship for r in invites if r.role is RecipientRole.PARENT_CARER] == [
        "Father",
        "Mother",
    ]
    hold(ws, rcpc)
    assert notes.required_notifications(ws, meeting_id=rcpc) == []
    strategy = schedule(ws, child, MeetingType.STRATEGY, dt.date(2026, 12, 10))
    assert notes.required_notifications(ws, meeting_id=strategy) == []
    with pytest.raises(NotFound):
        notes.required_notifications(ws, meeting_id="no-such-meeting")


def test_the_log_keeps_what_was_sent_and_replaces_what_was_not(ws: Workspace) -> None:
    child = the_child(ws)
    meeting_id = meeting_of(ws, child, MeetingType.STRATEGY)
    recipients = notes.required_notifications(ws, meeting_id=meeting_id)
    letters = [
        notes.GeneratedLetter(r, f"letter-{n:02d}-agency.docx") for n, r in enumerate(recipients, 1)
    ]
    first = notes.record_letters(ws, meeting_id=meeting_id, letters=letters)
    assert [(r.generated_at, r.sent_at) for r in first] == [(FIXED_NOW, None)] * 4

    later = FIXED_NOW + dt.timedelta(hours=2)
    clock.set_clock(lambda: later)
    sent = notes.mark_sent(ws, notification_id=first[0].id, route="Secure email")
    assert (sent.sent_at, sent.sent_route, sent.sent_by) == (later, "Secure email", "Test Chair")
    again = notes.record_letters(ws, meeting_id=meeting_id, letters=letters)
    log = notes.notification_log(ws, meeting_id=meeting_id)
    assert len(log) == 5  # the sent letter stays; its new version is a new entry
    assert {r.id for r in again[1:]} == {r.id for r in first[1:]}
    assert again[0].id != first[0].id
    assert [r.generated_at for r in again] == [later] * 4
    assert next(r for r in log if r.id == first[0].id).generated_at == FIXED_NOW

    for when, route, message in (
        (None, " ", "how the letter was sent"),
        (later + dt.timedelta(minutes=1), "Post", "in the future"),
        (FIXED_NOW, "Post", "before the letter was written"),
        (dt.datetime(2026, 11, 23, 12, 0), "Post", "time zone"),
    ):
        with pytest.raises(ValidationError, match=message):
            notes.mark_sent(ws, notification_id=again[1].id, route=route, sent_at=when)
    with pytest.raises(NotFound):
        notes.mark_sent(ws, notification_id="gone", route="Post")
