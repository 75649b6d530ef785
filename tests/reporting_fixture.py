"""A hand-counted period, 1 September to 30 November 2026, for the report tests.

What it holds, and so what the report must say:

- Strategy meetings held in the period: 5 (1 Sep s47 joint, 5 Oct s47
  single-agency, 15 Oct NFA, 19 Oct NFA with support, 4 Nov not recorded);
  one more is only booked (25 Nov) and one was held before (3 Aug).
- Threshold decided at 4, met at 2: 2 of 4 (50%).
- ICPCs held: 21 Sep (due 22 Sep: in time), 9 Nov (due 26 Oct: late), 1 Sep
  (strategy 3 Aug, due 24 Aug: late) and 10 Nov with no strategy discussion on
  record: 1 of 3 (33%), 1 without a strategy discussion.
- Extensions agreed in the period: 1 (12 Oct, to 9 Nov); one on 10 Aug is
  outside it.
- Plans started: neglect 1, physical 1, sexual 2, emotional 1, multiple 0.
- Plans ended: neglect 1 (242 days, started as multiple), physical 1 (168
  days, transferred), sexual 1 (84 days, ended 30 Nov, no reason recorded);
  average 494 / 3 days. One more ends on 5 December, outside the period.
- Meetings held in the period: 10. Social care attended 10, police 3 (and
  sent information to 1 more), health 1 (apologies at 1), education none.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from app import clock
from app.models import (
    AttendanceStatus,
    DischargeReason,
    IcpcTimeframe,
    MeetingStatus,
    MeetingType,
    PlanCategory,
    StatutoryRole,
    ThresholdOutcome,
)
from app.services.workspace import create_workspace
from app.storage.workspace import Workspace
from tests.conftest import FIXED_NOW, PASSPHRASE
from tests.helpers.journey_records import JourneyBuilder

D = dt.date
START, END = D(2026, 9, 1), D(2026, 11, 30)
EXTENSION_REASON = "Father in hospital until November (fictional)"
SC, POL, HEA = StatutoryRole.SOCIAL_CARE, StatutoryRole.POLICE, StatutoryRole.HEALTH


def build_reporting_workspace(folder: Path) -> Workspace:
    clock.set_clock(lambda: FIXED_NOW)
    workspace = create_workspace(folder / "report.macpt", PASSPHRASE)
    workspace.actor = "Test Chair"
    with workspace.transaction() as session:
        b = JourneyBuilder(session)
        r1 = b.child("DEMOR001", first="Rhys")
        s1 = b.strategy(r1, D(2026, 9, 1), outcome=ThresholdOutcome.S47_JOINT)
        i1 = b.meeting(r1, MeetingType.ICPC, D(2026, 9, 21))
        b.plan(r1, i1, D(2026, 9, 21), PlanCategory.NEGLECT)

        r2 = b.child("DEMOR002", first="Rosa")
        s2 = b.strategy(r2, D(2026, 10, 5), outcome=ThresholdOutcome.S47_SINGLE_AGENCY)
        review2 = b.meeting(r2, MeetingType.REVIEW, D(2026, 10, 12))
        b.timeframe(
            review2, s2, IcpcTimeframe.EXTENDED, target=D(2026, 11, 9), reason=EXTENSION_REASON
        )
        i2 = b.meeting(r2, MeetingType.ICPC, D(2026, 11, 9))
        b.plan(r2, i2, D(2026, 11, 9), PlanCategory.PHYSICAL_ABUSE)

        r3 = b.child("DEMOR003", first="Remy")
        s3 = b.strategy(r3, D(2026, 10, 15), outcome=ThresholdOutcome.NFA, threshold_met=False)
        r4 = b.child("DEMOR004", first="Ravi")
        s4 = b.strategy(
            r4,
            D(2026, 10, 19),
            outcome=ThresholdOutcome.NFA_S47_WITH_SUPPORT,
            threshold_met=False,
        )
        r5 = b.child("DEMOR005", first="Rory")
        s5 = b.strategy(r5, D(2026, 11, 4), outcome=None, threshold_met=None)
        booked = b.strategy(r5, D(2026, 11, 25), status=MeetingStatus.SCHEDULED)

        r6 = b.child("DEMOR006", first="Ruth")
        s6 = b.strategy(r6, D(2026, 8, 3))
        review6 = b.meeting(r6, MeetingType.REVIEW, D(2026, 8, 10))
        b.timeframe(review6, s6, IcpcTimeframe.EXTENDED, target=D(2026, 9, 1), reason="Earlier")
        i6 = b.meeting(r6, MeetingType.ICPC, D(2026, 9, 1))
        b.plan(r6, i6, D(2026, 9, 1), PlanCategory.EMOTIONAL_ABUSE)

        r7 = b.child("DEMOR007", first="Reza")
        i7 = b.meeting(r7, MeetingType.ICPC, D(2026, 11, 10))
        b.plan(r7, i7, D(2026, 11, 10), PlanCategory.SEXUAL_ABUSE)

        r8 = b.child("DEMOR008", first="Rina")
        b.plan(
            r8,
            None,
            D(2026, 3, 2),
            PlanCategory.MULTIPLE,
            latest=PlanCategory.NEGLECT,
            end=D(2026, 10, 30),
            end_reason=DischargeReason.NO_LONGER_AT_RISK,
        )
        r9 = b.child("DEMOR009", first="Ross")
        b.plan(
            r9,
            None,
            D(2026, 6, 1),
            PlanCategory.PHYSICAL_ABUSE,
            end=D(2026, 11, 16),
            end_reason=DischargeReason.TRANSFERRED,
        )
        r10 = b.child("DEMOR010", first="Rula")
        b.plan(r10, None, D(2026, 5, 1), PlanCategory.NEGLECT, end=D(2026, 12, 5))
        r11 = b.child("DEMOR011", first="Rafe")
        b.plan(r11, None, D(2026, 9, 7), PlanCategory.SEXUAL_ABUSE, end=D(2026, 11, 30))

        held = [s1, s2, s3, s4, s5, review2, i1, i2, i6, i7]
        for meeting in held:
            b.attend(meeting, SC)
        for meeting in (s1, s2, i1):
            b.attend(meeting, POL)
        b.attend(s1, POL)  # two officers at one meeting count once
        b.attend(s3, POL, AttendanceStatus.SENT_INFORMATION)
        b.attend(s1, HEA)
        b.attend(s2, HEA, AttendanceStatus.APOLOGIES)
        b.attend(booked, POL)  # booked, not held: not counted
    return workspace
