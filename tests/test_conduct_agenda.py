"""Agenda templates per meeting type, and a meeting's own agenda and notes."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from app.errors import NotFound, ValidationError
from app.models import MeetingType
from app.services.conduct import agenda, templates
from app.services.setup import default_agenda
from app.storage.workspace import Workspace
from tests.test_conduct_support import new_meeting, shared_workspace


@pytest.fixture(scope="module")
def ws(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Workspace]:
    yield from shared_workspace(tmp_path_factory)


def titles(rows: list[templates.AgendaTemplateRow] | list[agenda.AgendaItemRow]) -> list[str]:
    return [r.title for r in rows]


def test_default_strategy_agenda_is_seeded_in_order(ws: Workspace) -> None:
    rows = templates.list_template(ws, meeting_type=MeetingType.STRATEGY)
    assert titles(rows) == [i["title"] for i in default_agenda(MeetingType.STRATEGY)]
    assert titles(rows)[0] == "Introductions and confidentiality"
    assert [r.position for r in rows] == list(range(len(rows)))
    assert {r.kind for r in rows} == {
        "notes",
        "agency-information",
        "decision",
        "actions",
        "timescales",
        "risk-to-others",
    }


def test_edit_the_template_and_restore_the_defaults(ws: Workspace) -> None:
    kind = MeetingType.RCPC
    before = templates.list_template(ws, meeting_type=kind)
    added = templates.add_template_item(
        ws, meeting_type=kind, title="  Health update  ", guidance="Any new diagnoses", position=1
    )
    assert added.title == "Health update"
    rows = templates.list_template(ws, meeting_type=kind)
    assert titles(rows)[:2] == [before[0].title, "Health update"]
    assert [r.position for r in rows] == list(range(len(before) + 1))

    templates.edit_template_item(ws, item_id=added.id, title="Health and development")
    templates.move_template_item(ws, item_id=added.id, position=99)
    assert titles(templates.list_template(ws, meeting_type=kind))[-1] == "Health and development"

    templates.remove_template_item(ws, item_id=before[0].id)
    rows = templates.list_template(ws, meeting_type=kind)
    assert before[0].title not in titles(rows)
    templates.reorder_template(ws, meeting_type=kind, item_ids=[r.id for r in reversed(rows)])
    assert titles(templates.list_template(ws, meeting_type=kind)) == titles(rows)[::-1]

    restored = templates.restore_default_template(ws, meeting_type=kind)
    assert titles(restored) == [i["title"] for i in default_agenda(kind)]
    assert titles(templates.list_template(ws, meeting_type=kind)) == titles(restored)


def test_template_edits_refuse_nonsense(ws: Workspace) -> None:
    kind = MeetingType.REVIEW
    rows = templates.list_template(ws, meeting_type=kind)
    with pytest.raises(ValidationError, match="title"):
        templates.add_template_item(ws, meeting_type=kind, title="   ")
    with pytest.raises(ValidationError, match="kind is one of"):
        templates.add_template_item(ws, meeting_type=kind, title="Odd", kind="poetry")
    with pytest.raises(ValidationError, match="every agenda item exactly once"):
        templates.reorder_template(ws, meeting_type=kind, item_ids=[rows[0].id])
    with pytest.raises(NotFound):
        templates.edit_template_item(ws, item_id="no-such-item", title="x")
    assert templates.list_template(ws, meeting_type=kind) == rows


def test_the_last_template_item_stays(ws: Workspace) -> None:
    kind = MeetingType.ICPC
    rows = templates.list_template(ws, meeting_type=kind)
    for row in rows[1:]:
        templates.remove_template_item(ws, item_id=row.id)
    with pytest.raises(ValidationError, match="at least one item"):
        templates.remove_template_item(ws, item_id=rows[0].id)
    templates.restore_default_template(ws, meeting_type=kind)


def test_a_meeting_copies_the_template_and_keeps_its_own(ws: Workspace) -> None:
    meeting = new_meeting(ws)
    items = agenda.list_agenda(ws, meeting_id=meeting.id)
    template = templates.list_template(ws, meeting_type=MeetingType.STRATEGY)
    assert titles(items) == titles(template)
    # A later template change does not rewrite an agenda already in use.
    extra = templates.add_template_item(ws, meeting_type=MeetingType.STRATEGY, title="Local item")
    assert titles(agenda.list_agenda(ws, meeting_id=meeting.id)) == titles(template)
    templates.remove_template_item(ws, item_id=extra.id)


def test_notes_autosave_and_the_meeting_agenda_can_change(ws: Workspace) -> None:
    meeting = new_meeting(ws)
    first, second, *_ = agenda.list_agenda(ws, meeting_id=meeting.id)
    agenda.save_agenda_notes(ws, item_id=first.id, notes="Everyone introduced themselves.")
    agenda.save_agenda_notes(ws, item_id=first.id, notes="Everyone introduced themselves. ")
    assert agenda.list_agenda(ws, meeting_id=meeting.id)[0].notes.endswith("themselves. ")

    added = agenda.add_agenda_item(ws, meeting_id=meeting.id, title="Sibling", position=0)
    items = agenda.list_agenda(ws, meeting_id=meeting.id)
    assert items[0].id == added.id and items[1].id == first.id
    agenda.rename_agenda_item(ws, item_id=added.id, title="The sibling's situation")
    agenda.move_agenda_item(ws, item_id=added.id, position=2)
    items = agenda.list_agenda(ws, meeting_id=meeting.id)
    assert [i.id for i in items[:3]] == [first.id, second.id, added.id]
    assert items[2].title == "The sibling's situation"
    agenda.reorder_agenda(ws, meeting_id=meeting.id, item_ids=[i.id for i in reversed(items)])
    assert agenda.list_agenda(ws, meeting_id=meeting.id)[-1].id == first.id

    # An item with notes is not removed by accident.
    with pytest.raises(ValidationError, match="has notes"):
        agenda.remove_agenda_item(ws, item_id=first.id)
    agenda.remove_agenda_item(ws, item_id=first.id, discard_notes=True)
    agenda.remove_agenda_item(ws, item_id=added.id)
    remaining = agenda.list_agenda(ws, meeting_id=meeting.id)
    assert first.id not in [i.id for i in remaining]
    assert [i.position for i in remaining] == list(range(len(remaining)))


def test_time_spent_is_stored_per_item(ws: Workspace) -> None:
    meeting = new_meeting(ws)
    items = agenda.list_agenda(ws, meeting_id=meeting.id)
    agenda.save_time_spent(ws, meeting_id=meeting.id, seconds_by_item={items[1].id: 125})
    stored = agenda.list_agenda(ws, meeting_id=meeting.id)
    assert [i.seconds_spent for i in stored[:3]] == [0, 125, 0]
