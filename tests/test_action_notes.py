"""Notes on agreed actions: progress notes appended and kept, an outcome when done,
"Mark done" undone, the sign-off rule for progress, and the minutes."""

from __future__ import annotations

import datetime as dt
import io
import json
import sys
from collections.abc import Iterator
from pathlib import Path

import docx
import pytest
import sqlalchemy.exc

from app import clock
from app.cli import main
from app.errors import RecordLocked, ValidationError
from app.exporters.minutes import export_minutes
from app.exporters.minutes_redact import redact_record
from app.models import ActionNoteKind, ActionStatus, MeetingStatus, StatutoryRole
from app.services.conduct import actions
from app.services.conduct.record import meeting_record
from app.services.conduct.restriction import load_restrictions
from app.storage.workspace import Workspace
from tests.conftest import FIXED_NOW, PASSPHRASE
from tests.helpers.held_meetings import hold_until
from tests.test_conduct_support import new_meeting, shared_workspace, started_meeting, statutory

TODAY = FIXED_NOW.date()


@pytest.fixture(scope="module")
def ws(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Workspace]:
    yield from shared_workspace(tmp_path_factory)


def test_progress_notes_are_appended_with_the_chair_and_the_time(ws: Workspace) -> None:
    meeting = new_meeting(ws)
    action = actions.add_action(ws, meeting_id=meeting.id, description="Home visit")
    with pytest.raises(ValidationError, match="Give the note"):
        actions.add_progress_note(ws, action_id=action.id, note="  ")
    clock.set_clock(lambda: FIXED_NOW)
    actions.add_progress_note(ws, action_id=action.id, note="Visit booked for Friday.")
    later = FIXED_NOW + dt.timedelta(hours=2)
    clock.set_clock(lambda: later)
    row = actions.add_progress_note(
        ws, action_id=action.id, note="Family asked to move it.", restricted=True
    )
    first, second = row.progress_notes
    assert (first.text, first.author, first.written_at, first.restricted) == (
        "Visit booked for Friday.",
        "Test Chair",
        FIXED_NOW,
        False,
    )
    assert (second.written_at, second.restricted) == (later, True)
    # A note that mentions police-investigative matters starts restricted.
    police = actions.add_progress_note(
        ws, action_id=action.id, note="The father was arrested on Tuesday."
    ).progress_notes[-1]
    assert police.restricted
    assert [n.kind for n in row.progress_notes] == [ActionNoteKind.PROGRESS] * 2
    # Append-only: the database refuses a change or a deletion.
    for statement in (
        f"UPDATE action_note SET text = 'changed' WHERE id = '{first.id}'",
        f"DELETE FROM action_note WHERE id = '{first.id}'",
    ):
        with (
            pytest.raises(sqlalchemy.exc.IntegrityError, match="not changed"),
            ws.engine.begin() as connection,
        ):
            connection.exec_driver_sql(statement)
    # An action with a history was not added in error.
    with pytest.raises(ValidationError, match="Cancel it instead"):
        actions.remove_action(ws, action_id=action.id)


def test_the_outcome_stands_until_mark_done_is_undone(ws: Workspace) -> None:
    meeting = new_meeting(ws)
    action = actions.add_action(ws, meeting_id=meeting.id, description="Medical")
    done = actions.complete_action(
        ws, action_id=action.id, outcome_note="Seen by the paediatrician; no concerns."
    )
    assert done.status is ActionStatus.DONE
    assert done.outcome == "Seen by the paediatrician; no concerns."
    undone = actions.reopen_action(ws, action_id=action.id)
    assert (undone.status, undone.outcome, undone.completed_on) == (ActionStatus.OPEN, "", None)
    # Done again without a note: the earlier outcome does not come back.
    assert actions.complete_action(ws, action_id=action.id).outcome == ""
    again = actions.complete_action(ws, action_id=action.id, outcome_note="Second look.")
    assert again.outcome == "Second look."
    with ws.engine.connect() as connection:
        kinds = connection.exec_driver_sql(
            "SELECT kind FROM action_note WHERE action_id = ? ORDER BY rowid", (action.id,)
        ).all()
    assert [k for (k,) in kinds] == ["outcome", "reopened", "outcome"]
    # Cancelled: no outcome is shown.
    assert actions.cancel_action(ws, action_id=action.id).outcome == ""


