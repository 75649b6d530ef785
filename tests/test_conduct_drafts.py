"""Drafts: kept until confirmed, cleared by recording or signing off, never a record."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from app import clock
from app.errors import NotFound, RecordLocked
from app.services.conduct import closing, drafts, signoff
from app.storage import audit
from app.storage.workspace import Workspace
from tests.conftest import FIXED_NOW
from tests.test_conduct_closing import chair_a_meeting
from tests.test_conduct_support import shared_workspace


@pytest.fixture(scope="module")
def ws(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Workspace]:
    yield from shared_workspace(tmp_path_factory)


def test_a_draft_is_kept_replaced_and_cleared_by_prefix(ws: Workspace) -> None:
    meeting_id = chair_a_meeting(ws)
    drafts.save_draft(ws, meeting_id=meeting_id, field_key="item-a/Reason#0", draft="First")
    drafts.save_draft(ws, meeting_id=meeting_id, field_key="item-a/Reason#0", draft="Second\nline")
    drafts.save_draft(ws, meeting_id=meeting_id, field_key="item-b/Worry#0", draft="Kept")
    rows = {r.field_key: r.text for r in drafts.list_drafts(ws, meeting_id=meeting_id)}
    assert rows == {"item-a/Reason#0": "Second\nline", "item-b/Worry#0": "Kept"}
    assert drafts.clear_drafts(ws, meeting_id=meeting_id, prefix="item-a/") == 1
    rows = {r.field_key: r.text for r in drafts.list_drafts(ws, meeting_id=meeting_id)}
    assert rows == {"item-b/Worry#0": "Kept"}
    # A draft is scratch, not a record: the audit log does not list it.
    assert "draft" not in audit.record_tables()


def test_the_time_of_a_draft_comes_from_the_clock(ws: Workspace) -> None:
    meeting_id = chair_a_meeting(ws)
    clock.set_clock(lambda: FIXED_NOW)
    try:
        row = drafts.save_draft(ws, meeting_id=meeting_id, field_key="k", draft="x")
    finally:
        clock.set_clock(None)
    assert row.updated_at == FIXED_NOW


def test_a_closed_meeting_keeps_drafts_and_signing_off_removes_them(ws: Workspace) -> None:
    meeting_id = chair_a_meeting(ws)
    closing.close_meeting(ws, meeting_id=meeting_id)
    # The signed-off guards do not stand in a draft's way before sign-off ...
    drafts.save_draft(ws, meeting_id=meeting_id, field_key="item/Reason#0", draft="Late thought")
    signoff.sign_off(ws, meeting_id=meeting_id)
    # ... and signing off takes every draft away with it.
    assert drafts.list_drafts(ws, meeting_id=meeting_id) == []
    with pytest.raises(RecordLocked):
        drafts.save_draft(ws, meeting_id=meeting_id, field_key="item/Reason#0", draft="x")
    assert drafts.clear_drafts(ws, meeting_id=meeting_id) == 0


def test_a_draft_needs_a_meeting(ws: Workspace) -> None:
    with pytest.raises(NotFound):
        drafts.save_draft(ws, meeting_id="no-such-meeting", field_key="k", draft="x")
