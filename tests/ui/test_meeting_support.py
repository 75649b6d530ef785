"""Fixtures for the meeting-mode tests (no tests here): real workspaces, real widgets.

A workspace with one child and one scheduled strategy meeting is built once per
run and copied for each test; the meeting view gets fixed file-dialog answers.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from app import clock
from app.models import MeetingType, ThresholdOutcome
from app.services import agencies, cases, meetings
from app.services.conduct import attendance, decision
from app.services.conduct.closing import close_meeting, start_meeting
from app.services.demo import chairing, risks
from app.services.workspace import create_workspace, open_workspace
from app.storage.workspace import Workspace
from app.ui.meeting import MeetingView
from app.ui.meeting.dialogs import FixedMeetingFileDialogs
from tests.conftest import FIXED_NOW, PASSPHRASE

CHAIR = "Test Chair"
# The 5th working day after Monday 23 November 2026; the ICPC default is Monday 14 December.
REVIEW_DATE = dt.date(2026, 11, 30)
PEOPLE = {
    "social-care": ("Sam Sample-Social-Worker", "Social worker"),
    "police": ("DC Alex Sample-Officer", "Detective constable"),
    "health": ("Riley Sample-Nurse", "School nurse"),
    "education": ("Morgan Sample-Teacher", "Designated safeguarding lead"),
}


@dataclasses.dataclass(frozen=True)
class MeetingFixture:
    """A copy of the template workspace, open, and the ids the tests need."""

    workspace: Workspace
    case_id: str
    meeting_id: str
    strategy_id: str = ""


def _fill(workspace: Workspace) -> dict[str, str]:
    for role, agency in agencies.statutory_agencies(workspace).items():
        name, title = PEOPLE[role.value]
        cases.add_practitioner(workspace, name=name, role=title, agency_id=agency.id)
    case = cases.create_case(
        workspace,
        la_child_ref="DEMO0901",
        first_name="Robin",
        last_name="Example",
        address="1 Pretend Street, Sampletown, ZZ99 9ZZ",
        concern="Fictional concern for tests.",
        opened_on=FIXED_NOW.date() - dt.timedelta(days=3),
    )
    meeting = meetings.schedule_meeting(
        workspace,
        case_id=case.case_id,
        meeting_type=MeetingType.STRATEGY,
        scheduled_date=FIXED_NOW.date(),
        scheduled_time=dt.time(10, 0),
        location="Room 1, Sampletown Civic Centre",
        chair_name=CHAIR,
    )
    return {"case_id": case.case_id, "meeting_id": meeting.id}


@pytest.fixture(scope="session")
def strategy_template(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, str]]:
    path = tmp_path_factory.mktemp("meeting-template") / "strategy.macpt"
    clock.set_clock(lambda: FIXED_NOW)
    try:
        with create_workspace(path, PASSPHRASE) as workspace:
            workspace.actor = CHAIR
            ids = _fill(workspace)
    finally:
        clock.set_clock(None)
    path.chmod(0o400)
    return path, ids


@pytest.fixture
def strategy(
    strategy_template: tuple[Path, dict[str, str]], tmp_path: Path
) -> Iterator[MeetingFixture]:
    source, ids = strategy_template
    target = tmp_path / "meeting.macpt"
    shutil.copyfile(source, target)
    target.chmod(0o600)
    workspace = open_workspace(target, PASSPHRASE)
    workspace.actor = CHAIR
    yield MeetingFixture(workspace, ids["case_id"], ids["meeting_id"])
    workspace.close()


def _fill_journey(workspace: Workspace) -> dict[str, str]:
    """A strategy meeting that started a joint section 47 enquiry, closed, and its review."""
    ids = _fill(workspace)
    start_meeting(workspace, meeting_id=ids["meeting_id"])
    for row in attendance.list_attendance(workspace, meeting_id=ids["meeting_id"]):
        attendance.mark_arrived(workspace, attendance_id=row.id)
    chairing.write_sections(workspace, ids["meeting_id"])
    decision.save_decision(
        workspace,
        meeting_id=ids["meeting_id"],
        threshold_met=True,
        outcome=ThresholdOutcome.S47_JOINT,
        rationale="Fictional rationale: injuries need a joint enquiry.",
    )
    risks.answer(workspace, ids["meeting_id"])  # "none known"
    close_meeting(workspace, meeting_id=ids["meeting_id"])
    review_meeting = meetings.schedule_meeting(
        workspace,
        case_id=ids["case_id"],
        meeting_type=MeetingType.REVIEW,
        scheduled_date=REVIEW_DATE,
        scheduled_time=dt.time(14, 0),
        location="Online",
        chair_name=CHAIR,
    )
    # The review is under way: its decisions are recorded only at a meeting being held.
    start_meeting(workspace, meeting_id=review_meeting.id)
    return {**ids, "strategy_id": ids["meeting_id"], "meeting_id": review_meeting.id}


@pytest.fixture(scope="session")
def journey_template(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, str]]:
    path = tmp_path_factory.mktemp("journey-template") / "journey.macpt"
    clock.set_clock(lambda: FIXED_NOW)
    try:
        with create_workspace(path, PASSPHRASE) as workspace:
            workspace.actor = CHAIR
            ids = _fill_journey(workspace)
    finally:
        clock.set_clock(None)
    path.chmod(0o400)
    return path, ids


@pytest.fixture
def review(
    journey_template: tuple[Path, dict[str, str]], tmp_path: Path
) -> Iterator[MeetingFixture]:
    """A five-day review (``meeting_id``) after a strategy meeting that started an enquiry."""
    source, ids = journey_template
    target = tmp_path / "journey.macpt"
    shutil.copyfile(source, target)
    target.chmod(0o600)
    workspace = open_workspace(target, PASSPHRASE)
    workspace.actor = CHAIR
    yield MeetingFixture(workspace, ids["case_id"], ids["meeting_id"], ids["strategy_id"])
    workspace.close()


@pytest.fixture
def meeting_dialogs(tmp_path: Path) -> FixedMeetingFileDialogs:
    return FixedMeetingFileDialogs(document=tmp_path / "minutes.docx", folder=tmp_path)


@pytest.fixture
def open_view(
    qtbot: QtBot, meeting_dialogs: FixedMeetingFileDialogs
) -> Callable[[MeetingFixture], MeetingView]:
    """Show the meeting in meeting mode, active and focused, as the chair would see it."""

    def make(
        fixture: MeetingFixture,
        meeting_id: str | None = None,
        now: Callable[[], dt.datetime] = clock.utcnow,
    ) -> MeetingView:
        view = MeetingView(
            fixture.workspace, meeting_id or fixture.meeting_id, dialogs=meeting_dialogs, now=now
        )
        qtbot.addWidget(view)
        view.resize(1400, 900)
        with qtbot.waitActive(view):
            view.show()
            view.activateWindow()
        return view

    return make


def press(
    widget: QWidget, key: Qt.Key, modifiers: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier
) -> None:
    """One key press on ``widget`` as the keyboard sends it (shortcuts included)."""
    QTest.keyClick(widget, key, modifiers)


def focused(view: QWidget) -> QWidget:
    widget = view.focusWidget()
    assert widget is not None
    return widget
