"""The "Restricted" toggle on meeting mode's free-text fields, and the family copy preview."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from app.models import MeetingType
from app.services.conduct.actions import add_action
from app.services.conduct.restriction import Restrictions, load_restrictions
from app.storage.workspace import Workspace
from app.ui.meeting import MeetingView
from app.ui.meeting import state as state_module
from app.ui.meeting.family_copy import FamilyCopyDialog
from app.ui.meeting.restriction_toggle import RestrictionToggle
from app.workflow import StepKind
from app.workflow.restriction import FAMILY_COPY_MARK
from tests.test_journey_fixtures import Child
from tests.ui.test_meeting_conference import _fixture, icpc_held, open_decision
from tests.ui.test_meeting_support import MeetingFixture

pytest_plugins = ["tests.ui.test_meeting_support"]


@pytest.fixture
def icpc(
    tmp_path_factory: pytest.TempPathFactory, tmp_path: Path
) -> Iterator[tuple[MeetingFixture, Child]]:
    yield from _fixture(tmp_path_factory, tmp_path, "ui-icpc-held", icpc_held, MeetingType.ICPC)


def toggle_on(edit: object) -> RestrictionToggle:
    found = edit.findChild(RestrictionToggle)  # type: ignore[attr-defined]
    assert isinstance(found, RestrictionToggle)
    return found


@pytest.fixture
def reasons(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[str | None]]:
    """The answers the chair gives when asked why a restriction is lifted."""
    answers: list[str | None] = []
    monkeypatch.setattr(RestrictionToggle, "ask_reason", lambda _parent: answers.pop(0))
    yield answers


def test_the_toggle_follows_the_rule_until_the_chair_chooses(
    icpc, open_view, reasons: list[str | None], qtbot: QtBot
) -> None:
    fixture, _child = icpc
    view: MeetingView = open_view(fixture)
    page = open_decision(view)
    toggle = toggle_on(page.rationale)
    assert toggle.isVisible() and toggle.text() == "Restricted"
    assert toggle.parent() is page.rationale
    page.rationale.setPlainText("Sky was seen at home (test).")
    assert not toggle.isChecked()
    page.rationale.setPlainText("An ABE interview is planned (test).")
    assert toggle.isChecked()  # the rule: an ABE interview is police-investigative

    # Lifting asks why; no reason, no change.
    reasons.append(None)
    toggle.click()
    assert toggle.isChecked()
    reasons.append("The family already know of the interview (test).")
    toggle.click()
    assert not toggle.isChecked()
    rules = load_restrictions(fixture.workspace, meeting_id=fixture.meeting_id)
    change = rules.change("conference_decision", fixture.meeting_id, "rationale")
    assert change is not None and not change.restricted
    assert change.reason == "The family already know of the interview (test)."
    # The chair has chosen: the tick no longer follows the text.
    page.rationale.setPlainText("An arrest was made (test).")
    assert not toggle.isChecked()
    toggle.click()
    assert toggle.isChecked()
    rules = load_restrictions(fixture.workspace, meeting_id=fixture.meeting_id)
    assert rules.restricted("conference_decision", fixture.meeting_id, "rationale", "")


def test_every_item_s_notes_have_a_toggle(icpc, open_view, qtbot: QtBot) -> None:
    fixture, _child = icpc
    view: MeetingView = open_view(fixture)
    for page in view.pages.values():
        assert toggle_on(page.notes).text() == "Restricted"


def test_the_preview_is_the_family_copy(icpc, open_view, qtbot: QtBot) -> None:
    fixture, _child = icpc
    view: MeetingView = open_view(fixture)
    page = open_decision(view)
    page.notes.setPlainText("Visible to the family (test).")
    view.state.autosave.flush()
    dialog = FamilyCopyDialog(view.state, view)
    qtbot.addWidget(dialog)
    text = dialog.preview.toPlainText()
    assert text.count(FAMILY_COPY_MARK) >= 2  # the page header and the title block
    assert "Visible to the family (test)." in text
    assert "Information marked restricted" not in text
    assert dialog.preview.isReadOnly()


def test_a_page_reads_the_restrictions_once_for_all_its_toggles(
    strategy, open_view, monkeypatch: pytest.MonkeyPatch
) -> None:
    for n in range(5):
        add_action(
            strategy.workspace,
            meeting_id=strategy.meeting_id,
            description=f"Fictional action {n} (test)",
        )
    reads: list[str] = []

    def counted(workspace: Workspace, *, meeting_id: str) -> Restrictions:
        reads.append(meeting_id)
        return load_restrictions(workspace, meeting_id=meeting_id)

    monkeypatch.setattr(state_module, "load_restrictions", counted)
    view: MeetingView = open_view(strategy)
    reads.clear()
    view.go_to_item(
        next(i for i, s in enumerate(view.state.flow.steps) if s.kind is StepKind.ACTIONS)
    )
    page = view.current_page
    assert len(page.findChildren(RestrictionToggle)) == 6  # the notes and each action
    assert len(reads) <= 1  # at most once for the page (none if nothing was saved since)
