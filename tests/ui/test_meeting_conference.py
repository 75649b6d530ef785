"""Conferences in meeting mode: the ICPC's plan, a review conference's change, and ending a plan.

The workspaces are built by the journey builders (real services), once per run.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from docx import Document
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QFormLayout, QLabel
from pytestqt.qtbot import QtBot

from app.models import (
    ConferenceOutcome,
    DischargeReason,
    MeetingStatus,
    MeetingType,
    OngoingSupport,
    PlanCategory,
)
from app.services.journey.plan import plan_for_case
from app.storage.workspace import Workspace
from app.ui.meeting import MeetingView
from app.ui.meeting.closing_dialog import ClosingDialog
from app.ui.meeting.steps.conference_decision import ConferenceDecisionPage
from app.ui.meeting.steps.notifications import NotificationsDialog
from tests.test_journey_fixtures import (
    CHAIR,
    OTHER_CHAIR,
    Child,
    after_icpc,
    hold,
    meeting_of,
    new_child,
    opened_copy,
    review_with_plan,
    schedule,
    strategy_s47,
    the_child,
)
from tests.ui.test_meeting_layout import WindowsShown, alt_keys_used_twice
from tests.ui.test_meeting_support import MeetingFixture, focused, press

pytest_plugins = ["tests.ui.test_meeting_support"]

CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT_CTRL = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
ICPC_DAY = dt.date(2026, 5, 27)
RCPC_DAY = dt.date(2026, 8, 20)


def icpc_held(workspace: Workspace) -> None:
    """Strategy meeting and review closed; the ICPC under way, nothing decided."""
    child = new_child(workspace)
    strategy_s47(workspace, child)
    review_with_plan(workspace, child)
    hold(workspace, schedule(workspace, child, MeetingType.ICPC, ICPC_DAY))


def rcpc_held(workspace: Workspace) -> None:
    """A child on a plan whose first review conference is under way, with another chair."""
    after_icpc(workspace)
    child = the_child(workspace)
    hold(workspace, schedule(workspace, child, MeetingType.RCPC, RCPC_DAY, chair=OTHER_CHAIR))


def _fixture(
    tmp_path_factory: pytest.TempPathFactory,
    tmp_path: Path,
    name: str,
    fill: Callable[[Workspace], object],
    meeting_type: MeetingType,
) -> Iterator[tuple[MeetingFixture, Child]]:
    workspace = opened_copy(tmp_path_factory, tmp_path, name, fill)
    workspace.actor = "Test Chair"
    child = the_child(workspace)
    yield (
        MeetingFixture(workspace, child.case_id, meeting_of(workspace, child, meeting_type)),
        child,
    )
    workspace.close()


@pytest.fixture
def icpc(
    tmp_path_factory: pytest.TempPathFactory, tmp_path: Path
) -> Iterator[tuple[MeetingFixture, Child]]:
    yield from _fixture(tmp_path_factory, tmp_path, "ui-icpc-held", icpc_held, MeetingType.ICPC)


@pytest.fixture
def rcpc(
    tmp_path_factory: pytest.TempPathFactory, tmp_path: Path
) -> Iterator[tuple[MeetingFixture, Child]]:
    yield from _fixture(tmp_path_factory, tmp_path, "ui-rcpc-held", rcpc_held, MeetingType.RCPC)


def open_decision(view: MeetingView) -> ConferenceDecisionPage:
    press(focused(view), Qt.Key.Key_D, CTRL)
    page = view.current_page
    assert isinstance(page, ConferenceDecisionPage)
    return page


def choose(owner: object, which: str, value: object) -> None:
    combo = getattr(owner, which)
    combo.setCurrentIndex(combo.findData(value))


def close_through_dialog(view: MeetingView) -> ClosingDialog:
    press(focused(view), Qt.Key.Key_E, SHIFT_CTRL)
    dialog = view.dialog
    assert isinstance(dialog, ClosingDialog)
    return dialog


def test_an_icpc_plan_with_its_category_starts_the_plan_and_its_first_review(
    icpc, open_view, qtbot: QtBot
) -> None:
    fixture, _child = icpc
    view = open_view(fixture)
    page = open_decision(view)
    label = page.findChild(QFormLayout).labelForField(page.next_review)
    assert isinstance(label, QLabel) and label.wordWrap()  # never cut off at 1024 wide
    assert page.outcome.hasFocus()
    assert page.title.text() == "Decision: is a child protection plan needed?"
    assert alt_keys_used_twice(view) == []
    assert not page.warning.isVisible()  # the ICPC's chair is the plan's first chair
    # The journey's gap is shown where it is put right, and closing is refused.
    assert page.gaps.isVisible()
    assert "The conference's decision is not recorded." in page.gaps.text()
    dialog = close_through_dialog(view)
    assert [b.text() for b in dialog.gap_buttons] == ["Go to conference decision"]
    dialog.close_button.click()
    assert dialog.error.text().startswith("The meeting cannot close yet:")
    dialog.reject()

    press(page.outcome, Qt.Key.Key_Down)  # "Yes: the child needs a child protection plan"
    assert page.outcome.currentData() is True
    qtbot.keyClicks(page.rationale, "Fictional reasons: neglect of health needs.")
    page.record.click()
    assert page.error.text().startswith("Choose the category of the plan")
    choose(page, "category", PlanCategory.EMOTIONAL_ABUSE.value)
    page.record.click()
    assert page.error.text() == "Name the lead practitioner for the plan."
    qtbot.keyClicks(page.lead, "Sam Example-Social-Worker")
    qtbot.keyClicks(page.core_group, "Sam Example-Social-Worker, social worker")
    page.record.click()
    assert not page.error.isVisible()

    plan = plan_for_case(fixture.workspace, case_id=fixture.case_id)
    assert plan is not None and plan.is_open
    assert plan.latest_category is PlanCategory.EMOTIONAL_ABUSE
    assert plan.start_date == ICPC_DAY
    # Within 3 months of Wednesday 27 May 2026: Thursday 27 August, a working day.
    assert plan.next_review_due == dt.date(2026, 8, 27)
    assert page.stamp.text() == (
        "The child needs a child protection plan. Recorded by Lee Example-Chair on "
        "Monday 23 November 2026."
    )
    # A plan without its outline is still a gap; with it, the conference can close.
    assert page.gaps.text().endswith("The outline plan is not recorded. Add it to the decision.")
    qtbot.keyClicks(page.outline, "Fictional outline: health appointments kept.")
    page.record.click()
    assert not page.gaps.isVisible()
    dialog = close_through_dialog(view)
    assert dialog.gap_buttons == []
    dialog.close_button.click()
    assert view.state.header.status is MeetingStatus.CLOSED


def test_a_review_conference_warns_of_another_chair_and_changes_the_category(
    rcpc, open_view, qtbot: QtBot
) -> None:
    fixture, _child = rcpc
    view = open_view(fixture)
    page = open_decision(view)
    assert page.progress.hasFocus()
    assert page.warning.isVisible()
    assert page.warning.text().startswith(
        f"The initial conference was chaired by {CHAIR}; this review's chair is {OTHER_CHAIR}."
    )
    qtbot.keyClicks(page.progress, "Fictional progress: appointments kept.")
    qtbot.keyClicks(page.rationale, "Fictional reasons: new worries about bruising.")
    assert not page.category.isVisible()  # asked for only when it changes
    choose(page, "outcome", ConferenceOutcome.CHANGE_CATEGORY.value)
    assert not page.discharge.isVisible() and page.category.isVisible()
    choose(page, "category", PlanCategory.NEGLECT.value)
    page.record.click()
    assert page.error.text().startswith("The plan is already under neglect.")
    choose(page, "category", PlanCategory.PHYSICAL_ABUSE.value)
    page.record.click()
    assert not page.error.isVisible()
    plan = plan_for_case(fixture.workspace, case_id=fixture.case_id)
    assert plan is not None and plan.latest_category is PlanCategory.PHYSICAL_ABUSE
    # Six months from Thursday 20 August 2026 is Saturday 20 February 2027: the
    # last working day before it.
    assert plan.next_review_due == dt.date(2027, 2, 19)
    stamp = page.stamp.text().splitlines()
    assert stamp[0] == (
        "The plan continues under a different category. Recorded by Robin Example-Deputy on "
        "Monday 23 November 2026."
    )
    assert stamp[1] == page.warning.text()  # the chair check stays on the record


def test_ending_the_plan_asks_everyone_and_tells_everyone(
    rcpc, open_view, meeting_dialogs, qtbot: QtBot, tmp_path: Path
) -> None:
    fixture, _child = rcpc
    view = open_view(fixture)
    watcher = WindowsShown()
    QApplication.instance().installEventFilter(watcher)
    page = open_decision(view)
    qtbot.keyClicks(page.progress, "Fictional progress: the plan's aims are met.")
    qtbot.keyClicks(page.rationale, "Fictional reasons: all agencies agree.")
    choose(page, "outcome", ConferenceOutcome.END_PLAN.value)
    panel = page.discharge
    assert panel.isVisible() and not page.next_review.isVisible()
    assert not page.category.isVisible()  # no category to choose for a plan that ends
    assert alt_keys_used_twice(view) == []
    told = panel.told.text()
    for name in ("Pat Testcase (Mother)", "Chris Other (Father)", "Police"):
        assert name in told
    assert panel.lines == []
    page.record.click()
    assert page.error.text().startswith("Say what support continues")
    choose(panel, "reason", DischargeReason.NO_LONGER_AT_RISK.value)
    panel.support[OngoingSupport.FAMILY_HELP].click()
    page.record.click()
    assert page.error.text().startswith("Ask every practitioner involved for their view")

    panel.prefill.click()
    names = [line.row.practitioner_name for line in panel.lines]
    # Tab goes from the support down through the checklist, in the order it reads.
    qtbot.waitUntil(panel.lines[0].asked.isVisible)
    panel.support_detail.setFocus()
    press(panel.support_detail, Qt.Key.Key_Tab)
    assert view.focusWidget() is panel.lines[0].asked
    assert "DC Alex Example-Officer" in names and "Pat Testcase" not in names
    qtbot.wait(1)  # let queued shows happen
    QApplication.instance().removeEventFilter(watcher)
    assert watcher.shown == []  # no part of the page flashed up as a window of its own
    page.record.click()
    assert page.error.text().startswith("Record when ")
    for number, line in enumerate(panel.lines):
        qtbot.keyClicks(line.asked, "13/08/2026")
        if number:  # the first practitioner has not replied yet
            qtbot.keyClicks(line.replied, "17/08/2026")
            qtbot.keyClicks(line.response, "Agrees the plan can end.")
        line.save.click()
    first = panel.lines[0].row.practitioner_name
    page.record.click()
    assert not page.error.isVisible()
    assert f"{first} has not replied yet." in page.stamp.text()
    plan = plan_for_case(fixture.workspace, case_id=fixture.case_id)
    assert plan is not None and not plan.is_open

    dialog = close_through_dialog(view)
    dialog.close_button.click()
    assert view.state.header.status is MeetingStatus.CLOSED

    meeting_dialogs.folder = tmp_path / "letters"
    meeting_dialogs.folder.mkdir()
    view.header.letters.click()
    letters = view.dialog
    assert isinstance(letters, NotificationsDialog)
    assert "Pat Testcase" in letters.who.text()
    letters.export.click()
    manifest = json.loads((meeting_dialogs.folder / "manifest.json").read_text())
    roles = {entry["role"] for entry in manifest}
    assert roles == {"agency", "parent_carer"}
    parents = [e for e in manifest if e["role"] == "parent_carer"]
    assert sorted(e["recipient"] for e in parents) == ["Chris Other", "Pat Testcase"]
    for entry in manifest:
        assert (meeting_dialogs.folder / entry["file"]).is_file()
    letter = Document(str(meeting_dialogs.folder / parents[0]["file"]))
    text = "\n".join(p.text for p in letter.paragraphs)
    assert "child protection plan" in text
    assert len(letters.sent_buttons) == len(manifest)
