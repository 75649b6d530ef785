"""Revision 0021: legal planning meetings widen the meeting type constraints (keeping
every trigger on the rebuilt tables, the search index's too) and add the decision
table, guarded once signed off; going down drops the decisions, logged."""

from __future__ import annotations

import datetime as dt

import pytest
from alembic import command
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError

from app.models import LegalDecision, MeetingType
from app.services import meetings
from app.services.conduct import closing, signoff
from app.services.conduct.legal_planning import record_legal_decision
from app.services.demo import chairing
from app.services.workspace import open_workspace
from app.storage import migrate
from app.storage.workspace import Workspace
from tests.conftest import PASSPHRASE
from tests.test_journey_fixtures import hold, new_child

DAY = dt.date(2026, 11, 20)


def _sql(workspace: Workspace, name: str) -> str:
    with workspace.engine.connect() as connection:
        found = connection.execute(
            text("SELECT sql FROM sqlite_master WHERE name = :name"), {"name": name}
        ).scalar()
    return str(found or "")


def _triggers(workspace: Workspace) -> list[tuple[str, str]]:
    with workspace.engine.connect() as connection:
        rows = connection.execute(
            text("SELECT name, sql FROM sqlite_master WHERE type = 'trigger' ORDER BY name")
        ).all()
    return [(str(n), str(q)) for n, q in rows]


def _down(workspace: Workspace) -> None:
    with migrate.migrating(workspace.engine) as connection:
        command.downgrade(migrate.alembic_config(connection), "0020_s47_enquiry")


def test_down_narrows_the_types_and_up_widens_them_keeping_every_trigger(
    workspace: Workspace,
) -> None:
    at_head = _triggers(workspace)
    assert "legal-planning" in _sql(workspace, "meeting")
    assert {"meeting_search_insert", "meeting_signed_update"} <= {n for n, _ in at_head}
    path = workspace.path
    _down(workspace)
    assert "legal-planning" not in _sql(workspace, "meeting")
    assert "legal-planning" not in _sql(workspace, "agenda_template_item")
    assert _sql(workspace, "legal_planning_decision") == ""
    after = _triggers(workspace)
    # Going below 0021 passes the later revisions too, which drop their own triggers.
    dropped = (
        "legal_planning_decision_",
        "action_note_",
        "meeting_context_",
        "action_owner_context_",
        "context_disruption_",
    )
    assert after == [t for t in at_head if not t[0].startswith(dropped)]
    workspace.close()
    with open_workspace(path, PASSPHRASE) as reopened:
        assert _triggers(reopened) == at_head
        assert reopened.integrity_problems() == []


def test_a_held_legal_planning_meeting_keeps_the_wider_types_going_down(
    workspace: Workspace,
) -> None:
    child = new_child(workspace)
    meeting_id = meetings.schedule_meeting(
        workspace,
        case_id=child.case_id,
        meeting_type=MeetingType.LEGAL_PLANNING,
        scheduled_date=DAY,
        chair_name="Lee Example-Chair",
    ).id
    hold(workspace, meeting_id)
    chairing.write_sections(workspace, meeting_id)
    row = record_legal_decision(
        workspace,
        meeting_id=meeting_id,
        decision=LegalDecision.START_PRE_PROCEEDINGS,
        reasons="Fictional reasons.",
    )
    closing.close_meeting(workspace, meeting_id=meeting_id)
    signoff.sign_off(workspace, meeting_id=meeting_id)
    # Signed off: the decision is part of the record and changes only by an amendment.
    with pytest.raises(DBAPIError, match="amendment"), workspace.engine.begin() as c:
        c.execute(text("UPDATE legal_planning_decision SET reasons = 'x'"))
    assert row.started_on == DAY
    path = workspace.path
    _down(workspace)
    assert "legal-planning" in _sql(workspace, "meeting")
    with workspace.engine.connect() as connection:
        logged = connection.execute(
            text(
                "SELECT action FROM audit_log WHERE record_table = 'legal_planning_decision'"
                " ORDER BY seq DESC LIMIT 1"
            )
        ).scalar()
    assert logged == "delete"
    workspace.close()
    with open_workspace(path, PASSPHRASE) as reopened:
        assert meetings.get_meeting(reopened, meeting_id=meeting_id).meeting_type is (
            MeetingType.LEGAL_PLANNING
        )
        assert reopened.integrity_problems() == []
