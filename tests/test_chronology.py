"""The chronology for court: significant events, the gatherer across a child's
cases, and the Word document read back, in real SQLCipher workspaces."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import docx
import pytest
from sqlalchemy import select

from app import clock
from app.errors import NotFound, ValidationError
from app.exporters.chronology import COLUMNS, RESTRICTED_STATEMENT, court_date, export_chronology
from app.exporters.docx_base import MARKING
from app.models import AuditEntry, SignificantEvent
from app.services.chronology import chronology
from app.services.conduct.restriction import load_restrictions, set_restriction
from app.services.significant_events import (
    add_significant_event,
    child_id_for,
    correct_significant_event,
    list_significant_events,
    retire_significant_event,
)
from app.storage.workspace import Workspace
from tests.test_minutes_sample import RATIONALE, add_full_meeting


def _table_rows(document: Any) -> list[list[str]]:
    table = document.tables[-1]
    return [[cell.text for cell in row.cells] for row in table.rows]


def test_the_demo_chronology_runs_in_date_order_with_every_kind_of_entry(
    demo_workspace: Workspace,
) -> None:
    data = chronology(demo_workspace, child_ref="DEMO0301")
    days = [entry.on for entry in data.entries]
    assert days == sorted(days)
    events = [entry.event for entry in data.entries]
    for expected in (
        "Case opened by the MACPT",
        "Strategy meeting (held; minutes signed off)",
        "Five-day review meeting (held; minutes signed off)",
        "Initial child protection conference (held; minutes signed off)",
        "Child protection plan started",
        "Interim safety plan, version 2",
        "Child protection plan ended",
    ):
        assert expected in events
    strategy = next(e for e in data.entries if e.event.startswith("Strategy meeting"))
    assert "Rationale: Demo: reasonable cause" in strategy.significance
    review = next(e for e in data.entries if e.event.startswith("Five-day review"))
    assert review.significance.startswith("Decision: Within 15 working days")
    added = [e for e in data.entries if e.source.startswith(("Health:", "Police:", "Education:"))]
    assert len(added) == 3
    # The plan starts after the conference that made it, on the same day.
    conference = events.index("Initial child protection conference (held; minutes signed off)")
    assert events.index("Child protection plan started") == conference + 1


def test_pre_proceedings_steps_are_in_the_chronology(demo_workspace: Workspace) -> None:
    events = [e.event for e in chronology(demo_workspace, child_ref="DEMO0401").entries]
    assert events.index("Decision to start pre-proceedings (PLO)") < events.index(
        "Letter before proceedings sent"
    )
    assert "Decision to step up to care proceedings" in events
    assert "Application to court" in events
    assert "Letter to parents starting care proceedings" in events


def test_an_event_is_added_corrected_and_retired_never_deleted(workspace: Workspace) -> None:
    sample = add_full_meeting(workspace)
    child_id = child_id_for(workspace, child_ref=sample.child_reference)
    today = clock.today()
    event_id = add_significant_event(
        workspace,
        child_id=child_id,
        occurred_on=today - dt.timedelta(days=3),
        event="Seen at the walk-in centre (test).",
        source="Health",
        significance="A second injury in a month.",
    )
    correct_significant_event(
        workspace,
        event_id=event_id,
        occurred_on=today - dt.timedelta(days=4),
        event="Seen at the minor injuries unit (test).",
        source="Health: minor injuries unit",
        significance="A second injury in a month.",
    )
    (row,) = list_significant_events(workspace, child_id=child_id)
    assert (row.occurred_on, row.source) == (
        today - dt.timedelta(days=4),
        "Health: minor injuries unit",
    )
    retire_significant_event(workspace, event_id=event_id, reason="Recorded for the wrong child.")
    assert list_significant_events(workspace, child_id=child_id) == []
    with workspace.reading() as session:
        kept = session.get(SignificantEvent, event_id)
        assert kept is not None and kept.retired_reason == "Recorded for the wrong child."
        actions = session.scalars(
            select(AuditEntry.action).where(AuditEntry.record_id == event_id)
        ).all()
    assert list(actions) == ["create", "update", "update"]


def test_events_are_refused_without_their_facts(workspace: Workspace) -> None:
    child_id = child_id_for(workspace, child_ref=add_full_meeting(workspace).child_reference)
    today = clock.today()
    kwargs: dict[str, Any] = {"child_id": child_id, "event": "Something", "source": "Police"}
    with pytest.raises(ValidationError, match="day still to come"):
        add_significant_event(workspace, occurred_on=today + dt.timedelta(days=1), **kwargs)
    with pytest.raises(ValidationError, match="where the information came from"):
        add_significant_event(workspace, occurred_on=today, **{**kwargs, "source": " "})
    with pytest.raises(NotFound):
        child_id_for(workspace, child_ref="NOSUCHCHILD")
    with pytest.raises(NotFound):
        retire_significant_event(workspace, event_id="no-such-event", reason="Test.")


def test_the_document_is_marked_numbered_and_carries_restricted_text(
    workspace: Workspace, tmp_path: Path
) -> None:
    sample = add_full_meeting(workspace)
    # A decision's text is keyed by its meeting.
    decision_id = sample.meeting_id
    set_restriction(
        workspace,
        meeting_id=sample.meeting_id,
        record_table="threshold_decision",
        record_id=decision_id,
        field="rationale",
        restricted=True,
    )
    rules = load_restrictions(workspace, meeting_id=sample.meeting_id)
    assert rules.restricted("threshold_decision", decision_id, "rationale", RATIONALE)
    child_id = child_id_for(workspace, child_ref=sample.child_reference)
    earlier = clock.today() - dt.timedelta(days=40)
    add_significant_event(
        workspace,
        child_id=child_id,
        occurred_on=earlier,
        event="Admitted to hospital (test).",
        source="Health",
        significance="Before the referral.",
    )
    target = export_chronology(
        workspace, child_ref=sample.child_reference, target=tmp_path / "chronology.docx"
    )
    assert target.name == "chronology.docx"
    document = docx.Document(str(target))
    section = document.sections[0]
    assert section.page_width > section.page_height  # landscape
    header = "\n".join(p.text for p in section.header.paragraphs)
    footer = "\n".join(p.text for p in section.footer.paragraphs)
    assert MARKING in header and MARKING in footer
    footer_xml = section.footer._element.xml
    assert "PAGE" in footer_xml and "NUMPAGES" in footer_xml
    body = [p.text for p in document.paragraphs]
    assert body.index(RESTRICTED_STATEMENT) < body.index("Chronology")
    rows = _table_rows(document)
    assert rows[0] == list(COLUMNS)
    assert rows[1] == [
        court_date(earlier),
        "Admitted to hospital (test).",
        "Health",
        "Before the referral.",
    ]
    parsed = [dt.datetime.strptime(row[0], "%d %B %Y").date() for row in rows[1:]]
    assert parsed == sorted(parsed)
    assert any(RATIONALE in row[3] for row in rows)  # restricted, and included
    properties = document.core_properties
    assert sample.child_name not in f"{properties.title} {properties.subject} {properties.comments}"
    assert sample.child_reference not in properties.title
    with workspace.reading() as session:
        exported = session.scalars(
            select(AuditEntry.action).where(AuditEntry.record_id == child_id)
        ).all()
    assert "export-chronology" in exported


def test_court_dates_are_british() -> None:
    assert court_date(dt.date(2026, 12, 14)) == "14 December 2026"
