"""The interim safety plan: every change a new dated version, earlier versions unchanged."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest

from app import clock
from app.errors import NotFound, RecordLocked, ValidationError
from app.models import Meeting, MeetingStatus, MeetingType
from app.services.journey import safety_plan as sp
from app.storage.workspace import Workspace
from tests.conftest import FIXED_NOW
from tests.test_journey_fixtures import (
    REVIEW_DUE,
    after_strategy,
    hold,
    opened_copy,
    schedule,
    the_child,
)

LEFT_ALONE = sp.SafetyPlanItemInput(
    worry="Poppy is left alone in the evenings.",
    keeps_safe="An adult is always at home with Poppy after school.",
    responsible_name="Pat Testcase",
    by_when="From today",
    how_we_know="The social worker visits twice a week.",
    contingency="Poppy stays with her grandmother.",
)
SCHOOL = sp.SafetyPlanItemInput(
    worry="Poppy misses school.",
    keeps_safe="Poppy is taken to school every day.",
    responsible_name="Morgan Example-Teacher",
)


@pytest.fixture
def ws(tmp_path_factory: pytest.TempPathFactory, tmp_path: Path) -> Iterator[Workspace]:
    workspace = opened_copy(tmp_path_factory, tmp_path, "journey-after-strategy", after_strategy)
    yield workspace
    workspace.close()


def test_edit_twice_gives_three_versions_and_the_first_is_unchanged(ws: Workspace) -> None:
    child = the_child(ws)
    review_id = schedule(ws, child, MeetingType.REVIEW, REVIEW_DUE)
    first = sp.create_safety_plan(
        ws,
        case_id=child.case_id,
        meeting_id=review_id,
        items=[LEFT_ALONE],
        agreed_by="Pat Testcase; Sam Example-Social-Worker",
    )
    assert (first.version, first.is_current, first.made_by) == (1, True, "Test Chair")
    assert first.made_at == FIXED_NOW

    later = FIXED_NOW + dt.timedelta(days=2)
    clock.set_clock(lambda: later)
    second = sp.change_safety_plan_item(
        ws,
        plan_id=first.plan_id,
        position=1,
        item=SCHOOL,
        agreed_by="Core group",
        change_note="Added school attendance.",
    )
    edited = dataclasses.replace(LEFT_ALONE, contingency="Poppy stays with her aunt.")
    third = sp.change_safety_plan_item(
        ws,
        plan_id=first.plan_id,
        position=0,
        item=edited,
        agreed_by="Core group",
        change_note="Grandmother unwell: the aunt takes over.",
    )
    assert [v.version for v in sp.safety_plan_versions(ws, plan_id=first.plan_id)] == [1, 2, 3]
    assert [v.item_count for v in sp.safety_plan_versions(ws, plan_id=first.plan_id)] == [1, 2, 2]
    assert second.made_at == third.made_at == later

    again = sp.safety_plan(ws, plan_id=first.plan_id, version=1)
    assert again.items == first.items
    assert again.agreed_by == first.agreed_by
    assert not again.is_current
    assert again.items[0].contingency == "Poppy stays with her grandmother."
    assert sp.safety_plan(ws, plan_id=first.plan_id, version=2).items[0].contingency == (
        "Poppy stays with her grandmother."
    )
    current = sp.safety_plan_for_case(ws, case_id=child.case_id)
    assert current is not None and current.version == 3 and current.is_current
    assert current.items[0].contingency == "Poppy stays with her aunt."
    assert current.items[1].worry == "Poppy misses school."


def test_removing_and_copying_make_versions_too(ws: Workspace) -> None:
    child = the_child(ws)
    plan = sp.create_safety_plan(
        ws, case_id=child.case_id, items=[LEFT_ALONE, SCHOOL], agreed_by="Core group"
    )
    removed = sp.change_safety_plan_item(
        ws,
        plan_id=plan.plan_id,
        position=1,
        item=None,
        agreed_by="Core group",
        change_note="School attendance is now good.",
    )
    assert [i.worry for i in removed.items] == [LEFT_ALONE.worry]
    copied = sp.revise_safety_plan(
        ws, plan_id=plan.plan_id, agreed_by="Pat Testcase", change_note="Re-agreed with the mother."
    )
    assert copied.version == 3
    assert [i.as_input() for i in copied.items] == [LEFT_ALONE]
    assert sp.safety_plan(ws, plan_id=plan.plan_id, version=1).items[1].worry == SCHOOL.worry


def test_what_a_plan_must_say(ws: Workspace) -> None:
    child = the_child(ws)
    cases = [
        ([], "at least one worry"),
        ([dataclasses.replace(LEFT_ALONE, worry=" ")], "Item 1: say what the worry"),
        ([SCHOOL, dataclasses.replace(SCHOOL, keeps_safe="")], "Item 2: say what will keep"),
        ([dataclasses.replace(SCHOOL, responsible_name="")], "who is responsible"),
    ]
    for items, message in cases:
        with pytest.raises(ValidationError, match=message):
            sp.create_safety_plan(ws, case_id=child.case_id, items=items, agreed_by="Core group")
    with pytest.raises(ValidationError, match="who agreed"):
        sp.create_safety_plan(ws, case_id=child.case_id, items=[SCHOOL], agreed_by=" ")
    with pytest.raises(NotFound, match="agency"):
        sp.create_safety_plan(
            ws,
            case_id=child.case_id,
            items=[dataclasses.replace(SCHOOL, responsible_agency_id="no-such-agency")],
            agreed_by="Core group",
        )
    assert sp.safety_plan_for_case(ws, case_id=child.case_id) is None

    plan = sp.create_safety_plan(ws, case_id=child.case_id, items=[SCHOOL], agreed_by="Group")
    assert plan.gaps == [
        "Item 1 does not say by when.",
        "Item 1 does not say how everyone will know it is working.",
        "Item 1 does not say what happens if it does not work.",
    ]
    with pytest.raises(ValidationError, match="already has an interim safety plan"):
        sp.create_safety_plan(ws, case_id=child.case_id, items=[SCHOOL], agreed_by="Group")
    with pytest.raises(ValidationError, match="what changed"):
        sp.revise_safety_plan(ws, plan_id=plan.plan_id, agreed_by="Group", change_note="")
    with pytest.raises(ValidationError, match="no item 3"):
        sp.change_safety_plan_item(
            ws, plan_id=plan.plan_id, position=2, item=SCHOOL, agreed_by="G", change_note="x"
        )
    with pytest.raises(NotFound, match="no version 7"):
        sp.safety_plan(ws, plan_id=plan.plan_id, version=7)
    assert len(sp.safety_plan_versions(ws, plan_id=plan.plan_id)) == 1


def test_the_agency_responsible_is_named(ws: Workspace) -> None:
    child = the_child(ws)
    item = dataclasses.replace(SCHOOL, responsible_agency_id=child.agency_ids["education"])
    plan = sp.create_safety_plan(ws, case_id=child.case_id, items=[item], agreed_by="Group")
    assert plan.items[0].responsible_agency == "Education"


def test_not_created_through_a_signed_off_meeting(ws: Workspace) -> None:
    child = the_child(ws)
    review_id = schedule(ws, child, MeetingType.REVIEW, REVIEW_DUE)
    hold(ws, review_id)
    # Set down as signed off without its plan, as a workspace from before reviews
    # needed one could hold it: the lock must still hold.
    with ws.transaction() as session:
        meeting = session.get(Meeting, review_id)
        assert meeting is not None
        meeting.status = MeetingStatus.SIGNED_OFF
    with pytest.raises(RecordLocked):
        sp.create_safety_plan(
            ws, case_id=child.case_id, meeting_id=review_id, items=[SCHOOL], agreed_by="Group"
        )


def test_each_version_exports_as_its_own_document(ws: Workspace, tmp_path: Path) -> None:
    import zipfile

    import docx

    from app.exporters.safety_plan import export_safety_plan

    child = the_child(ws)
    review_id = schedule(ws, child, MeetingType.REVIEW, REVIEW_DUE)
    plan = sp.create_safety_plan(
        ws, case_id=child.case_id, meeting_id=review_id, items=[LEFT_ALONE], agreed_by="Core group"
    )
    sp.change_safety_plan_item(
        ws,
        plan_id=plan.plan_id,
        position=1,
        item=SCHOOL,
        agreed_by="Core group",
        change_note="School.",
    )
    old = export_safety_plan(ws, plan_id=plan.plan_id, version=1, target=tmp_path / "v1.docx")
    new = export_safety_plan(ws, plan_id=plan.plan_id, target=tmp_path / "current.docx")

    def text(path: Path) -> str:
        document = docx.Document(str(path))
        cells = [c.text for t in document.tables for r in t.rows for c in r.cells]
        return "\n".join([p.text for p in document.paragraphs] + cells)

    first, current = text(old), text(new)
    assert "REPLACED: version 2 is the plan in force." in first
    assert "Poppy misses school." not in first.split("Versions of this plan")[0]
    assert "This is the plan in force." in current
    for expected in (
        "Worry 1",
        "Poppy is left alone in the evenings.",
        "Worry 2",
        "Poppy misses school.",
        "Poppy stays with her grandmother.",
        "Morgan Example-Teacher",
        "Five-day review meeting, Tuesday 12 May 2026",
        "TEST-0001",
    ):
        assert expected in current, expected
    assert current.count("Not set") == 3  # the school item has no date, measure or contingency
    with zipfile.ZipFile(new) as package:
        for name in package.namelist():
            if name.startswith("docProps/"):
                assert b"Poppy" not in package.read(name) and b"Testcase" not in package.read(name)
    assert docx.Document(str(new)).core_properties.title == "Interim safety plan"
