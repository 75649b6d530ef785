"""Every service write function, driven with generated hostile input.

At least 10,000 calls in all, on one demo workspace. Each call either works or
raises one of the app's own errors (a sentence for the user); a call that
raised left the workspace exactly as it was (the audit log's head and every
table's row count are unchanged). Afterwards every kind of export is rendered
from the fuzzed workspace: nothing that was let in can break one.

``MACPT_FUZZ_COUNT=1`` counts the unexpected exceptions instead of failing on
the first, for comparing before and after a change.
"""

from __future__ import annotations

import collections
import datetime as dt
import inspect
import os
import pkgutil
from collections.abc import Callable, Iterator
from functools import partial
from importlib import import_module
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from sqlalchemy import select, text

import app.services
from app import clock
from app.errors import MacptError
from app.models import Agency as AgencyModel
from app.models import (
    AgencyAttendance,
    AgendaItem,
    AgendaTemplateItem,
    AuditEntry,
    Base,
    DischargeInput,
    FamilyMember,
    InterimSafetyPlan,
    Meeting,
    MeetingAction,
    Notification,
    Practitioner,
    S47Interview,
    Setting,
    SignificantEvent,
)
from app.services import cases, records
from app.services import settings as workspace_settings
from app.services.workspace import open_workspace
from app.storage.workspace import Workspace
from tests.conftest import FIXED_NOW, PASSPHRASE
from tests.helpers import workspaces
from tests.helpers.fuzz import Strategies
from tests.helpers.fuzz import text as any_text

COUNTING = os.environ.get("MACPT_FUZZ_COUNT") == "1"
# Calls per write function: x the 68 functions, over 10,000 in all. MACPT_FUZZ_CALLS
# sets fewer for a quick look.
FULL_RUN = 150
CALLS_PER_FUNCTION = int(os.environ.get("MACPT_FUZZ_CALLS", FULL_RUN))


def service_functions() -> Iterator[tuple[str, Callable[..., Any]]]:
    """Every public service function that takes the workspace first, but the demo's."""
    for module_info in pkgutil.walk_packages(app.services.__path__, "app.services."):
        if ".demo" in module_info.name:
            continue  # the demo writes fixed data and refuses a second run
        module = import_module(module_info.name)
        for name, function in sorted(vars(module).items()):
            if (
                inspect.isfunction(function)
                and function.__module__ == module.__name__
                and not name.startswith("_")
                and next(iter(inspect.signature(function).parameters), "") == "workspace"
            ):
                yield inspect.getsource(inspect.unwrap(function)), function


# Every service function that writes is validated; the fuzz drives each of these.
WRITE_FUNCTIONS = [f for _, f in service_functions() if hasattr(f, "__wrapped__")]


OUTCOMES: collections.Counter[str] = collections.Counter()
UNEXPECTED: collections.Counter[str] = collections.Counter()
FIRST_SEEN: dict[str, str] = {}


@pytest.fixture(scope="module")
def fuzzed(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Workspace, Strategies]]:
    clock.set_clock(lambda: FIXED_NOW)
    # tmpfs where there is one: ten thousand fsynced commits on a shared disk are slow.
    shm = Path("/dev/shm")
    folder = (
        Path(os.path.realpath(shm)) / f"macpt-fuzz-{os.getpid()}"
        if shm.is_dir() and os.access(shm, os.W_OK)
        else tmp_path_factory.mktemp("fuzz")
    )
    folder.mkdir(exist_ok=True)
    source = workspaces.template("demo", tmp_path_factory.mktemp, workspaces.demo)
    workspace = open_workspace(workspaces.copy_workspace(source, folder / "fuzz.macpt"), PASSPHRASE)
    workspace.actor = "Fuzz Chair"
    try:
        yield workspace, Strategies(known_ids(workspace), special_arguments(workspace))
    finally:
        workspace.close()
        clock.set_clock(None)
        for leftover in folder.iterdir():
            leftover.unlink()
        folder.rmdir()


