"""Consultations: recorded, followed up, linked to the strategy meeting convened, counted."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select

from app.errors import InvalidField, NotFound, ValidationError
from app.models import (
    AuditEntry,
    ConsultationOutcome,
    MeetingType,
    StatutoryRole,
    ThresholdView,
)
from app.services import cases, meetings
from app.services.agencies import statutory_agencies
from app.services.consultations import (
    awaiting_follow_up,
    consultations_for_meeting,
    get_consultation,
    list_consultations,
    record_consultation,
    set_outcome,
)
from app.services.reporting import report_figures
from app.storage.workspace import Workspace
from tests.conftest import FIXED_NOW

TODAY = FIXED_NOW.date()


def _police(workspace: Workspace) -> str:
    return statutory_agencies(workspace)[StatutoryRole.POLICE].id


def _record(workspace: Workspace, **extra: object) -> str:
    values: dict[str, object] = {
        "asked_by_name": "Pat Example",
        "agency_id": _police(workspace),
        "question": "Is this for a strategy meeting?",
        "advice": "Refer to children's social care.",
        "threshold_view": ThresholdView.UNCLEAR,
    }
    values.update(extra)
    return record_consultation(workspace, **values)  # type: ignore[arg-type]


def test_a_consultation_is_recorded_today_and_awaits_follow_up(workspace: Workspace) -> None:
    cid = _record(workspace, child_reference=" A.B. ")
    row = get_consultation(workspace, consultation_id=cid)
    assert row.asked_on == TODAY
    assert row.agency_name == "Police"
    assert row.child == "A.B."
    assert row.case_id is None
    assert row.threshold_view.label == "Unclear: more information needed"
    assert row.awaiting_follow_up
    assert [r.id for r in awaiting_follow_up(workspace)] == [cid]
    with workspace.reading() as session:
        actions = session.execute(
            select(AuditEntry.action).where(AuditEntry.record_table == "consultation")
        ).all()
    assert [a for (a,) in actions] == ["create"]


def test_no_further_involvement_leaves_the_follow_up_list(workspace: Workspace) -> None:
    cid = _record(workspace)
    set_outcome(workspace, consultation_id=cid, outcome=ConsultationOutcome.NO_FURTHER)
    assert awaiting_follow_up(workspace) == []
    row = get_consultation(workspace, consultation_id=cid)
    assert row.outcome is ConsultationOutcome.NO_FURTHER
    assert row.outcome_on == TODAY


def test_an_outcome_may_be_given_when_recorded(workspace: Workspace) -> None:
    _record(workspace, outcome=ConsultationOutcome.OTHER, notes="Early help offered.")
    assert awaiting_follow_up(workspace) == []
    assert list_consultations(workspace)[0].outcome_note == "Early help offered."


def test_a_strategy_meeting_convened_is_linked_and_names_the_child(workspace: Workspace) -> None:
    case = cases.create_case(workspace, la_child_ref="TEST0100", first_name="Testy")
    meeting = meetings.schedule_meeting(
        workspace,
        case_id=case.case_id,
        meeting_type=MeetingType.STRATEGY,
        scheduled_date=TODAY,
    )
    cid = _record(workspace, child_reference="T.", threshold_view=ThresholdView.MET)
    set_outcome(
        workspace,
        consultation_id=cid,
        outcome=ConsultationOutcome.STRATEGY_MEETING,
        meeting_id=meeting.id,
    )
    row = get_consultation(workspace, consultation_id=cid)
    assert (row.meeting_id, row.case_id, row.child) == (meeting.id, case.case_id, "TEST0100")
    # And from the meeting's side: what led to it.
    assert [r.id for r in consultations_for_meeting(workspace, meeting_id=meeting.id)] == [cid]


def test_the_linked_meeting_must_be_a_strategy_meeting_for_the_same_child(
    workspace: Workspace,
) -> None:
    one = cases.create_case(workspace, la_child_ref="TEST0101")
    two = cases.create_case(workspace, la_child_ref="TEST0102")
    review = meetings.schedule_meeting(
        workspace, case_id=one.case_id, meeting_type=MeetingType.REVIEW, scheduled_date=TODAY
    )
    other_child = meetings.schedule_meeting(
        workspace, case_id=two.case_id, meeting_type=MeetingType.STRATEGY, scheduled_date=TODAY
    )
    cid = _record(workspace, case_id=one.case_id)
    strategy = ConsultationOutcome.STRATEGY_MEETING
    with pytest.raises(ValidationError, match="Choose the strategy meeting"):
        set_outcome(workspace, consultation_id=cid, outcome=strategy)
    with pytest.raises(ValidationError, match="Only a strategy meeting"):
        set_outcome(workspace, consultation_id=cid, outcome=strategy, meeting_id=review.id)
    with pytest.raises(ValidationError, match="different child"):
        set_outcome(workspace, consultation_id=cid, outcome=strategy, meeting_id=other_child.id)
    with pytest.raises(NotFound):
        set_outcome(workspace, consultation_id=cid, outcome=strategy, meeting_id="missing")
    assert get_consultation(workspace, consultation_id=cid).awaiting_follow_up


def test_what_a_consultation_needs(workspace: Workspace) -> None:
    with pytest.raises(ValidationError, match="name of the practitioner"):
        _record(workspace, asked_by_name="  ")
    with pytest.raises(ValidationError, match="question"):
        _record(workspace, question="")
    with pytest.raises(ValidationError, match="still to come"):
        _record(workspace, asked_on=TODAY + dt.timedelta(days=1))
    with pytest.raises(NotFound, match="agency"):
        _record(workspace, agency_id="nowhere")
    with pytest.raises(ValidationError, match="Say what happened"):
        _record(workspace, outcome=ConsultationOutcome.OTHER)
    with pytest.raises(ValidationError, match="Choose what happened next"):
        _record(workspace, notes="Something")
    case = cases.create_case(workspace, la_child_ref="TEST0103")
    with pytest.raises(ValidationError, match="not both"):
        _record(workspace, case_id=case.case_id, child_reference="T.")
    assert list_consultations(workspace) == []


def test_an_unknown_child_is_kept_to_a_short_reference(workspace: Workspace) -> None:
    with pytest.raises(InvalidField, match="Child reference is too long"):
        _record(workspace, child_reference="Somebody With A Long Full Name")


def test_the_report_counts_consultations_and_those_that_led_to_a_meeting(
    demo_workspace: Workspace,
) -> None:
    figures = report_figures(demo_workspace, start=TODAY - dt.timedelta(days=30), end=TODAY)
    assert (figures.consultations.whole, figures.consultations.part) == (3, 1)
    quiet = report_figures(demo_workspace, start=dt.date(2020, 1, 1), end=dt.date(2020, 2, 1))
    assert quiet.consultations.text == "none to count"


def test_the_demo_has_one_awaiting_one_linked_and_one_closed(demo_workspace: Workspace) -> None:
    rows = list_consultations(demo_workspace)
    assert sorted(str(r.outcome) for r in rows) == [
        "None",
        "no-further-involvement",
        "strategy-meeting",
    ]
    linked = next(r for r in rows if r.meeting_id)
    assert linked.child == "DEMO0002"
    assert [r.child for r in awaiting_follow_up(demo_workspace)] == ["J.D."]


def test_a_known_childs_reference_finds_their_case(workspace: Workspace) -> None:
    from app.services.consultations import case_for_reference

    case = cases.create_case(workspace, la_child_ref="TEST0200")
    assert case_for_reference(workspace, la_child_ref=" test0200 ") == case.case_id
    assert case_for_reference(workspace, la_child_ref="J.D.") is None
    assert case_for_reference(workspace, la_child_ref="") is None
