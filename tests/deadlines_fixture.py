"""A hand-laid set of deadlines around Monday 23 November 2026 (the tests' today).

It is laid out by hand around Monday 23 November 2026 (the tests'
fixed today). Working days: a strategy discussion on Monday 2 November has its
review due Monday 9 November and its ICPC due Monday 23 November; one on
Monday 16 November has its review due Monday 23 November and its ICPC due
Monday 7 December.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from app import clock
from app.models import (
    ActionStatus,
    CaseStatus,
    IcpcTimeframe,
    MeetingStatus,
    MeetingType,
    PlanCategory,
    ThresholdOutcome,
)
from app.services.workspace import create_workspace
from app.storage.workspace import Workspace
from tests.conftest import FIXED_NOW, PASSPHRASE
from tests.helpers.journey_records import JourneyBuilder

D = dt.date


def build_deadlines_workspace(folder: Path) -> tuple[Workspace, dict[str, str]]:
    """The layout above, in a new workspace in ``folder``; also the ids tests open."""
    clock.set_clock(lambda: FIXED_NOW)
    ws = create_workspace(folder / "deadlines.macpt", PASSPHRASE)
    ws.actor = "Test Chair"
    ids: dict[str, str] = {}
    with ws.transaction() as session:
        b = JourneyBuilder(session)
        # A: strategy today a week ago; review due today, ICPC beyond the week.
        a = b.child("DEMOA001", first="Alice")
        ids["A-strategy"] = b.strategy(a, D(2026, 11, 16)).id
        ids["A-review"] = b.meeting(
            a, MeetingType.REVIEW, D(2026, 11, 24), status=MeetingStatus.SCHEDULED
        ).id
        # B: no review held (overdue since 9 Nov); ICPC due today.
        bee = b.child("DEMOB002", first="Ben")
        ids["B-strategy"] = b.strategy(bee, D(2026, 11, 2)).id
        # C: review held, ICPC extended to Friday 27 November.
        c = b.child("DEMOC003", first="Cara")
        c_strategy = b.strategy(c, D(2026, 11, 2))
        c_review = b.meeting(c, MeetingType.REVIEW, D(2026, 11, 9))
        b.timeframe(
            c_review,
            c_strategy,
            IcpcTimeframe.EXTENDED,
            target=D(2026, 11, 27),
            reason="Interpreter needed",
        )
        # D: review held and no conference needed.
        d = b.child("DEMOD004", first="Dev")
        d_strategy = b.strategy(d, D(2026, 11, 2))
        b.timeframe(
            b.meeting(d, MeetingType.REVIEW, D(2026, 11, 9)),
            d_strategy,
            IcpcTimeframe.NOT_NEEDED,
            reason="Enquiry found no significant harm",
        )
        # E: no further action: nothing to follow.
        e = b.child("DEMOE005", first="Eve")
        b.strategy(e, D(2026, 11, 2), outcome=ThresholdOutcome.NFA, threshold_met=False)
        # F: ICPC held after the strategy; plan reviews due on the week's last day.
        f = b.child("DEMOF006", first="Finn")
        f_strategy = b.strategy(f, D(2026, 10, 19))
        b.meeting(f, MeetingType.REVIEW, D(2026, 10, 26))
        f_icpc = b.meeting(f, MeetingType.ICPC, D(2026, 11, 9))
        b.plan(f, f_icpc, D(2026, 11, 9), PlanCategory.NEGLECT, next_review_due=D(2026, 11, 30))
        # G: review conference due the day after the week ends.
        g = b.child("DEMOG007", first="Gia")
        g_icpc = b.meeting(g, MeetingType.ICPC, D(2026, 9, 1))
        b.plan(
            g, g_icpc, D(2026, 9, 1), PlanCategory.EMOTIONAL_ABUSE, next_review_due=D(2026, 12, 1)
        )
        # H: an ended plan is not followed.
        h = b.child("DEMOH008", first="Hal")
        h_icpc = b.meeting(h, MeetingType.ICPC, D(2026, 5, 1))
        b.plan(
            h,
            h_icpc,
            D(2026, 5, 1),
            PlanCategory.NEGLECT,
            end=D(2026, 10, 1),
            next_review_due=D(2026, 11, 1),
        )
        # I: a closed case with an enquiry is not followed.
        i = b.child("DEMOI009", first="Ivy", status=CaseStatus.CLOSED)
        b.strategy(i, D(2026, 11, 2))
        # Actions on F's strategy meeting.
        b.action(f_strategy, D(2026, 11, 22), "Visit the family home")
        b.action(f_strategy, D(2026, 11, 24), "Share the school attendance record")
        b.action(f_strategy, D(2026, 11, 20), "Already done", status=ActionStatus.DONE)
        b.action(f_strategy, D(2026, 12, 1), "Beyond the week")
        b.action(f_strategy, None, "No date set")
        # Letters: E's meeting closed Friday 20 November, due Monday 23 (today).
        e_closed = b.meeting(e, MeetingType.STRATEGY, D(2026, 11, 20))
        b.notification(e_closed, "Sampletown Police (demo)")
        b.notification(e_closed, "Sampletown Health (demo)", sent=True)
        # Letters for G's meeting closed today, due tomorrow; two unsent.
        g_closed = b.meeting(g, MeetingType.RCPC, D(2026, 11, 23))
        b.notification(g_closed, "Sampletown Police (demo)")
        b.notification(g_closed, "Sampletown School (demo)")
        # Letters all sent: nothing due.
        sent_all = b.meeting(d, MeetingType.REVIEW, D(2026, 11, 16))
        b.notification(sent_all, "Sampletown Police (demo)", sent=True)
        ids["G-closed"] = g_closed.id
    return ws, ids
