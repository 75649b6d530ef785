"""Demo children in pre-proceedings (the PLO), so the census carries module 5.

- Isla Pretendly (DEMO0401): pre-proceedings that stepped up to care
  proceedings: letter offering an FGDM meeting (held), two reviews, the court
  application and the letter to the parents on the same day.
- Mia Hypothetical (DEMO0402): stepped down after one review; the letter offered
  no FGDM meeting.
- Leo Notreal (DEMO0403): still in pre-proceedings, started by a legal planning
  meeting (``app.services.demo.legal_planning`` holds those meetings).

The dates fall between the start of this census year and today, in order, so
the demo's census export carries three module 5 blocks with no errors.
"""

from __future__ import annotations

import datetime as dt

from app import clock
from app.census.period import census_period
from app.models import LegalDecision, PreProceedingsOutcome, Sex
from app.services import cases
from app.services.demo import legal_planning
from app.services.demo.chairing import CALENDAR
from app.services.preproceedings import list_pre_proceedings, record_pre_proceedings
from app.storage.workspace import Workspace

ADDRESS = "7 Fable Close, Sampletown, ZZ99 4DD"


def add(workspace: Workspace) -> dict[str, int]:
    today = clock.today()
    start = census_period(today).start
    span = (today - start).days

    def day(fraction: float) -> dt.date:
        """A working day about ``fraction`` of the way from the year's start to today
        (moving forward keeps the days in order; none is after today)."""
        found = start + dt.timedelta(days=int(span * fraction))
        while found.weekday() >= 5 and found < today:
            found += dt.timedelta(days=1)
        return found

    children = (
        (
            "DEMO0401",
            "Isla",
            "Pretendly",
            6,
            Sex.FEMALE,
            "Neglect despite a plan; legal advice sought.",
        ),
        ("DEMO0402", "Mia", "Hypothetical", 9, Sex.FEMALE, "Domestic abuse at home."),
        ("DEMO0403", "Leo", "Notreal", 2, Sex.MALE, "Parental substance misuse."),
    )
    opened = start - dt.timedelta(days=60)
    while opened.weekday() >= 5:  # cases open on working days
        opened -= dt.timedelta(days=1)
    made = {}
    for ref, first, last, age, sex, concern in children:
        made[ref] = cases.create_case(
            workspace,
            la_child_ref=ref,
            first_name=first,
            last_name=last,
            date_of_birth=dt.date(today.year - age, 5, 20),
            sex=sex,
            address=ADDRESS,
            concern=concern,
            opened_on=opened,
        ).case_id
    record_pre_proceedings(
        workspace,
        case_id=made["DEMO0401"],
        decided_on=day(0.05),
        letter_sent_on=day(0.08),
        fgdm_offered=True,
        fgdm_facilitated=True,
        first_meeting_on=day(0.15),
        review_meetings=2,
        step_decided_on=day(0.6),
        outcome=PreProceedingsOutcome.A,
        court_application_on=day(0.65),
        proceedings_letter_on=day(0.65),
    )
    record_pre_proceedings(
        workspace,
        case_id=made["DEMO0402"],
        decided_on=day(0.2),
        letter_sent_on=day(0.22),
        fgdm_offered=False,
        first_meeting_on=day(0.3),
        review_meetings=1,
        step_decided_on=day(0.5),
        outcome=PreProceedingsOutcome.B,
    )
    # Leo's pre-proceedings were started by a legal planning meeting; the letter and
    # the first meeting followed it.
    legal_planning.hold(
        workspace,
        made["DEMO0403"],
        day(0.7),
        LegalDecision.START_PRE_PROCEEDINGS,
        legal_planning.START_REASONS,
    )
    [started] = list_pre_proceedings(workspace, case_id=made["DEMO0403"])
    record_pre_proceedings(
        workspace,
        case_id=made["DEMO0403"],
        episode_id=started.id,
        decided_on=day(0.7),
        letter_sent_on=day(0.72),
        fgdm_offered=True,
        fgdm_facilitated=True,
        first_meeting_on=day(0.8),
        review_meetings=0,
    )
    legal_planning.hold(
        workspace,
        made["DEMO0403"],
        today,
        LegalDecision.CONTINUE_PRE_PROCEEDINGS,
        legal_planning.CONTINUE_REASONS,
        end="closed",
    )
    legal_planning.book(workspace, made["DEMO0403"], CALENDAR.add_working_days(today, 20))
    legal_planning.hold(workspace, made["DEMO0402"], today, None, end="open")
    return {"children": len(made)}
