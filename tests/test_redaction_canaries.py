"""The redaction suite: a canary string in every field that can be restricted, across
meetings of every type in a real SQLCipher workspace, never reaches any part of
any family copy of the minutes; every full copy carries them all.

Some canaries are restricted by the chair, others only by the rule (police
agency information and actions, text about ABE interviews, medicals, arrests and
warning markers). Each exported package is unzipped and every part searched:
the document, headers, footers, document properties, comments, custom XML.
"""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import json
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from app import clock
from app.errors import ExportError, RecordLocked, ValidationError
from app.exporters.letters import export_notifications
from app.exporters.minutes import export_minutes
from app.models import (
    ConferenceOutcome,
    DischargeReason,
    IcpcTimeframe,
    MeetingType,
    OngoingSupport,
    PlanCategory,
    RiskAgency,
    RiskAssessment,
    StatutoryRole,
    ThresholdOutcome,
)
from app.services import agencies
from app.services.conduct import (
    actions,
    agenda,
    closing,
    decision,
    information,
    risk_to_others,
    signoff,
)
from app.services.conduct.distribution import find_recipient, list_distribution
from app.services.conduct.restriction import safety_plan_item_id, set_restriction
from app.services.demo import chairing
from app.services.journey import conference, discharge, review
from app.services.journey import safety_plan as plans
from app.services.workspace import create_workspace
from app.storage.workspace import Workspace
from app.workflow.restriction import FAMILY_COPY_MARK
from tests.conftest import PASSPHRASE
from tests.test_minutes_journey_sample import (
    CHAIR,
    FIRST_REVIEW_DAY,
    ICPC_DAY,
    LAST_REVIEW_DAY,
    MOTHER,
    REVIEW_DAY,
    STRATEGY_DAY,
    TEAM,
    _child,
    _meeting,
    on,
)

VISIBLE = "VISIBLE-NOTES-7f3a"  # unrestricted: the family copy keeps it
FAMILY_FREE = (
    "Information marked restricted",
    "left out of this copy",
    "No agency information was recorded",
    "No dissent was recorded",
    "No rationale has been recorded",
)


@dataclasses.dataclass
class Planted:
    """The canaries planted at each meeting, by meeting name."""

    workspace: Workspace
    folder: Path
    meetings: dict[str, str] = dataclasses.field(default_factory=dict)
    canaries: dict[str, list[str]] = dataclasses.field(default_factory=dict)

    def plant(self, name: str, field: str) -> str:
        canary = f"CANARY-{field.upper()}-{len(self.all()) + 1}-7f3a"
        self.canaries.setdefault(name, []).append(canary)
        return canary

    def all(self) -> list[str]:
        return [c for found in self.canaries.values() for c in found]

    def path(self, name: str, family: bool) -> Path:
        return self.folder / f"{name}-{'family' if family else 'full'}.docx"


def _restrict(ws: Workspace, meeting_id: str, table: str, record_id: str, field: str) -> None:
    set_restriction(
        ws,
        meeting_id=meeting_id,
        record_table=table,
        record_id=record_id,
        field=field,
        restricted=True,
    )


