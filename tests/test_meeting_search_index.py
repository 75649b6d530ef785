"""The meetings search through its full-text index (revision 0018) finds exactly the
meetings the search found before by reading every meeting, and the index follows
every change to what it holds."""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Iterator
from pathlib import Path

import pytest
from alembic import command
from sqlalchemy import ColumnElement, String, cast, delete, func, or_, select, text

from app.models import CaseEpisode, Child, Meeting, MeetingType
from app.models.meeting import MEETING_TITLES
from app.services import cases, meeting_list, meetings, records
from app.services.meeting_words import _OTHER_NAMES, meeting_types_matching
from app.services.workspace import open_workspace
from app.storage import meeting_search, migrate
from app.storage.workspace import Workspace
from tests.conftest import PASSPHRASE
from tests.helpers.workspaces import copy_workspace, demo, template


def old_clause(search: str) -> ColumnElement[bool] | None:
    """The search as it was before the index: every meeting read and compared."""
    term = search.strip()
    if not term:
        return None
    like = f"%{term}%"
    return or_(
        Child.la_child_ref.ilike(like),
        Child.first_name.ilike(like),
        Child.last_name.ilike(like),
        Meeting.location.ilike(like),
        Meeting.chair_name.ilike(like),
        cast(Meeting.meeting_type, String).ilike(like),
        Meeting.meeting_type.in_(meeting_types_matching(term)),
    )


def _ids(workspace: Workspace, clause: ColumnElement[bool] | None) -> set[str]:
    query = select(Meeting.id).join(Meeting.case).join(CaseEpisode.child)
    if clause is not None:
        query = query.where(clause)
    with workspace.reading() as session:
        return set(session.scalars(query))


FIRST = ["Poppy", "Pippa", "Alfie", "Zoë", "Mary Ann", "Ruby", "Ola", "Jo", "Théo", "ÉMILE"]
LAST = ["Example", "Examplewood", "Sample", "O'Brien", "Ñandú", "Test_wood", "Placeholder"]
PLACES = ["Room 4, Sampletown Hub", "Online", "Fictional Family Centre", '"The Annexe"', ""]
CHAIRS = ["Alex Chair", "Sam Imaginary", "Jo Demo-Smith", "", "Pat 100% Fictional"]


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Workspace]:
    """The demo, and children with awkward names holding one meeting of each kind."""
    folder = tmp_path_factory.mktemp("meeting-search")
    path = copy_workspace(template("demo", tmp_path_factory.mktemp, demo), folder / "w.macpt")
    workspace = open_workspace(path, PASSPHRASE)
    workspace.actor = "Test Chair"
    rng = random.Random(15)
    for n in range(24):
        case = cases.create_case(
            workspace,
            la_child_ref=f"SRCH-{n:04d}" if n % 3 else f"TEST{n:03d}/B",
            first_name=FIRST[n % len(FIRST)],
            last_name=LAST[n % len(LAST)],
        )
        with workspace.transaction() as session:
            for day, kind in enumerate(MeetingType, start=1):
                session.add(
                    Meeting(
                        case_id=case.case_id,
                        meeting_type=kind,
                        scheduled_date=dt.date(2026, 12, day),
                        location=rng.choice(PLACES),
                        chair_name=rng.choice(CHAIRS),
                    )
                )
    yield workspace
    workspace.close()


def _type_words() -> set[str]:
    """Every name chairs use for a kind of meeting, each word of it and its beginnings."""
    names = {MEETING_TITLES[kind] for kind in MeetingType} | {kind.value for kind in MeetingType}
    names |= {name for others in _OTHER_NAMES.values() for name in others}
    typed = set(names)
    for name in names:
        for word in name.split():
            typed |= {word[:end] for end in range(1, len(word) + 1)}
    return typed


def _searches(workspace: Workspace) -> set[str]:
    with workspace.reading() as session:
        children = session.execute(
            select(Child.la_child_ref, Child.first_name, Child.last_name)
        ).all()
        places = session.execute(select(Meeting.location, Meeting.chair_name).distinct()).all()
    typed = _type_words()
    for ref, first, last in children:
        typed |= {ref, ref[2:7], ref.lower(), first, first[1:4], last.upper(), last[-3:]}
        typed |= {f"{first} {last}", f"  {first}  "}
    for place, chair in places:
        typed |= {place, place[3:9], chair, chair.lower()[-5:]}
    typed |= {"a", "e", "ab", "5", "%", "_", "a_e", "P%y", "100%", "%%%", "___"}
    typed |= {'"', "O'B", 'say "hi"', '"The Ann', "AND", "OR", "NOT", "*", "pop*", "(x)"}
    typed |= {":", "^", "-", "NEAR(a b)", "first_name: Poppy", "Zoë", "ZOË", "zoe", "ÑANDÚ"}
    typed |= {"ñandú", "émile", "THÉO", "Mary Ann", "ary A", "nothing like it", "   "}
    return typed


