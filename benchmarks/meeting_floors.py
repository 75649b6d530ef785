"""The floors ``bench_meeting.py`` compares meeting mode and the exports with, one child
process per mode, each printing one line of JSON.

* ``--window AGENCIES``: a bare PySide6 window (no app style, no database) built
  like meeting mode: three columns, the 50 attendee lines of the attendance
  panel (name, role, status, times, Arrived, Left) beside an item's notes, then
  a page of the 80 action lines (what, who, agency of AGENCIES, by when,
  status), then one attendee line changed, and keys typed into the notes at a
  key every 200 ms. Times run to the first paint, with the same ``Painted``
  filter as the app's driver, so the filter's own cost is on both sides.
  ``--window-styled AGENCIES``: the same window in a QApplication made by the
  app's ``create_application`` (its style sheet, and its wheel and privacy
  event filters): how much of meeting mode's time is the app's Qt setting
  rather than meeting mode's own work.
* ``--docx BLOCKS OUT``: python-docx alone writing the exported minutes'
  paragraphs and tables (read from BLOCKS, JSON): the first time in the process
  (python-docx imported, as the app's first export imports it) and again.
* ``--census PATH OUT``: the bare census: the encrypted file opened (key from
  the passphrase on stdin, SQLCipher), one SQL statement each for the children,
  their strategy meetings and conferences and their plans, and XML written by
  hand, atomically. No DfE rules, no ORM: the least an export of that data costs.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import sys
import time
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

from app_driver import Painted, _ms

ATTENDEES = 50
ACTIONS = 80
STATUSES = ("Invited", "Attended", "Sent apologies", "Sent information", "Did not attend")


def window(agencies: int, *, styled: bool = False) -> dict[str, Any]:
    from PySide6.QtCore import QDate, Qt
    from PySide6.QtWidgets import (
        QApplication,
        QComboBox,
        QDateEdit,
        QHBoxLayout,
        QLabel,
        QLineEdit,
        QListWidget,
        QPlainTextEdit,
        QPushButton,
        QScrollArea,
        QSplitter,
        QStackedWidget,
        QVBoxLayout,
        QWidget,
    )

    if styled:
        from app.ui.application import create_application

        app = create_application()
    else:
        app = QApplication(sys.argv[:1])
    painted = Painted(app)
    spin = painted.spin

    def scrolled(rows: QVBoxLayout) -> QScrollArea:
        inner = QWidget()
        inner.setLayout(rows)
        area = QScrollArea()
        area.setWidget(inner)
        area.setWidgetResizable(True)
        return area

    def attendee(n: int) -> tuple[QWidget, QComboBox, QLabel]:
        line = QWidget()
        status = QComboBox()
        status.addItems(STATUSES)
        times = QLabel("")
        top, bottom = QHBoxLayout(), QHBoxLayout()
        top.addWidget(QLineEdit(f"Floor Attendee {n:02d}"), 2)
        top.addWidget(status, 1)
        bottom.addWidget(QLineEdit("Practitioner"), 3)
        bottom.addWidget(times, 1)
        bottom.addWidget(QPushButton("Arrived"))
        bottom.addWidget(QPushButton("Left"))
        layout = QVBoxLayout(line)
        layout.addLayout(top)
        layout.addLayout(bottom)
        return line, status, times

    def action(n: int) -> QWidget:
        line = QWidget()
        agency, status, due = QComboBox(), QComboBox(), QDateEdit(QDate.currentDate())
        agency.addItems(["No agency", *(f"Agency {a}" for a in range(agencies))])
        status.addItems(["Open", "Done", "Cancelled"])
        first, second, third = QHBoxLayout(), QHBoxLayout(), QHBoxLayout()
        first.addWidget(QLabel(f"<b>{n}.</b>"))
        first.addWidget(QLineEdit(f"Floor action {n:02d}: share the agreed information"), 1)
        for row, caption, widget in (
            (second, "Who:", QLineEdit("Floor Owner")),
            (second, "Agency:", agency),
            (third, "By when:", due),
            (third, "Status:", status),
        ):
            label = QLabel(caption)
            label.setBuddy(widget)
            row.addWidget(label)
            row.addWidget(widget)
        layout = QVBoxLayout(line)
        for row in (first, second, third):
            layout.addLayout(row)
        return line

    found: dict[str, Any] = {}
    started = time.perf_counter()
    top = QWidget()
    agenda = QListWidget()
    agenda.addItems([f"{n}. Agenda item" for n in range(1, 11)])
    stack = QStackedWidget()
    notes = QPlainTextEdit()
    item = QWidget()
    item_layout = QVBoxLayout(item)
    item_layout.addWidget(QLabel("Introductions and confidentiality"))
    item_layout.addWidget(notes)
    stack.addWidget(item)
    people = QVBoxLayout()
    lines = [attendee(n) for n in range(1, ATTENDEES + 1)]
    for line, _status, _times in lines:
        people.addWidget(line)
    splitter = QSplitter(Qt.Orientation.Horizontal)
    for column in (agenda, stack, scrolled(people)):
        splitter.addWidget(column)
    QVBoxLayout(top).addWidget(splitter)
    top.resize(1366, 768)
    painted.expect(lambda: top)
    top.show()
    spin(lambda: painted.at is not None)
    found["meeting_open_ms"] = _ms(painted.at - started)  # type: ignore[operator]

    def page_of_actions() -> None:
        page = QVBoxLayout()
        for n in range(1, ACTIONS + 1):
            page.addWidget(action(n))
        stack.setCurrentIndex(stack.addWidget(scrolled(page)))

    painted.expect(lambda: stack.widget(1))
    started = time.perf_counter()
    page_of_actions()
    spin(lambda: painted.at is not None)
    found["item_actions_first_ms"] = _ms(painted.at - started)  # type: ignore[operator]

    _line, status, times = lines[0]

    def one_arrived() -> None:
        status.setCurrentIndex(1)
        times.setText("arrived 10:00")

    painted.expect(lambda: lines[0][0])
    started = time.perf_counter()
    one_arrived()
    spin(lambda: painted.at is not None)
    found["attendance_arrived_ms"] = _ms(painted.at - started)  # type: ignore[operator]

    stack.setCurrentIndex(0)
    notes.setFocus()
    app.processEvents()
    found["notes_keystroke_ms"] = painted.typed(notes, "the family agreed to the plan")
    return found


def minutes_docx(blocks_file: Path, out: Path) -> dict[str, Any]:
    blocks = json.loads(blocks_file.read_text())
    started = time.perf_counter()
    from docx_floor import bare  # python-docx is imported inside, as the app's first export

    bare(blocks, out)
    first = time.perf_counter() - started
    started = time.perf_counter()
    bare(blocks, out)
    return {
        "minutes_export_1_ms": _ms(first),
        "minutes_export_2_ms": _ms(time.perf_counter() - started),
    }


CHILDREN_SQL = """
SELECT c.id, c.la_child_ref, c.date_of_birth, c.sex FROM child c
WHERE c.id IN (SELECT e.child_id FROM case_episode e JOIN meeting m ON m.case_id = e.id
               WHERE m.meeting_type = 'strategy' AND m.scheduled_date BETWEEN ? AND ?)
   OR c.id IN (SELECT e.child_id FROM case_episode e JOIN cp_plan p ON p.case_id = e.id
               WHERE p.start_date <= ? AND (p.end_date IS NULL OR p.end_date >= ?))
