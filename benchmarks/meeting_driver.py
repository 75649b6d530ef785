"""The app's side of ``bench_meeting.py``: one child process per mode, each printing one
line of JSON (timings, counts and sizes only: nothing personal).

* ``--seed PATH``: adds the benchmark's meeting to a demo workspace through the
  services the chair's screens call: a strategy meeting today for an open demo
  case, 50 people invited (``invite_person``, after the four statutory agencies'
  invitations that scheduling makes) and 80 actions (``add_action``), and starts
  it (``start_meeting``, as the chair does on the day: minutes can then be exported). Prints
  the meeting's and the case's ids.
* ``--drive PATH MEETING_ID CASE_ID FOLDER``: starts the app as ``macpt gui``
  does, types the passphrase (stdin) at a person's pace, and then, as the chair:
  opens the child's case, picks the meeting and presses Open meeting; goes
  through every agenda item with Next; marks an invitee arrived and puts them
  back; types into the Actions item's notes and into an action at a key every
  200 ms; exports the minutes twice (the file dialog answered in advance, into
  FOLDER); and leaves meeting mode. Each time runs from the click or key to the
  first paint of what it brings up (``app_driver.Painted``). The exported
  minutes' paragraphs and tables are written to FOLDER/blocks.json, after the
  timing, for the python-docx floor.
"""

from __future__ import annotations

import datetime as dt
import functools
import json
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from app_driver import TODAY, Painted, _ms, _peak_kb

ATTENDEES = 50
ACTIONS = 80
NOTES_WORD = "the family agreed to the plan"  # typed into the Actions item's notes
ACTION_WORD = " by Friday"  # typed at the end of the first action


def seed(path: Path, passphrase: str) -> dict[str, Any]:
    from app.models import CaseStatus, MeetingType
    from app.services import meetings
    from app.services.agencies import list_agencies
    from app.services.cases import list_cases
    from app.services.conduct import actions, attendance, invitations
    from app.services.conduct.closing import start_meeting
    from app.services.workspace import open_workspace

    today = dt.date.today()
    with open_workspace(path, passphrase) as workspace:
        case = next(
            c
            for c in list_cases(workspace, search="DEMOB", limit=50)
            if c.status is CaseStatus.OPEN
        )
        meeting = meetings.schedule_meeting(
            workspace,
            case_id=case.case_id,
            meeting_type=MeetingType.STRATEGY,
            scheduled_date=today,
            scheduled_time=dt.time(10, 0),
            location="Benchmark room",
            chair_name="Bench Chair",
            minute_taker_name="Bench Minutes",
        )
        agencies = list_agencies(workspace)
        invited = len(attendance.list_attendance(workspace, meeting_id=meeting.id))
        for n in range(ATTENDEES - invited):
            invitations.invite_person(
                workspace,
                meeting_id=meeting.id,
                name=f"Bench Attendee {n + 1:02d}",
                agency_id=agencies[n % len(agencies)].id,
                role="Practitioner",
            )
        for n in range(ACTIONS):
            agency = agencies[n % len(agencies)]
            actions.add_action(
                workspace,
                meeting_id=meeting.id,
                description=f"Bench action {n + 1:02d}: share the agreed information",
                owner_name=f"Bench Owner {n % 12 + 1:02d}",
                owner_agency_id=agency.id,
                due_date=today + dt.timedelta(days=7 + n % 21),
            )
        # Started, as the chair does on the day: its minutes can then be exported.
        start_meeting(workspace, meeting_id=meeting.id)
        people = attendance.list_attendance(workspace, meeting_id=meeting.id)
        agreed = actions.list_actions(workspace, meeting_id=meeting.id)
    return {
        "meeting_id": meeting.id,
        "case_id": case.case_id,
        "attendees": len(people),
        "actions": len(agreed),
    }


