"""``macpt demo --children N``: each child costs the same however many came before,
and its meetings are linked to the people they name, as a chair's are."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from typing import Any

import pytest
from sqlalchemy import event, select

from app import clock
from app.models import AgencyAttendance, Meeting, Practitioner
from app.services.demo import add_demo_children, directory, register
from app.storage.workspace import Workspace
from tests.conftest import FIXED_NOW
from tests.test_conduct_support import shared_workspace

COUNT = 61
# The states repeat every 40 children (register._states), so children 12-21 and
# 52-61 have the same journeys. Neither range holds a batch commit (after every
# 25th) or the child after one, which begins the next transaction.
EARLY, LATE = range(12, 22), range(52, 62)


class Statements:
    """Counts the statements the main thread runs (not a background checkpoint's)."""

    def __init__(self) -> None:
        self.count = 0
        self.after_child = [0]  # after_child[n]: the count once child n was added
        self._main = threading.main_thread()

    def __call__(self, *_args: Any) -> None:
        if threading.current_thread() is self._main:
            self.count += 1

    def child_done(self, _done: int, _total: int) -> None:
        self.after_child.append(self.count)


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Workspace, list[int]]]:
    """The workspace with COUNT demo children, and the statements run so far after each."""
    for workspace in shared_workspace(tmp_path_factory):
        statements = Statements()
        event.listen(workspace.engine, "before_cursor_execute", statements)
        clock.set_clock(lambda: FIXED_NOW)
        try:
            add_demo_children(workspace, count=COUNT, progress=statements.child_done)
        finally:
            clock.set_clock(None)
            event.remove(workspace.engine, "before_cursor_execute", statements)
        yield workspace, statements.after_child


def test_the_states_repeat_so_the_ranges_compare_like_with_like() -> None:
    states = register.standard_states(COUNT)
    assert [states[n - 1] for n in EARLY] == [states[n - 1] for n in LATE]


def test_a_child_costs_the_same_statements_however_many_came_before(
    built: tuple[Workspace, list[int]],
) -> None:
    _workspace, after_child = built
    assert len(after_child) == COUNT + 1

    def per_child(numbers: range) -> list[int]:
        return [after_child[n] - after_child[n - 1] for n in numbers]

    early, late = per_child(EARLY), per_child(LATE)
    assert min(early) > 50  # each child is a whole journey, not a stub
    # Nothing grows with the batch: no lookup scans what earlier children added,
    # and nothing is read again for every record the session has seen.
    assert late == early


def test_every_meeting_names_its_chair_from_the_directory(
    built: tuple[Workspace, list[int]],
) -> None:
    workspace, _ = built
    with workspace.reading() as session:
        chairs = {p.id: p.name for p in session.scalars(select(Practitioner))}
        demo = session.scalars(select(Meeting)).all()
        assert demo
        for meeting in demo:
            assert meeting.chair_id is not None
            assert chairs[meeting.chair_id] == meeting.chair_name
        assert {m.chair_name for m in demo} <= set(register.LCPPS)


def test_each_agency_invitation_is_the_agencys_practitioner(
    built: tuple[Workspace, list[int]],
) -> None:
    workspace, _ = built
    with workspace.reading() as session:
        people = {p.id: p for p in session.scalars(select(Practitioner))}
        rows = session.scalars(
            select(AgencyAttendance).where(AgencyAttendance.agency_id.is_not(None))
        ).all()
        assert rows
        for row in rows:
            assert row.practitioner_id is not None, row.name
            person = people[row.practitioner_id]
            assert (person.agency_id, person.name) == (row.agency_id, row.name)
        family = session.scalars(
            select(AgencyAttendance).where(AgencyAttendance.family_member_id.is_not(None))
        ).all()
        assert family  # conferences invite the family, linked to their records


def test_the_directory_is_completed_once_not_twice(
    built: tuple[Workspace, list[int]],
) -> None:
    workspace, _ = built
    assert directory.add_missing(workspace, chairs=register.LCPPS) == 0
    with workspace.reading() as session:
        names = [p.name for p in session.scalars(select(Practitioner))]
    assert (
        len(names) == len(set(names)) == len(directory.AGENCY_PRACTITIONERS) + len(register.LCPPS)
    )


def test_demo_data_never_goes_into_a_workspace_with_real_children(workspace: Workspace) -> None:
    """The loader runs without SQLCipher's memory locking, so it handles fictional data only."""
    from app.errors import MacptError
    from app.services import cases
    from app.services.demo import add_demo_data

    cases.create_case(workspace, la_child_ref="TEST0900", first_name="Pretend")
    with pytest.raises(MacptError, match="real children's records"):
        add_demo_children(workspace, count=1)
    with pytest.raises(MacptError, match="real children's records"):
        add_demo_data(workspace)
