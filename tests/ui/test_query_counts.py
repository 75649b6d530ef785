"""Home, Meetings and Cases ask the database the same number of questions however
many cases the workspace holds: related rows come in with their list, never one
query per row."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from pytestqt.qtbot import QtBot
from sqlalchemy import event, func, select

from app.models import CaseEpisode, Meeting
from app.services.deadlines import changes_recorded, deadlines
from app.services.meeting_list import list_meetings
from app.services.workspace import create_workspace
from app.storage.workspace import Workspace
from app.ui.pages.cases import CasesPage
from app.ui.pages.home import HomePage
from app.ui.pages.meetings import MeetingsPage
from tests.conftest import FIXED_NOW, PASSPHRASE
from tests.helpers.random_journeys import add_random_journeys

SIZES = {"small": 5, "large": 50}
# The first five children of this seed already have deadlines and meetings coming up,
# so both workspaces take every path through Home.
SEED = 2


@pytest.fixture(scope="module")
def workspaces(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Workspace]]:
    opened: dict[str, Workspace] = {}
    for name, children in SIZES.items():
        path = tmp_path_factory.mktemp(f"queries-{name}") / f"{name}.macpt"
        workspace = create_workspace(path, PASSPHRASE)
        workspace.actor = "Test Chair"
        add_random_journeys(workspace, children=children, seed=SEED)
        opened[name] = workspace
    yield opened
    for workspace in opened.values():
        workspace.close()


def queries_run(workspace: Workspace, action: Callable[[], object]) -> int:
    statements: list[str] = []

    def count(*args: Any) -> None:
        statements.append(args[2])

    event.listen(workspace.engine, "before_cursor_execute", count)
    try:
        action()
    finally:
        event.remove(workspace.engine, "before_cursor_execute", count)
    return len(statements)


def _sizes(workspace: Workspace) -> tuple[int, int]:
    with workspace.reading() as session:
        cases = session.scalar(select(func.count()).select_from(CaseEpisode)) or 0
        meetings = session.scalar(select(func.count()).select_from(Meeting)) or 0
    return cases, meetings


def test_the_workspaces_differ_tenfold(workspaces: dict[str, Workspace]) -> None:
    small, large = _sizes(workspaces["small"]), _sizes(workspaces["large"])
    assert small[0] >= 5 and large[0] >= 50
    assert large[1] >= 5 * small[1]
    today = FIXED_NOW.date()
    for workspace in workspaces.values():
        assert deadlines(workspace, today=today).items
        assert list_meetings(workspace, from_date=today, to_date=today + dt.timedelta(days=14))


PAGES: dict[str, Callable[[Workspace], Any]] = {
    "home": HomePage,
    "meetings": MeetingsPage,
    "cases": CasesPage,
}


@pytest.mark.parametrize(
    ("page", "search"),
    [("home", ""), ("meetings", ""), ("meetings", "GEN"), ("cases", ""), ("cases", "GEN")],
)
def test_a_page_runs_as_many_queries_for_50_cases_as_for_5(
    qtbot: QtBot, workspaces: dict[str, Workspace], page: str, search: str
) -> None:
    counts = {}
    for name, workspace in workspaces.items():
        widget = PAGES[page](workspace)
        qtbot.addWidget(widget)
        if search:
            widget.list.search.blockSignals(True)  # refreshed below, not after a pause
            widget.list.search.setText(search)
            widget.list.search.blockSignals(False)
        widget.refresh()  # the first refresh may fill caches (settings, calendar)
        if page == "home":  # Home reads its deadlines in the background
            qtbot.waitUntil(lambda w=widget: not w.deadlines.is_loading())
        # A full read: a refresh with nothing written reads nothing more (below).
        counts[name] = queries_run(workspace, widget.read)
        if page == "home":  # nothing left running to be counted by the next test
            qtbot.waitUntil(lambda w=widget: not w.deadlines.is_loading())
        if page != "home":
            assert widget.model.rowCount() > 0
    assert counts["small"] == counts["large"], counts
    assert counts["large"] <= 20, counts


def test_home_reads_its_deadlines_in_as_many_queries_for_50_cases_as_for_5(
    workspaces: dict[str, Workspace],
) -> None:
    today = FIXED_NOW.date()
    counts = {
        name: queries_run(workspace, lambda w=workspace: deadlines(w, today=today))
        for name, workspace in workspaces.items()
    }
    assert counts["small"] == counts["large"] <= 16, counts


@pytest.mark.parametrize("page", ["home", "meetings", "cases"])
def test_a_return_to_a_list_with_nothing_written_asks_one_question(
    qtbot: QtBot, workspaces: dict[str, Workspace], page: str
) -> None:
    workspace = workspaces["large"]
    widget = PAGES[page](workspace)
    qtbot.addWidget(widget)
    widget.refresh()
    if page == "home":  # Home reads its deadlines in the background
        qtbot.waitUntil(lambda: not widget.deadlines.is_loading())
    rows = widget.model.rowCount()
    # Has anything been written since? Nothing: the list stays as it was left.
    asking = queries_run(workspace, lambda: changes_recorded(workspace))
    assert queries_run(workspace, widget.refresh) == asking
    assert widget.model.rowCount() == rows
    # Something written, and the next return reads the list again.
    from app.services import cases

    cases.create_case(
        workspace,
        la_child_ref=f"QUERY{len(page):04d}",
        first_name="Ava",
        last_name="Madeup",
        address="1 Pretend Street, Sampletown, ZZ99 1AA",
    )
    assert queries_run(workspace, widget.refresh) > 1
    if page == "home":
        qtbot.waitUntil(lambda: not widget.deadlines.is_loading())
    if page == "cases":
        assert widget.model.rowCount() == rows + 1
