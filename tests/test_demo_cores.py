"""``macpt demo --children N`` on several cores builds what one process builds,
merged whole into the workspace, its audit log chained on and checked."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import func, select, text

from app.models import Agency, AuditEntry, CaseEpisode, Child, Meeting, Practitioner
from app.services.demo import add_demo_children, cores, register
from app.services.register import all_register_rows
from app.services.workspace import create_workspace
from app.storage import parts
from app.storage.workspace import Workspace
from tests.conftest import FIXED_NOW, PASSPHRASE

COUNT = 12


def _journeys(workspace: Workspace) -> list[tuple[object, ...]]:
    """Each child's name and meetings: what a journey is, whoever built it."""
    with workspace.reading() as session:
        rows = session.execute(
            select(
                Child.la_child_ref,
                Child.first_name,
                Child.last_name,
                Meeting.meeting_type,
                Meeting.status,
                Meeting.scheduled_date,
            )
            .join(CaseEpisode, CaseEpisode.child_id == Child.id)
            .join(Meeting, Meeting.case_id == CaseEpisode.id)
            .order_by(Child.la_child_ref, Meeting.scheduled_date, Meeting.meeting_type)
        ).all()
    return [tuple(row) for row in rows]


def _build(path: Path, jobs: int) -> Workspace:
    workspace = create_workspace(path, PASSPHRASE)
    add_demo_children(workspace, count=COUNT, jobs=jobs)
    return workspace


@pytest.fixture(scope="module")
def both(tmp_path_factory: pytest.TempPathFactory) -> tuple[Workspace, Workspace, Path]:
    from app import clock

    clock.set_clock(lambda: FIXED_NOW)
    saved, cores.FEWEST_PER_JOB = cores.FEWEST_PER_JOB, 1
    try:
        one = _build(tmp_path_factory.mktemp("one") / "one.macpt", jobs=1)
        folder = tmp_path_factory.mktemp("two")
        two = _build(folder / "two.macpt", jobs=2)
    finally:
        cores.FEWEST_PER_JOB = saved
        clock.set_clock(None)
    yield one, two, folder
    one.close()
    two.close()


def test_two_processes_build_the_same_children_as_one(
    both: tuple[Workspace, Workspace, Path],
) -> None:
    one, two, _ = both
    journeys = _journeys(one)
    assert len({row[0] for row in journeys}) == COUNT
    assert _journeys(two) == journeys
    today = FIXED_NOW.date()
    assert [(r.child, r.status, r.overdue) for r in all_register_rows(two, today=today)] == [
        (r.child, r.status, r.overdue) for r in all_register_rows(one, today=today)
    ]


def test_the_merged_workspace_passes_every_check_and_its_log_counts_every_change(
    both: tuple[Workspace, Workspace, Path],
) -> None:
    one, two, folder = both
    assert two.integrity_problems() == []
    with one.reading() as a, two.reading() as b:
        assert b.scalar(select(func.count()).select_from(AuditEntry)) == a.scalar(
            select(func.count()).select_from(AuditEntry)
        )
        # The signed-off meetings were marked for rewriting only while they were merged.
        assert b.execute(text("SELECT count(*) FROM record_rewrite")).scalar() == 0
        # The chairs and practitioners were added once, before the copies were made.
        assert b.scalar(select(func.count()).select_from(Practitioner)) == a.scalar(
            select(func.count()).select_from(Practitioner)
        )
    # The copies are gone.
    assert not any(p.name.startswith(".macpt-demo-") for p in folder.iterdir())


def test_a_copy_that_changed_a_record_it_was_given_is_refused_whole(
    workspace: Workspace, tmp_path: Path
) -> None:
    part = parts.make_part(workspace, tmp_path / "part.macpt")
    copy = parts.open_part(part)
    try:
        register.add_children(copy, count=1, first_number=1)
        with copy.transaction() as session:
            given = session.scalars(select(Agency)).first()
            assert given is not None
            given.name = "Renamed Elsewhere"
    finally:
        copy.close()
    with workspace.reading() as session:
        before = session.scalar(select(func.count()).select_from(AuditEntry))
    with pytest.raises(parts.PartRefused, match="changed a agency record"):
        parts.merge_part(workspace, part)
    with workspace.reading() as session:
        assert session.scalar(select(func.count()).select_from(AuditEntry)) == before
        assert session.scalar(select(func.count()).select_from(Child)) == 0
    assert workspace.integrity_problems() == []


def test_a_process_that_fails_adds_nothing_and_says_so(
    workspace: Workspace, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setattr(cores, "FEWEST_PER_JOB", 1)
    monkeypatch.setattr(register, "standard_states", lambda count: ["no-such-state"] * count)
    with pytest.raises(Exception, match="Building demo children failed"):
        add_demo_children(workspace, count=2, jobs=2)
    with workspace.reading() as session:
        assert session.scalar(select(func.count()).select_from(Child)) == 0
    assert not any(p.name.startswith(".macpt-demo-") for p in workspace.path.parent.iterdir())
    assert workspace.integrity_problems() == []