def test_the_index_finds_exactly_what_reading_every_meeting_found(generated: Workspace) -> None:
    searches = _searches(generated)
    assert len(searches) > 300
    indexed = 0
    for typed in sorted(searches):
        expected = _ids(generated, old_clause(typed))
        assert _ids(generated, meeting_list.search_clause(typed)) == expected, typed
        listed = meeting_list.list_meetings(generated, search=typed)
        assert {m.id for m in listed} == expected, typed
        indexed += meeting_search.usable(typed.strip())
    assert indexed > 200  # most of them through the index


def _old_case_ids(workspace: Workspace, typed: str) -> set[str]:
    """The Cases list's search before the index."""
    like = f"%{typed.strip()}%"
    query = select(CaseEpisode.id).join(CaseEpisode.child)
    if typed.strip():
        query = query.where(
            or_(
                Child.la_child_ref.ilike(like),
                Child.first_name.ilike(like),
                Child.last_name.ilike(like),
                (Child.first_name + " " + Child.last_name).ilike(like),
            )
        )
    with workspace.reading() as session:
        return set(session.scalars(query))


def test_the_cases_search_finds_exactly_what_it_found_before(generated: Workspace) -> None:
    for typed in sorted(_searches(generated)):
        found = cases.list_cases(generated, search=typed, limit=100_000)
        assert {c.case_id for c in found} == _old_case_ids(generated, typed), typed


def _found_by_index(workspace: Workspace, typed: str) -> set[str]:
    with workspace.reading() as session:
        return set(session.scalars(select(meeting_search.matching_ids(typed).subquery().c[0])))


def test_the_index_alone_finds_the_text_matches(generated: Workspace) -> None:
    """Not only the comparison after it: for text in plain letters the index finds no
    more and no fewer than LIKE."""
    for typed in sorted(_searches(generated)):
        term = typed.strip()
        if not meeting_search.usable(term) or not term.isascii():
            continue
        like = f"%{term}%"
        by_text = or_(
            Child.la_child_ref.ilike(like),
            Child.first_name.ilike(like),
            Child.last_name.ilike(like),
            Meeting.location.ilike(like),
            Meeting.chair_name.ilike(like),
        )
        assert _found_by_index(generated, term) == _ids(generated, by_text), term


def test_the_search_reads_the_index(generated: Workspace) -> None:
    def sql(typed: str) -> str:
        clause = meeting_list.search_clause(typed)
        assert clause is not None
        return str(clause.compile())

    assert "meeting_search MATCH" in sql("Example")
    assert "meeting_search MATCH" in sql("five day review")
    assert "meeting_search" not in sql("ex")  # too short for a trigram
    assert "meeting_search" not in sql("Test_wood")  # "_" is LIKE's "any character"


def test_text_found_in_many_meetings_reads_them_all_instead(generated: Workspace) -> None:
    """The index is used while it finds at most a fifth of the meetings."""
    everyone = len(_ids(generated, None))
    tried = {True: 0, False: 0}
    for typed in ("SRCH-0001", "Sampletown", "Online", "Example", "Room", "ab", "a_e", "zzz"):
        text_matches = len(_found_by_index(generated, typed)) if len(typed) >= 3 else everyone
        with generated.reading() as session:
            narrow = meeting_search.narrow(session, typed)
        expected = meeting_search.usable(typed) and text_matches <= everyone // 5
        assert narrow == expected, typed
        tried[narrow] += 1
    assert tried[True] and tried[False]


def _matches(workspace: Workspace, typed: str) -> set[str]:
    return {m.id for m in meeting_list.list_meetings(workspace, search=typed)}


@pytest.fixture
def one_meeting(workspace: Workspace) -> tuple[Workspace, str, str]:
    case = cases.create_case(
        workspace, la_child_ref="IDX-0001", first_name="Poppy", last_name="Example"
    )
    meeting = meetings.schedule_meeting(
        workspace,
        case_id=case.case_id,
        meeting_type=MeetingType.STRATEGY,
        scheduled_date=dt.date(2026, 12, 1),
        location="Sampletown Hub",
        chair_name="Alex Chair",
    )
    return workspace, case.child_id, meeting.id


