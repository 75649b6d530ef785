"""The register's filters, paging and orders, on six children counted by hand."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Iterator

import pytest

from app.errors import ValidationError
from app.models import IcpcTimeframe, PlanCategory, ThresholdOutcome
from app.services.register import (
    RegisterFilter,
    all_register_rows,
    register_count,
    register_page,
    register_totals,
)
from app.services.workspace import create_workspace
from app.storage.workspace import Workspace
from tests.conftest import PASSPHRASE
from tests.test_register_service import Journey, rows


@pytest.fixture(scope="module")
def register_of_six(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Workspace]:
    """Six children (one not in the register), read by several tests (read only).

    On 1 December 2026: TEST-0001 review and ICPC overdue; TEST-0002 ICPC extended
    (not overdue); TEST-0003 plan for neglect; TEST-0004 plan for physical
    abuse, review conference overdue; TEST-0005 "Zoë Ñandú"; TEST-0006 no
    further action.
    """
    path = tmp_path_factory.mktemp("register") / "six.macpt"
    workspace = create_workspace(path, PASSPHRASE)
    Journey(workspace, "TEST-0001", "Poppy", "Example", lcpp="Sam Demo-Lead").strategy()
    Journey(workspace, "TEST-0002", "Alfie", "Sample", lcpp="Sam Demo-Lead").strategy().review(
        IcpcTimeframe.EXTENDED, dt.date(2026, 12, 11)
    )
    Journey(workspace, "TEST-0003", "Ruby", "Testwood", lcpp="Riley Demo-Chair").strategy().plan(
        PlanCategory.NEGLECT, dt.date(2027, 2, 15)
    )
    Journey(workspace, "TEST-0004", "Noah", "Exampleton", lcpp="Riley Demo-Chair").strategy().plan(
        PlanCategory.PHYSICAL_ABUSE, dt.date(2026, 11, 30)
    )
    Journey(workspace, "TEST-0005", "Zoë", "Ñandú", lcpp="Morgan Demo-Lead").strategy(
        icpc_due=dt.date(2026, 12, 24), review_due=dt.date(2026, 12, 24)
    )
    Journey(workspace, "TEST-0006", "Poppy", "Other").strategy(ThresholdOutcome.NFA)
    yield workspace
    workspace.close()


DAY = dt.date(2026, 12, 1)


def refs(workspace: Workspace, **filters: object) -> list[str]:
    return [row.child for row in rows(workspace, DAY, **filters)]


def test_the_register_is_in_reference_order(register_of_six: Workspace) -> None:
    assert refs(register_of_six) == [f"TEST-000{n}" for n in range(1, 6)]
    assert register_count(register_of_six, filters=RegisterFilter(), today=DAY) == 5


@pytest.mark.parametrize(
    ("filters", "expected"),
    [
        ({"status": "s47"}, ["TEST-0001", "TEST-0002", "TEST-0005"]),
        ({"status": "cp-plan"}, ["TEST-0003", "TEST-0004"]),
        ({"lcpp": "Riley Demo-Chair"}, ["TEST-0003", "TEST-0004"]),
        ({"lcpp": "Nobody Known"}, []),
        ({"overdue_only": True}, ["TEST-0001", "TEST-0004"]),
        ({"category": PlanCategory.PHYSICAL_ABUSE}, ["TEST-0004"]),
        ({"status": "s47", "overdue_only": True, "lcpp": "Sam Demo-Lead"}, ["TEST-0001"]),
    ],
)
def test_filters(
    register_of_six: Workspace, filters: dict[str, object], expected: list[str]
) -> None:
    assert refs(register_of_six, **filters) == expected
    count = register_count(register_of_six, filters=RegisterFilter(**filters), today=DAY)  # type: ignore[arg-type]
    assert count == len(expected)


def test_totals_count_the_children_with_something_overdue(register_of_six: Workspace) -> None:
    everyone = register_totals(register_of_six, filters=RegisterFilter(), today=DAY)
    assert (everyone.children, everyone.overdue) == (5, 2)
    assert everyone.lcpps == ("Morgan Demo-Lead", "Riley Demo-Chair", "Sam Demo-Lead")
    plans = register_totals(register_of_six, filters=RegisterFilter(status="cp-plan"), today=DAY)
    assert (plans.children, plans.overdue, plans.lcpps) == (2, 1, ("Riley Demo-Chair",))
    nobody = register_totals(register_of_six, filters=RegisterFilter(search="zzz"), today=DAY)
    assert (nobody.children, nobody.overdue, nobody.lcpps) == (0, 0, ())


def test_an_unknown_status_is_refused(register_of_six: Workspace) -> None:
    with pytest.raises(ValidationError, match="s47, cp-plan"):
        refs(register_of_six, status="open")


def test_pages_follow_on_by_offset_or_by_reference(register_of_six: Workspace) -> None:
    def page(**kwargs: object) -> list[str]:
        found = register_page(
            register_of_six,
            filters=RegisterFilter(),
            today=DAY,
            **kwargs,  # type: ignore[arg-type]
        )
        return [row.child for row in found]

    assert page(offset=0, limit=2) == ["TEST-0001", "TEST-0002"]
    assert page(offset=2, limit=2) == ["TEST-0003", "TEST-0004"]
    assert page(offset=0, limit=2, after="TEST-0002") == ["TEST-0003", "TEST-0004"]
    assert page(offset=0, limit=9, after="TEST-0004") == ["TEST-0005"]
    assert page(offset=0, limit=2, descending=True) == ["TEST-0005", "TEST-0004"]
    assert page(offset=0, limit=2, descending=True, after="TEST-0004") == [
        "TEST-0003",
        "TEST-0002",
    ]
    with pytest.raises(ValidationError):
        page(offset=0, limit=0)
    with pytest.raises(ValidationError):
        page(offset=0, limit=5, order="urgency", after="TEST-0002")
    with pytest.raises(ValidationError):
        page(offset=0, limit=5, order="shoe size")


@pytest.mark.parametrize(
    ("order", "descending", "expected"),
    [
        # Overdue first (soonest due first), then the soonest due.
        ("urgency", False, ["TEST-0001", "TEST-0004", "TEST-0002", "TEST-0005", "TEST-0003"]),
        ("name", False, ["TEST-0001", "TEST-0004", "TEST-0002", "TEST-0003", "TEST-0005"]),
        (
            "next_review_due",
            False,
            ["TEST-0004", "TEST-0003", "TEST-0001", "TEST-0002", "TEST-0005"],
        ),
        (
            "next_review_due",
            True,
            ["TEST-0003", "TEST-0004", "TEST-0001", "TEST-0002", "TEST-0005"],
        ),
        # A plan's ICPC was due when its enquiry's was: ties keep reference order.
        ("icpc_due", False, ["TEST-0001", "TEST-0003", "TEST-0004", "TEST-0002", "TEST-0005"]),
    ],
)
def test_orders(
    register_of_six: Workspace, order: str, descending: bool, expected: list[str]
) -> None:
    found = register_page(
        register_of_six,
        filters=RegisterFilter(),
        today=DAY,
        offset=0,
        limit=10,
        order=order,
        descending=descending,
    )
    assert [row.child for row in found] == expected


def test_everyone_for_the_command_line(register_of_six: Workspace) -> None:
    everyone = all_register_rows(register_of_six, today=DAY)
    assert [row.child for row in everyone] == refs(register_of_six)
    extended = everyone[1].as_json()
    assert extended == {
        "child": "TEST-0002",
        "status": "s47",
        "lcpp": "Sam Demo-Lead",
        "strategy_date": "2026-11-02",
        "review_due": "2026-11-09",
        "icpc_due": "2026-12-11",
        "icpc_extended": True,
        "icpc_date": None,
        "plan_start": None,
        "category": None,
        "next_review_due": None,
        "overdue": [],
    }


def test_rows_are_plain_values(register_of_six: Workspace) -> None:
    row = rows(register_of_six, DAY)[0]
    assert dataclasses.is_dataclass(row)
    with pytest.raises(dataclasses.FrozenInstanceError):
        row.child = "changed"  # type: ignore[misc]