def test_notes_follow_the_rule_for_progress_after_sign_off(ws: Workspace) -> None:
    first = new_meeting(ws, on=TODAY - dt.timedelta(days=7))
    action = actions.add_action(ws, meeting_id=first.id, description="Checks", owner_name="Jo")
    actions.edit_action(ws, action_id=action.id, due_date=TODAY)
    hold_until(ws, first.id, MeetingStatus.SIGNED_OFF)
    second = new_meeting(ws, case_id=first.case_id)
    with pytest.raises(RecordLocked):
        actions.add_progress_note(ws, action_id=action.id, note="At the signed meeting.")
    noted = actions.add_progress_note(
        ws, action_id=action.id, note="Checks back.", at_meeting_id=second.id
    )
    assert [n.text for n in noted.progress_notes] == ["Checks back."]
    done = actions.complete_action(
        ws, action_id=action.id, at_meeting_id=second.id, outcome_note="Nothing known."
    )
    assert done.outcome == "Nothing known."
    carried = actions.carried_over_actions(ws, meeting_id=second.id)
    assert [a.outcome for a in carried] == ["Nothing known."]
    other = new_meeting(ws)
    with pytest.raises(ValidationError, match="another case"):
        actions.add_progress_note(ws, action_id=action.id, note="x", at_meeting_id=other.id)


def _text(path: Path) -> str:
    document = docx.Document(str(path))
    cells = [c.text for t in document.tables for r in t.rows for c in r.cells]
    return "\n".join([p.text for p in document.paragraphs] + cells)


def test_the_minutes_show_the_outcome_and_a_family_copy_leaves_a_restricted_one_out(
    ws: Workspace, tmp_path: Path
) -> None:
    meeting = started_meeting(ws)
    shared = actions.add_action(ws, meeting_id=meeting.id, description="School place")
    private = actions.add_action(
        ws,
        meeting_id=meeting.id,
        description="Housing referral",
        owner_agency_id=statutory(ws)[StatutoryRole.EDUCATION].id,
    )
    actions.complete_action(ws, action_id=shared.id, outcome_note="Started on Monday.")
    actions.complete_action(
        ws, action_id=private.id, outcome_note="OUTCOME-CANARY", outcome_restricted=True
    )
    exported = export_minutes(ws, meeting_id=meeting.id, target=tmp_path / "draft.docx")
    text = _text(exported.path)
    assert "Outcome: Started on Monday." in text and "Outcome: OUTCOME-CANARY" in text
    record = meeting_record(ws, meeting_id=meeting.id)
    family = redact_record(record, load_restrictions(ws, meeting_id=meeting.id))
    outcomes = {a.description: a.outcome for a in family.actions}
    assert outcomes == {"School place": "Started on Monday.", "Housing referral": ""}


def test_macpt_meeting_show_gives_outcomes_and_notes_as_text_objects(
    workspace: Workspace,
    workspace_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    meeting = started_meeting(workspace)
    action = actions.add_action(workspace, meeting_id=meeting.id, description="Medical")
    actions.add_progress_note(workspace, action_id=action.id, note="Booked.", restricted=True)
    actions.complete_action(workspace, action_id=action.id, outcome_note="Seen; well.")
    workspace.close()
    monkeypatch.setattr(sys, "stdin", io.StringIO(PASSPHRASE + "\n"))
    where = ["--workspace", str(workspace_path), "--passphrase-stdin", "--json"]
    assert main(["meeting", "show", meeting.id, *where]) == 0
    (shown,) = json.loads(capsys.readouterr().out)["actions"]
    assert shown["outcome"] == {"text": "Seen; well.", "restricted": False}
    (note,) = shown["progress_notes"]
    assert note["text"] == {"text": "Booked.", "restricted": True}
    assert note["author"] == "Test Chair" and note["kind"] == "progress"


def test_the_demo_shows_an_outcome_and_a_progress_note(demo_workspace: Workspace) -> None:
    with demo_workspace.engine.connect() as connection:
        kinds = dict(
            connection.exec_driver_sql("SELECT kind, count(*) FROM action_note GROUP BY kind").all()
        )
    assert kinds.get("outcome", 0) >= 1 and kinds.get("progress", 0) >= 1