def test_the_index_follows_a_new_meeting_and_a_corrected_child(
    one_meeting: tuple[Workspace, str, str],
) -> None:
    workspace, child_id, meeting_id = one_meeting
    assert _matches(workspace, "oppy") == {meeting_id}
    assert _matches(workspace, "letown") == {meeting_id}
    for field, value in (("first_name", "Ruby"), ("last_name", "Sample"), ("la_child_ref", "N-9")):
        records.save_field(workspace, table="child", record_id=child_id, field=field, value=value)
    assert _matches(workspace, "Poppy") == _matches(workspace, "Example") == set()
    assert _matches(workspace, "IDX-0001") == set()
    assert _matches(workspace, "uby") == _matches(workspace, "ampl") == {meeting_id}
    assert _matches(workspace, "N-9") == {meeting_id}
    assert [c.la_child_ref for c in cases.list_cases(workspace, search="Ruby Sam")] == ["N-9"]
    assert cases.list_cases(workspace, search="Poppy") == []
    with workspace.transaction() as session:
        meeting = session.get(Meeting, meeting_id)
        assert meeting is not None
        meeting.location, meeting.chair_name = "Online", "Sam Imaginary"
    assert _matches(workspace, "letown") == _matches(workspace, "Alex") == set()
    assert _matches(workspace, "nline") == _matches(workspace, "imaginary") == {meeting_id}


def test_the_index_follows_a_meeting_moved_to_another_case_and_deleted(
    one_meeting: tuple[Workspace, str, str],
) -> None:
    workspace, _child_id, meeting_id = one_meeting
    other = cases.create_case(
        workspace, la_child_ref="IDX-0002", first_name="Alfie", last_name="Testwood"
    )
    with workspace.transaction() as session:
        meeting = session.get(Meeting, meeting_id)
        assert meeting is not None
        meeting.case_id = other.case_id
    assert _matches(workspace, "Poppy") == set()
    assert _matches(workspace, "Testwood") == {meeting_id}
    # A meeting with no agenda or invitations yet (one written in error) may be deleted.
    with workspace.transaction() as session:
        session.add(
            Meeting(
                id="mistake",
                case_id=other.case_id,
                meeting_type=MeetingType.REVIEW,
                scheduled_date=dt.date(2026, 12, 2),
                location="Deletable Annexe",
            )
        )
    assert _matches(workspace, "Annexe") == {"mistake"}
    rows = "SELECT count(*) FROM meeting_search_key"
    with workspace.transaction() as session:
        assert session.execute(text(rows)).scalar_one() == 2
        session.execute(delete(Meeting).where(Meeting.id == "mistake"))
        assert session.execute(text(rows)).scalar_one() == 1
    assert _matches(workspace, "Annexe") == set()
    assert _matches(workspace, "Testwood") == {meeting_id}
    with workspace.reading() as session:
        leftover = "SELECT count(*) FROM meeting_search WHERE meeting_search MATCH '\"nnex\"'"
        assert session.execute(text(leftover)).scalar_one() == 0


def test_meetings_recorded_before_the_index_are_found_and_it_goes_away_down(
    tmp_path: Path, tmp_path_factory: pytest.TempPathFactory
) -> None:
    path = copy_workspace(template("demo", tmp_path_factory.mktemp, demo), tmp_path / "w.macpt")
    with open_workspace(path, PASSPHRASE) as demo_workspace:
        _down_and_up(demo_workspace)


def _down_and_up(demo_workspace: Workspace) -> None:
    everyone = _ids(demo_workspace, None)
    before = {typed: _ids(demo_workspace, old_clause(typed)) for typed in ("demo", "icpc")}
    with migrate.migrating(demo_workspace.engine) as connection:
        command.downgrade(migrate.alembic_config(connection), "0017_risk_to_others")
        left = connection.execute(
            text(  # the tables and their triggers
                "SELECT name FROM sqlite_master"
                " WHERE name LIKE 'meeting_search%' OR name LIKE 'case_search%'"
            )
        ).all()
        assert left == []
        migrate.upgrade(connection)
        indexed = connection.execute(text("SELECT count(*) FROM meeting_search_key")).scalar()
        children = connection.execute(text("SELECT count(*) FROM case_search_key")).scalar()
    assert indexed == len(everyone) > 0
    with demo_workspace.reading() as session:
        assert children == session.scalar(select(func.count()).select_from(Child))
    for typed, expected in before.items():
        assert expected and _ids(demo_workspace, meeting_list.search_clause(typed)) == expected
    assert demo_workspace.integrity_problems() == []