def _common(p: Planted, name: str, meeting_id: str, agency: dict[str, str]) -> None:
    """Notes, agency information, views and actions, each with a canary."""
    ws = p.workspace
    chairing.write_sections(ws, meeting_id)
    items = agenda.list_agenda(ws, meeting_id=meeting_id)
    for number, item in enumerate(items):
        if number == 0:
            agenda.save_agenda_notes(ws, item_id=item.id, notes=VISIBLE)
            continue
        if number == 1:  # restricted by the rule alone: it mentions an ABE interview
            text = f"An ABE interview is planned. {p.plant(name, 'notes')}"
            agenda.save_agenda_notes(ws, item_id=item.id, notes=text)
            continue
        agenda.save_agenda_notes(ws, item_id=item.id, notes=p.plant(name, "notes"))
        _restrict(ws, meeting_id, "agenda_item", item.id, "notes")
    for agency_name in ("Police", "Health", "Education"):
        row = information.save_agency_information(
            ws,
            meeting_id=meeting_id,
            agency_id=agency[agency_name],
            information=p.plant(name, "information"),
        )
        if agency_name != "Police":  # the police's starts restricted
            _restrict(ws, meeting_id, "agency_information", row.id, "information")
    # A five-day review records no agency views (it decides no threshold or plan).
    for agency_name in ("Police", "Health") if name != "review" else ():
        view = decision.set_agency_view(
            ws,
            meeting_id=meeting_id,
            agency_id=agency[agency_name],
            agrees=True,
            comment=p.plant(name, "view"),
        )
        if agency_name != "Police":
            _restrict(ws, meeting_id, "agency_view", view.id, "comment")
    due = clock.local_date(clock.utcnow()) + dt.timedelta(days=14)
    for owner, text in (
        ("Police", p.plant(name, "action")),
        ("Health", f"Child protection medical. {p.plant(name, 'action')}"),
        ("Health", f"Remove the warning marker. {p.plant(name, 'action')}"),
        ("Education", p.plant(name, "action")),
    ):
        added = actions.add_action(
            ws,
            meeting_id=meeting_id,
            description=text,
            owner_name=TEAM[StatutoryRole.SOCIAL_CARE][0],
            owner_agency_id=agency[owner],
            due_date=due,
        )
        if owner == "Education":
            _restrict(ws, meeting_id, "meeting_action", added.id, "description")
    # An action the family may read, done, whose outcome the chair marked restricted.
    shared = actions.add_action(
        ws,
        meeting_id=meeting_id,
        description="Book the first core group meeting.",
        owner_name=TEAM[StatutoryRole.SOCIAL_CARE][0],
        owner_agency_id=agency["Children's social care"],
        due_date=due,
    )
    actions.complete_action(
        ws,
        action_id=shared.id,
        outcome_note=p.plant(name, "outcome"),
        outcome_restricted=True,
    )
    if name != "review":  # restricted from the start: nobody restricts it here
        risk_to_others.record_risk_to_others(
            ws,
            meeting_id=meeting_id,
            assessment=RiskAssessment.RISK,
            to_whom=p.plant(name, "to_whom"),
            what=p.plant(name, "what"),
            agencies=[RiskAgency.YOUTH_JUSTICE, RiskAgency.OTHER],
            agencies_other=p.plant(name, "agencies_other"),
        )


def _by_meeting(p: Planted, name: str, meeting_id: str, table: str, **texts: str) -> None:
    for field in texts:
        _restrict(p.workspace, meeting_id, table, meeting_id, field)


def _close(ws: Workspace, meeting_id: str, day: dt.date, *, sign: bool) -> None:
    on(day, 12)
    closing.close_meeting(ws, meeting_id=meeting_id)
    if sign:
        on(day, 16)
        signoff.sign_off(ws, meeting_id=meeting_id)


