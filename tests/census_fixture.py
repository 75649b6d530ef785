"""Two hand-laid census years (2026-27) for the census tests: one clean, one with problems.

Clean (what the export must say):
- DEMOC001: s47 Mon 7 Sep 2026, ICPC Mon 28 Sep (the 15th working day), plan
  from 28 Sep (neglect), review conference Mon 16 Nov.
- DEMOC002: unborn (expected 20 Apr 2027), s47 Mon 2 Nov, the review on 9 Nov
  decided no conference is needed.
- DEMOC003: s47 Mon 5 Oct, ICPC Mon 26 Oct decided no plan.
- DEMOC004: plan from Mon 10 Nov 2025 (physical, now emotional), reviewed
  Mon 9 Feb 2026 (last year) and Mon 10 Aug 2026, ended Mon 12 Oct 2026; one
  earlier plan in 2023.
- DEMOC005: moved in: ICPC Mon 8 Jun 2026 with no enquiry on record, plan
  (sexual) from that day.
- Pre-proceedings (module 5): DEMOC001 from Mon 5 Oct 2026 (letter 7 Oct offering
  an FGDM meeting, facilitated; first meeting 19 Oct, one review; stepped down
  16 Nov, outcome B); DEMOC003 from Mon 2 Nov, still open (letter 4 Nov, no
  FGDM offer, first meeting 16 Nov, no reviews yet).
- DEMOC006 (no further action) and DEMOC007 (all before the year) are not reported.

With problems (code: child):
- 1580: DEMO-B01 (a hyphen in the reference).
- 8875 and 2885: DEMOB002 (ICPC on Saturday 10 Oct, plan from Monday 12 Oct).
- 2885 also: DEMOB004 (the episode records only the later conference).
- 8740 and 8675Q: DEMOB003 (enquiry from January 2026 still open).
- 8935 and 8940: DEMOB004 (two open plans).
- 8840: DEMOB005 (a plan that starts and ends on 1 Jun).
- 8525Q: DEMOB006 (no date of birth or expected date).
- 8839, 8890 and 8675Q: DEMOB007 (two open enquiries).
- 2883: four plans start in the year with three conferences on record.
- 8995Q: no child has pre-proceedings recorded.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from app import clock
from app.models import (
    DischargeReason,
    IcpcTimeframe,
    MeetingType,
    PlanCategory,
    PreProceedingsOutcome,
    Sex,
    ThresholdOutcome,
)
from app.services.preproceedings import record_pre_proceedings
from app.services.workspace import create_workspace
from app.storage.workspace import Workspace
from tests.conftest import FIXED_NOW, PASSPHRASE
from tests.helpers.journey_records import JourneyBuilder

D = dt.date


def _open(path: Path) -> Workspace:
    clock.set_clock(lambda: FIXED_NOW)
    workspace = create_workspace(path, PASSPHRASE)
    workspace.actor = "Test Chair"
    return workspace


def build_clean_census(folder: Path) -> Workspace:
    workspace = _open(folder / "clean.macpt")
    with workspace.transaction() as session:
        b = JourneyBuilder(session)
        c1 = b.child("DEMOC001", dob=D(2016, 2, 10), sex=Sex.MALE)
        b.strategy(c1, D(2026, 9, 7))
        b.meeting(c1, MeetingType.REVIEW, D(2026, 9, 14))
        i1 = b.meeting(c1, MeetingType.ICPC, D(2026, 9, 28))
        b.plan(c1, i1, D(2026, 9, 28), PlanCategory.NEGLECT, next_review_due=D(2026, 12, 28))
        b.meeting(c1, MeetingType.RCPC, D(2026, 11, 16))

        c2 = b.child("DEMOC002", dob=None, edd=D(2027, 4, 20), sex=Sex.NOT_KNOWN)
        s2 = b.strategy(c2, D(2026, 11, 2))
        b.timeframe(
            b.meeting(c2, MeetingType.REVIEW, D(2026, 11, 9)),
            s2,
            IcpcTimeframe.NOT_NEEDED,
            reason="Enquiry found the baby will be safe with family support",
        )

        c3 = b.child("DEMOC003", dob=D(2012, 6, 1))
        b.strategy(c3, D(2026, 10, 5), outcome=ThresholdOutcome.S47_SINGLE_AGENCY)
        b.meeting(c3, MeetingType.ICPC, D(2026, 10, 26))

        c4 = b.child("DEMOC004", dob=D(2014, 1, 20), sex=Sex.MALE, opened_on=D(2022, 11, 1))
        b.plan(
            c4,
            None,
            D(2023, 1, 9),
            PlanCategory.NEGLECT,
            end=D(2023, 7, 10),
            end_reason=DischargeReason.NO_LONGER_AT_RISK,
        )
        b.strategy(c4, D(2025, 10, 20))
        i4 = b.meeting(c4, MeetingType.ICPC, D(2025, 11, 10))
        b.plan(
            c4,
            i4,
            D(2025, 11, 10),
            PlanCategory.PHYSICAL_ABUSE,
            latest=PlanCategory.EMOTIONAL_ABUSE,
            end=D(2026, 10, 12),
            end_reason=DischargeReason.NO_LONGER_AT_RISK,
        )
        b.meeting(c4, MeetingType.RCPC, D(2026, 2, 9))
        b.meeting(c4, MeetingType.RCPC, D(2026, 8, 10))
        b.meeting(c4, MeetingType.RCPC, D(2026, 10, 12))

        c5 = b.child("DEMOC005", dob=D(2010, 9, 9))
        i5 = b.meeting(c5, MeetingType.ICPC, D(2026, 6, 8))
        b.plan(c5, i5, D(2026, 6, 8), PlanCategory.SEXUAL_ABUSE, next_review_due=D(2026, 9, 8))

        c6 = b.child("DEMOC006")
        b.strategy(c6, D(2026, 10, 12), outcome=ThresholdOutcome.NFA, threshold_met=False)

        c7 = b.child("DEMOC007", opened_on=D(2025, 2, 1))
        b.strategy(c7, D(2025, 3, 3))
        i7 = b.meeting(c7, MeetingType.ICPC, D(2025, 3, 24))
        b.plan(c7, i7, D(2025, 3, 24), PlanCategory.NEGLECT, end=D(2026, 3, 16))
    record_pre_proceedings(
        workspace,
        case_id=c1.id,
        decided_on=D(2026, 10, 5),
        letter_sent_on=D(2026, 10, 7),
        fgdm_offered=True,
        fgdm_facilitated=True,
        first_meeting_on=D(2026, 10, 19),
        review_meetings=1,
        step_decided_on=D(2026, 11, 16),
        outcome=PreProceedingsOutcome.B,
    )
    record_pre_proceedings(
        workspace,
        case_id=c3.id,
        decided_on=D(2026, 11, 2),
        letter_sent_on=D(2026, 11, 4),
        fgdm_offered=False,
        first_meeting_on=D(2026, 11, 16),
        review_meetings=0,
    )
    return workspace


def build_problem_census(folder: Path) -> Workspace:
    workspace = _open(folder / "problems.macpt")
    with workspace.transaction() as session:
        b = JourneyBuilder(session)
        b1 = b.child("DEMO-B01")
        s1 = b.strategy(b1, D(2026, 9, 7))
        b.timeframe(b.meeting(b1, MeetingType.REVIEW, D(2026, 9, 14)), s1, IcpcTimeframe.NOT_NEEDED)

        b2 = b.child("DEMOB002")
        b.strategy(b2, D(2026, 9, 21))
        i2 = b.meeting(b2, MeetingType.ICPC, D(2026, 10, 10))
        b.plan(b2, i2, D(2026, 10, 12), PlanCategory.NEGLECT)

        b3 = b.child("DEMOB003", opened_on=D(2025, 12, 1))
        b.strategy(b3, D(2026, 1, 5))

        b4 = b.child("DEMOB004")
        first = b.meeting(b4, MeetingType.ICPC, D(2026, 5, 4))
        b.plan(b4, first, D(2026, 5, 4), PlanCategory.NEGLECT)
        second = b.meeting(b4, MeetingType.ICPC, D(2026, 7, 6))
        b.plan(b4, second, D(2026, 7, 6), PlanCategory.PHYSICAL_ABUSE)

        b5 = b.child("DEMOB005")
        i5 = b.meeting(b5, MeetingType.ICPC, D(2026, 6, 1))
        b.plan(b5, i5, D(2026, 6, 1), PlanCategory.NEGLECT, end=D(2026, 6, 1))

        b6 = b.child("DEMOB006", dob=None)
        s6 = b.strategy(b6, D(2026, 9, 7))
        b.timeframe(b.meeting(b6, MeetingType.REVIEW, D(2026, 9, 14)), s6, IcpcTimeframe.NOT_NEEDED)

        b7 = b.child("DEMOB007")
        b.strategy(b7, D(2026, 9, 7))
        b.strategy(b7, D(2026, 10, 5))
    return workspace


PROBLEMS = {
    ("1580", "DEMO-B01"),
    ("8875", "DEMOB002"),
    ("2885", "DEMOB002"),
    ("2885", "DEMOB004"),
    ("8740", "DEMOB003"),
    ("8675Q", "DEMOB003"),
    ("8935", "DEMOB004"),
    ("8940", "DEMOB004"),
    ("8840", "DEMOB005"),
    ("8525Q", "DEMOB006"),
    ("8839", "DEMOB007"),
    ("8890", "DEMOB007"),
    ("8675Q", "DEMOB007"),
    ("2883", ""),
    ("8995Q", ""),
}
