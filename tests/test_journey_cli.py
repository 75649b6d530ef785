"""The journey's commands end to end on the demo workspace, and the demo's journey
children themselves. One command runs in a subprocess, as an administrator runs
it; the rest call the same ``main`` in this process, which is quicker."""

from __future__ import annotations

import io
import json
import subprocess
import sys
import zipfile
from collections.abc import Callable, Iterator
from pathlib import Path

import docx
import icalendar
import pytest

from app.cli import main
from app.models import IcpcTimeframe, MeetingStatus, MeetingType, RecipientRole
from app.services import cases, meeting_list
from app.services.journey import notifications, review
from app.services.journey.plan import plan_for_case
from app.services.workspace import open_workspace
from app.storage.workspace import Workspace
from tests.conftest import FIXED_NOW, PASSPHRASE
from tests.helpers import workspaces


@pytest.fixture(scope="module")
def demo_copy(tmp_path_factory: pytest.TempPathFactory) -> Path:
    source = workspaces.template("demo", tmp_path_factory.mktemp, workspaces.demo)
    return workspaces.copy_workspace(source, tmp_path_factory.mktemp("cli") / "demo.macpt")


def in_a_subprocess(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "app.cli", *args, "--passphrase-stdin"],
        input=PASSPHRASE + "\n",
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