def _build(p: Planted) -> None:
    ws = p.workspace
    agency = {a.name: a.id for a in agencies.list_agencies(ws)}
    case = _child(ws, "DEMO-C901")

    strategy = _meeting(ws, case.case_id, MeetingType.STRATEGY, STRATEGY_DAY)
    _common(p, "strategy", strategy, agency)
    texts = {f: p.plant("strategy", f) for f in ("rationale", "support_detail", "dissent")}
    decision.save_decision(
        ws, meeting_id=strategy, threshold_met=True, outcome=ThresholdOutcome.S47_JOINT, **texts
    )
    _by_meeting(p, "strategy", strategy, "threshold_decision", **texts)
    _close(ws, strategy, STRATEGY_DAY, sign=True)

    rev = _meeting(ws, case.case_id, MeetingType.REVIEW, REVIEW_DAY)
    _common(p, "review", rev, agency)
    reason = p.plant("review", "reason")
    review.record_icpc_timeframe(
        ws,
        meeting_id=rev,
        timeframe=IcpcTimeframe.EXTENDED,
        target_date=ICPC_DAY,
        reason=reason,
        exceptional_circumstances_confirmed=True,
    )
    _by_meeting(p, "review", rev, "icpc_timeframe", reason=reason)
    worry, marker = p.plant("review", "worry"), p.plant("review", "worry")
    plan = plans.create_safety_plan(
        ws,
        case_id=case.case_id,
        meeting_id=rev,
        items=[
            plans.SafetyPlanItemInput(
                worry=worry, keeps_safe="Someone is always home.", responsible_name=MOTHER
            ),
            plans.SafetyPlanItemInput(
                worry=f"The warning marker stays. {marker}",
                keeps_safe="Police review it.",
                responsible_name=MOTHER,
            ),
            plans.SafetyPlanItemInput(
                worry="Evenings alone (test).", keeps_safe="Nan visits.", responsible_name=MOTHER
            ),
        ],
        agreed_by=MOTHER,
    )
    _restrict(ws, rev, "safety_plan_item", safety_plan_item_id(plan.plan_id, worry), "item")
    _close(ws, rev, REVIEW_DAY, sign=True)

    icpc = _meeting(ws, case.case_id, MeetingType.ICPC, ICPC_DAY)
    _common(p, "icpc", icpc, agency)
    texts = {f: p.plant("icpc", f) for f in ("rationale", "outline_plan", "dissent")}
    conference.record_icpc_decision(
        ws,
        meeting_id=icpc,
        plan_needed=True,
        category=PlanCategory.NEGLECT,
        lead_practitioner=TEAM[StatutoryRole.SOCIAL_CARE][0],
        next_review_due=FIRST_REVIEW_DAY,
        **texts,
    )
    _by_meeting(p, "icpc", icpc, "conference_decision", **texts)
    _close(ws, icpc, ICPC_DAY, sign=True)

    change = _meeting(ws, case.case_id, MeetingType.RCPC, FIRST_REVIEW_DAY)
    _common(p, "change", change, agency)
    texts = {f: p.plant("change", f) for f in ("progress", "rationale", "dissent")}
    conference.record_rcpc_decision(
        ws,
        meeting_id=change,
        outcome=ConferenceOutcome.CHANGE_CATEGORY,
        category=PlanCategory.EMOTIONAL_ABUSE,
        next_review_due=LAST_REVIEW_DAY,
        **texts,
    )
    _by_meeting(p, "change", change, "conference_decision", **texts)
    _close(ws, change, FIRST_REVIEW_DAY, sign=True)

    ending = _meeting(ws, case.case_id, MeetingType.RCPC, LAST_REVIEW_DAY)
    _common(p, "discharge", ending, agency)
    for row in discharge.prefill_discharge_inputs(ws, meeting_id=ending):
        said = discharge.update_discharge_input(
            ws,
            input_id=row.id,
            asked_on=LAST_REVIEW_DAY - dt.timedelta(days=14),
            responded_on=LAST_REVIEW_DAY - dt.timedelta(days=10),
            response=p.plant("discharge", "input"),
        )
        if said.agency_id != agency["Police"]:
            _restrict(ws, ending, "discharge_input", said.id, "response")
    on(LAST_REVIEW_DAY, 11, 10)
    texts = {
        f: p.plant("discharge", f)
        for f in ("progress", "rationale", "dissent", "ongoing_support_detail")
    }
    discharge.record_discharge(
        ws,
        meeting_id=ending,
        reason=DischargeReason.NO_LONGER_AT_RISK,
        ongoing_support=[OngoingSupport.FAMILY_HELP],
        **texts,
    )
    _by_meeting(p, "discharge", ending, "conference_decision", **texts)
    _close(ws, ending, LAST_REVIEW_DAY, sign=False)  # the draft's copies, too
    p.meetings.update(strategy=strategy, review=rev, icpc=icpc, change=change, discharge=ending)


@pytest.fixture(scope="module")
def planted(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Planted]:
    folder = tmp_path_factory.mktemp("canaries")
    workspace = create_workspace(folder / "test.macpt", PASSPHRASE)
    workspace.actor = CHAIR
    try:
        p = Planted(workspace, folder)
        _build(p)
        for name, meeting_id in p.meetings.items():
            export_minutes(workspace, meeting_id=meeting_id, target=p.path(name, False))
            family = find_recipient(workspace, meeting_id=meeting_id, name=MOTHER)
            with contextlib.suppress(ExportError):
                export_minutes(
                    workspace,
                    meeting_id=meeting_id,
                    target=p.path(name, True),
                    family_copy=True,
                    recipient=family,
                )
        yield p
    finally:
        workspace.close()
        clock.set_clock(None)


def parts(path: Path) -> dict[str, str]:
    """Every part of the package, by name, as text."""
    with zipfile.ZipFile(path) as package:
        return {n: package.read(n).decode("utf-8", "replace") for n in package.namelist()}


def test_every_restrictable_field_was_planted(planted: Planted) -> None:
    fields = {c.split("-")[1] for c in planted.all()}
    assert fields == {
        "NOTES",
        "INFORMATION",
        "VIEW",
        "ACTION",
        "RATIONALE",
        "SUPPORT_DETAIL",
        "DISSENT",
        "REASON",
        "WORRY",
        "OUTLINE_PLAN",
        "PROGRESS",
        "INPUT",
        "ONGOING_SUPPORT_DETAIL",
        "TO_WHOM",
        "WHAT",
        "AGENCIES_OTHER",
        "OUTCOME",
    }


@pytest.mark.parametrize("name", ["strategy", "review", "icpc", "change", "discharge"])
def test_full_copies_carry_every_canary(planted: Planted, name: str) -> None:
    text = "\n".join(parts(planted.path(name, False)).values())
    missing = [c for c in planted.canaries[name] if c not in text]
    assert not missing


