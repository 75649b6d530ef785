"""The chair's step model, without Qt and without a workspace."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from app.models import StatutoryRole
from app.workflow import (
    ActionFacts,
    BlockerCode,
    MeetingFacts,
    MeetingFlow,
    StatutoryPresence,
    Step,
    StepKind,
)
from app.workflow.steps import steps_from_agenda

START = dt.datetime(2026, 11, 23, 10, 0, tzinfo=dt.UTC)


class FakeTime:
    """A clock the test moves by hand."""

    def __init__(self) -> None:
        self.now = START

    def __call__(self) -> dt.datetime:
        return self.now

    def advance(self, **kwargs: float) -> None:
        self.now += dt.timedelta(**kwargs)


@dataclasses.dataclass(frozen=True)
class Item:
    id: str
    title: str
    kind: str
    guidance: str = ""


AGENDA = [
    Item("a", "Introductions and confidentiality", "notes"),
    Item("b", "Information from each agency", "agency-information"),
    Item("c", "Threshold decision", "decision"),
    Item("d", "Actions and next steps", "actions"),
    Item("e", "Timescales", "timescales"),
    Item("f", "Local item", "something-a-local-area-added"),
]

ALL_PRESENT = tuple(StatutoryPresence(role, role.value, True) for role in StatutoryRole)
COMPLETE = MeetingFacts(
    threshold_met=True,
    has_outcome=True,
    has_rationale=True,
    statutory=ALL_PRESENT,
    actions=(ActionFacts("x", 1, True, True),),
)


def flow(clock: FakeTime | None = None, **kwargs: object) -> MeetingFlow:
    return MeetingFlow(steps_from_agenda(AGENDA), now=clock or FakeTime(), **kwargs)  # type: ignore[arg-type]


def test_steps_follow_the_agenda_and_unknown_kinds_are_notes() -> None:
    steps = steps_from_agenda(AGENDA)
    assert [s.agenda_item_id for s in steps] == ["a", "b", "c", "d", "e", "f"]
    assert steps[2].kind is StepKind.DECISION
    assert steps[5].kind is StepKind.NOTES
    with pytest.raises(ValueError, match="at least one"):
        MeetingFlow([], now=FakeTime())


def test_next_and_back_stop_at_the_ends() -> None:
    f = flow()
    assert f.current.agenda_item_id == "a"
    assert not f.can_go_back
    assert f.previous().agenda_item_id == "a"
    assert f.next().agenda_item_id == "b"
    assert f.can_go_back
    for _ in range(10):
        f.next()
    assert f.current.agenda_item_id == "f"
    assert not f.can_go_next
    assert f.previous().agenda_item_id == "e"


def test_jump_to_the_decision_and_back() -> None:
    f = flow()
    assert f.jump_to_kind(StepKind.DECISION).title == "Threshold decision"
    assert f.index == 2
    assert f.jump_to_item("a").kind is StepKind.NOTES
    with pytest.raises(IndexError):
        f.jump_to(6)
    with pytest.raises(LookupError):
        f.jump_to_item("nope")
    short = MeetingFlow([Step("x", "Only item", StepKind.NOTES)], now=FakeTime())
    assert not short.has_kind(StepKind.DECISION)
    with pytest.raises(LookupError, match="threshold decision"):
        short.jump_to_kind(StepKind.DECISION)


def test_progress_counts_what_was_opened() -> None:
    f = flow()
    assert f.progress.text == "Item 1 of 6"
    f.jump_to_kind(StepKind.DECISION)
    progress = f.progress
    assert progress.position == 3
    assert progress.visited == frozenset({0, 2})
    assert progress.fraction == pytest.approx(2 / 6)


def test_time_per_step_and_for_the_meeting() -> None:
    clock = FakeTime()
    f = flow(clock, spent={"b": 60})
    assert f.elapsed_in_meeting() == dt.timedelta(0)
    clock.advance(minutes=5)  # nothing counts before the start
    f.start()
    assert f.started_at == clock.now
    clock.advance(minutes=3)
    assert f.elapsed_in_step() == dt.timedelta(minutes=3)
    f.next()
    clock.advance(minutes=2)
    assert f.elapsed_in_step() == dt.timedelta(minutes=3)  # 1 earlier + 2 now
    assert f.elapsed_in_step(0) == dt.timedelta(minutes=3)
    f.previous()
    clock.advance(minutes=1)
    assert f.elapsed_in_step() == dt.timedelta(minutes=4)
    assert f.elapsed_in_meeting() == dt.timedelta(minutes=6)
    f.stop()
    clock.advance(minutes=10)
    assert f.elapsed_in_step() == dt.timedelta(minutes=4)
    assert f.time_spent() == {"a": 240, "b": 180, "c": 0, "d": 0, "e": 0, "f": 0}
    # A meeting started earlier keeps its start when the flow is rebuilt.
    resumed = flow(clock, started_at=START, spent=f.time_spent())
    resumed.start()
    assert resumed.started_at == START
    assert resumed.elapsed_in_meeting() == dt.timedelta(minutes=21)


def test_blockers_for_an_empty_strategy_meeting() -> None:
    f = flow(
        facts=MeetingFacts(
            statutory=tuple(StatutoryPresence(r, r.value, False) for r in StatutoryRole)
        )
    )
    codes = [b.code for b in f.blockers()]
    assert codes[:3] == [BlockerCode.NO_THRESHOLD, BlockerCode.NO_OUTCOME, BlockerCode.NO_RATIONALE]
    assert codes.count(BlockerCode.UNREPRESENTED_AGENCY) == 4
    assert not f.can_close
    assert all(b.step_kind is StepKind.DECISION for b in f.blockers())


def test_rationale_is_required_even_for_no_further_action() -> None:
    f = flow(facts=dataclasses.replace(COMPLETE, has_rationale=False))
    (blocker,) = f.blockers()
    assert blocker.code is BlockerCode.NO_RATIONALE
    assert "no further action" in blocker.message
    f.update_facts(COMPLETE)
    assert f.blockers() == []
    assert f.can_close


def test_unrepresented_agency_until_acknowledged() -> None:
    police_absent = tuple(
        StatutoryPresence(p.role, "Police", False) if p.role is StatutoryRole.POLICE else p
        for p in ALL_PRESENT
    )
    f = flow(facts=dataclasses.replace(COMPLETE, statutory=police_absent))
    (blocker,) = f.blockers()
    assert blocker.code is BlockerCode.UNREPRESENTED_AGENCY
    assert blocker.subject == "police"
    assert blocker.message.startswith("Police is not represented")
    acknowledged = tuple(dataclasses.replace(p, acknowledged=True) for p in police_absent)
    f.update_facts(dataclasses.replace(COMPLETE, statutory=acknowledged))
    assert f.can_close


def test_actions_need_an_owner_and_a_date() -> None:
    actions = (ActionFacts("x", 1, True, True), ActionFacts("y", 2, False, False))
    f = flow(facts=dataclasses.replace(COMPLETE, actions=actions))
    blockers = f.blockers()
    assert [b.code for b in blockers] == [
        BlockerCode.ACTION_WITHOUT_OWNER,
        BlockerCode.ACTION_WITHOUT_DUE_DATE,
    ]
    assert all(b.subject == "y" and b.step_kind is StepKind.ACTIONS for b in blockers)
    assert "Action 2" in blockers[0].message


def test_meetings_without_a_threshold_decision() -> None:
    # A five-day review has no threshold decision; only attendance and actions count.
    facts = MeetingFacts(decision_required=False, statutory=ALL_PRESENT)
    assert flow(facts=facts).blockers() == []


def test_items_worked_on_at_an_earlier_sitting_count_as_opened() -> None:
    # Reopening a meeting resumes it: the agenda shows what was already done.
    f = flow(spent={"c": 90, "d": 0})
    assert f.progress.visited == frozenset({0, 2})