def known_ids(workspace: Workspace) -> dict[str, list[str]]:
    """Ids the fuzz draws from: a few meetings of every type and status, and their parts."""
    with workspace.reading() as session:
        meetings = list(session.scalars(select(Meeting).order_by(Meeting.scheduled_date)))
        picked: dict[tuple[str, str], list[Meeting]] = collections.defaultdict(list)
        for meeting in meetings:
            group = picked[(meeting.meeting_type.value, meeting.status.value)]
            if len(group) < 2:
                group.append(meeting)
        chosen = [m for group in picked.values() for m in group]
        meeting_ids = [m.id for m in chosen]

        def ids(model: Any, *where: Any) -> list[str]:
            return list(session.scalars(select(model.id).where(*where)))

        agencies = ids(AgencyModel)
        members = ids(FamilyMember)
        known = {
            "meeting_id": meeting_ids,
            "at_meeting_id": meeting_ids,
            "case_id": sorted({m.case_id for m in chosen}),
            "agency_id": agencies,
            "owner_agency_id": agencies,
            "responsible_agency_id": agencies,
            "item_id": ids(AgendaItem, AgendaItem.meeting_id.in_(meeting_ids))
            + ids(AgendaTemplateItem),
            "action_id": ids(MeetingAction, MeetingAction.meeting_id.in_(meeting_ids)),
            "attendance_id": ids(AgencyAttendance, AgencyAttendance.meeting_id.in_(meeting_ids)),
            "member_id": members,
            "family_member_id": members,
            "practitioner_id": ids(Practitioner),
            "input_id": ids(DischargeInput),
            "notification_id": ids(Notification),
            "plan_id": ids(InterimSafetyPlan),
            "event_id": ids(SignificantEvent),
            "strategy_meeting_id": meeting_ids,
            "interview_id": ids(S47Interview),
        }
    known["child_id"] = [cases.get_case(workspace, case_id=c).child_id for c in known["case_id"]]
    known["record_id"] = sorted({i for values in known.values() for i in values})
    return known


def special_arguments(workspace: Workspace) -> dict[str, Any]:
    """Arguments whose annotation says too little: names of tables, fields and settings."""
    from hypothesis import strategies as st

    del workspace
    tables = sorted(records.MODELS_BY_NAME)
    fields = sorted({f for allowed in records.EDITABLE.values() for f in allowed})
    keys = sorted(workspace_settings.WorkspaceSettings.__dataclass_fields__)
    names = {
        "table": tables,
        "field": fields,
        "key": keys,
        "kind": ["notes", "decision", "actions"],
        "route": ["post", "email", "by hand"],
    }
    # (ordinary, hostile): mostly a known name, sometimes any text.
    return {
        name: (st.sampled_from(known), st.one_of(st.sampled_from(known), any_text()))
        for name, known in names.items()
    }


def fingerprint(workspace: Workspace) -> tuple[Any, ...]:
    """The audit log's head and every table's row count: what a committed write changes."""
    tables = sorted(Base.metadata.tables)
    counts = ", ".join(f'(SELECT count(*) FROM "{t}")' for t in tables)
    with workspace.reading() as session:
        head = session.execute(
            select(AuditEntry.seq, AuditEntry.entry_hash).order_by(AuditEntry.seq.desc()).limit(1)
        ).first()
        return (tuple(head or ()), *session.execute(text(f"SELECT {counts}")).one())


# The fingerprint after the last call, while nothing has been written since.
LAST_SEEN: list[tuple[Any, ...]] = []


def call(workspace: Workspace, function: Callable[..., Any], kwargs: dict[str, Any]) -> None:
    name = f"{function.__module__.removeprefix('app.services.')}.{function.__name__}"
    before = LAST_SEEN.pop() if LAST_SEEN else fingerprint(workspace)
    try:
        function(workspace, **kwargs)
    except MacptError:
        OUTCOMES["refused"] += 1
        after = fingerprint(workspace)
        assert after == before, f"{name} raised but kept part of its work"
        LAST_SEEN.append(after)
        return
    except Exception as exc:
        OUTCOMES["unexpected"] += 1
        UNEXPECTED[f"{name}: {type(exc).__name__}"] += 1
        FIRST_SEEN.setdefault(f"{name}: {type(exc).__name__}", f"{exc!r:.300} from {kwargs!r:.300}")
        if not COUNTING:
            raise
        return
    OUTCOMES["worked"] += 1


