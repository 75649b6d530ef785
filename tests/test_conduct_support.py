"""Shared set-up for the conduct tests: one workspace per module, a fresh meeting per test.

Opening a workspace costs a key derivation, so each test module shares one
and every test works on its own case and meeting in it.
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Iterator
from pathlib import Path

import pytest

from app import clock
from app.models import MeetingType, StatutoryRole
from app.services import agencies, cases, meeting_list, meetings
from app.services.workspace import create_workspace
from app.storage.workspace import Workspace
from tests.conftest import FIXED_NOW, PASSPHRASE

_refs = itertools.count(1)


def shared_workspace(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Workspace]:
    """Body of a module-scoped fixture: a real workspace made at the fixed time."""
    clock.set_clock(lambda: FIXED_NOW)
    path: Path = tmp_path_factory.mktemp("conduct") / "conduct.macpt"
    workspace = create_workspace(path, PASSPHRASE)
    workspace.actor = "Test Chair"
    clock.set_clock(None)
    yield workspace
    workspace.close()


def new_case(workspace: Workspace, **kwargs: object) -> cases.CaseSummary:
    return cases.create_case(
        workspace,
        la_child_ref=f"TEST-{next(_refs):04d}",
        first_name="Pat",
        last_name="Example",
        address="1 Pretend Street, Sampletown, ZZ99 9ZZ",
        **kwargs,  # type: ignore[arg-type]
    )


def new_meeting(
    workspace: Workspace,
    *,
    case_id: str | None = None,
    meeting_type: MeetingType = MeetingType.STRATEGY,
    on: dt.date | None = None,
) -> meeting_list.MeetingSummary:
    return meetings.schedule_meeting(
        workspace,
        case_id=case_id or new_case(workspace).case_id,
        meeting_type=meeting_type,
        scheduled_date=on or FIXED_NOW.date(),
        scheduled_time=dt.time(10, 0),
        location="Room 1, Sampletown Civic Centre",
        chair_name="Test Chair",
        minute_taker_name="Test Minutes",
    )


def started_meeting(workspace: Workspace, **kwargs: object) -> meeting_list.MeetingSummary:
    """A new meeting that has started: decisions are recorded only at a held meeting."""
    from app.services.conduct import closing

    meeting = new_meeting(workspace, **kwargs)  # type: ignore[arg-type]
    closing.start_meeting(workspace, meeting_id=meeting.id)
    return meeting


def statutory(workspace: Workspace) -> dict[StatutoryRole, agencies.AgencyRow]:
    return agencies.statutory_agencies(workspace)


def agency_id(workspace: Workspace, name: str) -> str:
    return next(a.id for a in agencies.list_agencies(workspace) if a.name == name)