@pytest.mark.parametrize("name", ["icpc", "change", "discharge"])
def test_a_family_copy_leaves_out_the_risk_to_others_whole(planted: Planted, name: str) -> None:
    family = "\n".join(parts(planted.path(name, True)).values())
    full = "\n".join(parts(planted.path(name, False)).values())
    question = "pose a risk of harm to others"
    assert question in full and "Youth justice" in full
    assert question not in family and "Youth justice" not in family


@pytest.mark.parametrize("name", ["icpc", "change", "discharge"])
def test_no_canary_reaches_any_part_of_a_family_copy(planted: Planted, name: str) -> None:
    found = parts(planted.path(name, True))
    assert {"word/document.xml", "docProps/core.xml"} <= set(found)
    leaks = [(part, c) for part, text in found.items() for c in planted.all() if c in text]
    assert not leaks
    everything = "\n".join(found.values())
    assert VISIBLE in everything  # the copy is not simply empty
    assert not [phrase for phrase in FAMILY_FREE if phrase in everything]


@pytest.mark.parametrize("name", ["icpc", "change", "discharge"])
def test_a_family_copy_says_so_in_title_header_and_properties(planted: Planted, name: str) -> None:
    found = parts(planted.path(name, True))
    headers = [t for part, t in found.items() if part.startswith("word/header")]
    assert headers and all(FAMILY_COPY_MARK in t for t in headers)
    assert FAMILY_COPY_MARK in found["word/document.xml"]
    core = found["docProps/core.xml"]
    assert core.count(FAMILY_COPY_MARK) == 2  # title and subject
    assert "Sky" not in core and "DEMO-C901" not in core
    assert FAMILY_COPY_MARK not in "\n".join(parts(planted.path(name, False)).values())


@pytest.mark.parametrize("name", ["strategy", "review"])
def test_professional_minutes_have_no_family_copy(planted: Planted, name: str) -> None:
    assert not planted.path(name, True).exists()
    with pytest.raises(ExportError, match="for professionals only"):
        export_minutes(
            planted.workspace,
            meeting_id=planted.meetings[name],
            target=planted.path(name, True),
            family_copy=True,
        )
    assert not planted.path(name, True).exists()


def test_every_export_is_on_the_distribution_list(planted: Planted) -> None:
    copies = list_distribution(planted.workspace, meeting_id=planted.meetings["icpc"])
    assert [(c.copy.value, c.recipient.kind.value, c.draft) for c in copies] == [
        ("full", "not-named", False),
        ("family", "family-member", False),
    ]
    assert copies[1].recipient.name == MOTHER
    ending = list_distribution(planted.workspace, meeting_id=planted.meetings["discharge"])
    assert [c.draft for c in ending] == [True, True]
    family_doc = parts(planted.path("icpc", True))["word/document.xml"]
    assert "Distribution" in family_doc and MOTHER in family_doc


def test_a_restriction_cannot_change_after_sign_off(planted: Planted) -> None:
    meeting_id = planted.meetings["icpc"]
    with pytest.raises(RecordLocked):
        set_restriction(
            planted.workspace,
            meeting_id=meeting_id,
            record_table="conference_decision",
            record_id=meeting_id,
            field="dissent",
            restricted=False,
            reason="Agreed with the family (test).",
        )


def test_lifting_a_restriction_needs_a_reason(planted: Planted) -> None:
    meeting_id = planted.meetings["discharge"]
    with pytest.raises(ValidationError, match="reason"):
        set_restriction(
            planted.workspace,
            meeting_id=meeting_id,
            record_table="conference_decision",
            record_id=meeting_id,
            field="dissent",
            restricted=False,
        )


@pytest.mark.parametrize("name", ["review", "icpc", "change", "discharge"])
def test_no_canary_reaches_any_part_of_a_parents_letter(planted: Planted, name: str) -> None:
    """Parents' letters are the other thing a family reads: nothing restricted in
    them either, in any part of the package."""
    folder = planted.folder / f"letters-{name}"
    result = export_notifications(
        planted.workspace, meeting_id=planted.meetings[name], out_dir=folder, late_issue=True
    )
    manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    to_parents = [e["file"] for e in manifest if e["role"] == "parent_carer"]
    assert result is not None
    if name != "review":  # the sample's review keeps the conference in time: no letter
        assert to_parents, manifest
    for file in to_parents:
        leaks = [
            (part, c)
            for part, text in parts(folder / file).items()
            for c in planted.all()
            if c in text
        ]
        assert not leaks, file