@pytest.fixture
def macpt(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> Callable[..., subprocess.CompletedProcess[str]]:
    """``macpt`` run through ``app.cli.main`` here, with the passphrase on standard input."""

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        monkeypatch.setattr(sys, "stdin", io.StringIO(PASSPHRASE + "\n"))
        capsys.readouterr()
        try:
            code = main([*args, "--passphrase-stdin"])
        except SystemExit as exit_:  # argparse's usage errors
            code = int(exit_.code or 0)
        out, err = capsys.readouterr()
        return subprocess.CompletedProcess(list(args), code, out, err)

    return run


def _demo_meetings(
    macpt: Callable[..., subprocess.CompletedProcess[str]], path: Path
) -> dict[str, list[dict[str, str]]]:
    listed = macpt("meetings", "--workspace", str(path), "--json")
    assert listed.returncode == 0, listed.stderr
    found: dict[str, list[dict[str, str]]] = {}
    for meeting in json.loads(listed.stdout):
        found.setdefault(meeting["child"], []).append(meeting)
    return found


def test_commands_on_the_demo(
    demo_copy: Path, tmp_path: Path, macpt: Callable[..., subprocess.CompletedProcess[str]]
) -> None:
    ws = str(demo_copy)
    by_child = _demo_meetings(macpt, demo_copy)
    discharge = by_child["DEMO0301"][-1]
    assert (discharge["type"], discharge["status"]) == ("rcpc", "signed-off")

    letters = in_a_subprocess(
        "export",
        "notifications",
        discharge["id"],
        "--workspace",
        ws,
        "--out",
        str(tmp_path / "letters"),
    )
    assert letters.returncode == 0, letters.stderr
    assert "to parents and carers" in letters.stdout
    assert "manifest.json" in letters.stdout  # where the list of letters is
    manifest = json.loads((tmp_path / "letters" / "manifest.json").read_text(encoding="utf-8"))
    assert {e["role"] for e in manifest} == {"agency", "parent_carer"}
    for entry in manifest:
        text = "\n".join(
            p.text for p in docx.Document(str(tmp_path / "letters" / entry["file"])).paragraphs
        )
        assert "DEMO0301" in text
        assert "Police intelligence" not in text
        with zipfile.ZipFile(tmp_path / "letters" / entry["file"]) as package:
            props = b"".join(
                package.read(n) for n in package.namelist() if n.startswith("docProps/")
            )
        assert b"Maisie" not in props and b"Fictitious" not in props

    # Theo's review put the conference back: only his parents are written to, to say so.
    review_id = next(m["id"] for m in by_child["DEMO0302"] if m["type"] == "review")
    review = macpt(
        "export", "notifications", review_id, "--workspace", ws, "--out", str(tmp_path / "review")
    )
    assert review.returncode == 0, review.stderr
    written = json.loads((tmp_path / "review" / "manifest.json").read_text())
    assert written and {(e["role"], e["kind"]) for e in written} == {
        ("parent_carer", "review-decision")
    }

    icpc = next(m for m in by_child["DEMO0302"] if m["type"] == "icpc")
    assert icpc["status"] == "scheduled"
    ics = tmp_path / "theo.ics"
    invite = macpt("export", "invite", icpc["id"], "--workspace", ws, "--out", str(ics))
    assert invite.returncode == 0, invite.stderr
    (event,) = icalendar.Calendar.from_ical(ics.read_bytes()).walk("VEVENT")
    assert "DEMO0302" in str(event["summary"])
    assert event.decoded("dtstart").isoformat() == f"{icpc['date']}T10:00:00+00:00"
    for name in (b"Theo", b"Inventedson", b"Pat ", b"Chris"):
        assert name not in ics.read_bytes()

    timeline = macpt("timeline", "DEMO0302", "--workspace", ws, "--json")
    assert timeline.returncode == 0, timeline.stderr
    steps = json.loads(timeline.stdout)["steps"]
    assert [s["stage"] for s in steps] == ["strategy", "review", "icpc"]
    assert steps[2]["note"].startswith("Extended from")

    plan = macpt(
        "export",
        "safety-plan",
        "DEMO0301",
        "--workspace",
        ws,
        "--out",
        str(tmp_path / "plan.docx"),
    )
    assert plan.returncode == 0, plan.stderr
    assert "Interim safety plan" in [
        p.text for p in docx.Document(str(tmp_path / "plan.docx")).paragraphs
    ]


def test_command_failures(
    demo_copy: Path, tmp_path: Path, macpt: Callable[..., subprocess.CompletedProcess[str]]
) -> None:
    ws = str(demo_copy)
    unknown = macpt(
        "export", "notifications", "no-such-id", "--workspace", ws, "--out", str(tmp_path / "l")
    )
    assert unknown.returncode == 1 and "no meeting" in unknown.stderr
    assert "Traceback" not in unknown.stderr
    usage = macpt("export", "notifications", "x", "--workspace", ws)
    assert usage.returncode == 2
    nobody = macpt("timeline", "DEMO9999", "--workspace", ws)
    assert nobody.returncode == 1 and "DEMO9999" in nobody.stderr


@pytest.fixture
def demo(tmp_path_factory: pytest.TempPathFactory, tmp_path: Path) -> Iterator[Workspace]:
    source = workspaces.template("demo", tmp_path_factory.mktemp, workspaces.demo)
    workspace = open_workspace(workspaces.copy_workspace(source, tmp_path / "d.macpt"), PASSPHRASE)
    yield workspace
    workspace.close()


def test_the_demo_journeys(demo: Workspace) -> None:
    def case_of(ref: str) -> str:
        return cases.list_cases(demo, search=ref)[0].case_id

    maisie = case_of("DEMO0301")
    plan = plan_for_case(demo, case_id=maisie)
    assert plan is not None and not plan.is_open
    theirs = meeting_list.list_meetings(demo, case_id=maisie)
    assert [m.meeting_type for m in theirs] == [
        MeetingType.STRATEGY,
        MeetingType.REVIEW,
        MeetingType.ICPC,
        MeetingType.RCPC,
        MeetingType.RCPC,
    ]
    assert {m.status for m in theirs} == {MeetingStatus.SIGNED_OFF}
    told = notifications.required_notifications(demo, meeting_id=theirs[-1].id)
    assert {r.role for r in told} == {RecipientRole.AGENCY, RecipientRole.PARENT_CARER}

    theo = meeting_list.list_meetings(demo, case_id=case_of("DEMO0302"))
    decided = review.icpc_timeframe(demo, meeting_id=theo[1].id)
    assert decided is not None and decided.timeframe is IcpcTimeframe.EXTENDED
    assert decided.reason and decided.exceptional_circumstances_confirmed
    assert theo[2].scheduled_date == decided.target_date

    future = [
        m
        for ref in ("DEMO0302", "DEMO0303", "DEMO0304", "DEMO0305")
        for m in meeting_list.list_meetings(demo, case_id=case_of(ref))
        if m.status is MeetingStatus.SCHEDULED
    ]
    assert {m.meeting_type for m in future} == set(MeetingType) - {
        MeetingType.CORE_GROUP,
        MeetingType.LEGAL_PLANNING,
    }
    assert all(m.scheduled_date > FIXED_NOW.date() for m in future)
    # The demo's core groups (a part of their own) book one still to come.
    booked = meeting_list.list_meetings(
        demo, search="core-group", statuses=(MeetingStatus.SCHEDULED,)
    )
    assert [m.meeting_type for m in booked] == [MeetingType.CORE_GROUP]
    assert booked[0].scheduled_date > FIXED_NOW.date()
