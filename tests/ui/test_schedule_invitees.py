"""Scheduling the next meeting of a child offers the last meeting's invitees again;
the chair unticks anyone who should not come."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from pytestqt.qtbot import QtBot

from app.errors import ValidationError
from app.models import MeetingType
from app.services import agencies, cases, meetings
from app.services.conduct import attendance, invitations
from app.services.conduct.carry_over import previous_invitees
from app.ui.dialogs.schedule_meeting import ScheduleMeetingDialog

pytest_plugins = ["tests.ui.test_meeting_support"]

ICPC_DAY = dt.date(2026, 12, 14)


def _widen_the_strategy_list(strategy) -> None:  # type: ignore[no-untyped-def]
    """A parent and a housing officer were invited to the strategy meeting too."""
    ws = strategy.workspace
    child_id = cases.get_case(ws, case_id=strategy.case_id).child_id
    parent = cases.add_family_member(
        ws,
        child_id=child_id,
        name="Pat Example-Parent",
        relationship_to_child="Mother",
        invite_to_conferences=True,
    )
    invitations.invite_family_member(ws, meeting_id=strategy.meeting_id, family_member_id=parent)
    housing = agencies.add_agency(ws, name="Sampletown Housing")
    invitations.invite_person(
        ws, meeting_id=strategy.meeting_id, name="Jo Sample-Housing", agency_id=housing
    )


def _item(dialog: ScheduleMeetingDialog, name: str):  # type: ignore[no-untyped-def]
    assert dialog.invitees is not None
    (item,) = dialog.invitees.findItems(name, Qt.MatchFlag.MatchStartsWith)
    return item


def test_the_icpc_invites_the_strategy_meetings_people_but_those_unticked(  # type: ignore[no-untyped-def]
    strategy, qtbot: QtBot
) -> None:
    _widen_the_strategy_list(strategy)
    dialog = ScheduleMeetingDialog(strategy.workspace, strategy.case_id, chair_name="Test Chair")
    qtbot.addWidget(dialog)
    assert dialog.invitees is not None
    labels = [dialog.invitees.item(row).text() for row in range(dialog.invitees.count())]
    assert "Jo Sample-Housing (Sampletown Housing)" in labels
    assert labels[-1] == "Pat Example-Parent (Mother, family)"
    assert len(labels) == 6
    assert dialog.invitees.accessibleName() == "Invite again"
    # The chair unticks the officer and the parent with the keyboard alone.
    dialog.invitees.setFocus()
    for name in ("DC Alex", "Pat Example"):
        dialog.invitees.setCurrentItem(_item(dialog, name))
        QTest.keyClick(dialog.invitees, Qt.Key.Key_Space)
        assert _item(dialog, name).checkState() == Qt.CheckState.Unchecked
    dialog.meeting_type.setCurrentIndex(dialog.meeting_type.findData(MeetingType.ICPC.value))
    dialog.date.set_date(ICPC_DAY)
    assert dialog.ok_button is not None
    dialog.ok_button.click()
    assert dialog.result_meeting is not None, dialog.error.text()
    rows = attendance.list_attendance(strategy.workspace, meeting_id=dialog.result_meeting.id)
    names = {row.name for row in rows}
    assert {"Sam Sample-Social-Worker", "Riley Sample-Nurse", "Morgan Sample-Teacher"} <= names
    assert "Jo Sample-Housing" in names
    # The parent, though invited to conferences, was unticked; the police stay invited
    # as an agency, without the officer's name.
    assert "Pat Example-Parent" not in names and "DC Alex Sample-Officer" not in names
    police = [row for row in rows if row.agency_name == "Police"]
    assert len(police) == 1 and police[0].name == ""
    assert len(rows) == 5


def test_a_name_from_no_previous_meeting_is_refused(strategy) -> None:  # type: ignore[no-untyped-def]
    previous = previous_invitees(strategy.workspace, case_id=strategy.case_id)
    assert previous is not None and previous.meeting_type is MeetingType.STRATEGY
    with pytest.raises(ValidationError):
        meetings.schedule_meeting(
            strategy.workspace,
            case_id=strategy.case_id,
            meeting_type=MeetingType.ICPC,
            scheduled_date=ICPC_DAY,
            carry_attendance_ids=["not-an-invitee"],
        )
