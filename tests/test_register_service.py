"""The register: who is in it, its clocks and overdue flags against fixed days,
its filters, paging and order. Records are built through the models on real
workspaces; every expectation below is counted by hand from them."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest

from app.models import (
    CaseEpisode,
    CaseStatus,
    Child,
    ChildProtectionPlan,
    IcpcTimeframe,
    IcpcTimeframeDecision,
    Meeting,
    MeetingStatus,
    MeetingTimescales,
    MeetingType,
    PlanCategory,
    ThresholdDecision,
    ThresholdOutcome,
    new_id,
)
from app.services.register import (
    RegisterFilter,
    RegisterRow,
    register_lcpps,
    register_page,
)
from app.services.workspace import open_workspace
from app.storage.workspace import Workspace
from tests.conftest import PASSPHRASE
from tests.helpers.workspaces import copy_workspace, template

# A strategy meeting on Monday 2 November 2026: the review is due on the 5th
# working day (Monday 9 November), the ICPC on the 15th (Monday 23 November).
STRATEGY = dt.date(2026, 11, 2)
REVIEW_DUE = dt.date(2026, 11, 9)
ICPC_DUE = dt.date(2026, 11, 23)
HELD = MeetingStatus.CLOSED


@dataclasses.dataclass
class Journey:
    """Builds one child's records, step by step, in one transaction per step."""

    workspace: Workspace
    ref: str
    first: str = "Pat"
    last: str = "Example"
    lcpp: str | None = None
    chair: str = "Jordan Demo-Chair"
    existing_child: str | None = None  # a new episode for this child
    opened_on: dt.date = STRATEGY - dt.timedelta(days=3)

    def __post_init__(self) -> None:
        self.child_id, self.case_id = self.existing_child or new_id(), new_id()
        self.strategy_id: str | None = None
        with self.workspace.transaction() as session:
            if self.existing_child is None:
                session.add(
                    Child(
                        id=self.child_id,
                        la_child_ref=self.ref,
                        first_name=self.first,
                        last_name=self.last,
                    )
                )
                session.flush()
            session.add(
                CaseEpisode(
                    id=self.case_id,
                    child_id=self.child_id,
                    lcpp_name=self.lcpp,
                    opened_on=self.opened_on,
                )
            )

    def meeting(
        self, kind: MeetingType, day: dt.date, status: MeetingStatus = HELD, chair: str = ""
    ) -> str:
        meeting_id = new_id()
        with self.workspace.transaction() as session:
            session.add(
                Meeting(
                    id=meeting_id,
                    case_id=self.case_id,
                    meeting_type=kind,
                    scheduled_date=day,
                    status=status,
                    chair_name=chair or self.chair,
                )
            )
        return meeting_id

    def strategy(
        self,
        outcome: ThresholdOutcome = ThresholdOutcome.S47_JOINT,
        day: dt.date = STRATEGY,
        *,
        review_due: dt.date = REVIEW_DUE,
        icpc_due: dt.date = ICPC_DUE,
        chair: str = "",
    ) -> Journey:
        self.strategy_id = self.meeting(MeetingType.STRATEGY, day, chair=chair)
        with self.workspace.transaction() as session:
            session.add(ThresholdDecision(meeting_id=self.strategy_id, outcome=outcome))
            session.add(
                MeetingTimescales(
                    meeting_id=self.strategy_id,
                    strategy_date=day,
                    review_due=review_due,
                    icpc_due=icpc_due,
                    assessment_due=day + dt.timedelta(days=63),
                )
            )
        return self

    def review(
        self,
        timeframe: IcpcTimeframe | None = None,
        target: dt.date | None = None,
        day: dt.date = REVIEW_DUE,
    ) -> Journey:
        review_id = self.meeting(MeetingType.REVIEW, day)
        if timeframe is not None:
            with self.workspace.transaction() as session:
                session.add(
                    IcpcTimeframeDecision(
                        meeting_id=review_id,
                        strategy_meeting_id=self.strategy_id,
                        timeframe=timeframe,
                        default_due=ICPC_DUE,
                        target_date=target,
                        reason="Demo reason for the test.",
                    )
                )
        return self

    def plan(
        self,
        category: PlanCategory = PlanCategory.NEGLECT,
        next_review: dt.date = dt.date(2027, 2, 15),
        *,
        icpc_day: dt.date = ICPC_DUE,
        lcpp: str = "",
        ended: dt.date | None = None,
    ) -> Journey:
        icpc_id = self.meeting(MeetingType.ICPC, icpc_day)
        with self.workspace.transaction() as session:
            session.add(
                ChildProtectionPlan(
                    case_id=self.case_id,
                    start_date=icpc_day,
                    icpc_meeting_id=icpc_id,
                    initial_category=category,
                    latest_category=category,
                    lcpp_name=lcpp,
                    next_review_due=next_review,
                    end_date=ended,
                )
            )
        return self