def drive(
    path: Path, passphrase: str, meeting_id: str, case_id: str, folder: Path
) -> dict[str, Any]:
    # As `macpt gui` loads them: the app's window package first, then the rest of Qt.
    from app.ui.application import create_application, start_shell

    # isort: split
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest

    from app import clock, paths
    from app.models import AttendanceStatus
    from app.ui.meeting import MeetingView
    from app.ui.meeting.dialogs import FixedMeetingFileDialogs
    from app.ui.pages.case_view import CaseView

    clock.set_clock(lambda: dt.datetime.combine(TODAY, dt.time(10), tzinfo=dt.UTC))
    paths.private_umask()
    app = create_application()
    painted = Painted(app)
    left = Qt.MouseButton.LeftButton

    spin = painted.spin

    def until_painted(target: Callable[[], Any], action: Callable[[], object]) -> float:
        return _ms(painted.until(target, action))

    typed = painted.typed

    shell = start_shell(path)
    spin(lambda: shell.gate is not None and shell.gate.isVisible())
    gate = shell.gate
    assert gate is not None
    until_painted(lambda: gate, lambda: None)
    painted.paced(gate.passphrase, passphrase)

    def detail(kind: type, not_this: object = None) -> Callable[[], Any]:
        """The window's case or meeting on show, once it is a new one of ``kind``."""

        def shown() -> Any:
            now = shell.window.detail if shell.window is not None else None
            return now if isinstance(now, kind) and now is not not_this else None

        return shown

    found: dict[str, Any] = {}
    found["unlock_to_home_ms"] = until_painted(
        lambda: shell.window.pages.get("home") if shell.window is not None else None,
        lambda: QTest.keyClick(gate.passphrase, Qt.Key.Key_Return),
    )
    window = shell.window
    assert window is not None
    window.resize(1366, 768)
    home: Any = window.pages["home"]
    spin(lambda: not home.deadlines.is_loading())  # as the chair would wait for Home
    app.processEvents()

    # The child's case (as from the Cases page), then its meeting and Open meeting.
    found["case_open_ms"] = until_painted(detail(CaseView), lambda: window.open_case(case_id))
    case = detail(CaseView)()
    assert isinstance(case, CaseView)
    rows = case.meetings_model.rows()
    case.meetings_table.selectRow(next(i for i, r in enumerate(rows) if r.id == meeting_id))
    app.processEvents()
    found["meeting_open_ms"] = until_painted(
        detail(MeetingView), lambda: QTest.mouseClick(case.open_meeting_button, left)
    )
    view = detail(MeetingView)()
    assert isinstance(view, MeetingView)
    found["peak_kb_meeting_open"] = _peak_kb()
    found["compact_layout"] = bool(view.compact)
    found["attendees_shown"] = len(view.attendance.lines)
    found["agencies"] = len(view.state.agencies())

    # Every item with Next, each until it is painted; the Actions item again after Previous.
    # The chair left the last run on item 1 (below); a run cut short may have left it
    # elsewhere, and meeting mode returns there.
    flow = view.state.flow
    found["resumed_at_item"] = flow.index
    if flow.index:
        view.go_to_item(0)
        app.processEvents()
    while flow.can_go_next:
        after = flow.index + 1
        kind = flow.steps[after].kind.value
        took = until_painted(
            functools.partial(view.pages.get, after),
            lambda: QTest.mouseClick(view.next_button, left),
        )
        found.setdefault(f"item_{kind}_first_ms", []).append(took)
        if kind == "actions":
            actions_at = after
    page = view.pages[actions_at]
    found["actions_shown"] = len(page.lines)  # type: ignore[attr-defined]
    view.go_to_item(actions_at - 1)
    app.processEvents()
    found["item_actions_return_ms"] = until_painted(
        lambda: view.pages.get(actions_at), lambda: QTest.mouseClick(view.next_button, left)
    )

    # One invitee arrives (their line's Arrived), then is put back to Invited.
    panel = view.attendance
    line = next((x for x in panel.lines.values() if x.row.status is AttendanceStatus.INVITED), None)
    if line is not None:
        attendee_id = line.row.id
        found["attendance_arrived_ms"] = until_painted(
            lambda: panel, lambda: QTest.mouseClick(line.arrived, left)
        )
        back = panel.lines[attendee_id].status

        def put_back() -> None:
            back.setCurrentIndex(back.findData(AttendanceStatus.INVITED.value))
            back.activated.emit(back.currentIndex())  # what choosing it from the list does

        found["attendance_status_ms"] = until_painted(lambda: panel, put_back)

    # Typing, at a key every 200 ms; then until the autosave has stored it.
    saved: list[float] = []
    view.state.autosave.saved.connect(lambda: saved.append(time.perf_counter()))
    for key, field, word in (
        ("notes", page.notes, NOTES_WORD),
        ("action", next(iter(page.lines.values())).description, ACTION_WORD),  # type: ignore[attr-defined]
    ):
        field.setFocus()
        app.processEvents()
        found[f"{key}_keystroke_ms"] = typed(field, word)
        last = time.perf_counter()
        spin(lambda: not view.state.autosave.pending(), limit=30)
        found[f"{key}_stored_after_last_key_ms"] = _ms(max(saved[-1:] or [last]) - last)

    # Export minutes…, the file dialog answered in advance: until the line saying so shows.
    for n in (1, 2):
        target = folder / f"minutes-{n}.docx"
        view.state.dialogs = FixedMeetingFileDialogs(document=target)
        found[f"minutes_export_{n}_ms"] = until_painted(
            lambda: view.notice, lambda: QTest.mouseClick(view.header.export, left)
        )
        found[f"minutes_export_{n}_kb"] = round(target.stat().st_size / 1024)

    # Back to item 1 (kept for the next run), then Leave meeting mode (asked once, then
    # pressed again): until the case is painted.
    view.go_to_item(0)
    QTest.mouseClick(view.header.leave, left)
    app.processEvents()
    found["leave_ms"] = until_painted(
        detail(CaseView, case), lambda: QTest.mouseClick(view.header.leave, left)
    )
    found["peak_kb"] = _peak_kb()
    shell.quit()

    from docx_floor import body_of  # after the timing: for the python-docx floor

    (folder / "blocks.json").write_text(json.dumps(body_of(folder / "minutes-1.docx")))
    return found


if __name__ == "__main__":
    mode, target = sys.argv[1], Path(sys.argv[2])
    secret = sys.stdin.readline().rstrip("\n")
    if mode == "--seed":
        result = seed(target, secret)
    else:
        result = drive(target, secret, sys.argv[3], sys.argv[4], Path(sys.argv[5]))
    print(json.dumps(result), flush=True)
