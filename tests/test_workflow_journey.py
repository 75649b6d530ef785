"""The step model after the strategy meeting: the journey's kinds and blockers, without Qt."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from pathlib import Path

import pytest

from app.models import MeetingType, StatutoryRole
from app.workflow import (
    BlockerCode,
    JourneyGap,
    MeetingFacts,
    MeetingFlow,
    StatutoryPresence,
    StepKind,
    journey_gap,
    kind_at,
)
from app.workflow.steps import steps_from_agenda

AGENDAS = Path(__file__).parents[1] / "resources" / "agendas"
START = dt.datetime(2026, 11, 23, 10, 0, tzinfo=dt.UTC)
ALL_PRESENT = tuple(StatutoryPresence(role, role.value, True) for role in StatutoryRole)


@dataclasses.dataclass(frozen=True)
class Item:
    id: str
    title: str
    kind: str
    guidance: str = ""


def agenda(meeting_type: MeetingType) -> list[Item]:
    items = json.loads((AGENDAS / f"{meeting_type.value}.json").read_text())["items"]
    return [Item(str(n), i["title"], i["kind"], i["guidance"]) for n, i in enumerate(items)]


def flow(meeting_type: MeetingType, items: list[Item], facts: MeetingFacts) -> MeetingFlow:
    return MeetingFlow(steps_from_agenda(items, meeting_type), now=lambda: START, facts=facts)


def test_the_shipped_agendas_give_each_meeting_its_own_steps() -> None:
    kinds = {t: [s.kind for s in steps_from_agenda(agenda(t), t)] for t in MeetingType}
    assert StepKind.DECISION in kinds[MeetingType.STRATEGY]
    assert kinds[MeetingType.REVIEW].count(StepKind.ICPC_TIMEFRAME) == 1
    assert kinds[MeetingType.REVIEW].count(StepKind.SAFETY_PLAN) == 1
    for conference in (MeetingType.ICPC, MeetingType.RCPC):
        assert kinds[conference].count(StepKind.CONFERENCE_DECISION) == 1
        assert StepKind.DECISION not in kinds[conference]
    # Every kind shipped is one the step model knows (none falls back by accident).
    for meeting_type in MeetingType:
        for item in agenda(meeting_type):
            assert StepKind(item.kind).fits(meeting_type), (meeting_type, item.title)


def test_a_renamed_item_keeps_its_editor() -> None:
    items = [
        dataclasses.replace(i, title=f"Item {n}") for n, i in enumerate(agenda(MeetingType.REVIEW))
    ]
    kinds = [s.kind for s in steps_from_agenda(items, MeetingType.REVIEW)]
    assert StepKind.ICPC_TIMEFRAME in kinds and StepKind.SAFETY_PLAN in kinds


def test_a_review_agenda_from_before_the_journey_kinds_still_shows_its_editors() -> None:
    # Templates copied into a workspace earlier stored these two items as notes.
    old = [
        Item("a", "Introductions", "notes"),
        Item("b", "Timeframe for the initial child protection conference", "notes"),
        Item("c", "Interim safety plan", "notes"),
        Item("d", "Safety planning notes", "notes"),
    ]
    kinds = [s.kind for s in steps_from_agenda(old, MeetingType.REVIEW)]
    assert kinds == [
        StepKind.NOTES,
        StepKind.ICPC_TIMEFRAME,
        StepKind.SAFETY_PLAN,
        StepKind.NOTES,
    ]
    # Once the agenda carries the new kinds, titles mean nothing.
    new = [*old[:3], Item("e", "Safety plan review", "notes"), Item("f", "X", "safety-plan")]
    kinds = [s.kind for s in steps_from_agenda(new, MeetingType.REVIEW)]
    assert kinds == [StepKind.NOTES] * 4 + [StepKind.SAFETY_PLAN]


def test_kinds_are_read_for_the_meeting_they_are_at() -> None:
    # A "decision" item holds each meeting's own decision.
    assert kind_at(MeetingType.STRATEGY, "decision") is StepKind.DECISION
    assert kind_at(MeetingType.REVIEW, "decision") is StepKind.ICPC_TIMEFRAME
    assert kind_at(MeetingType.ICPC, "decision") is StepKind.CONFERENCE_DECISION
    assert kind_at(MeetingType.RCPC, "decision") is StepKind.CONFERENCE_DECISION
    # A kind that means nothing at this meeting, or is unknown, is notes.
    assert kind_at(MeetingType.STRATEGY, "conference-decision") is StepKind.NOTES
    assert kind_at(MeetingType.ICPC, "icpc-timeframe") is StepKind.NOTES
    assert kind_at(MeetingType.REVIEW, "something-local") is StepKind.NOTES
    # A safety plan can be agreed at any meeting about the child.
    assert kind_at(MeetingType.STRATEGY, "safety-plan") is StepKind.SAFETY_PLAN


def test_a_review_cannot_close_without_its_timeframe_and_safety_plan() -> None:
    gaps = (
        journey_gap(MeetingType.REVIEW, "The timeframe for the ICPC is not recorded."),
        journey_gap(MeetingType.REVIEW, "There is no interim safety plan. Agree one."),
    )
    assert gaps == (
        JourneyGap(StepKind.ICPC_TIMEFRAME, "The timeframe for the ICPC is not recorded."),
        JourneyGap(StepKind.SAFETY_PLAN, "There is no interim safety plan. Agree one."),
    )
    facts = MeetingFacts(decision_required=False, statutory=ALL_PRESENT, journey_gaps=gaps)
    f = flow(MeetingType.REVIEW, agenda(MeetingType.REVIEW), facts)
    assert [b.code for b in f.blockers()] == [BlockerCode.JOURNEY_GAP] * 2
    assert not f.can_close
    timeframe, plan = (f.index_for(b) for b in f.blockers())
    assert f.steps[timeframe or 0].kind is StepKind.ICPC_TIMEFRAME
    assert f.steps[plan or 0].kind is StepKind.SAFETY_PLAN
    assert [b.message for b in f.blockers_at(plan or 0)] == [gaps[1].message]
    f.jump_to_blocker(f.blockers()[1])
    assert f.current.kind is StepKind.SAFETY_PLAN
    f.update_facts(dataclasses.replace(facts, journey_gaps=()))
    assert f.can_close


def test_a_conference_cannot_close_without_its_decision() -> None:
    gap = journey_gap(MeetingType.ICPC, "The conference's decision is not recorded.")
    facts = MeetingFacts(decision_required=False, statutory=ALL_PRESENT, journey_gaps=(gap,))
    f = flow(MeetingType.ICPC, agenda(MeetingType.ICPC), facts)
    (blocker,) = f.blockers()
    assert blocker.step_kind is StepKind.CONFERENCE_DECISION
    assert f.index_for(blocker) == f.decision_index
    assert f.steps[f.decision_index or 0].title == "Decision: is a child protection plan needed?"


def test_a_missing_agency_is_acknowledged_at_the_meetings_own_decision() -> None:
    absent = tuple(
        StatutoryPresence(p.role, "Education", False) if p.role is StatutoryRole.EDUCATION else p
        for p in ALL_PRESENT
    )
    facts = MeetingFacts(decision_required=False, statutory=absent)
    for meeting_type, kind in (
        (MeetingType.REVIEW, StepKind.ICPC_TIMEFRAME),
        (MeetingType.RCPC, StepKind.CONFERENCE_DECISION),
    ):
        f = flow(meeting_type, agenda(meeting_type), facts)
        (blocker,) = f.blockers()
        assert blocker.code is BlockerCode.UNREPRESENTED_AGENCY
        index = f.index_for(blocker)
        assert index is not None and f.steps[index].kind is kind
        assert f.blockers_at(index) == [blocker]


def test_a_gap_whose_item_was_removed_says_so() -> None:
    items = [i for i in agenda(MeetingType.REVIEW) if i.kind != "safety-plan"]
    gap = journey_gap(MeetingType.REVIEW, "There is no interim safety plan. Agree one.")
    f = flow(MeetingType.REVIEW, items, MeetingFacts(decision_required=False, journey_gaps=(gap,)))
    (blocker,) = f.blockers()
    assert f.index_for(blocker) is None
    with pytest.raises(LookupError, match="no interim safety plan item"):
        f.jump_to_blocker(blocker)