@pytest.fixture(scope="module")
def empty(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return template("register-empty", tmp_path_factory.mktemp, lambda _workspace: None)


@pytest.fixture
def workspace(empty: Path, tmp_path: Path) -> Iterator[Workspace]:
    """A copy of an empty workspace (creating one per test is slow; records that
    others name are never deleted, so one cannot be emptied between tests)."""
    with open_workspace(copy_workspace(empty, tmp_path / "w.macpt"), PASSPHRASE) as workspace:
        yield workspace


def rows(workspace: Workspace, today: dt.date, **filters: object) -> list[RegisterRow]:
    return register_page(
        workspace,
        filters=RegisterFilter(**filters),  # type: ignore[arg-type]
        today=today,
        offset=0,
        limit=1000,
    )


def only(workspace: Workspace, today: dt.date) -> RegisterRow:
    (row,) = rows(workspace, today)
    return row


# -- who is in the register ---------------------------------------------------


def test_a_section_47_enquiry_puts_the_child_in_the_register(workspace: Workspace) -> None:
    journey = Journey(workspace, "TEST-0001", lcpp="Sam Demo-Lead").strategy()
    row = only(workspace, STRATEGY)
    assert row.child == "TEST-0001"
    assert row.child_name == "Pat Example"
    assert (row.child_id, row.case_id) == (journey.child_id, journey.case_id)
    assert row.status == "s47"
    assert row.lcpp == "Sam Demo-Lead"
    assert (row.strategy_date, row.review_due, row.icpc_due) == (STRATEGY, REVIEW_DUE, ICPC_DUE)
    assert row.icpc_extended is False
    assert (row.icpc_date, row.plan_start, row.category, row.next_review_due) == (
        None,
        None,
        None,
        None,
    )
    assert row.overdue == ()


@pytest.mark.parametrize(
    "outcome",
    [
        ThresholdOutcome.NFA,
        ThresholdOutcome.NFA_S47_WITH_SUPPORT,
        ThresholdOutcome.RECONVENE,
        ThresholdOutcome.POLICE_PROTECTION,
    ],
)
def test_outcomes_that_start_no_enquiry_leave_the_child_out(
    workspace: Workspace, outcome: ThresholdOutcome
) -> None:
    Journey(workspace, "TEST-0001").strategy(outcome)
    assert rows(workspace, STRATEGY) == []


def test_a_decision_in_a_meeting_not_yet_started_counts_for_nothing(workspace: Workspace) -> None:
    journey = Journey(workspace, "TEST-0001")
    meeting_id = journey.meeting(MeetingType.STRATEGY, STRATEGY, MeetingStatus.SCHEDULED)
    with workspace.transaction() as session:
        session.add(ThresholdDecision(meeting_id=meeting_id, outcome=ThresholdOutcome.S47_JOINT))
    assert rows(workspace, STRATEGY) == []


def test_the_enquiry_ends_when_the_icpc_is_held(workspace: Workspace) -> None:
    journey = Journey(workspace, "TEST-0001").strategy().review()
    icpc = journey.meeting(MeetingType.ICPC, ICPC_DUE, MeetingStatus.SCHEDULED)
    assert only(workspace, ICPC_DUE).status == "s47"
    with workspace.transaction() as session:
        meeting = session.get(Meeting, icpc)
        assert meeting is not None
        meeting.status = MeetingStatus.SIGNED_OFF
    # Held, and no plan: the child leaves the register.
    assert rows(workspace, ICPC_DUE) == []


def test_the_review_deciding_no_conference_is_needed_ends_it(workspace: Workspace) -> None:
    Journey(workspace, "TEST-0001").strategy().review(IcpcTimeframe.NOT_NEEDED)
    assert rows(workspace, REVIEW_DUE) == []


def test_a_later_strategy_meeting_deciding_otherwise_ends_it(workspace: Workspace) -> None:
    journey = Journey(workspace, "TEST-0001").strategy()
    journey.strategy(ThresholdOutcome.NFA, STRATEGY + dt.timedelta(days=3))
    assert rows(workspace, REVIEW_DUE) == []
    # A later strategy meeting that starts a new enquiry restarts the clocks.
    journey.strategy(ThresholdOutcome.S47_SINGLE_AGENCY, dt.date(2026, 11, 16))
    assert only(workspace, REVIEW_DUE).strategy_date == dt.date(2026, 11, 16)


def test_a_closed_case_is_not_in_the_register(workspace: Workspace) -> None:
    journey = Journey(workspace, "TEST-0001").strategy().plan()
    with workspace.transaction() as session:
        case = session.get(CaseEpisode, journey.case_id)
        assert case is not None
        case.status = CaseStatus.CLOSED
    assert rows(workspace, ICPC_DUE) == []


def test_a_plan_puts_the_child_in_the_register_until_it_ends(workspace: Workspace) -> None:
    Journey(workspace, "TEST-0001").strategy().review().plan(
        PlanCategory.EMOTIONAL_ABUSE, dt.date(2027, 2, 15), lcpp="Riley Demo-Chair"
    )
    Journey(workspace, "TEST-0002").strategy().review().plan(ended=dt.date(2026, 11, 30))
    row = only(workspace, dt.date(2026, 12, 1))
    assert row.child == "TEST-0001"
    assert row.status == "cp-plan"
    assert (row.plan_start, row.icpc_date) == (ICPC_DUE, ICPC_DUE)
    assert row.category is PlanCategory.EMOTIONAL_ABUSE
    assert row.next_review_due == dt.date(2027, 2, 15)
    assert row.strategy_date == STRATEGY  # the enquiry that led to the plan
    assert row.lcpp == "Riley Demo-Chair"
    assert row.overdue == ()


def test_one_row_per_child_from_their_newest_open_episode(workspace: Workspace) -> None:
    first = Journey(workspace, "TEST-0001").strategy()
    second = Journey(
        workspace, "TEST-0001", existing_child=first.child_id, opened_on=dt.date(2026, 11, 10)
    ).strategy(day=dt.date(2026, 11, 12))
    (row,) = rows(workspace, dt.date(2026, 11, 12))
    assert (row.case_id, row.strategy_date) == (second.case_id, dt.date(2026, 11, 12))


# -- the LCPP ------------------------------------------------------------------


def test_the_lcpp_is_the_cases_then_the_plans_then_the_chairs(workspace: Workspace) -> None:
    Journey(workspace, "TEST-0001", lcpp="Sam Demo-Lead").strategy().plan(lcpp="Riley Demo-Chair")
    Journey(workspace, "TEST-0002").strategy().plan(lcpp="Riley Demo-Chair")
    Journey(workspace, "TEST-0003").strategy(chair="Morgan Demo-Lead")
    lcpps = {row.child: row.lcpp for row in rows(workspace, ICPC_DUE)}
    assert lcpps == {
        "TEST-0001": "Sam Demo-Lead",
        "TEST-0002": "Riley Demo-Chair",
        "TEST-0003": "Morgan Demo-Lead",
    }
    assert register_lcpps(workspace) == ["Morgan Demo-Lead", "Riley Demo-Chair", "Sam Demo-Lead"]


# -- clocks and overdue flags, against fixed days ---------------------------------


def test_the_review_is_overdue_from_the_day_after_it_was_due(workspace: Workspace) -> None:
    Journey(workspace, "TEST-0001").strategy()
    assert only(workspace, REVIEW_DUE).overdue == ()
    assert only(workspace, REVIEW_DUE + dt.timedelta(days=1)).overdue == ("review",)


def test_a_held_review_is_not_overdue_even_if_it_was_late(workspace: Workspace) -> None:
    Journey(workspace, "TEST-0001").strategy().review(day=REVIEW_DUE + dt.timedelta(days=2))
    assert only(workspace, REVIEW_DUE + dt.timedelta(days=3)).overdue == ()


def test_a_review_still_to_be_held_is_overdue(workspace: Workspace) -> None:
    journey = Journey(workspace, "TEST-0001").strategy()
    journey.meeting(MeetingType.REVIEW, REVIEW_DUE, MeetingStatus.SCHEDULED)
    assert only(workspace, REVIEW_DUE + dt.timedelta(days=1)).overdue == ("review",)


def test_the_icpc_is_overdue_once_its_day_has_passed(workspace: Workspace) -> None:
    journey = Journey(workspace, "TEST-0001").strategy().review()
    journey.meeting(MeetingType.ICPC, ICPC_DUE + dt.timedelta(days=2), MeetingStatus.SCHEDULED)
    assert only(workspace, ICPC_DUE).overdue == ()
    assert only(workspace, ICPC_DUE + dt.timedelta(days=1)).overdue == ("icpc",)


def test_review_and_icpc_can_both_be_overdue(workspace: Workspace) -> None:
    Journey(workspace, "TEST-0001").strategy()
    assert only(workspace, dt.date(2026, 12, 1)).overdue == ("review", "icpc")


def test_an_extension_moves_the_icpc_due_date(workspace: Workspace) -> None:
    target = dt.date(2026, 12, 4)
    Journey(workspace, "TEST-0001").strategy().review(IcpcTimeframe.EXTENDED, target)
    row = only(workspace, ICPC_DUE + dt.timedelta(days=1))
    assert (row.icpc_due, row.icpc_extended, row.overdue) == (target, True, ())
    assert only(workspace, target + dt.timedelta(days=1)).overdue == ("icpc",)


def test_a_timeframe_within_15_days_keeps_the_default(workspace: Workspace) -> None:
    Journey(workspace, "TEST-0001").strategy().review(
        IcpcTimeframe.WITHIN_15_DAYS, dt.date(2026, 11, 20)
    )
    row = only(workspace, REVIEW_DUE)
    assert (row.icpc_due, row.icpc_extended) == (ICPC_DUE, False)


def test_the_review_conference_is_overdue_until_one_is_held(workspace: Workspace) -> None:
    due = dt.date(2027, 2, 15)
    journey = Journey(workspace, "TEST-0001").strategy().review().plan(next_review=due)
    after = due + dt.timedelta(days=1)
    assert only(workspace, due).overdue == ()
    assert only(workspace, after).overdue == ("rcpc",)
    journey.meeting(MeetingType.RCPC, due + dt.timedelta(days=1), MeetingStatus.SCHEDULED)
    assert only(workspace, after).overdue == ("rcpc",)
    journey.meeting(MeetingType.RCPC, due + dt.timedelta(days=1))
    assert only(workspace, after + dt.timedelta(days=1)).overdue == ()


def test_a_child_on_a_plan_has_no_enquiry_clocks_overdue(workspace: Workspace) -> None:
    # The strategy meeting's review and ICPC clocks belong to the enquiry, now over.
    Journey(workspace, "TEST-0001").strategy().plan()
    assert only(workspace, dt.date(2027, 1, 4)).overdue == ()


def test_an_overdue_assessment_reads_in_the_register_cells() -> None:
    from app.services.register import RegisterRow
    from app.ui.register.cells import COL, line

    row = RegisterRow(
        child_id="c",
        case_id="k",
        child="TEST-0009",
        child_name="Pat Example",
        status="s47",
        lcpp="",
        strategy_date=dt.date(2026, 9, 1),
        review_due=dt.date(2026, 9, 8),
        icpc_due=dt.date(2026, 12, 1),
        icpc_extended=True,
        icpc_date=None,
        plan_start=None,
        category=None,
        next_review_due=None,
        overdue=("assessment",),
    )
    shown = line(row, names_hidden=False)
    assert shown.cells[COL["overdue"]] == "Assessment"
    assert COL["strategy_date"] in shown.hot
