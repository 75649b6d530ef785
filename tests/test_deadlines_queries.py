"""Home's deadlines run the same few statements whatever the number of children: the
journey clocks due come from one statement, never one query per case."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pytest
from sqlalchemy import event

from app.services.deadlines import deadlines
from app.storage.workspace import Workspace
from tests.conftest import PASSPHRASE
from tests.helpers.random_journeys import generated_workspace

SIZES = (2, 20, 120)
TODAY = dt.date(2026, 11, 2)
# BEGIN, the closure days, two settings (the core group interval and the days to the
# first review after a birth), the journey clocks due, the actions, the letters.
STATEMENTS = 7


@pytest.fixture(scope="module")
def workspaces(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[int, Workspace]]:
    folder = tmp_path_factory.mktemp("deadline-queries")
    opened = {
        size: generated_workspace(folder / f"{size}.macpt", PASSPHRASE, seeds=(5,), children=size)
        for size in SIZES
    }
    yield opened
    for workspace in opened.values():
        workspace.close()


def _statements(workspace: Workspace) -> list[str]:
    seen: list[str] = []

    def note(_conn: object, _cursor: object, statement: str, *_: object) -> None:
        seen.append(statement)

    event.listen(workspace.engine, "before_cursor_execute", note)
    try:
        deadlines(workspace, today=TODAY)
    finally:
        event.remove(workspace.engine, "before_cursor_execute", note)
    return seen


def test_home_deadlines_run_a_fixed_number_of_statements(
    workspaces: dict[int, Workspace],
) -> None:
    listed = {size: len(deadlines(w, today=TODAY).items) for size, w in workspaces.items()}
    assert listed[SIZES[-1]] > 10 * max(listed[SIZES[0]], 1)  # the sizes really differ
    counts = {size: len(_statements(w)) for size, w in workspaces.items()}
    assert set(counts.values()) == {STATEMENTS}, counts
