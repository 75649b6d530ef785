"""Ending a plan: Working Together's reasons, ongoing support, every practitioner's
input, and who must be told."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest

from app.errors import ValidationError
from app.models import (
    ConferenceOutcome,
    DischargeReason,
    MeetingType,
    NotificationKind,
    OngoingSupport,
    RecipientRole,
)
from app.services import cases
from app.services.conduct import decision, information, invitations
from app.services.journey import conference as conf
from app.services.journey import discharge as dis
from app.services.journey import plan as plans
from app.storage.workspace import Workspace
from tests.test_journey_fixtures import (
    PRACTITIONERS,
    after_icpc,
    hold,
    opened_copy,
    schedule,
    the_child,
)

RCPC_DAY = dt.date(2026, 8, 20)


@pytest.fixture
def ws(tmp_path_factory: pytest.TempPathFactory, tmp_path: Path) -> Iterator[Workspace]:
    workspace = opened_copy(tmp_path_factory, tmp_path, "journey-after-icpc", after_icpc)
    yield workspace
    workspace.close()


@pytest.fixture
def rcpc(ws: Workspace) -> str:
    meeting_id = schedule(ws, the_child(ws), MeetingType.RCPC, RCPC_DAY)
    hold(ws, meeting_id)
    return meeting_id


def _ask_everyone(ws: Workspace, rcpc: str, *, reply: bool = True) -> list[dis.DischargeInputRow]:
    rows = dis.prefill_discharge_inputs(ws, meeting_id=rcpc)
    return [
        dis.update_discharge_input(
            ws,
            input_id=row.id,
            asked_on=dt.date(2026, 8, 10),
            responded_on=dt.date(2026, 8, 12) if reply else None,
            response="Agrees the plan can end." if reply else "",
        )
        for row in rows
    ]


def _discharge(ws: Workspace, rcpc: str, **changes: object) -> dis.DischargeView:
    given: dict[str, object] = {
        "reason": DischargeReason.NO_LONGER_AT_RISK,
        "ongoing_support": [OngoingSupport.FAMILY_HELP],
        "ongoing_support_detail": "Family Help keyworker visits weekly.",
        "progress": "Poppy is safe at home; the plan's aims are met.",
        "rationale": "All agencies agree there is no longer a risk of significant harm.",
    }
    given.update(changes)
    return dis.record_discharge(ws, meeting_id=rcpc, **given)  # type: ignore[arg-type]


def test_checklist_is_prefilled_once_from_every_meeting_attended(ws: Workspace, rcpc: str) -> None:
    child = the_child(ws)
    housing = next(a for a in _agency_ids(ws) if a not in child.agency_ids.values())
    invitations.invite_person(ws, meeting_id=rcpc, name="Jo Example-Housing", agency_id=housing)
    rows = dis.prefill_discharge_inputs(ws, meeting_id=rcpc)
    names = [r.practitioner_name for r in rows]
    assert sorted(names) == sorted([n for n, _ in PRACTITIONERS.values()] + ["Jo Example-Housing"])
    assert all(r.status == "Not asked yet" for r in rows)
    assert "Pat Testcase" not in names  # family members are not practitioners
    assert [r.practitioner_name for r in dis.prefill_discharge_inputs(ws, meeting_id=rcpc)] == names
    extra = dis.add_discharge_input(ws, meeting_id=rcpc, practitioner_name="Dr Example-GP")
    assert extra.status == "Not asked yet"
    dis.remove_discharge_input(ws, input_id=extra.id)
    assert len(dis.discharge_inputs(ws, meeting_id=rcpc)) == len(names)


def test_what_agencies_said_at_the_conference_is_not_asked_again(ws: Workspace, rcpc: str) -> None:
    agency = the_child(ws).agency_ids
    information.save_agency_information(
        ws, meeting_id=rcpc, agency_id=agency["health"], information="Growth on track."
    )
    information.save_agency_information(
        ws, meeting_id=rcpc, agency_id=agency["police"], information="No new call-outs."
    )
    decision.set_agency_view(
        ws, meeting_id=rcpc, agency_id=agency["education"], agrees=True, comment="Attending."
    )
    rows = {r.agency_id: r for r in dis.prefill_discharge_inputs(ws, meeting_id=rcpc)}
    health, police, school = (rows[agency[k]] for k in ("health", "police", "education"))
    assert (health.asked_on, health.responded_on, health.response) == (
        RCPC_DAY,
        RCPC_DAY,
        "Growth on track.",
    )
    assert school.response == "Agrees with the decision at this conference. Attending."
    # The police's words are restricted: recorded as replied, the words left to the chair.
    assert (police.status, police.response) == ("Replied", "")
    assert rows[agency["social-care"]].status == "Not asked yet"
    # What the chair has recorded since is kept when the checklist is filled again.
    dis.update_discharge_input(
        ws, input_id=health.id, asked_on=RCPC_DAY, responded_on=RCPC_DAY, response="Changed."
    )
    again = {r.agency_id: r for r in dis.prefill_discharge_inputs(ws, meeting_id=rcpc)}
    assert again[agency["health"]].response == "Changed."


def _agency_ids(ws: Workspace) -> list[str]:
    from app.services import agencies

    return [a.id for a in agencies.list_agencies(ws)]


def test_input_dates_are_checked(ws: Workspace, rcpc: str) -> None:
    row = dis.prefill_discharge_inputs(ws, meeting_id=rcpc)[0]
    for asked, replied, said, message in (
        (None, dt.date(2026, 8, 1), "", "asked before their reply"),
        (dt.date(2026, 8, 5), dt.date(2026, 8, 1), "", "before the question"),
        (dt.date(2026, 12, 1), None, "", "in the future"),
        (dt.date(2026, 8, 5), None, "Agrees", "date of the practitioner's reply"),
    ):
        with pytest.raises(ValidationError, match=message):
            dis.update_discharge_input(
                ws, input_id=row.id, asked_on=asked, responded_on=replied, response=said
            )
    done = dis.update_discharge_input(
        ws,
        input_id=row.id,
        asked_on=dt.date(2026, 8, 5),
        responded_on=dt.date(2026, 8, 6),
        response=" Agrees. ",
    )
    assert (done.status, done.response) == ("Replied", "Agrees.")


def test_discharge_ends_the_plan_and_lists_who_must_be_told(ws: Workspace, rcpc: str) -> None:
    child = the_child(ws)
    _ask_everyone(ws, rcpc)
    ended = _discharge(
        ws, rcpc, ongoing_support=[OngoingSupport.FAMILY_HELP, OngoingSupport.UNIVERSAL]
    )
    assert ended.reason_label.startswith("All agencies agree")
    assert ended.ongoing_support == (OngoingSupport.FAMILY_HELP, OngoingSupport.UNIVERSAL)
    assert ended.warnings == ()
    assert all(r.status == "Replied" for r in ended.inputs)
    plan = plans.plan_for_case(ws, case_id=child.case_id)
    assert plan is not None and not plan.is_open
    assert (plan.end_date, plan.end_meeting_id, plan.end_reason) == (
        RCPC_DAY,
        rcpc,
        DischargeReason.NO_LONGER_AT_RISK,
    )
    assert plan.next_review_due is None
    told = ended.who_must_be_told
    assert {r.kind for r in told} == {NotificationKind.DISCHARGE_DECISION}
    agencies = [r for r in told if r.role is RecipientRole.AGENCY]
    family = [r for r in told if r.role is RecipientRole.PARENT_CARER]
    assert {r.agency_id for r in agencies} == set(child.agency_ids.values())
    assert {r.family_member_id for r in family} == {child.mother_id, child.father_id}
    assert dis.who_must_be_told(ws, meeting_id=rcpc) == list(told)
    assert dis.discharge(ws, meeting_id=rcpc) == ended
    decided = conf.conference_decision(ws, meeting_id=rcpc)
    assert decided is not None and decided.outcome is ConferenceOutcome.END_PLAN


def test_only_parents_and_carers_invited_to_the_icpc_are_told(ws: Workspace, rcpc: str) -> None:
    child = the_child(ws)
    aunt = cases.add_family_member(
        ws, child_id=child.child_id, name="Sam Example-Aunt", relationship_to_child="Aunt"
    )
    invitations.invite_family_member(ws, meeting_id=rcpc, family_member_id=aunt)
    _ask_everyone(ws, rcpc)
    told = _discharge(ws, rcpc).who_must_be_told
    assert aunt not in {r.family_member_id for r in told}


def test_discharge_waits_until_everyone_has_been_asked(ws: Workspace, rcpc: str) -> None:
    with pytest.raises(ValidationError, match="add them to the input checklist"):
        _discharge(ws, rcpc)
    dis.prefill_discharge_inputs(ws, meeting_id=rcpc)
    with pytest.raises(ValidationError, match="were asked for their view"):
        _discharge(ws, rcpc)
    _ask_everyone(ws, rcpc, reply=False)
    ended = _discharge(ws, rcpc)
    assert len(ended.warnings) == len(PRACTITIONERS)
    assert all("has not replied yet" in w for w in ended.warnings)


def test_no_longer_at_risk_needs_every_agency_to_agree(ws: Workspace, rcpc: str) -> None:
    child = the_child(ws)
    _ask_everyone(ws, rcpc)
    decision.set_agency_view(
        ws, meeting_id=rcpc, agency_id=child.agency_ids["police"], agrees=False, comment="No."
    )
    with pytest.raises(ValidationError, match="Police does not agree"):
        _discharge(ws, rcpc)
    ended = _discharge(
        ws,
        rcpc,
        reason=DischargeReason.TRANSFERRED,
        ongoing_support_detail="Transferred to Exampleshire (demo) on 20 August 2026.",
    )
    assert ended.reason is DischargeReason.TRANSFERRED


def test_support_and_reason_rules(ws: Workspace, rcpc: str) -> None:
    _ask_everyone(ws, rcpc)
    for changes, message in (
        ({"ongoing_support": []}, "what support continues"),
        ({"ongoing_support": [OngoingSupport.NONE, OngoingSupport.EARLY_HELP]}, "either no"),
        ({"rationale": " "}, "reasons the plan can end"),
        ({"progress": ""}, "progress"),
        (
            {"reason": DischargeReason.TRANSFERRED, "ongoing_support_detail": ""},
            "which local authority",
        ),
    ):
        with pytest.raises(ValidationError, match=message):
            _discharge(ws, rcpc, **changes)
    assert dis.discharge(ws, meeting_id=rcpc) is None
    ended = _discharge(
        ws,
        rcpc,
        reason=DischargeReason.TURNED_18,
        ongoing_support=[OngoingSupport.NONE, OngoingSupport.NONE],
    )
    assert ended.ongoing_support == (OngoingSupport.NONE,)


def test_changing_the_decision_back_reopens_the_plan(ws: Workspace, rcpc: str) -> None:
    child = the_child(ws)
    _ask_everyone(ws, rcpc)
    _discharge(ws, rcpc)
    conf.record_rcpc_decision(
        ws, meeting_id=rcpc, outcome=ConferenceOutcome.CONTINUE_PLAN, progress="p", rationale="r"
    )
    plan = plans.plan_for_case(ws, case_id=child.case_id)
    assert plan is not None and plan.is_open and plan.end_reason is None
    assert dis.discharge(ws, meeting_id=rcpc) is None
