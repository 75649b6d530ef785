"""The demo's strategy meetings: every part of a meeting filled in, and consistent."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from app import clock
from app.models import AttendanceStatus, MeetingStatus, MeetingType, MinutesIssueKind, StatutoryRole
from app.services import meeting_list
from app.services.conduct import closing, invitations, record
from app.services.demo import core
from app.services.workspace import open_workspace
from app.storage.workspace import Workspace
from tests.conftest import FIXED_NOW, PASSPHRASE
from tests.helpers import workspaces


@pytest.fixture(scope="module")
def ws(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Workspace]:
    source = workspaces.template("demo", tmp_path_factory.mktemp, workspaces.demo)
    path = workspaces.copy_workspace(source, tmp_path_factory.mktemp("demo") / "w.macpt")
    clock.set_clock(lambda: FIXED_NOW)
    try:
        workspace = open_workspace(path, PASSPHRASE)
    finally:
        clock.set_clock(None)
    workspace.actor = "Test Chair"
    yield workspace
    workspace.close()


def strategy(ws: Workspace, ref: str, status: MeetingStatus) -> record.MeetingRecord:
    (found,) = [
        m
        for m in meeting_list.list_meetings(ws)
        if m.la_child_ref == ref and m.meeting_type is MeetingType.STRATEGY and m.status is status
    ]
    return record.meeting_record(ws, meeting_id=found.id)


def test_every_status_of_strategy_meeting_is_there(ws: Workspace) -> None:
    found = {
        m.status for m in meeting_list.list_meetings(ws) if m.meeting_type is MeetingType.STRATEGY
    }
    assert found == set(MeetingStatus)
    assert ws.integrity_problems() == []


def test_the_signed_off_meeting_has_everything(ws: Workspace) -> None:
    rec = strategy(ws, "DEMO0006", MeetingStatus.SIGNED_OFF)
    assert rec.gaps == ()
    statuses = {a.status for g in rec.attendance for a in g.attendees}
    assert {
        AttendanceStatus.ATTENDED,
        AttendanceStatus.APOLOGIES,
        AttendanceStatus.SENT_INFORMATION,
    } <= statuses
    assert any(a.walk_in for g in rec.attendance for a in g.attendees)
    assert all(item.notes for item in rec.agenda)
    police = [i for i in rec.agency_information if i.agency_name == "Police"]
    assert police and police[0].restricted
    assert rec.decision is not None and rec.decision.rationale and rec.decision.dissent
    assert rec.decision.decided_at is not None
    assert rec.decision.decided_at.date() == rec.scheduled_date
    assert any(not v.agrees and v.comment for v in rec.agency_views)
    assert rec.actions and all(a.owner_name and a.due_date for a in rec.actions)
    assert rec.timescales is not None and rec.timescales.stored
    assert [(i.version, i.kind) for i in rec.minutes_issues] == [
        (1, MinutesIssueKind.SIGNED_OFF),
        (2, MinutesIssueKind.REISSUED),
    ]
    (amendment,) = rec.amendments
    assert amendment.version == 2 and amendment.reason


def test_the_closed_meeting_went_ahead_without_the_police(ws: Workspace) -> None:
    rec = strategy(ws, "DEMO0007", MeetingStatus.CLOSED)
    assert rec.gaps == ()
    (ack,) = rec.acknowledgements
    assert ack.role is StatutoryRole.POLICE and ack.still_absent and ack.reason
    assert rec.decision is not None and rec.decision.outcome is not None


def test_the_reconvened_meeting_carries_actions_and_prompts_for_the_guardian(
    ws: Workspace,
) -> None:
    rec = strategy(ws, "DEMO0007", MeetingStatus.SCHEDULED)
    assert len(rec.carried_over_actions) == 2
    assert all(a.is_open for a in rec.carried_over_actions)
    # The directory's practitioners are invited by default.
    assert all(a.name for g in rec.attendance for a in g.attendees)
    prompt = invitations.guardian_prompt(ws, meeting_id=rec.meeting_id)
    assert prompt is not None and "private law" in prompt.message


def test_the_core_demo_meetings_are_filled_in_to_match_their_status(ws: Workspace) -> None:
    core_refs = {child[0] for child in core.CHILDREN}
    for status in (MeetingStatus.CLOSED, MeetingStatus.SIGNED_OFF):
        for m in meeting_list.list_meetings(ws):
            if (
                m.la_child_ref in core_refs
                and m.meeting_type is MeetingType.STRATEGY
                and m.status is status
            ):
                summary = closing.closing_summary(ws, meeting_id=m.id)
                assert summary.can_close, (m.la_child_ref, summary.blockers)
    in_progress = strategy(ws, "DEMO0002", MeetingStatus.IN_PROGRESS)
    assert in_progress.agenda[1].notes and in_progress.decision is None


def test_the_demo_is_obviously_fictional(ws: Workspace) -> None:
    ours = {child[0] for child in core.CHILDREN} | {"DEMO0006", "DEMO0007"}
    for m in meeting_list.list_meetings(ws):
        if m.la_child_ref not in ours:
            continue  # other demo parts check their own
        rec = record.meeting_record(ws, meeting_id=m.id)
        people = [a.name for g in rec.attendance for a in g.attendees if not a.is_family]
        assert all("Demo" in name for name in people if name), people