def test_every_write_function_is_validated_and_fuzzed() -> None:
    unchecked = [
        f.__name__
        for source, f in service_functions()
        if "workspace.transaction()" in source
        and f not in WRITE_FUNCTIONS
        and f.__name__ != "seed_workspace"  # reads only the app's own resources
    ]
    assert not unchecked, f"write functions without @validated: {unchecked}"
    names = {f.__name__ for f in WRITE_FUNCTIONS}
    assert {"save_field", "update_setting", "add_action", "record_discharge"} <= names
    assert len(WRITE_FUNCTIONS) * CALLS_PER_FUNCTION >= 10_000


@pytest.mark.parametrize("function", WRITE_FUNCTIONS, ids=lambda f: f.__name__)
def test_write_function_takes_hostile_input(
    function: Callable[..., Any], fuzzed: tuple[Workspace, Strategies]
) -> None:
    workspace, strategies = fuzzed

    @settings(
        max_examples=CALLS_PER_FUNCTION,
        deadline=None,
        derandomize=True,
        database=None,
        suppress_health_check=list(HealthCheck),
    )
    @given(strategies.for_function(function))
    def drive(kwargs: dict[str, Any]) -> None:
        call(workspace, function, kwargs)

    drive()


def test_every_export_renders_from_the_fuzzed_workspace(
    fuzzed: tuple[Workspace, Strategies], tmp_path: Path
) -> None:
    from app.exporters.chronology import export_chronology
    from app.exporters.invite import export_invite
    from app.exporters.letters import export_notifications
    from app.exporters.minutes import export_minutes
    from app.exporters.report import export_report
    from app.exporters.safety_plan import export_safety_plan
    from app.services.reporting import report_figures

    workspace, strategies = fuzzed
    with workspace.reading() as session:
        stored = {key: value for key, value in session.execute(select(Setting.key, Setting.value))}
    assert stored, "the fuzz stored no settings"
    docx, ics = tmp_path / "export.docx", tmp_path / "invite.ics"
    rendered: collections.Counter[str] = collections.Counter()
    refused: collections.Counter[str] = collections.Counter()

    def export(kind: str, write: Callable[[], Any]) -> None:
        # A refusal (a sentence for the user, such as "record the decision first")
        # is fine; any other exception means stored data broke the document.
        try:
            write()
        except MacptError:
            refused[kind] += 1
        except Exception as exc:
            UNEXPECTED[f"export {kind}: {type(exc).__name__}"] += 1
            if not COUNTING:
                raise
        else:
            rendered[kind] += 1

    for number, meeting_id in enumerate(strategies.ids["meeting_id"]):
        folder = tmp_path / f"letters{number}"
        folder.mkdir()
        export("minutes", partial(export_minutes, workspace, meeting_id=meeting_id, target=docx))
        export(
            "letters",
            partial(export_notifications, workspace, meeting_id=meeting_id, out_dir=folder),
        )
        export("invite", partial(export_invite, workspace, meeting_id=meeting_id, target=ics))
    for plan_id in strategies.ids["plan_id"]:
        export("safety plan", partial(export_safety_plan, workspace, plan_id=plan_id, target=docx))
    for child_id in strategies.ids["child_id"]:
        export("chronology", partial(export_chronology, workspace, child_id=child_id, target=docx))
    figures = report_figures(workspace, start=dt.date(2025, 4, 1), end=dt.date(2027, 3, 31))
    export("report", partial(export_report, workspace, figures=figures, docx_target=docx))
    print(f"\nexports rendered {dict(rendered)}, refused {dict(refused)}")
    if COUNTING:
        print(f"fuzz outcomes: {dict(OUTCOMES)}")
        for key, count in UNEXPECTED.most_common():
            print(f"  {count:5d}  {key}\n         {FIRST_SEEN.get(key, '')}")
    assert set(rendered) == {"minutes", "letters", "invite", "safety plan", "chronology", "report"}
    assert not UNEXPECTED or COUNTING, dict(UNEXPECTED)
    if CALLS_PER_FUNCTION >= FULL_RUN and len(OUTCOMES) > 0:
        assert sum(OUTCOMES.values()) >= 10_000, dict(OUTCOMES)