ORDER BY c.la_child_ref
"""
MEETINGS_SQL = """
SELECT e.child_id, m.meeting_type, m.scheduled_date FROM meeting m
JOIN case_episode e ON e.id = m.case_id
WHERE m.meeting_type IN ('strategy', 'icpc', 'rcpc') AND m.scheduled_date <= ?
  AND m.status IN ('closed', 'signed-off')
ORDER BY m.scheduled_date
"""
PLANS_SQL = """
SELECT e.child_id, p.start_date, p.end_date, p.initial_category, p.latest_category FROM cp_plan p
JOIN case_episode e ON e.id = p.case_id ORDER BY p.start_date
"""


def census(path: Path, passphrase: str, out: Path) -> dict[str, Any]:
    from app.census.period import census_period
    from app.storage import cipher
    from app.storage.unlock import unlock_file

    period = census_period(dt.date.today())
    start, end = period.start.isoformat(), period.end.isoformat()
    key, _salt, lock = unlock_file(path, passphrase)
    try:
        conn = cipher.connect(path, key)
        children = conn.execute(CHILDREN_SQL, (start, end, end, start)).fetchall()
        meetings: dict[str, list[tuple[str, str]]] = {}
        for child_id, kind, day in conn.execute(MEETINGS_SQL, (end,)):
            meetings.setdefault(child_id, []).append((kind, day))
        plans: dict[str, list[tuple[Any, ...]]] = {}
        for child_id, *plan in conn.execute(PLANS_SQL):
            plans.setdefault(child_id, []).append(tuple(plan))
        conn.close()
    finally:
        lock.release()
    parts = ['<?xml version="1.0" encoding="utf-8"?>\n<Message><Header/><Children>']
    for child_id, ref, born, sex in children:
        parts.append(
            f"<Child><ChildIdentifiers><LAchildID>{escape(ref)}</LAchildID>"
            f"<PersonBirthDate>{born or ''}</PersonBirthDate><Sex>{sex}</Sex>"
            "</ChildIdentifiers><CINdetails>"
        )
        for kind, day in meetings.get(child_id, ()):
            if kind == "strategy" and start <= day <= end:
                parts.append(
                    f"<Section47><S47ActualStartDate>{day}</S47ActualStartDate></Section47>"
                )
        for began, ended, first, latest in plans.get(child_id, ()):
            if began <= end and (ended is None or ended >= start):
                reviews = "".join(
                    f"<Reviews><CPPreviewDate>{day}</CPPreviewDate></Reviews>"
                    for kind, day in meetings.get(child_id, ())
                    if kind == "rcpc" and began < day <= end
                )
                parts.append(
                    f"<ChildProtectionPlans><CPPstartDate>{began}</CPPstartDate>"
                    f"<InitialCategoryOfAbuse>{first}</InitialCategoryOfAbuse>"
                    f"<LatestCategoryOfAbuse>{latest}</LatestCategoryOfAbuse>{reviews}"
                    "</ChildProtectionPlans>"
                )
        parts.append("</CINdetails></Child>")
    parts.append("</Children></Message>\n")
    partial = out.with_name(out.name + ".partial")
    with partial.open("w", encoding="utf-8") as handle:
        handle.write("".join(parts))
        handle.flush()
        os.fsync(handle.fileno())
    partial.replace(out)
    return {"census_children": len(children), "census_kb": round(out.stat().st_size / 1024)}


if __name__ == "__main__":
    mode = sys.argv[1]
    if mode in ("--window", "--window-styled"):
        result = window(int(sys.argv[2]), styled=mode == "--window-styled")
    elif mode == "--docx":
        result = minutes_docx(Path(sys.argv[2]), Path(sys.argv[3]))
    else:
        secret = sys.stdin.readline().rstrip("\n")
        result = census(Path(sys.argv[2]), secret, Path(sys.argv[3]))
    print(json.dumps(result), flush=True)
