"""Meetings search: each keystroke through the full-text index against reading every
meeting (the search before revision 0018), on one workspace.

Words are typed a character at a time: children's names and references picked from
the workspace, places, and the words chairs use for kinds of meeting. For every
keystroke the first page the Meetings list asks for (``meetings_around`` with its
lead: pages read forward and back from today, never counted) is timed with the index and with the old WHERE clause,
interleaved, and both must find the same meetings. The Cases list's first
page (``cases_after``) is timed the same way, the old way being the same query
without the index. Printed: median and 95th
percentile per way, over every keystroke and split into text shorter than a trigram
(which still reads every meeting) and the rest. Target (issue 12): <= 50 ms at the
95th percentile.

Run on a workspace made once with ``macpt demo --children 2000`` (fictional only):
``.venv/bin/python benchmarks/bench_meeting_search.py FILE --passphrase-stdin``
with the passphrase on standard input. Opening it brings it to the newest schema.

Measured on 2 December 2026 (2,000 children, 5,500 meetings, 5 rounds, 745
keystrokes each way, on 2 cores shared with other work, load average 6 to 7): a
keystroke's first page of meetings took a median of 36 ms through the index against
44 ms before, 95th percentile 70 ms against 75 ms; an unsearched page took 21 ms.
Typing a first name or surname took about half as long (19 to 26 ms against 45 to
55 ms); text found in most meetings (the demo's one venue, a kind of meeting) is
read the old way and costs what it did. The Cases list's first page: median 7 ms
against 10 ms, 95th percentile 48 ms against 44 ms (noise: text shorter than a
trigram runs the same query both ways).
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from sqlalchemy import ColumnElement, String, cast, func, or_, select

from app import clock
from app.models import Child, Meeting
from app.services import cases, meeting_list
from app.services.meeting_words import meeting_types_matching
from app.services.workspace import open_workspace
from app.storage import cipher, meeting_search
from app.storage.workspace import Workspace

LEAD = 20  # as the Meetings page
PAGE = 200
TYPE_WORDS = ("five day review", "initial conference", "RCPC", "core group", "strategy")


def old_clause(search: str, *, indexed: bool = True) -> ColumnElement[bool] | None:
    """The search before the index: every meeting read and compared (``indexed`` aside)."""
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


def _words(workspace: Workspace, rng: random.Random) -> list[str]:
    with workspace.reading() as session:
        children = session.execute(
            select(Child.la_child_ref, Child.first_name, Child.last_name)
            .order_by(func.random())
            .limit(200)
        ).all()
        places = session.scalars(select(Meeting.location).distinct().limit(50)).all()
    picked = rng.sample(children, 4)
    words = [p[2] for p in picked] + [p[1] for p in picked[:2]] + [picked[3][0]]
    return [*words, rng.choice([p for p in places if p] or ["Hub"]), *TYPE_WORDS]


def _percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("workspace", type=Path)
    parser.add_argument("--passphrase-stdin", action="store_true", required=True)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    cipher.fictional_data_only()
    workspace = open_workspace(args.workspace, sys.stdin.readline().rstrip("\n"))
    today = clock.today()
    rng = random.Random(12)
    new_clause = meeting_list.search_clause
    usable = meeting_search.usable
    ways = {"index": new_clause, "old": old_clause}
    kinds = [*ways, "cases_index", "cases_old"]
    times: dict[str, dict[str, list[float]]] = {w: {"short": [], "long": []} for w in kinds}
    per_word: dict[tuple[str, str], list[float]] = {}
    with workspace.reading() as session:
        total = session.scalar(select(func.count()).select_from(Meeting))
        children = session.scalar(select(func.count()).select_from(Child))
    words = _words(workspace, rng)
    for _ in range(args.rounds):
        for word in words:
            for end in range(1, len(word) + 1):
                typed = word[:end]
                key = "long" if usable(typed.strip()) else "short"
                found = {}
                for way, clause in ways.items():
                    meeting_list.search_clause = clause  # type: ignore[assignment]
                    if way == "old":  # nor weighed against the index
                        meeting_search.usable = lambda _term: False  # type: ignore[assignment]
                    started = time.perf_counter()
                    page = meeting_list.meetings_around(
                        workspace, search=typed, limit=PAGE, today=today, lead=LEAD
                    )
                    spent = (time.perf_counter() - started) * 1000
                    times[way][key].append(spent)
                    if key == "long":
                        per_word.setdefault((word, way), []).append(spent)
                    found[way] = (page.more_after, [row.id for row in page.rows])
                meeting_list.search_clause = new_clause
                meeting_search.usable = usable  # type: ignore[assignment]
                assert found["index"] == found["old"], typed
                for way in ("cases_index", "cases_old"):
                    started = time.perf_counter()
                    if way == "cases_old":
                        meeting_search.usable = lambda _term: False  # type: ignore[assignment]
                    listed = cases.cases_after(workspace, search=typed, after=None, limit=PAGE)
                    meeting_search.usable = usable  # type: ignore[assignment]
                    times[way][key].append((time.perf_counter() - started) * 1000)
                    found[way] = (listed.more, [c.case_id for c in listed.rows])
                assert found["cases_index"] == found["cases_old"], typed
    floor = []
    for _ in range(args.rounds * 5):
        started = time.perf_counter()
        meeting_list.meetings_around(workspace, limit=PAGE, today=today, lead=LEAD)
        floor.append((time.perf_counter() - started) * 1000)
    workspace.close()
    report: dict[str, object] = {"children": children, "meetings": total}
    report["no_search_median_ms"] = round(statistics.median(floor), 1)
    # Each word's keystrokes of three characters or more: median, index against old.
    report["words"] = {
        word: [round(statistics.median(per_word[(word, way)]), 1) for way in ways]
        for word in dict.fromkeys(words)
        if (word, "index") in per_word
    }
    for way, split in times.items():
        for key, values in (*split.items(), ("all", split["short"] + split["long"])):
            report[f"{way}_{key}"] = {
                "keystrokes": len(values),
                "median_ms": round(statistics.median(values), 1),
                "p95_ms": round(_percentile(values, 0.95), 1),
            }
    print(json.dumps(report, indent=1))


if __name__ == "__main__":
    main()
