"""Contexts of harm outside the home, and meetings about several children at one sitting."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError

from app.errors import NotFound, RecordLocked, ValidationError
from app.models import ContextKind, MeetingType, ResponsibleKind
from app.services import agencies, cases, contexts
from app.services.conduct import actions
from app.services.contextual_meetings import (
    add_context_action,
    meeting_context,
    record_child_part,
    record_context_discussion,
    schedule_contextual_meeting,
    sitting_meetings,
)
from app.services.demo import chairing
from app.storage.workspace import Workspace

DAY = dt.date(2026, 11, 20)


def _children(ws: Workspace) -> list[cases.CaseSummary]:
    made = []
    for ref, first, last, parent in (
        ("CTX-001", "Ezra", "Testwood", "Pip Testwood"),
        ("CTX-002", "Milo", "Fakeham", "Dee Fakeham"),
        ("CTX-003", "Nova", "Mockley", "Val Mockley"),
    ):
        case = cases.create_case(ws, la_child_ref=ref, first_name=first, last_name=last)
        cases.add_family_member(
            ws, child_id=case.child_id, name=parent, relationship_to_child="Parent"
        )
        made.append(case)
    return made


def _place(ws: Workspace) -> str:
    place = contexts.create_context(ws, kind=ContextKind.PLACE, name="Testtown bus station")
    contexts.add_responsible(
        ws, context_id=place.id, name="Testtown Buses Ltd", kind=ResponsibleKind.TRANSPORT
    )
    return place.id


@pytest.fixture
def sitting(workspace: Workspace) -> tuple[str, list[cases.CaseSummary], list[str]]:
    with chairing.on(DAY - dt.timedelta(days=3), 9):
        children = _children(workspace)
        place = _place(workspace)
        made = schedule_contextual_meeting(
            workspace,
            context_id=place,
            case_ids=[c.case_id for c in children],
            meeting_type=MeetingType.STRATEGY,
            scheduled_date=DAY,
            chair_name="Jordan Test-Chair",
        )
    return place, children, [m.id for m in made.meetings]


def test_a_context_keeps_responsible_bodies_children_and_a_disruption_log(
    workspace: Workspace,
) -> None:
    children = _children(workspace)
    place = _place(workspace)
    contexts.link_child(workspace, context_id=place, child_id=children[0].child_id)
    contexts.link_child(workspace, context_id=place, child_id=children[0].child_id)  # once only
    police = next(a.id for a in agencies.list_agencies(workspace) if a.name == "Police")
    first = contexts.add_disruption(
        workspace,
        context_id=place,
        happened_on=DAY,
        agency_id=police,
        activity="Patrols after school",
        outcome="Group moved on",
    )
    contexts.add_disruption(
        workspace,
        context_id=place,
        happened_on=DAY,
        agency_id=police,
        activity="Patrols after school, 3pm to 7pm",
        corrects_id=first.id,
    )
    detail = contexts.get_context(workspace, context_id=place)
    assert detail.summary.kind is ContextKind.PLACE and detail.summary.children == 1
    assert [r.name for r in detail.responsible] == ["Testtown Buses Ltd"]
    assert [d.agency_name for d in detail.disruption] == ["Police", "Police"]
    assert detail.disruption[1].corrects_id == first.id
    assert [c.la_child_ref for c in detail.children] == ["CTX-001"]
    with pytest.raises(ValidationError, match="still to come"):
        contexts.add_disruption(
            workspace,
            context_id=place,
            happened_on=dt.date(2027, 1, 1),
            agency_id=police,
            activity="Patrols",
        )


def test_the_disruption_log_is_append_only(workspace: Workspace) -> None:
    place = _place(workspace)
    police = next(a.id for a in agencies.list_agencies(workspace) if a.name == "Police")
    entry = contexts.add_disruption(
        workspace, context_id=place, happened_on=DAY, agency_id=police, activity="Patrols"
    )
    for statement in (
        "UPDATE context_disruption SET activity = 'changed' WHERE id = :id",
        "DELETE FROM context_disruption WHERE id = :id",
    ):
        with pytest.raises(DBAPIError, match="append-only"), workspace.transaction() as session:
            session.execute(text(statement), {"id": entry.id})


def test_context_text_may_name_no_linked_child(workspace: Workspace) -> None:
    children = _children(workspace)
    place = _place(workspace)
    for child in children:
        contexts.link_child(workspace, context_id=place, child_id=child.child_id)
    police = next(a.id for a in agencies.list_agencies(workspace) if a.name == "Police")
    for words in ("Milo was seen there", "seen with ctx-003", "Pip Testwood called"):
        with pytest.raises(ValidationError, match="names a child"):
            contexts.edit_context(workspace, context_id=place, description=words)
        with pytest.raises(ValidationError, match="names a child"):
            contexts.add_disruption(
                workspace, context_id=place, happened_on=DAY, agency_id=police, activity=words
            )
    # A child named in the log before being linked cannot then be linked.
    later = cases.create_case(workspace, la_child_ref="CTX-004", first_name="Wren")
    contexts.add_disruption(
        workspace, context_id=place, happened_on=DAY, agency_id=police, activity="Wren moved on"
    )
    with pytest.raises(ValidationError, match="names a child"):
        contexts.link_child(workspace, context_id=place, child_id=later.child_id)
    assert contexts.get_context(workspace, context_id=place).summary.children == 3
    # Whole words only: "Milestone" is not Milo.
    contexts.edit_context(workspace, context_id=place, description="A milestone for the station")


def test_scheduling_makes_one_meeting_per_child_at_one_sitting(
    workspace: Workspace, sitting: tuple[str, list[cases.CaseSummary], list[str]]
) -> None:
    place, children, meeting_ids = sitting
    assert len(set(meeting_ids)) == 3
    views = [meeting_context(workspace, meeting_id=m) for m in meeting_ids]
    assert all(v is not None and v.context_id == place for v in views)
    sittings = {v.sitting_id for v in views if v is not None}
    assert len(sittings) == 1
    listed = sitting_meetings(workspace, sitting_id=sittings.pop())
    assert [m.case_id for m in listed] == [c.case_id for c in children]
    assert contexts.get_context(workspace, context_id=place).summary.children == 3
    with pytest.raises(ValidationError, match="at least two"):
        schedule_contextual_meeting(
            workspace,
            context_id=place,
            case_ids=[children[0].case_id],
            meeting_type=MeetingType.STRATEGY,
            scheduled_date=DAY,
        )
    with pytest.raises(ValidationError, match="strategy meeting or a child protection"):
        schedule_contextual_meeting(
            workspace,
            context_id=place,
            case_ids=[c.case_id for c in children],
            meeting_type=MeetingType.REVIEW,
            scheduled_date=DAY,
        )
    # The sitting asks the same of each meeting as scheduling one does.
    with pytest.raises(ValidationError, match="Duration minutes must be"):
        schedule_contextual_meeting(
            workspace,
            context_id=place,
            case_ids=[c.case_id for c in children],
            meeting_type=MeetingType.STRATEGY,
            scheduled_date=DAY,
            duration_minutes=0,
        )


def test_each_childs_own_text_may_name_no_other_child(
    workspace: Workspace, sitting: tuple[str, list[cases.CaseSummary], list[str]]
) -> None:
    _, _, meeting_ids = sitting
    first = meeting_ids[0]
    view = record_child_part(
        workspace,
        meeting_id=first,
        parents_as_partners="Pip Testwood shares what Ezra tells her.",
        child_participation="Ezra met the social worker.",
    )
    assert view.parents_as_partners.startswith("Pip Testwood")
    with pytest.raises(ValidationError, match="names another child"):
        record_child_part(workspace, meeting_id=first, child_participation="Ezra came with Nova.")
    with pytest.raises(ValidationError, match="names a child"):
        record_context_discussion(workspace, meeting_id=first, discussion="Ezra was seen there")
    assert record_context_discussion(workspace, meeting_id=first, discussion="No CCTV.") == 3
    assert all(
        meeting_context(workspace, meeting_id=m).discussion == "No CCTV." for m in meeting_ids
    )  # type: ignore[union-attr]


def test_an_action_can_be_owned_by_the_body_responsible_for_the_place(
    workspace: Workspace, sitting: tuple[str, list[cases.CaseSummary], list[str]]
) -> None:
    place, _, meeting_ids = sitting
    owner = contexts.get_context(workspace, context_id=place).responsible[0]
    row = add_context_action(
        workspace,
        meeting_id=meeting_ids[0],
        responsible_id=owner.id,
        description="Fit CCTV to the waiting room",
        due_date=DAY + dt.timedelta(days=14),
    )
    assert row.owner_name == "Testtown Buses Ltd"
    assert [a.id for a in actions.list_actions(workspace, meeting_id=meeting_ids[0])] == [row.id]
    other = contexts.create_context(workspace, kind=ContextKind.ONLINE, name="A chat group")
    stranger = contexts.add_responsible(
        workspace, context_id=other.id, name="Chat Co", kind=ResponsibleKind.BUSINESS
    )
    with pytest.raises(NotFound):
        add_context_action(
            workspace, meeting_id=meeting_ids[0], responsible_id=stranger.id, description="x"
        )


def test_a_signed_off_childs_context_record_is_guarded(
    workspace: Workspace, sitting: tuple[str, list[cases.CaseSummary], list[str]]
) -> None:
    _, _, meeting_ids = sitting
    first = meeting_ids[0]
    with chairing.on(DAY, 9):
        chairing.start(workspace, first)
    chairing.write_sections(workspace, first)
    with chairing.on(DAY, 11):
        from app.models import ThresholdOutcome
        from app.services.conduct import decision

        decision.save_decision(
            workspace,
            meeting_id=first,
            threshold_met=False,
            outcome=ThresholdOutcome.NFA,
            rationale="Not met.",
        )
    chairing.finish(workspace, first)
    with pytest.raises(RecordLocked):
        record_child_part(workspace, meeting_id=first, child_participation="changed")
    with pytest.raises(DBAPIError, match="amendment"), workspace.transaction() as session:
        session.execute(
            text("UPDATE meeting_context SET child_participation = 'x' WHERE meeting_id = :m"),
            {"m": first},
        )
    # Signed minutes keep naming those responsible when they were signed.
    place = meeting_context(workspace, meeting_id=first).context_id  # type: ignore[union-attr]
    with chairing.on(DAY + dt.timedelta(days=10), 9):
        contexts.add_responsible(
            workspace, context_id=place, name="Late Co", kind=ResponsibleKind.BUSINESS
        )
    signed = meeting_context(workspace, meeting_id=first)
    still_open = meeting_context(workspace, meeting_id=meeting_ids[1])
    assert signed is not None and still_open is not None
    assert [r.name for r in signed.responsible] == ["Testtown Buses Ltd"]
    assert [r.name for r in still_open.responsible] == ["Testtown Buses Ltd", "Late Co"]
    # The other children's meetings are still open, and the shared discussion goes to them.
    assert record_context_discussion(workspace, meeting_id=meeting_ids[1], discussion="ok") == 2
